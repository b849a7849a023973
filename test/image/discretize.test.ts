import { test } from "node:test";
import assert from "node:assert/strict";
import { binEdges, discretize, digitize } from "../../src/image/discretize.js";
import { InputError } from "../../src/errors.js";

const all = (n: number) => new Uint8Array(n).fill(1);

test("fixed bin width: edges from floor(min/W)·W to max + 2W, X_b = ⌊X/W⌋ − ⌊min/W⌋ + 1", () => {
  const v = [54, 74.9, 75, 100, 166];
  const { bins, edges, maxBin } = discretize(v, all(v.length), { binWidth: 25 });
  assert.deepEqual(Array.from(edges), [50, 75, 100, 125, 150, 175, 200]);
  assert.deepEqual(Array.from(bins), [1, 1, 2, 3, 5]);
  assert.equal(maxBin, 5);
  for (const x of v) assert.equal(digitize(x, edges), Math.floor(x / 25) - Math.floor(54 / 25) + 1);
});

test("fixed bin width with negative values uses Python's modulo (lower edge ≤ min)", () => {
  const v = [-12, 13, 40];
  const { bins, edges } = discretize(v, all(3), { binWidth: 25 });
  assert.equal(edges[0], -25);
  assert.deepEqual(Array.from(bins), [1, 2, 3]);
});

test("voxels outside the mask are 0 and do not move the edges", () => {
  const { bins, edges } = discretize([1000, 30, 60, -500], [0, 1, 1, 0], { binWidth: 25 });
  assert.equal(edges[0], 25);
  assert.deepEqual(Array.from(bins), [0, 1, 2, 0]);
});

test("fixed bin count: numpy.histogram edges, last edge + 1 so the maximum is in bin N_b", () => {
  const v = [0, 2.49, 2.5, 7.49, 7.5, 10];
  const { bins, edges } = discretize(v, all(v.length), { binCount: 4 });
  assert.deepEqual(Array.from(edges), [0, 2.5, 5, 7.5, 11]);
  assert.deepEqual(Array.from(bins), [1, 1, 2, 3, 4, 4]);
});

test("flat region: bin width gives one bin, bin count uses numpy's [v − ½, v + ½] range", () => {
  assert.deepEqual(Array.from(discretize([100, 100], all(2), { binWidth: 25 }).bins), [1, 1]);
  const fbn = discretize([5, 5, 5], all(3), { binCount: 4 });
  assert.deepEqual(Array.from(fbn.edges), [4.5, 4.75, 5, 5.25, 6.5]);
  assert.deepEqual(Array.from(fbn.bins), [3, 3, 3]);
});

test("IBSI fixed bin size with a lower bound: bins start at binMinimum", () => {
  const { bins } = discretize([-1000, -976, -975, -1], all(4), { binWidth: 25, binMinimum: -1000 });
  assert.deepEqual(Array.from(bins), [1, 1, 2, 40]);
  assert.throws(() => binEdges([-1001], { binWidth: 25, binMinimum: -1000 }), InputError);
});

test("bad settings and empty masks are InputErrors", () => {
  assert.throws(() => discretize([1, 2], [0, 0]), InputError);
  assert.throws(() => discretize([1, 2], [1, 1], { binWidth: 0 }), /binWidth/);
  assert.throws(() => discretize([1, 2], [1, 1], { binCount: 2.5 }), /binCount/);
  assert.throws(() => discretize([1, 2], [1], {}), InputError);
});
