import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run as extract } from "../../src/cli/commands/extract.js";
import { parseParams, paramsWarnings } from "../../src/extract/params.js";
import { formatReport, parseCsv, withinTolerance, type CheckRow } from "../../src/verify/pyradiomics.js";
import { BASELINE, PYRAD } from "./helpers.js";

test("extract CLI: breast1 with a params file writes PyRadiomics' values for the old default column", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tsr-extract-"));
  const params = join(dir, "p.yaml");
  // settings of the baseline column `breast1` (PyRadiomics 1.3: voxelArrayShift 2000, minimumROIDimensions 1)
  writeFileSync(params, "setting:\n  binWidth: 25\n  voxelArrayShift: 2000\n  minimumROIDimensions: 1\n  interpolator: null\nfeatureClass:\n  firstorder:\n  glcm:\n");
  const out = join(dir, "f.csv");
  const code = await extract(["--image", `${PYRAD}/breast1_image.nrrd`, "--mask", `${PYRAD}/breast1_label.nrrd`, "--params", params, "--out", out]);
  assert.equal(code, 0);
  const [header, row] = parseCsv(readFileSync(out, "utf8"));
  assert.equal(header[0], "Image");
  const got = new Map(header.map((h, k) => [h, row[k]]));
  for (const cls of ["firstorder", "glcm"]) {
    const rows = parseCsv(readFileSync(`${BASELINE}/baseline_${cls}.csv`, "utf8"));
    const col = rows[0].indexOf("breast1");
    let n = 0;
    for (const r of rows) {
      if (!r[0].startsWith("original_")) continue;
      assert.ok(withinTolerance(Number(got.get(r[0])), Number(r[col])), `${r[0]}: ${got.get(r[0])} vs ${r[col]}`);
      n++;
    }
    assert.ok(n >= 18);
  }
  assert.equal(header.filter((h) => h.startsWith("original_shape")).length, 0); // only the listed classes
});

test("extract CLI: an unknown feature name is an InputError naming the valid ones", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tsr-extract-"));
  const params = join(dir, "bad.yaml");
  writeFileSync(params, "featureClass:\n  ngtdm: [Coarsenes]\n");
  await assert.rejects(
    extract(["--image", `${PYRAD}/breast1_image.nrrd`, "--mask", `${PYRAD}/breast1_label.nrrd`, "--params", params]),
    /unknown feature 'Coarsenes' in class ngtdm; valid features: Busyness, Coarseness, Complexity, Contrast, Strength/,
  );
});

test("verify pyradiomics CLI: exit 0 and last line 'N passed, 0 failed' (breast1 default column)", () => {
  const script = `import { main } from "./src/cli/main.ts"; process.exitCode = await main(${JSON.stringify(["verify", "pyradiomics", "--baseline", BASELINE, "--images", PYRAD, "--column", "^breast1$"])});`;
  const res = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(res.status, 0, res.stderr);
  const last = res.stdout.trim().split("\n").at(-1)!;
  assert.match(last, /^\d+ passed, 0 failed$/);
  assert.ok(Number(last.split(" ")[0]) >= 100, last);
});

test("extract CLI: a missing mask is reported as the mask file, a missing image as the image file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tsr-extract-"));
  const nope = join(dir, "nope.nrrd");
  await assert.rejects(extract(["--image", `${PYRAD}/breast1_image.nrrd`, "--mask", nope]), (err: Error) => {
    assert.equal(err.name, "InputError");
    assert.equal(err.message, `mask file not found: ${nope}`);
    return true;
  });
  await assert.rejects(extract(["--image", nope, "--mask", `${PYRAD}/breast1_label.nrrd`]), { name: "InputError", message: `image file not found: ${nope}` });
});

test("extract CLI: --out in a missing folder is an InputError naming the folder, raised before any extraction", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tsr-extract-"));
  const out = join(dir, "nodir", "x.csv");
  const started = performance.now();
  // the image does not exist either: the --out check must come first
  await assert.rejects(extract(["--image", join(dir, "none.nrrd"), "--mask", join(dir, "none.nrrd"), "--out", out]), {
    name: "InputError",
    message: `--out folder does not exist: ${join(dir, "nodir")}`,
  });
  assert.ok(performance.now() - started < 1000);
});

test("verify pyradiomics report: known version differences do not count towards the max deviation", () => {
  const row = (status: CheckRow["status"], expected: number, actual: number): CheckRow => ({ column: "brain1", featureClass: "shape", feature: "f", expected, actual, status });
  const rows = [row("passed", 100, 100 + 2e-9), row("known-difference", 100, 100.0914), row("skipped", 1, 5)];
  const text = formatReport({ rows, passed: 1, failed: 0, skipped: 1, knownDifferences: 1 });
  assert.match(text, /^shape\s+1\s+0\s+1  2\.00e-11$/m);
  // a failed row does count
  const failed = formatReport({ rows: [...rows, row("failed", 10, 11)], passed: 1, failed: 1, skipped: 1, knownDifferences: 1 });
  assert.match(failed, /^shape\s+1\s+1\s+1  1\.00e-1$/m);
});

/** Runs `tsradiomics <argv>` in a child process (stderr captured). */
function cli(argv: string[]) {
  const script = `import { main } from "./src/cli/main.ts"; process.exitCode = await main(${JSON.stringify(argv)});`;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
}

test("params warnings: LoG without sigma warns; a sigma in the image type or in setting does not", () => {
  assert.deepEqual(paramsWarnings(parseParams("imageType:\n  LoG: {}\n"), "p.yaml"), [
    "p.yaml: imageType LoG has no sigma values specified (setting 'sigma', e.g. [1.0, 3.0]), so no LoG features are computed",
  ]);
  assert.equal(paramsWarnings(parseParams("imageType:\n  LoG: {sigma: []}\n")).length, 1);
  assert.deepEqual(paramsWarnings(parseParams("imageType:\n  LoG: {sigma: [2.0]}\n")), []);
  assert.deepEqual(paramsWarnings(parseParams("setting:\n  sigma: [2.0]\nimageType:\n  LoG: {}\n")), []);
  assert.deepEqual(paramsWarnings(parseParams("imageType:\n  Original: {}\n")), []);
});

test("extract CLI: imageType LoG without sigma prints a warning on stderr (and still writes the original features)", () => {
  const dir = mkdtempSync(join(tmpdir(), "tsr-extract-"));
  const params = join(dir, "log.yaml");
  writeFileSync(params, "imageType:\n  Original: {}\n  LoG: {}\nfeatureClass:\n  firstorder: [Mean]\n");
  const out = join(dir, "f.csv");
  const res = cli(["extract", "--image", `${PYRAD}/breast1_image.nrrd`, "--mask", `${PYRAD}/breast1_label.nrrd`, "--params", params, "--out", out]);
  assert.equal(res.status, 0, res.stderr);
  assert.match(res.stderr, /^tsradiomics extract: warning: .*log\.yaml: imageType LoG has no sigma values specified/m);
  const [header] = parseCsv(readFileSync(out, "utf8"));
  assert.deepEqual(header.filter((h) => !h.startsWith("diagnostics_")), ["Image", "Mask", "original_firstorder_Mean"]);
  assert.match(res.stderr, new RegExp(`^wrote ${header.length} columns to `, "m"));
});
