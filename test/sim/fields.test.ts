import assert from "node:assert/strict";
import { test } from "node:test";
import { gaussianKernel, smoothField, smoothFieldHalfXY, standardize } from "../../src/sim/fields.js";
import { Rng } from "../../src/stats/rng.js";

test("Gaussian kernel: normalised, symmetric, hand values for σ = 1", () => {
  const k = gaussianKernel(1);
  assert.equal(k.length, 7);
  assert.ok(Math.abs(k.reduce((s, v) => s + v, 0) - 1) < 1e-15);
  const z = 1 + 2 * (Math.exp(-0.5) + Math.exp(-2) + Math.exp(-4.5));
  assert.ok(Math.abs(k[3] - 1 / z) < 1e-15);
  assert.ok(Math.abs(k[4] - Math.exp(-0.5) / z) < 1e-15);
  assert.equal(k[0], k[6]);
  assert.deepEqual(Array.from(gaussianKernel(0)), [1]);
});

test("standardize gives mean 0 and SD 1", () => {
  const a = Float32Array.from([1, 2, 3, 4]);
  standardize(a);
  const sd = Math.sqrt(1.25);
  assert.deepEqual(Array.from(a), [-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd].map(Math.fround));
});

test("smooth field: standardised, lag-1 correlation ≈ exp(−1/(4σ²)) of Gaussian-filtered white noise", () => {
  const size = [64, 64, 24];
  const f = smoothField(new Rng(5), size, [2, 2, 0]);
  let m = 0;
  for (const v of f) m += v;
  assert.ok(Math.abs(m / f.length) < 1e-6);
  // Lag-1 correlation along x (σ = 2): exp(−1/16) = 0.9394; along z (σ = 0, white): 0.
  let sx = 0, sz = 0, nxp = 0, nzp = 0;
  const [nx, ny, nz] = size;
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    const i = x + nx * (y + ny * z);
    if (x + 1 < nx) { sx += f[i] * f[i + 1]; nxp++; }
    if (z + 1 < nz) { sz += f[i] * f[i + nx * ny]; nzp++; }
  }
  assert.ok(Math.abs(sx / nxp - Math.exp(-1 / 16)) < 0.02, `lag-1 x ${sx / nxp}`);
  assert.ok(Math.abs(sz / nzp) < 0.05, `lag-1 z ${sz / nzp}`);
  // Same seed → same field.
  assert.deepEqual(smoothField(new Rng(5), size, [2, 2, 0]), f);
  const h = smoothFieldHalfXY(new Rng(5), size, [4, 4, 1.5]);
  assert.equal(h.length, nx * ny * nz);
  assert.ok(h.every(Number.isFinite));
});
