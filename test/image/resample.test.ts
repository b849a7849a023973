import { test } from "node:test";
import assert from "node:assert/strict";
import { resampleToGrid, bsplineCoefficients } from "../../src/image/resample.js";
import { normalizeImage, prepareCase, pyradiomicsResampleGrid, resegmentMask } from "../../src/image/preprocess.js";
import type { Image3D, Mask3D, Vec3 } from "../../src/image/types.js";

/** A smooth-but-irregular test volume (deterministic). */
function volume(size: Vec3, f: (x: number, y: number, z: number) => number, spacing: Vec3 = [1, 1, 1]): Image3D<Float64Array> {
  const data = new Float64Array(size[0] * size[1] * size[2]);
  let i = 0;
  for (let z = 0; z < size[2]; z++) for (let y = 0; y < size[1]; y++) for (let x = 0; x < size[0]; x++) data[i++] = f(x, y, z);
  return { data, size, spacing, origin: [-3, 4, 10], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
}
const wiggly = (x: number, y: number, z: number) => Math.sin(x * 1.3) * 50 + Math.cos(y * 0.7 + z) * 30 + ((x * 7 + y * 3 + z * 11) % 5);

test("cubic B-spline with prefilter interpolates: resampling onto the same grid returns the data (edges included)", () => {
  for (const size of [[9, 7, 5], [30, 4, 1], [2, 25, 3]] as Vec3[]) {
    const img = volume(size, wiggly);
    const out = resampleToGrid(img, img, "sitkBSpline", true);
    let worst = 0;
    for (let i = 0; i < img.data.length; i++) worst = Math.max(worst, Math.abs(out.data[i]! - img.data[i]!));
    assert.ok(worst < 1e-8, `size ${size}: max error ${worst}`);
  }
});

test("cubic B-spline reproduces a linear ramp away from the mirrored edges, and a constant everywhere", () => {
  // cubic splines reproduce degree-1 polynomials; the mirror boundary's effect decays as 0.268^distance
  const ramp = volume([64, 3, 2], (x) => 2.5 * x + 7);
  const grid = { size: [20, 3, 2] as Vec3, spacing: [0.7, 1, 1] as Vec3, origin: [ramp.origin[0] + 25.2, ramp.origin[1], ramp.origin[2]] as Vec3, direction: ramp.direction };
  const out = resampleToGrid(ramp, grid, "sitkBSpline", true);
  for (let k = 0; k < out.data.length; k++) {
    const x = 25.2 + 0.7 * (k % 20);
    assert.ok(Math.abs(out.data[k]! - (2.5 * x + 7)) < 1e-9, `x ${x}: ${out.data[k]} vs ${2.5 * x + 7}`);
  }
  const flat = volume([5, 4, 3], () => 42);
  const g2 = pyradiomicsResampleGrid({ ...flat, data: new Uint8Array(60).fill(1) }, [0.45, 0.8, 1.7], 0);
  for (const v of resampleToGrid(flat, g2, "sitkBSpline", true).data) assert.ok(v === 0 || Math.abs(v - 42) < 1e-9);
  // prefilter of a constant is the constant (gain·(1/(1−z))·… = 1)
  for (const c of bsplineCoefficients(flat)) assert.ok(Math.abs(c - 42) < 1e-9);
});

test("linear interpolation of a linear function is exact; nearest neighbour picks the closest voxel; int16 output truncates", () => {
  const ramp = volume([10, 8, 6], (x, y, z) => 3 * x + 5 * y - 2 * z);
  const grid = { size: [6, 5, 4] as Vec3, spacing: [1.3, 1.1, 0.9] as Vec3, origin: [ramp.origin[0] + 0.25, ramp.origin[1] + 0.6, ramp.origin[2] + 0.1] as Vec3, direction: ramp.direction };
  const lin = resampleToGrid(ramp, grid, "sitkLinear", true);
  const nn = resampleToGrid(ramp, grid, "sitkNearestNeighbor", true);
  let i = 0;
  for (let z = 0; z < 4; z++) for (let y = 0; y < 5; y++) for (let x = 0; x < 6; x++, i++) {
    const [cx, cy, cz] = [0.25 + 1.3 * x, 0.6 + 1.1 * y, 0.1 + 0.9 * z];
    assert.ok(Math.abs(lin.data[i]! - (3 * cx + 5 * cy - 2 * cz)) < 1e-9);
    assert.equal(nn.data[i], 3 * Math.floor(cx + 0.5) + 5 * Math.floor(cy + 0.5) - 2 * Math.floor(cz + 0.5));
  }
  const int16: Image3D = { ...ramp, data: Int16Array.from(ramp.data) };
  const half = resampleToGrid(int16, { ...grid, origin: [ramp.origin[0] + 0.5, ramp.origin[1], ramp.origin[2]], spacing: [1, 1, 1] }, "sitkLinear");
  assert.ok(half.data instanceof Int16Array);
  assert.equal(half.data[0], Math.trunc(1.5)); // 3·0.5 = 1.5 → 1 (ITK static_cast)
  // outside [−½, size − ½) → 0
  const outside = resampleToGrid(ramp, { ...grid, origin: [ramp.origin[0] - 5, ramp.origin[1], ramp.origin[2]] }, "sitkLinear", true);
  assert.equal(outside.data[0], 0);
});

test("PyRadiomics' resampling grid: bounds, 0 keeps an axis, one-voxel-thick axes keep their spacing", () => {
  const mask: Mask3D = { data: new Uint8Array(20 * 20 * 10), size: [20, 20, 10], spacing: [0.5, 0.5, 3], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  for (let y = 6; y < 9; y++) for (let x = 4; x < 10; x++) mask.data[x + 20 * (y + 20 * 5)] = 1; // bbox x 4..9, y 6..8, z 5
  const g = pyradiomicsResampleGrid(mask, [1, 0, 2], 2);
  assert.deepEqual(g.spacing, [1, 0.5, 3]); // y: 0 → keep; z: ROI one slice thick → keep
  // x: r = 0.5; lo = ⌊(4 − ½)·0.5 − 2⌋ = −1 → 0; hi = ⌈(10 − ½)·0.5 + 2⌉ = 7 → size 8
  // y: r = 1; lo = ⌊5.5 − 2⌋ = 3; hi = ⌈8.5 + 2⌉ = 11 → size 9; z: lo = ⌊4.5 − 2⌋ = 2, hi = ⌈5.5 + 2⌉ = 8 → 7
  assert.deepEqual(g.size, [8, 9, 7]);
  // origin: continuous index ½(1 − 0.5)/0.5 + 0 = 0.5 in x, 3 in y, 2 in z
  assert.deepEqual(g.origin, [0.25, 1.5, 6]);
});

test("normalize with removeOutliers, relative resegmentation, resegmentShape, preCrop", () => {
  const img = volume([6, 5, 4], (x, y, z) => (x === 0 && y === 0 && z === 0 ? 1000 : x + 2 * y + 3 * z));
  const n = img.data.length;
  const mean = img.data.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(img.data.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const norm = normalizeImage(img, 10, 3);
  assert.ok(Math.abs(norm.data[0]! - 30) < 1e-12); // the outlier clipped at 3σ, then ×10
  assert.ok(Math.abs(norm.data[5]! - (10 * (5 - mean)) / sd) < 1e-12);

  const mask: Mask3D = { ...img, data: new Uint8Array(n) };
  for (let i = 20; i < 100; i++) mask.data[i] = 1;
  let max = -Infinity;
  for (let i = 20; i < 100; i++) max = Math.max(max, img.data[i]!);
  const rel = resegmentMask(img, mask, [0.5], "relative");
  for (let i = 0; i < n; i++) assert.equal(rel.data[i], mask.data[i] && img.data[i]! >= 0.5 * max ? 1 : 0);

  const label: Image3D = { ...mask, data: Uint8Array.from(mask.data) };
  const a = prepareCase(img, label, { resegmentRange: [10, 14] });
  const b = prepareCase(img, label, { resegmentRange: [10, 14], resegmentShape: true });
  assert.deepEqual(a.shapeMask.data, label.data);
  assert.deepEqual(b.shapeMask.data, a.mask.data);
  assert.ok(a.diagnostics["diagnostics_Mask-resegmented_VoxelNum"]! < 80);

  const c = prepareCase(img, label, { preCrop: true, padDistance: 1 });
  // ROI voxels 20 … 99 span x 0..5, y 0..4, z 0..3 → no room to crop in x/y; z: 20 → z 0 (y 3) … 99 → z 3
  assert.deepEqual(c.image.size, img.size);
  const small: Image3D = { ...label, data: new Uint8Array(n) };
  small.data[1 + 6 * (2 + 5 * 2)] = 1;
  small.data[2 + 6 * (2 + 5 * 2)] = 1;
  const d = prepareCase(img, small, { preCrop: true, padDistance: 1, minimumROIDimensions: 1 });
  assert.deepEqual(d.image.size, [4, 3, 3]); // x 0..3, y 1..3, z 1..3
  assert.equal(d.image.data[1 + 4 * (1 + 3 * 1)], img.data[1 + 6 * (2 + 5 * 2)]);
});
