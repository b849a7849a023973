import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError } from "../../src/errors.js";
import { computeFeatures } from "../../src/extract/extractor.js";
import { normaliseParams, parseParams } from "../../src/extract/params.js";
import { computeGlcm } from "../../src/features/glcm.js";
import { synthetic, roiOf } from "./helpers.js";

const errorListing = (pattern: RegExp, ...names: string[]) => (err: unknown) => {
  assert.ok(err instanceof InputError, `expected InputError, got ${err}`);
  assert.match(err.message, pattern);
  for (const n of names) assert.ok(err.message.includes(n), `message should list '${n}': ${err.message}`);
  return true;
};

test("params: unknown setting / feature / class / image type are InputErrors listing the valid names", () => {
  assert.throws(() => parseParams("setting:\n  binWidht: 10\n", "p.yaml"), errorListing(/p\.yaml setting: unknown setting 'binWidht'/, "binWidth", "resampledPixelSpacing"));
  assert.throws(() => parseParams('{"featureClass": {"glcm": ["Contrast", "Contrst"]}}', "p.json"), errorListing(/unknown feature 'Contrst' in class glcm/, "Contrast", "ClusterShade", "MCC"));
  assert.throws(() => normaliseParams({ featureClass: { texture: null } }), errorListing(/unknown feature class 'texture'/, "glcm", "ngtdm", "shape"));
  assert.throws(() => normaliseParams({ imageType: { Sobel: {} } }), errorListing(/unknown imageType 'Sobel'/, "Original"));
  assert.throws(() => normaliseParams({ imageType: { Original: { binWidht: 3 } } }), errorListing(/imageType Original: unknown setting 'binWidht'/, "binWidth"));
  assert.throws(() => parseParams("setting: [1, 2", "broken.yaml"), /broken\.yaml: not valid YAML/);
});

/** 5×5×5 image, 3×3×3 ROI in the middle, value 100 everywhere: a single grey level. */
function flatCube() {
  const n = 125;
  const mask = new Array(n).fill(0);
  for (let z = 1; z < 4; z++) for (let y = 1; y < 4; y++) for (let x = 1; x < 4; x++) mask[x + 5 * (y + 5 * z)] = 1;
  return synthetic([5, 5, 5], new Array(n).fill(100), mask);
}

test("flat ROI (one grey level): PyRadiomics' defined values, no NaN", async () => {
  const { image, mask } = flatCube();
  const f = await computeFeatures(image, mask, normaliseParams({}));
  for (const [k, v] of f) if (typeof v === "number") assert.ok(Number.isFinite(v), `${k} = ${v}`);
  const expect: Record<string, number> = {
    original_firstorder_Variance: 0,
    original_firstorder_Skewness: 0,
    original_firstorder_Kurtosis: 0,
    original_firstorder_Uniformity: 1,
    original_firstorder_Energy: 27 * 100 * 100,
    original_glcm_Contrast: 0,
    original_glcm_Correlation: 1, // σx σy = 0 → 1
    original_glcm_MCC: 1, // one grey level → 1
    original_glcm_Imc1: 0,
    original_glcm_Imc2: 0,
    original_glcm_JointAverage: 1,
    original_glcm_JointEnergy: 1,
    original_ngtdm_Coarseness: 1e6, // Σ p s = 0 → 10⁶
    original_ngtdm_Contrast: 0,
    original_ngtdm_Busyness: 0,
    original_ngtdm_Strength: 0,
    original_glszm_LargeAreaEmphasis: 27 * 27, // one zone of 27 voxels
    original_glszm_ZonePercentage: 1 / 27,
    // dependences: 8 corners with 7 neighbours, 12 edges 11, 6 faces 17, centre 26 → j = 8, 12, 18, 27
    original_gldm_LargeDependenceEmphasis: (8 * 64 + 12 * 144 + 6 * 324 + 729) / 27,
    original_shape_VoxelVolume: 27,
    original_shape_Elongation: 1,
  };
  for (const [k, v] of Object.entries(expect)) assert.ok(Math.abs((f.get(k) as number) - v) <= 1e-12 * Math.max(1, Math.abs(v)), `${k}: ${f.get(k)} ≠ ${v}`);
  assert.ok(Math.abs(f.get("original_firstorder_Entropy") as number) < 1e-15);
});

