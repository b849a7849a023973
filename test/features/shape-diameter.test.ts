import { test } from "node:test";
import assert from "node:assert/strict";
import { lineExtremes, maxPairDistance2, maximumDiameters, meshVertices } from "../../src/features/shape.js";
import type { Mask3D } from "../../src/image/types.js";

/** The all-pairs maximum in the same floating-point form as src/features/shape.ts. */
function brute(v: Int32Array, h: number[]): number {
  let best = 0;
  for (let i = 0; i < v.length; i += 3) {
    for (let j = i + 3; j < v.length; j += 3) {
      const dx = (v[i] - v[j]) * h[0];
      const dy = (v[i + 1] - v[j + 1]) * h[1];
      const dz = (v[i + 2] - v[j + 2]) * h[2];
      const d = dx * dx + dy * dy + dz * dz;
      if (d > best) best = d;
    }
  }
  return best;
}

/** Deterministic pseudo-random integers (LCG), so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

test("maxPairDistance2 (cell pruning) equals the all-pairs maximum bit for bit", () => {
  const r = rng(7);
  const spacings = [[0.5, 0.5, 0.5], [0.390625, 0.390625, 3.2499999999999991], [0.48828101158142, 0.48828101158142, 1.6349774599075317], [1.1, 0.7, 2.3]];
  let cases = 0;
  for (const h of spacings) {
    for (const shape of ["ball", "shell", "plane", "line", "clusters", "cube"]) {
      for (const n of [100, 600, 3000]) {
        const v = new Int32Array(3 * n);
        for (let i = 0; i < n; i++) {
          let p: number[];
          const u = () => Math.floor(r() * 120) - 1;
          if (shape === "ball" || shape === "shell") {
            const t = shape === "shell" ? 1 : Math.cbrt(r());
            const a = 2 * Math.PI * r(), c = 2 * r() - 1, s = Math.sqrt(1 - c * c);
            p = [Math.round(60 + 50 * t * s * Math.cos(a)), Math.round(60 + 30 * t * s * Math.sin(a)), Math.round(20 + 15 * t * c)];
          } else if (shape === "plane") p = [u(), u(), 8];
          else if (shape === "line") p = [u(), 5, 9];
          else if (shape === "clusters") p = r() < 0.5 ? [u() % 7, u() % 5, u() % 3] : [200 + (u() % 7), 90 + (u() % 5), 40 + (u() % 3)];
          else p = [u() % 4, u() % 4, u() % 4];
          v.set(p, 3 * i);
        }
        assert.equal(maxPairDistance2(v, h), brute(v, h), `${shape} n=${n} h=${h}`);
        cases++;
      }
    }
  }
  assert.equal(cases, 72);
});

test("maximumDiameters of a random blob equal the all-pairs maxima over all mesh vertices", () => {
  const r = rng(11);
  const size: [number, number, number] = [30, 26, 12];
  const data = new Uint8Array(size[0] * size[1] * size[2]);
  for (let z = 0; z < size[2]; z++)
    for (let y = 0; y < size[1]; y++)
      for (let x = 0; x < size[0]; x++) {
        const d = ((x - 15) / 13) ** 2 + ((y - 13) / 11) ** 2 + ((z - 6) / 5) ** 2;
        data[x + size[0] * (y + size[1] * z)] = d < 1 && r() < 0.9 ? 1 : 0;
      }
  const spacing: [number, number, number] = [0.7, 0.9, 2.1];
  const mask: Mask3D = { size, spacing, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data };
  const v = meshVertices(mask);
  const h = spacing.map((s) => s / 2);
  const inPlane = (axis: number) => {
    const planes = new Map<number, number[]>();
    for (let i = 0; i < v.length; i += 3) planes.set(v[i + axis], [...(planes.get(v[i + axis]) ?? []), v[i], v[i + 1], v[i + 2]]);
    let best = 0;
    for (const pts of planes.values()) best = Math.max(best, brute(Int32Array.from(pts), h));
    return Math.sqrt(best);
  };
  const d = maximumDiameters(v, spacing);
  assert.equal(d.all, Math.sqrt(brute(v, h)));
  assert.equal(d.slice, inPlane(2));
  assert.equal(d.column, inPlane(1));
  assert.equal(d.row, inPlane(0));
  // lineExtremes keeps both ends of every line and nothing else
  const ends = lineExtremes(v, 0);
  assert.ok(ends.length < v.length && ends.length % 3 === 0);
});
