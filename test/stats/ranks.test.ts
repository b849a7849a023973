import { test } from "node:test";
import assert from "node:assert/strict";
import { argsort, midranks } from "../../src/stats/ranks.js";
import { delongPlacements } from "../../src/stats/delong.js";
import { roc, aucCiDelong, aucCiBootstrap } from "../../src/stats/roc.js";
import { InputError } from "../../src/errors.js";
import { Rng } from "../../src/stats/rng.js";

/** Values with many ties, both signs, ±0, ±Infinity and tiny/huge magnitudes (radix keys). */
function awkward(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const special = [0, -0, Infinity, -Infinity, 5e-324, -5e-324, 1e308, -1e308, 1, -1];
  return Float64Array.from({ length: n }, (_, i) => (i % 17 === 0 ? special[rng.int(special.length)] : Math.round(rng.normal() * 50) / 8));
}

test("argsort (comparator below 1024 values, radix above) equals a stable sort; −0 ties with +0", () => {
  for (const n of [256, 1000, 1024, 4099]) {
    const v = awkward(n, n);
    const expected = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => (v[a] < v[b] ? -1 : v[a] > v[b] ? 1 : a - b));
    assert.deepEqual(argsort(v), expected, `n = ${n}`);
  }
  const zeros = Float64Array.from({ length: 300 }, (_, i) => (i % 2 ? -0 : 0));
  assert.deepEqual(argsort(zeros), Int32Array.from({ length: 300 }, (_, i) => i));
});

test("NaNs sort last in index order and get NaN mid-ranks (R's na.last = 'keep'); finite ranks unaffected", () => {
  for (const n of [40, 3000]) {
    const v = awkward(n, 7);
    for (let i = 3; i < n; i += 11) v[i] = i % 2 ? NaN : -NaN;
    const order = Array.from(argsort(v));
    const nanAt = order.findIndex((i) => Number.isNaN(v[i]));
    assert.deepEqual(order.slice(nanAt), Array.from({ length: n }, (_, i) => i).filter((i) => Number.isNaN(v[i])), `n = ${n}: NaNs last, stable`);
    for (let k = 1; k < nanAt; k++) assert.ok(v[order[k - 1]] <= v[order[k]], `n = ${n}: sorted at ${k}`);
    const r = midranks(v);
    const finite = Array.from(v).filter((x) => !Number.isNaN(x));
    for (let i = 0; i < n; i += 13) {
      if (Number.isNaN(v[i])) assert.ok(Number.isNaN(r[i]));
      else assert.equal(r[i], finite.filter((x) => x < v[i]).length + (finite.filter((x) => x === v[i]).length + 1) / 2);
    }
  }
});

test("midranks equal ranks counted by hand (R's ties = 'average') on a long input", () => {
  const v = awkward(2000, 3);
  const r = midranks(v);
  for (let i = 0; i < v.length; i += 37) {
    let below = 0;
    let tied = 0;
    for (const x of v) {
      if (x < v[i]) below++;
      else if (x === v[i]) tied++;
    }
    assert.equal(r[i], below + (tied + 1) / 2, `index ${i}`);
  }
});

test("DeLong placements equal the pairwise definition (both directions, ties, n ≥ 256)", () => {
  const rng = new Rng(9);
  const cases = Float64Array.from({ length: 180 }, () => Math.round((rng.normal() + 0.7) * 4) / 4);
  const controls = Float64Array.from({ length: 240 }, () => Math.round(rng.normal() * 4) / 4);
  for (const dir of ["<", ">"] as const) {
    const s = dir === "<" ? 1 : -1;
    const psi = (a: number, b: number) => (s * a > s * b ? 1 : a === b ? 0.5 : 0);
    const p = delongPlacements(cases, controls, dir);
    cases.forEach((c, i) => assert.equal(p.v10[i], controls.reduce((t, k) => t + psi(c, k), 0) / controls.length, `v10[${i}]`));
    // V01 is computed as 1 − (cases below + ½ tied)/m: equal up to the rounding of that subtraction.
    controls.forEach((k, j) => assert.ok(Math.abs(p.v01[j] - cases.reduce((t, c) => t + psi(c, k), 0) / cases.length) < 1e-15, `v01[${j}]`));
    let pairs = 0;
    for (const c of cases) for (const k of controls) pairs += psi(c, k);
    assert.ok(Math.abs(p.auc - pairs / (cases.length * controls.length)) < 1e-14);
  }
});

test("ROC curve points count cases and controls at each threshold (n ≥ 256)", () => {
  const rng = new Rng(4);
  const y = Float64Array.from({ length: 600 }, () => (rng.uniform() < 0.4 ? 1 : 0));
  const x = Float64Array.from(y, (v) => Math.round((rng.normal() + v) * 3) / 3);
  for (const dir of ["<", ">"] as const) {
    const c = roc(y, x, dir);
    const distinct = Array.from(new Set(x)).sort((a, b) => a - b);
    assert.deepEqual(c.thresholds, [-Infinity, ...distinct.slice(1).map((v, k) => (distinct[k] + v) / 2), Infinity]);
    c.thresholds.forEach((t, k) => {
      let tp = 0;
      let tn = 0;
      y.forEach((v, i) => {
        const positive = dir === "<" ? x[i] > t : x[i] <= t;
        if (v === 1 && positive) tp++;
        if (v === 0 && !positive) tn++;
      });
      assert.equal(c.sensitivities[k], tp / c.cases.length, `sens at ${t}`);
      assert.equal(c.specificities[k], tn / c.controls.length, `spec at ${t}`);
    });
  }
});

test("a confidence level given in percent is an InputError (DeLong and bootstrap CIs)", () => {
  const c = roc([0, 0, 1, 1, 0, 1], [0.1, 0.4, 0.35, 0.8, 0.2, 0.7]);
  assert.throws(() => aucCiDelong(c, 95), (e: unknown) => e instanceof InputError && /confidence level must be in \(0, 1\)/.test(e.message));
  assert.throws(() => aucCiBootstrap(c, { confLevel: 95 }), InputError);
  assert.ok(aucCiDelong(c, 0.9).upper <= 1);
});
