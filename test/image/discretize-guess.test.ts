import { test } from "node:test";
import assert from "node:assert/strict";
import { binEdges, digitize, discretize } from "../../src/image/discretize.js";

test("discretize (arithmetic guess + edge steps) equals numpy.digitize by bisection, edge values included", () => {
  let s = 2024;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let t = 0; t < 200; t++) {
    const n = 50 + Math.floor(r() * 400);
    const scale = [1, 0.001, 1000, 3.7][t % 4];
    const values = Float64Array.from({ length: n }, () => (r() - 0.3) * 500 * scale);
    const opts = t % 3 === 0 ? { binCount: 1 + Math.floor(r() * 64) } : { binWidth: (0.5 + r() * 40) * scale };
    const edges = binEdges(values, opts);
    // put some values exactly on edges
    for (let k = 0; k < 20; k++) values[Math.floor(r() * n)] = edges[Math.floor(r() * (edges.length - 1))];
    const mask = Uint8Array.from({ length: n }, () => (r() < 0.9 ? 1 : 0));
    mask[0] = 1;
    const got = discretize(values, mask, opts);
    const roi = values.filter((_, i) => mask[i]);
    const e = binEdges(roi, opts);
    for (let i = 0; i < n; i++) assert.equal(got.bins[i], mask[i] ? digitize(values[i], e) : 0, `case ${t} voxel ${i}`);
  }
});
