import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { run as verifyIbsiCli } from "../../src/cli/commands/verify-ibsi.js";
import { compareIbsi, formatIbsiReport, IBSI_CONFIGS, ibsiFeatures, ibsiTolerance, readIbsiReference, ibsiResegment, verifyIbsi, type IbsiReport } from "../../src/verify/ibsi.js";
import { readImage } from "../../src/io/read.js";
import { InputError } from "../../src/errors.js";
import { dataRoot } from "../../src/data/registry.js";

const D = `${dataRoot()}/ibsi`;

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

test("IBSI: an unknown configuration is an InputError listing the valid ones (library and CLI)", async () => {
  await assert.rejects(
    verifyIbsi({ reference: `${D}/reference_values/ibsi_1_reference_values_config_B.csv`, image: "x", mask: "y", config: "F" }),
    (err: unknown) => err instanceof InputError && err.message === "unknown IBSI configuration 'F' (use one of digital, A, B, C, D, E)",
  );
  // the CLI refuses it before reading any file
  await assert.rejects(
    verifyIbsiCli(["--reference", "missing.csv", "--image", "x", "--mask", "y", "--config", "c"]),
    (err: unknown) => err instanceof InputError && /unknown IBSI configuration 'c' \(use one of digital, A, B, C, D, E\)/.test(err.message),
  );
  await assert.rejects(verifyIbsiCli(["--image", "x", "--mask", "y", "--config", "A"]), (err: unknown) => err instanceof InputError && /--reference, --image, --mask and --config are required/.test(err.message));
});

test("IBSI CLI: --config C|D|E without --reference says the C–E values are not shipped and names the file", async () => {
  for (const c of ["C", "D", "E"]) {
    await assert.rejects(verifyIbsiCli(["--image", "x", "--mask", "y", "--config", c]), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.match(err.message, new RegExp(`^--config ${c} needs --reference: IBSI's reference values for configurations C–E are not shipped in \\.\\./shared/data`));
      assert.match(err.message, /IBSI publishes them/);
      assert.ok(err.message.endsWith(`--reference ibsi_1_reference_values_config_${c}.csv`), err.message);
      return true;
    });
  }
});

test("IBSI: a reference file for another configuration is an InputError naming the file's configuration", async () => {
  const a = `${D}/reference_values/ibsi_1_reference_values_config_A.csv`;
  // checked before the images are read (they do not exist here)
  await assert.rejects(verifyIbsiCli(["--reference", a, "--image", "x", "--mask", "y", "--config", "B"]), {
    name: "InputError",
    message: `${a}: reference values are for configuration A, not configuration B (--config B); use --config A with this file`,
  });
  const digital = `${D}/reference_values/ibsi_1_reference_values_digital_phantom.csv`;
  await assert.rejects(verifyIbsi({ reference: digital, image: "x", mask: "y", config: "A" }), {
    name: "InputError",
    message: `${digital}: reference values are for digital phantom, not configuration A (--config A); use --config digital with this file`,
  });
  // the matching configuration gets past the check (to the missing image)
  await assert.rejects(verifyIbsi({ reference: a, image: "x", mask: "y", config: "A" }), { name: "InputError", message: "image file not found: x" });
});

test("IBSI report: failure lines print numbers with 6 significant digits, no float noise", () => {
  const report = compareIbsi(
    [{ dataset: "configuration A", family: "Statistics", feature: "f", tag: "stat_x", reference: 0.0001, tolerance: 0.000049999999999999996 }],
    new Map([["stat_x", 0.000212345678912]]),
    "configuration A",
  );
  assert.equal(report.failed, 1);
  assert.match(formatIbsiReport(report), /\n  stat_x: reference 0\.0001 ± 0\.00005, got 0\.000212346\n/);
});

