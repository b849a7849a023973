import { test } from "node:test";
import assert from "node:assert/strict";
import { orderStatistics, PERCENTILES, percentile } from "../../src/features/firstorder.js";
test("orderStatistics: min, max and every percentile rank equal a full sort (ties, sorted, reversed, ±0)", () => {
  let s = 99; const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let t = 0; t < 400; t++) {
    const n = 1 + Math.floor(r() * 5000);
    const kind = t % 5;
    const x = Float64Array.from({ length: n }, (_, i) => kind === 0 ? Math.floor(r() * 10) : kind === 1 ? r() * 1e3 - 500 : kind === 2 ? i : kind === 3 ? n - i : (i % 7 === 0 ? -0 : Math.floor(r() * 4)));
    const ref = x.slice().sort(); const o = orderStatistics(x, PERCENTILES);
    for (const q of PERCENTILES) assert.ok(Object.is(percentile(o, q), percentile(ref, q)), `${t} ${q}`);
    assert.ok(Object.is(o[0], ref[0]) && Object.is(o[n - 1], ref[n - 1]));
  }
});
