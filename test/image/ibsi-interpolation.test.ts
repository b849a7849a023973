import { test } from "node:test";
import assert from "node:assert/strict";
import { cubicPrefilter, ibsiAxisCoordinates, ibsiGrid, ibsiInterpolate } from "../../src/image/ibsi-interpolation.js";
import { resampleToGrid } from "../../src/image/resample.js";
import type { Image3D, Vec3 } from "../../src/image/types.js";
import { InputError } from "../../src/errors.js";

const Z = Math.sqrt(3) - 2;

function image(size: Vec3, spacing: Vec3, f: (x: number, y: number, z: number) => number): Image3D<Float64Array> {
  const data = new Float64Array(size[0] * size[1] * size[2]);
  for (let z = 0, i = 0; z < size[2]; z++) for (let y = 0; y < size[1]; y++) for (let x = 0; x < size[0]; x++, i++) data[i] = f(x, y, z);
  return { data, size, spacing, origin: [10, -20, 5], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
}

/** A 1-D line along x (other axes of size 1, not interpolated). */
function line(values: number[], spacing = 1): Image3D<Float64Array> {
  return { data: Float64Array.from(values), size: [values.length, 1, 1], spacing: [spacing, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
}

test("IBSI grid of the CT phantom at 2 mm isotropic: n′ = ⌈n·s/s′⌉, centred on the original grid", () => {
  // CT phantom geometry (NIfTI header): 204 × 201 × 60 voxels of 0.977 × 0.977 × 3 mm (0.977 stored as float32)
  const s = Math.fround(0.977);
  const ct: Image3D = { data: new Float32Array(0), size: [204, 201, 60], spacing: [s, s, 3], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const grid = ibsiGrid(ct, [2, 2, 2]);
  // 204·0.977/2 = 99.65 → 100; 201·0.977/2 = 98.19 → 99; 60·3/2 = 90 (IBSI's published interpolated dimensions)
  assert.deepEqual(grid.size, [100, 99, 90]);
  assert.deepEqual(grid.spacing, [2, 2, 2]);
  // origin shift (s(n − 1) − s′(n′ − 1))/2: x (203·0.977 − 198)/2, z (177 − 178)/2 = −0.5 mm
  assert.ok(Math.abs(grid.origin[0] - (203 * s - 198) / 2) < 1e-12);
  assert.ok(Math.abs(grid.origin[2] - -0.5) < 1e-12);
  // continuous input indices: first (n − 1)/2 − (n′ − 1)/2·s′/s, symmetric about the centre
  const cz = ibsiAxisCoordinates(60, 3, 90, 2);
  assert.ok(Math.abs(cz[0] - (29.5 - 44.5 * (2 / 3))) < 1e-12); // −1/6: a sixth of a voxel outside
  assert.ok(Math.abs(cz[0] + cz[89] - 59) < 1e-12);
  const cx = ibsiAxisCoordinates(204, s, 100, 2);
  assert.ok(Math.abs(cx[0] + cx[99] - 203) < 1e-9);
  assert.ok(Math.abs(cx[1] - cx[0] - 2 / s) < 1e-12);
});

test("IBSI linear interpolation: a linear field is reproduced exactly inside, edge value outside the grid", () => {
  const f = (x: number, y: number, z: number) => 3 + 2 * x - 0.5 * y + 7 * z;
  // 9 × 7 × 5 voxels of 1 × 1 × 1 mm → 2 × 0.8 × 2 mm: n′ = ⌈9/2⌉ = 5, ⌈7/0.8⌉ = 9, ⌈5/2⌉ = 3 at input indices
  // x: 4 − 2·2 = 0, 2, …, 8; y: 3 − 4·0.8 = −0.2, 0.6, …, 6.2; z: 0, 2, 4
  const out = ibsiInterpolate(image([9, 7, 5], [1, 1, 1], f), [2, 0.8, 2], 1);
  assert.deepEqual(out.size, [5, 9, 3]);
  for (let z = 0, i = 0; z < 3; z++) {
    for (let y = 0; y < 9; y++) {
      for (let x = 0; x < 5; x++, i++) {
        // −0.2 and 6.2 lie beyond the first / last voxel centre: scipy mode "nearest" clamps to the edge value
        const cy = Math.min(Math.max(-0.2 + 0.8 * y, 0), 6);
        assert.ok(Math.abs(out.data[i] - f(2 * x, cy, 2 * z)) < 1e-12, `(${x}, ${y}, ${z}): ${out.data[i]}`);
      }
    }
  }
  assert.equal(out.data[0], f(0, 0, 0));
});

test("IBSI linear interpolation equals the project's ITK linear resampler on the IBSI grid", () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 200 - 100;
  const img = image([7, 6, 5], [1.3, 0.9, 2.5], () => rnd());
  const ours = ibsiInterpolate(img, [1, 1, 1], 1);
  const itk = resampleToGrid(img, ibsiGrid(img, [1, 1, 1]), "sitkLinear", true);
  assert.deepEqual(ours.size, itk.size);
  assert.deepEqual(ours.origin, itk.origin);
  for (let i = 0; i < ours.data.length; i++) assert.ok(Math.abs(ours.data[i] - (itk.data[i] as number)) < 1e-9, `voxel ${i}`);
});

test("cubic B-spline prefilter: constants stay, a unit impulse gives √3·z^|k| (z = √3 − 2)", () => {
  const c = new Float64Array(40).fill(5);
  cubicPrefilter(c, 40);
  for (const v of c) assert.ok(Math.abs(v - 5) < 1e-12);
  // coefficients of a Kronecker delta: inverse of the sampled B-spline (1, 4, 1)/6 = −6z/(1 − z²)·z^|k| = √3·z^|k|
  const d = new Float64Array(61);
  d[30] = 1;
  cubicPrefilter(d, 61);
  for (const k of [0, 1, 2, 5]) assert.ok(Math.abs(d[30 + k] - Math.sqrt(3) * Z ** k) < 1e-14, `k = ${k}: ${d[30 + k]}`);
  // the coefficients interpolate: (a[k−1] + 4a[k] + a[k+1])/6 = δ
  for (let k = 20; k <= 40; k++) assert.ok(Math.abs((d[k - 1] + 4 * d[k] + d[k + 1]) / 6 - (k === 30 ? 1 : 0)) < 1e-14);
});

test("IBSI cubic spline interpolation: samples reproduced, cardinal spline values by hand, cubics reproduced inside", () => {
  let seed = 3;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2000 - 1000;
  // same spacing: the grid is the original one, so the spline must return the samples
  const img = image([6, 5, 4], [2, 2, 2], () => rnd());
  const same = ibsiInterpolate(img, [2, 2, 2], 3);
  for (let i = 0; i < img.data.length; i++) assert.ok(Math.abs(same.data[i] - img.data[i]) < 1e-9, `voxel ${i}`);
  // unit impulse at 32 on 64 samples, resampled 1 → 2 mm: indices 0.5, 2.5, …, 62.5
  const delta = new Array(64).fill(0);
  delta[32] = 1;
  const eta = ibsiInterpolate(line(delta), [2, null, null], 3).data;
  assert.equal(eta.length, 32);
  // cardinal cubic spline η(x) = Σ_k β³(x − k)·√3·z^|k| (even); β³(±½) = 23/48, β³(±3/2) = 1/48:
  // η(½) = √3/48·(23 + 24z + z²) = (10 − 3√3)/8, η(3/2) = √3/48·(1 + 23z + 23z² + z³), η(5/2) = z·η(3/2)
  const eta05 = (10 - 3 * Math.sqrt(3)) / 8;
  const eta15 = (Math.sqrt(3) / 48) * (1 + 23 * Z + 23 * Z ** 2 + Z ** 3);
  assert.ok(Math.abs(eta[16] - eta05) < 1e-14, `η(½) = ${eta[16]}`); // index 32.5
  assert.ok(Math.abs(eta[15] - eta15) < 1e-14, `η(−3/2) = ${eta[15]}`); // index 30.5
  assert.ok(Math.abs(eta[17] - Z * eta15) < 1e-14, `η(5/2) = ${eta[17]}`); // index 34.5
  assert.ok(Math.abs(eta05 - 0.600480947161671) < 1e-12);
  // linear on the same grid: ½ at 32.5, 0 at 30.5 and 34.5
  const lin = ibsiInterpolate(line(delta), [2, null, null], 1).data;
  assert.deepEqual([lin[15], lin[16], lin[17]], [0, 0.5, 0]);
  // a cubic polynomial is reproduced away from the edges (edge padding perturbs coefficients by ~z^d at depth d)
  const p = (x: number) => 0.01 * x ** 3 - 0.5 * x ** 2 + 3 * x - 7;
  const cubic = ibsiInterpolate(line(Array.from({ length: 80 }, (_, x) => p(x))), [0.75, null, null], 3);
  const cs = ibsiAxisCoordinates(80, 1, cubic.size[0], 0.75);
  let checked = 0;
  for (let i = 0; i < cs.length; i++) {
    if (cs[i] < 25 || cs[i] > 54) continue;
    assert.ok(Math.abs(cubic.data[i] - p(cs[i])) < 1e-6, `x = ${cs[i]}: ${cubic.data[i]} vs ${p(cs[i])}`);
    checked++;
  }
  assert.ok(checked >= 38, `${checked} interior points`);
});

test("IBSI interpolation rejects an unsupported order and a non-positive spacing", () => {
  const img = image([3, 3, 3], [1, 1, 1], () => 0);
  assert.throws(() => ibsiInterpolate(img, [2, 2, 2], 2 as 1), (e: unknown) => e instanceof InputError && /order must be 1 \(linear\) or 3/.test(e.message));
  assert.throws(() => ibsiInterpolate(img, [0, 2, 2], 1), (e: unknown) => e instanceof InputError && /spacing along axis 0 must be positive/.test(e.message));
});
