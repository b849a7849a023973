import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { readCasesCsv } from "../../src/batch/cases.js";
import { parseCsv } from "../../src/batch/csv.js";
import { readImage } from "../../src/io/read.js";
import { CLINICAL_COLUMNS, SIMULATED_LABEL, simulatePaperCohort, simulatePatientImages, writeSimulatedCohort } from "../../src/sim/paper-cohort.js";

const root = mkdtempSync(join(tmpdir(), "tsr-sim-"));
after(() => rmSync(root, { recursive: true, force: true }));

/** Every file under `dir` (relative path → bytes). */
function tree(dir: string, prefix = ""): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of tree(dir, rel)) out.set(k, v);
    else out.set(rel, readFileSync(join(dir, rel)));
  }
  return out;
}

const cohort = simulatePaperCohort({ n: 2 });
const expectedFiles = [
  "README.md", "cases.csv", "clinical.csv", "manifest.json", "truth.csv",
  ...["SIM_001", "SIM_002"].flatMap((id) => ["mask", "phase0", "phase1", "phase2", "sub1"].map((f) => `${id}/${f}.nrrd`)),
].sort();

test("same seed → byte-identical folders; rewriting skips every file; another seed differs", async () => {
  const a = join(root, "a");
  const b = join(root, "b");
  const first = await writeSimulatedCohort(cohort, a);
  assert.deepEqual([...first.written].sort(), expectedFiles);
  await writeSimulatedCohort(simulatePaperCohort({ n: 2 }), b);
  const ta = tree(a);
  const tb = tree(b);
  assert.deepEqual([...ta.keys()].sort(), expectedFiles);
  for (const [k, v] of ta) assert.ok(v.equals(tb.get(k)!), `${k} differs between runs`);

  const mtimes = new Map([...ta.keys()].map((k) => [k, statSync(join(a, k)).mtimeMs]));
  const again = await writeSimulatedCohort(cohort, a);
  assert.deepEqual(again.written, []);
  assert.equal(again.skipped.length, expectedFiles.length);
  for (const [k, t] of mtimes) assert.equal(statSync(join(a, k)).mtimeMs, t, `${k} was rewritten`);

  // A damaged image is detected through its file hash and rewritten (only it).
  writeFileSync(join(a, "SIM_002/mask.nrrd"), "broken");
  const repaired = await writeSimulatedCohort(cohort, a);
  assert.deepEqual(repaired.written, ["SIM_002/mask.nrrd"]);
  assert.ok(readFileSync(join(a, "SIM_002/mask.nrrd")).equals(tb.get("SIM_002/mask.nrrd")!));

  const c = join(root, "c");
  await writeSimulatedCohort(simulatePaperCohort({ n: 2, seed: 99 }), c);
  const tc = tree(c);
  for (const k of ["SIM_001/phase1.nrrd", "SIM_001/mask.nrrd", "clinical.csv"]) assert.ok(!ta.get(k)!.equals(tc.get(k)!), `${k} same for another seed`);
});

test("written images read back with the same voxels and geometry; CSVs are batch-ready", async () => {
  const a = join(root, "a");
  if (!tree(a).size) await writeSimulatedCohort(cohort, a);
  const im = simulatePatientImages(cohort, 1);
  const sub = await readImage(join(a, "SIM_002/sub1.nrrd"));
  const mask = await readImage(join(a, "SIM_002/mask.nrrd"));
  assert.deepEqual(Array.from(sub.data), Array.from(im.sub1.data));
  assert.deepEqual(Array.from(mask.data), Array.from(im.mask.data));
  assert.ok(sub.data instanceof Int16Array && mask.data instanceof Uint8Array);
  assert.deepEqual(sub.size, im.sub1.size);
  for (let k = 0; k < 3; k++) {
    assert.ok(Math.abs(sub.spacing[k] - im.sub1.spacing[k]) < 1e-9);
    assert.ok(Math.abs(sub.origin[k] - im.sub1.origin[k]) < 1e-9);
  }
  assert.deepEqual(Array.from(sub.direction), im.sub1.direction);

  const cases = readCasesCsv(join(a, "cases.csv"));
  assert.deepEqual(cases.columns, ["Image", "Mask", "patient_id"]);
  assert.deepEqual(cases.cases.map((c) => c.id), ["SIM_001", "SIM_002"]);
  assert.equal(cases.cases[1].image, join(a, "SIM_002/sub1.nrrd"));
  assert.equal(cases.cases[1].mask, join(a, "SIM_002/mask.nrrd"));

  const [header, ...rows] = parseCsv(readFileSync(join(a, "clinical.csv"), "utf8")).filter((r) => r.join("") !== "");
  assert.deepEqual(header, [...CLINICAL_COLUMNS]);
  assert.equal(rows.length, 2);
  cohort.patients.forEach((p, i) => CLINICAL_COLUMNS.forEach((c, k) => assert.equal(rows[i][k], String(p.clinical[c]), `${c}`)));
  assert.ok(readFileSync(join(a, "README.md"), "utf8").startsWith(`# ${SIMULATED_LABEL}`));

  // truth.csv: rendered lesion of SIM_002 — voxel count from its mask, diameter ≤ the target.
  const [th, ...tr] = parseCsv(readFileSync(join(a, "truth.csv"), "utf8")).filter((r) => r.join("") !== "");
  const col = (name: string) => th.indexOf(name);
  assert.equal(tr[1][col("patient_id")], "SIM_002");
  assert.equal(Number(tr[1][col("mask_voxels")]), im.mask.data.reduce((s, v) => s + v, 0));
  assert.ok(Number(tr[1][col("rendered_diameter_mm")]) <= Number(tr[1][col("lesion_diameter_mm")]) + 1e-3);
  assert.equal(Number(tr[1][col("imn_metastasis")]), cohort.patients[1].clinical.imn_metastasis);
});
