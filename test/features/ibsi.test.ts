import { test } from "node:test";
import assert from "node:assert/strict";
import { formatIbsiReport, ibsiTolerance, verifyIbsi } from "../../src/verify/ibsi.js";
import { InputError } from "../../src/errors.js";

const D = "/work/shared/data/ibsi";

test("IBSI tolerance: published tolerance, at least half a unit of the 3rd significant digit", () => {
  assert.equal(ibsiTolerance(556, 4), 4);
  assert.ok(Math.abs(ibsiTolerance(0.0946, 0) - 0.00005) < 1e-15);
  assert.ok(Math.abs(ibsiTolerance(-50, 0) - 0.05) < 1e-12);
});

test("IBSI-1 digital phantom: every computed tag matches the consensus value", async () => {
  const report = await verifyIbsi({
    reference: `${D}/reference_values/ibsi_1_reference_values_digital_phantom.csv`,
    image: `${D}/digital_phantom/nifti/image/phantom.nii.gz`,
    mask: `${D}/digital_phantom/nifti/mask/mask.nii.gz`,
    config: "digital",
  });
  assert.equal(report.failed, 0, formatIbsiReport(report));
  assert.equal(report.passed, 467);
  // what is not computed: mesh-based morphology (volume, area and what derives from them), ivh_auc has no value
  const skipped = report.rows.filter((r) => r.status === "skipped").map((r) => r.tag);
  assert.ok(skipped.every((t) => t.startsWith("morph_") || t === "ivh_auc"), skipped.join(", "));
});

test("IBSI configurations needing interpolation are refused with the reason", async () => {
  await assert.rejects(
    verifyIbsi({ reference: `${D}/reference_values/ibsi_1_reference_values_config_B.csv`, image: "x", mask: "y", config: "C" }),
    (err: unknown) => err instanceof InputError && /configuration C: needs IBSI trilinear interpolation/.test(err.message),
  );
});

test("IBSI-1 CT phantom, configuration A (2D, re-segmented [−500, 400] HU, FBS 25 HU): all computed tags match", async () => {
  const report = await verifyIbsi({
    reference: `${D}/reference_values/ibsi_1_reference_values_config_A.csv`,
    image: `${D}/ct_phantom/nifti/image/phantom.nii.gz`,
    mask: `${D}/ct_phantom/nifti/mask/mask.nii.gz`,
    config: "A",
  });
  assert.equal(report.failed, 0, formatIbsiReport(report));
  assert.equal(report.passed, 389);
  const skipped = report.rows.filter((r) => r.status === "skipped").map((r) => r.tag);
  // mesh-based morphology, Moran/Geary (O(Nv²) over 114 596 voxels) and ivh_auc (no consensus value)
  assert.ok(skipped.every((t) => t.startsWith("morph_") || t === "ivh_auc"), skipped.join(", "));
});

test("IBSI-1 CT phantom, configuration B (2 mm in-plane bilinear interpolation, FBN 32): all computed tags match", async () => {
  const report = await verifyIbsi({
    reference: `${D}/reference_values/ibsi_1_reference_values_config_B.csv`,
    image: `${D}/ct_phantom/nifti/image/phantom.nii.gz`,
    mask: `${D}/ct_phantom/nifti/mask/mask.nii.gz`,
    config: "B",
  });
  assert.equal(report.failed, 0, formatIbsiReport(report));
  assert.equal(report.passed, 389);
  const skipped = report.rows.filter((r) => r.status === "skipped").map((r) => r.tag);
  assert.ok(skipped.every((t) => t.startsWith("morph_") || t === "ivh_auc"), skipped.join(", "));
});