test("IBSI re-segmentation by hand: range, outlier filtering μ ± 3σ (population σ of the ROI), and both", () => {
  // ROI: 15 voxels of 0 and one of 16; the last voxel (1000) lies outside the ROI and is ignored
  const grid = { size: [17, 1, 1] as [number, number, number], spacing: [1, 1, 1] as [number, number, number], origin: [0, 0, 0] as [number, number, number], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const image = { ...grid, data: Float64Array.from([...new Array(15).fill(0), 16, 1000]) };
  const roi = { ...grid, data: Uint8Array.from([...new Array(16).fill(1), 0]) };
  const kept = (config: Parameters<typeof ibsiResegment>[2]) => [...ibsiResegment(image, roi, config).data];
  // μ = 16/16 = 1, σ² = (15·1² + 15²)/16 = 15: μ + 3σ = 1 + 3√15 = 12.62 < 16, μ − 3σ = −10.62 < 0
  assert.deepEqual(kept({ outlierSigma: 3 }), [...new Array(15).fill(1), 0, 0]);
  // σ multiple 4: 1 + 4√15 = 16.49 ≥ 16 keeps it
  assert.deepEqual(kept({ outlierSigma: 4 }), [...new Array(16).fill(1), 0]);
  // range only, bounds inclusive
  assert.deepEqual(kept({ resegment: [0, 15] }), [...new Array(15).fill(1), 0, 0]);
  assert.deepEqual(kept({ resegment: [0, 16] }), [...new Array(16).fill(1), 0]);
  // both (configuration E): [−5, 20] keeps every ROI voxel, μ ± 3σ drops 16
  assert.deepEqual(kept({ resegment: [-5, 20], outlierSigma: 3 }), [...new Array(15).fill(1), 0, 0]);
  // nothing left: PyRadiomics' rule (fewer than 2 voxels) is an InputError
  assert.throws(() => kept({ resegment: [1, 20], outlierSigma: 3 }), (e: unknown) => e instanceof InputError && /IBSI ROI: resegmentation/.test(e.message));
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

/**
 * Key published values of the IBSI-1 CT phantom, configurations C–E (IBSI reference manual, arXiv:1612.07003v11,
 * reference-value tables for the CT phantom; the same values as IBSI's reference-values CSVs): interpolated
 * grid, ROI voxel counts after interpolation / re-segmentation, and a few features per family. Voxel counts and
 * dimensions are asserted exactly (we reproduce the consensus value); features within the IBSI tolerance.
 */
const PUBLISHED_CDE: Record<string, [string, number, number][]> = {
  C: [
    ["int_mask_vox_count_reseg_roi", 45981, 700],
    ["int_mask_max_int_reseg_roi", 393, 10],
    ["morph_volume", 367000, 6000],
    ["stat_mean", -49, 2.9],
    ["ih_max", 56, 0.5],
    ["ivh_i10", 88.8, 0.2],
    ["cm_joint_max_3D_avg", 0.111, 0.002],
    ["szm_sze_3D", 0.695, 0.001],
  ],
  D: [
    ["int_mask_vox_count_reseg_roi", 44465, 800],
    ["int_mask_min_int_reseg_roi", -724, 12],
    ["stat_mean", -23.5, 3.9],
    ["ivh_i10", 87, 0.1],
    ["rlm_sre_3D_avg", 0.734, 0.001],
    ["ngl_dc_entr_3D", 6.98, 0.01],
  ],
  E: [
    ["min_int_interp_img", -1111, 10],
    ["max_int_interp_img", 2637, 30],
    ["int_mask_vox_count_reseg_roi", 44484, 800],
    ["int_mask_max_int_reseg_roi", 345, 9],
    ["stat_mean", -22.6, 4.1],
    ["ivh_i10", 770, 5],
    ["cm_contrast_3D_comb", 11.1, 0.1],
    ["ngt_coarseness_3D", 0.000188, 0.000004],
  ],
};

/** Integer diagnostics we reproduce exactly (voxel counts, interpolated / re-segmented intensity extremes). */
const EXACT = new Set(["int_mask_vox_count_reseg_roi", "int_mask_max_int_reseg_roi", "int_mask_min_int_reseg_roi", "min_int_interp_img", "max_int_interp_img"]);

test("IBSI-1 CT phantom, configurations C, D, E (3D, 2 mm isotropic): grid, voxel counts and key published values", async () => {
  const image = await readImage(`${D}/ct_phantom/nifti/image/phantom.nii.gz`);
  const mask = await readImage(`${D}/ct_phantom/nifti/mask/mask.nii.gz`);
  for (const c of ["C", "D", "E"]) {
    const got = ibsiFeatures(image, mask, IBSI_CONFIGS[c]);
    const value = (tag: string) => {
      const v = got.get(tag);
      assert.ok(typeof v === "number" && Number.isFinite(v), `${c}: ${tag} not computed`);
      return v;
    };
    // ⌈204·0.977/2⌉, ⌈201·0.977/2⌉, ⌈60·3/2⌉ and the ROI after trilinear interpolation, partial volume ≥ 0.5
    assert.deepEqual(["x", "y", "z"].map((a) => value(`img_dim_${a}_interp_img`)), [100, 99, 90], c);
    assert.equal(value("int_mask_vox_count_interp_roi"), 45985, c);
    assert.deepEqual(["x", "y", "z"].map((a) => value(`morph_mask_bb_dim_${a}_interp_roi`)), [49, 49, 40], c);
    for (const [tag, ref, tol] of PUBLISHED_CDE[c]) {
      const v = value(tag);
      if (EXACT.has(tag)) assert.equal(v, ref, `${c} ${tag}`);
      else assert.ok(Math.abs(v - ref) <= ibsiTolerance(ref, tol), `${c} ${tag}: got ${v}, published ${ref} ± ${tol}`);
    }
    // with IBSI's full reference file next to A/B (not shipped here), every tag must match
    const csv = `${D}/reference_values/ibsi_1_reference_values_config_${c}.csv`;
    if (existsSync(csv)) {
      const report = compareIbsi(readIbsiReference(csv), got, c);
      assert.equal(report.failed, 0, formatIbsiReport(report));
    }
  }
});
