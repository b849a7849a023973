import { test } from "node:test";
import assert from "node:assert/strict";
import { formatIbsiReport, ibsiTolerance, readIbsiReference, verifyIbsi, type IbsiReport } from "../../src/verify/ibsi.js";
import { InputError } from "../../src/errors.js";

const D = "/work/shared/data/ibsi";

/** Every IBSI-1 morphology tag with a consensus value (all but the OMBB and MVEE densities, which have none). */
const MORPHOLOGY_TAGS = [
  "morph_volume", "morph_vol_approx", "morph_area_mesh", "morph_av", "morph_comp_1", "morph_comp_2", "morph_sph_dispr",
  "morph_sphericity", "morph_asphericity", "morph_com", "morph_diam", "morph_pca_maj_axis", "morph_pca_min_axis",
  "morph_pca_least_axis", "morph_pca_elongation", "morph_pca_flatness", "morph_vol_dens_aabb", "morph_area_dens_aabb",
  "morph_vol_dens_aee", "morph_area_dens_aee", "morph_vol_dens_conv_hull", "morph_area_dens_conv_hull",
  "morph_integ_int", "morph_moran_i", "morph_geary_c",
];

/**
 * Asserts every morphology tag against its row of the reference CSV (read here, independently of the report):
 * computed, and within the IBSI tolerance (at least half a unit of the 3rd significant digit).
 */
function assertMorphology(report: IbsiReport, csv: string): void {
  const reference = new Map(readIbsiReference(csv).map((r) => [r.tag, r]));
  const actual = new Map(report.rows.map((r) => [r.tag, r.actual]));
  for (const tag of MORPHOLOGY_TAGS) {
    const ref = reference.get(tag);
    assert.ok(ref && ref.reference !== null, `${csv}: no consensus value for ${tag}`);
    const got = actual.get(tag);
    assert.ok(typeof got === "number" && Number.isFinite(got), `${tag} not computed`);
    const tol = ibsiTolerance(ref.reference, ref.tolerance);
    assert.ok(Math.abs(got - ref.reference) <= tol, `${tag}: got ${got}, reference ${ref.reference} ± ${tol}`);
  }
  const morphRows = [...reference.values()].filter((r) => r.family === "Morphology" && r.reference !== null);
  assert.deepEqual(morphRows.map((r) => r.tag).sort(), [...MORPHOLOGY_TAGS].sort(), "morphology tags with a consensus value");
}

/** Tags left uncomputed: only those without a consensus value (OMBB / MVEE densities, ivh_auc). */
function assertOnlyUnreferencedSkipped(report: IbsiReport): void {
  const skipped = report.rows.filter((r) => r.status === "skipped");
  assert.deepEqual(skipped.filter((r) => r.reference !== null).map((r) => r.tag), []);
  assert.deepEqual(
    skipped.map((r) => r.tag).sort(),
    ["ivh_auc", "morph_area_dens_mvee", "morph_area_dens_ombb", "morph_vol_dens_mvee", "morph_vol_dens_ombb"],
  );
}

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
  assert.equal(report.passed, 482);
  assertMorphology(report, `${D}/reference_values/ibsi_1_reference_values_digital_phantom.csv`);
  assertOnlyUnreferencedSkipped(report);
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
  assert.equal(report.passed, 406);
  assertMorphology(report, `${D}/reference_values/ibsi_1_reference_values_config_A.csv`);
  assertOnlyUnreferencedSkipped(report);
});

test("IBSI-1 CT phantom, configuration B (2 mm in-plane bilinear interpolation, FBN 32): all computed tags match", async () => {
  const report = await verifyIbsi({
    reference: `${D}/reference_values/ibsi_1_reference_values_config_B.csv`,
    image: `${D}/ct_phantom/nifti/image/phantom.nii.gz`,
    mask: `${D}/ct_phantom/nifti/mask/mask.nii.gz`,
    config: "B",
  });
  assert.equal(report.failed, 0, formatIbsiReport(report));
  assert.equal(report.passed, 406);
  assertMorphology(report, `${D}/reference_values/ibsi_1_reference_values_config_B.csv`);
  assertOnlyUnreferencedSkipped(report);
});
