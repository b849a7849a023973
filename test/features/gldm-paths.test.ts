import { test } from "node:test";
import assert from "node:assert/strict";
import { computeGldm } from "../../src/features/gldm.js";
import type { DiscreteRoi } from "../../src/features/common.js";

/** A random ROI with levels in 1 … span (x fastest). */
function randomRoi(seed: number, span: number): DiscreteRoi {
  let s = seed;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const size: [number, number, number] = [9, 8, 6];
  const n = size[0] * size[1] * size[2];
  const mask = Uint8Array.from({ length: n }, () => (r() < 0.8 ? 1 : 0));
  const levels = Int32Array.from(mask, (m) => (m ? 1 + Math.floor(r() * span) : 0));
  return { size, spacing: [1, 1, 1], levels, mask };
}

test("GLDM: the dependence table (Ng ≤ 1024) and the direct path (larger Ng) count the same matrix", () => {
  for (const alpha of [0, 1, 3]) {
    const small = randomRoi(5 + alpha, 6);
    // same ROI with every level shifted by 2000: |i − j| unchanged, Ng > 1024 takes the direct path
    const shifted: DiscreteRoi = { ...small, levels: small.levels.map((l) => (l ? l + 2000 : 0)) };
    const a = computeGldm(small, { gldm_a: alpha });
    const b = computeGldm(shifted, { gldm_a: alpha });
    assert.deepEqual(Array.from(b.p), Array.from(a.p), `alpha ${alpha}`);
    assert.deepEqual(Array.from(b.grayLevels), Array.from(a.grayLevels, (g) => g + 2000));
  }
});
