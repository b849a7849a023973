/**
 * `tsradiomics batch` / `merge` end to end: a batch killed mid-run resumes from its cache; the real
 * extractor on PyRadiomics' breast1 and brain1 cases (plus a missing one) gives byte-identical CSVs with
 * --jobs 1 and --jobs 2, records the failure and exits 3; shards merge to the unsharded CSV.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parseCsv } from "../../src/batch/csv.js";
import { run as batch } from "../../src/cli/commands/batch.js";
import { run as extract } from "../../src/cli/commands/extract.js";
import { run as merge } from "../../src/cli/commands/merge.js";
import { fakeCohort, tempDir } from "./helpers.js";
import { dataRoot } from "../../src/data/registry.js";

const ROOT = join(import.meta.dirname, "../..");
const PYRAD = join(dataRoot(), "pyradiomics");
const FAKE = `${join(import.meta.dirname, "fixtures/fake-runner.ts")}#fakeCase`;

/** Runs a command with the fake runner selected through the CLI's test hook. */
async function withFakeRunner<T>(fn: () => Promise<T>): Promise<T> {
  process.env.TSRADIOMICS_BATCH_RUNNER = FAKE;
  try {
    return await fn();
  } finally {
    delete process.env.TSRADIOMICS_BATCH_RUNNER;
  }
}

test("a batch killed mid-run (SIGKILL) resumes: finished cases are not recomputed, output equals an uninterrupted run", async () => {
  const dir = tempDir("kill");
  const csv = fakeCohort(dir, 6);
  const logFile = join(dir, "computed.log");
  const params = join(dir, "params.json");
  writeFileSync(params, JSON.stringify({ delayMs: 250, logFile }));
  const out = join(dir, "features.csv");
  const cacheDir = `${out}.cache`;
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures/cli.ts"), "batch", "--input", csv, "--params", params, "--out", out, "--jobs", "1"], {
    cwd: ROOT,
    env: { ...process.env, TSRADIOMICS_BATCH_RUNNER: FAKE },
    stdio: "ignore",
  });
  const entries = () => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.endsWith(".json")) : []);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (entries().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  child.kill("SIGKILL");
  assert.equal(await exited, null, "the child was killed, not finished");
  const finishedBeforeKill = entries().length;
  assert.ok(finishedBeforeKill >= 2 && finishedBeforeKill < 6, `${finishedBeforeKill} cases cached at the kill`);
  assert.equal(existsSync(out), false, "no output was written by the killed run");
  const computedBefore = readFileSync(logFile, "utf8").trim().split("\n");

  const code = await withFakeRunner(() => batch(["--input", csv, "--params", params, "--out", out, "--jobs", "2"]));
  assert.equal(code, 0);
  const computedAfter = readFileSync(logFile, "utf8").trim().split("\n").slice(computedBefore.length);
  // The rerun computed only cases without a cache entry: 6 − cached.
  assert.equal(computedAfter.length, 6 - finishedBeforeKill);
  for (const name of computedAfter) assert.equal(computedBefore.filter((n) => n === name).length <= 1, true);
  // Same bytes as a run that was never interrupted.
  const fresh = join(dir, "fresh.csv");
  assert.equal(await withFakeRunner(() => batch(["--input", csv, "--params", params, "--out", fresh, "--jobs", "1", "--no-cache"])), 0);
  assert.equal(readFileSync(out, "utf8"), readFileSync(fresh, "utf8"));
});

test("real extraction: breast1, brain1 and a missing image; --jobs 1 and --jobs 2 byte-identical; failure recorded, exit 3", async () => {
  const dir = tempDir("real");
  const params = join(dir, "params.yaml");
  writeFileSync(
    params,
    "setting:\n  binWidth: 25\n  label: 1\n  voxelArrayShift: 2000\nimageType:\n  Original: {}\nfeatureClass:\n  firstorder:\n",
  );
  const csv = join(dir, "cases.csv");
  writeFileSync(
    csv,
    [
      "Patient,Image,Mask",
      `breast1,${join(PYRAD, "breast1_image.nrrd")},${join(PYRAD, "breast1_label.nrrd")}`,
      `ghost,${join(PYRAD, "no_such_image.nrrd")},${join(PYRAD, "breast1_label.nrrd")}`,
      `brain1,${join(PYRAD, "brain1_image.nrrd")},${join(PYRAD, "brain1_label.nrrd")}`,
    ].join("\n"),
  );
  const outs: string[] = [];
  for (const jobs of ["1", "2"]) {
    const out = join(dir, `features-j${jobs}.csv`);
    assert.equal(await batch(["--input", csv, "--params", params, "--out", out, "--jobs", jobs, "--no-cache"]), 3);
    outs.push(readFileSync(out, "utf8"));
    const failures = readFileSync(`${out}.failures.csv`, "utf8");
    assert.match(failures, /^row,id,Patient,Image,Mask,error\n2,ghost,ghost,/);
    assert.match(failures, /no_such_image\.nrrd/);
  }
  assert.equal(outs[1], outs[0]);
  const [header, ...rows] = parseCsv(outs[0]);
  assert.deepEqual(header.slice(0, 3), ["Patient", "Image", "Mask"]);
  assert.deepEqual(rows.map((r) => r[0]), ["breast1", "brain1"]);
  // PyRadiomics' committed baseline (baseline_firstorder.csv, columns breast1 / brain1)
  const mean = header.indexOf("original_firstorder_Mean");
  assert.ok(mean > 0);
  assert.ok(Math.abs(Number(rows[0][mean]) - 131.12587412587413) < 1e-9);
  assert.ok(Math.abs(Number(rows[1][mean]) - 825.2354363065023) < 1e-9);
});

