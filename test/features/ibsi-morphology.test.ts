import { test } from "node:test";
import assert from "node:assert/strict";
import { spatialAutocorrelationFft, spatialAutocorrelationPairwise } from "../../src/features/ibsi/autocorrelation.js";
import { convexHull, hullMeasures } from "../../src/features/ibsi/convex-hull.js";
import { axisAlignedBox, ellipsoidArea, ellipsoidVolume } from "../../src/features/ibsi/morphology.js";
import type { Mask3D } from "../../src/image/types.js";

/** Deterministic pseudo-random numbers in [0, 1) (32-bit LCG). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Every lattice point of the box [0, n]³ (n + 1 per axis), which has many coplanar and collinear points. */
function latticeCube(n: number): Int32Array {
  const out: number[] = [];
  for (let z = 0; z <= n; z++) for (let y = 0; y <= n; y++) for (let x = 0; x <= n; x++) out.push(x, y, z);
  return Int32Array.from(out);
}

test("convex hull of a lattice cube: volume n³ and area 6n², scaled per axis", () => {
  const hull = convexHull(latticeCube(6));
  assert.ok(hull);
  assert.deepEqual(hullMeasures(hull, [1, 1, 1]), { area: 216, volume: 216 });
  const scaled = hullMeasures(hull, [0.5, 2, 3]); // box 3 × 12 × 18
  assert.ok(Math.abs(scaled.volume - 648) < 1e-9);
  assert.ok(Math.abs(scaled.area - 2 * (3 * 12 + 3 * 18 + 12 * 18)) < 1e-9);
});

test("convex hull of an octahedron with random interior points: the octahedron", () => {
  // |x| + |y| + |z| ≤ 10: volume 4·10³/3, area 8 · (√3/2) · (10√2)² / 2 = 400√3.
  const rnd = random(7);
  const pts = [10, 0, 0, -10, 0, 0, 0, 10, 0, 0, -10, 0, 0, 0, 10, 0, 0, -10];
  while (pts.length < 3 * 500) {
    const p = [0, 1, 2].map(() => Math.floor(rnd() * 21) - 10);
    if (Math.abs(p[0]) + Math.abs(p[1]) + Math.abs(p[2]) <= 10) pts.push(...p);
  }
  const hull = convexHull(Int32Array.from(pts));
  assert.ok(hull);
  const m = hullMeasures(hull, [1, 1, 1]);
  assert.ok(Math.abs(m.volume - 4000 / 3) < 1e-9, String(m.volume));
  assert.ok(Math.abs(m.area - 400 * Math.sqrt(3)) < 1e-9, String(m.area));
});

test("convex hull: coplanar points have none", () => {
  assert.equal(convexHull(Int32Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 2, 3, 0])), null);
});

test("ellipsoid area: IBSI's Legendre series (sphere exact; tri-axial equal to the series summed with plain P_ν(x))", () => {
  assert.ok(Math.abs(ellipsoidArea(2, 2, 2) - 16 * Math.PI) < 1e-12);
  // Semi-axes 5, 3, 2: Σ_{ν≤20} (αβ)^ν P_ν(x) / (1 − 4ν²) with P_ν from Bonnet's recursion at x = (α² + β²)/(2αβ).
  const [a, b, c] = [5, 3, 2];
  const alpha = Math.sqrt(1 - (b * b) / (a * a));
  const beta = Math.sqrt(1 - (c * c) / (a * a));
  const x = (alpha * alpha + beta * beta) / (2 * alpha * beta);
  let [p0, p1] = [1, x];
  let sum = 1 + (alpha * beta * p1) / (1 - 4);
  for (let nu = 1; nu < 20; nu++) {
    [p0, p1] = [p1, ((2 * nu + 1) * x * p1 - nu * p0) / (nu + 1)];
    sum += ((alpha * beta) ** (nu + 1) * p1) / (1 - 4 * (nu + 1) ** 2);
  }
  const series = 4 * Math.PI * a * b * sum;
  assert.ok(Math.abs(ellipsoidArea(a, b, c) - series) < 1e-9 * series, `${ellipsoidArea(a, b, c)} vs ${series}`);
  // The series is IBSI's approximation, not the exact area (134.775 by quadrature): about 3 % below here.
  assert.ok(Math.abs(series - 130.7804) < 1e-3, String(series));
  assert.ok(Math.abs(ellipsoidVolume(3, 2, 1) - 8 * Math.PI) < 1e-12);
});

test("axis-aligned box of mesh vertices (doubled grid coordinates)", () => {
  // one voxel at the origin: vertices at ±1 on each axis, spacing (2, 3, 4) → box 2 × 3 × 4
  const v = Int32Array.from([1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1]);
  assert.deepEqual(axisAlignedBox(v, [2, 3, 4]), { volume: 24, area: 52 });
});

test("Moran's I / Geary's C: the FFT evaluation equals the exact pairwise sums (random ROI, anisotropic voxels)", () => {
  const rnd = random(11);
  const size: [number, number, number] = [23, 17, 9];
  const n = size[0] * size[1] * size[2];
  const data = new Uint8Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    data[i] = rnd() < 0.6 ? 1 : 0;
    values[i] = Math.round(1000 * rnd() - 400 + 0.05 * (i % size[0]) ** 2);
  }
  const mask: Mask3D = { size, spacing: [0.7, 0.9, 2.5], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data };
  const exact = spatialAutocorrelationPairwise(mask, values);
  const fft = spatialAutocorrelationFft(mask, values);
  assert.ok(Math.abs(fft.moran - exact.moran) <= 1e-10 * Math.abs(exact.moran), `${fft.moran} vs ${exact.moran}`);
  assert.ok(Math.abs(fft.geary - exact.geary) <= 1e-10 * Math.abs(exact.geary), `${fft.geary} vs ${exact.geary}`);
});
