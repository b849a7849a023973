import { test } from "node:test";
import assert from "node:assert/strict";
import { formatReport, verifyPyradiomics, withinTolerance, parseCsv } from "../../src/verify/pyradiomics.js";
import { BASELINE, PYRAD } from "./helpers.js";

test("tolerance rule: 1e-6 relative, 1e-10 absolute near zero", () => {
  assert.ok(withinTolerance(1.0000009, 1));
  assert.ok(!withinTolerance(1.000002, 1));
  assert.ok(withinTolerance(5e-11, 0));
  assert.ok(!withinTolerance(1e-9, 0));
});

test("CSV reader keeps quoted commas", () => {
  assert.deepEqual(parseCsv('a,"(1, 2)",b\n"x""y",,z\n'), [["a", "(1, 2)", "b"], ['x"y', "", "z"]]);
});

test("every PyRadiomics baseline column of brain1 / breast1 reproduces (all classes, all settings)", async () => {
  const report = await verifyPyradiomics({ baselineDir: BASELINE, imagesDir: PYRAD });
  const failures = report.rows.filter((r) => r.status === "failed");
  assert.equal(failures.length, 0, formatReport(report));
  // 8 intensity/texture columns per case × features; only mesh shape values and the 2D cases are skipped.
  assert.equal(report.passed, 1314);
  const skippedReasons = new Set(report.rows.filter((r) => r.status === "skipped").map((r) => r.reason));
  for (const reason of skippedReasons) assert.match(String(reason), /marching-cubes triangle table|_2D_image\.nrrd/);
  assert.match(formatReport(report).split("\n").at(-1)!, /^1314 passed, 0 failed$/);
});