/** 5×5×5 image with a 5×5 single-slice ROI at z = 2, varied values. */
function slab() {
  const mask = new Array(125).fill(0);
  for (let y = 0; y < 5; y++) for (let x = 0; x < 5; x++) mask[x + 5 * (y + 5 * 2)] = 1;
  return synthetic([5, 5, 5], Array.from({ length: 125 }, (_, i) => (i * 37) % 101), mask);
}

test("ROI one voxel thick: in-plane angles only, zero least axis, finite features", async () => {
  const { image, mask } = slab();
  const f = await computeFeatures(image, mask, normaliseParams({ setting: { binWidth: 10 } }));
  for (const [k, v] of f) if (typeof v === "number") assert.ok(Number.isFinite(v), `${k} = ${v}`);
  assert.equal(f.get("original_shape_LeastAxisLength"), 0);
  assert.equal(f.get("original_shape_Flatness"), 0);
  assert.equal(f.get("original_shape_VoxelVolume"), 25);
  // no offset along z fits a 1-slice ROI: 4 of the 13 directions remain
  assert.equal(computeGlcm(roiOf(image, mask, 10)).na, 4);
});

test("2D image (one slice): extraction works, shape2D from the marching-squares contour", async () => {
  const mask = new Array(36).fill(0);
  for (let y = 0; y < 5; y++) for (let x = 0; x < 5; x++) mask[x + 6 * y] = 1;
  const { image, mask: m } = synthetic([6, 6, 1], Array.from({ length: 36 }, (_, i) => (i * 13) % 29), mask, [0.5, 0.5, 3]);
  const f = await computeFeatures(image, m, normaliseParams({ setting: { force2D: true, binWidth: 5 }, featureClass: { shape2D: null, glcm: null, firstorder: null } }));
  for (const [k, v] of f) if (typeof v === "number") assert.ok(Number.isFinite(v), `${k} = ${v}`);
  const px = 0.25; // 0.5 × 0.5 mm pixels
  assert.equal(f.get("original_shape2D_PixelSurface"), 25 * px);
  // 5×5 square: 16 full squares, 16 half squares on the sides, 4 corner eighths → 24.5 pixels of area
  assert.ok(Math.abs((f.get("original_shape2D_MeshSurface") as number) - 24.5 * px) < 1e-12);
  // perimeter: 16 straight cuts of 0.5 mm + 4 corner cuts of √(0.25² + 0.25²)
  assert.ok(Math.abs((f.get("original_shape2D_Perimeter") as number) - (16 * 0.5 + 4 * Math.hypot(0.25, 0.25))) < 1e-12);
});

test("shape2D on a multi-slice ROI is an InputError", async () => {
  const { image, mask } = flatCube();
  await assert.rejects(computeFeatures(image, mask, normaliseParams({ featureClass: { shape2D: null } })), /shape2D: the ROI spans 3 slices/);
});

test("NGTDM: an isolated ROI voxel counts in n_i with difference 0 (PyRadiomics' C code)", async () => {
  const { computeNgtdm } = await import("../../src/features/ngtdm.js");
  // 5×1×1 line: levels 1 1 . . 2 — voxel 4 has no ROI neighbour
  const roi = { size: [5, 1, 1] as [number, number, number], spacing: [1, 1, 1] as [number, number, number], levels: Int32Array.from([1, 1, 0, 0, 2]), mask: Uint8Array.from([1, 1, 0, 0, 1]) };
  const m = computeNgtdm(roi, { force2D: true });
  assert.deepEqual(Array.from(m.p), [2, 0, 1, 1, 0, 2]);
});

test("resegmentation: shape uses the non-resegmented mask cropped to the resegmented box (PyRadiomics)", async () => {
  // 4×4 single slice, all in the ROI; column x = 3 is bright and falls outside resegmentRange [0, 100]
  const values = Array.from({ length: 16 }, (_, i) => (i % 4 === 3 ? 1000 : 10 + i));
  const { image, mask } = synthetic([4, 4, 1], values, new Array(16).fill(1));
  const f = await computeFeatures(image, mask, normaliseParams({ setting: { resegmentRange: [0, 100] }, featureClass: { shape: ["VoxelVolume"], firstorder: ["Maximum"] } }));
  assert.equal(f.get("original_firstorder_Maximum"), 24); // 10 + 14: the bright column is resegmented away
  assert.equal(f.get("original_shape_VoxelVolume"), 12); // 16 shape voxels, 4 of them outside the 3×4 box
});