test("batch --shard 1/2 and 2/2 merged equal the unsharded run", async () => {
  const dir = tempDir("cli-shard");
  const csv = fakeCohort(dir, 5, [2]);
  const params = join(dir, "params.json");
  writeFileSync(params, "{}");
  const whole = join(dir, "whole.csv");
  await withFakeRunner(async () => {
    assert.equal(await batch(["--input", csv, "--params", params, "--out", whole, "--jobs", "1", "--no-cache"]), 3);
    for (const i of [2, 1]) {
      await batch(["--input", csv, "--params", params, "--out", join(dir, `s${i}.csv`), "--jobs", "1", "--shard", `${i}/2`, "--no-cache"]);
    }
  });
  const merged = join(dir, "merged.csv");
  assert.equal(await merge(["--out", merged, join(dir, "s2.csv"), join(dir, "s1.csv")]), 0);
  assert.equal(readFileSync(merged, "utf8"), readFileSync(whole, "utf8"));
  await assert.rejects(() => batch(["--input", csv, "--params", params]), /missing --out/);
  await assert.rejects(() => batch(["--input", csv, "--params", join(dir, "nope.yaml"), "--out", merged]), /--params file not found/);
});

test("batch: a misspelt setting is the same InputError as extract gives, before any case runs; nothing written", async () => {
  const dir = tempDir("badparams");
  const params = join(dir, "params.yaml");
  writeFileSync(params, "setting:\n  binWidht: 25\n");
  const csv = join(dir, "cases.csv");
  writeFileSync(csv, `Image,Mask\n${join(PYRAD, "breast1_image.nrrd")},${join(PYRAD, "breast1_label.nrrd")}\n`);
  const out = join(dir, "features.csv");
  const expected = /^\/.*params\.yaml setting: unknown setting 'binWidht'; valid settings: minimumROIDimensions, /;
  await assert.rejects(() => batch(["--input", csv, "--params", params, "--out", out, "--jobs", "0"]), { name: "InputError", message: expected });
  await assert.rejects(() => extract(["--image", join(PYRAD, "breast1_image.nrrd"), "--mask", join(PYRAD, "breast1_label.nrrd"), "--params", params]), {
    name: "InputError",
    message: expected,
  });
  assert.deepEqual(readdirSync(dir).sort(), ["cases.csv", "params.yaml"]);
});

test("batch: imageType LoG without sigma is warned about once, before the cases run", () => {
  const dir = tempDir("logwarn");
  const params = join(dir, "params.yaml");
  writeFileSync(params, "imageType:\n  LoG: {}\nfeatureClass:\n  firstorder: [Mean]\n");
  const csv = join(dir, "cases.csv");
  const row = `${join(PYRAD, "breast1_image.nrrd")},${join(PYRAD, "breast1_label.nrrd")}`;
  writeFileSync(csv, `Image,Mask\n${row}\n${row}\n`);
  const argv = ["batch", "--input", csv, "--params", params, "--out", join(dir, "f.csv"), "--jobs", "0", "--no-cache"];
  const script = `import { main } from "./src/cli/main.ts"; process.exitCode = await main(${JSON.stringify(argv)});`;
  const res = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
  assert.equal(res.status, 0, res.stderr);
  const warnings = res.stderr.split("\n").filter((l) => l.startsWith("tsradiomics batch: warning:"));
  assert.deepEqual(warnings, [`tsradiomics batch: warning: ${params}: imageType LoG has no sigma values specified (setting 'sigma', e.g. [1.0, 3.0]), so no LoG features are computed`]);
});
