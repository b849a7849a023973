import { test } from "node:test";
import assert from "node:assert/strict";
import { KernelMemory } from "../../src/stats/kernels/index.js";
import { KERNELS_WASM_BASE64 } from "../../src/stats/kernels/kernels-wasm.js";
import { compileKernels } from "../../src/stats/kernels/build.js";

test("kernels-wasm.ts holds kernels.wat as compiled by wabt (npm run kernels)", async () => {
  const bytes = await compileKernels();
  assert.equal(Buffer.from(KERNELS_WASM_BASE64, "base64").equals(Buffer.from(bytes)), true, "run `npm run kernels` after editing kernels.wat");
});

/** Integer-valued data: every product and partial sum is exact, so the expected values are exact. */
function fill(k: KernelMemory, at: number, values: number[]): void {
  k.f64.set(values, at);
}

test("dot: Σ aᵢbᵢ for lengths 0–9 (the SIMD body and the scalar tail)", () => {
  const k = new KernelMemory();
  const a = k.alloc(9);
  const b = k.alloc(9);
  fill(k, a, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  fill(k, b, [2, -1, 3, 0, 1, 5, -2, 4, 10]);
  const expected = [0, 2, 0, 9, 9, 14, 44, 30, 62, 152];
  for (let n = 0; n <= 9; n++) assert.equal(k.dot(a, b, n), expected[n], `n = ${n}`);
});

test("axpy and axpyWeighted update y in place, odd lengths included", () => {
  const k = new KernelMemory();
  const y = k.alloc(5);
  const w = k.alloc(5);
  const x = k.alloc(5);
  fill(k, y, [10, 20, 30, 40, 50]);
  fill(k, w, [1, 2, 3, 4, 5]);
  fill(k, x, [1, -1, 2, -2, 3]);
  k.axpy(y, x, 5, 2); // y − 2x
  assert.deepEqual(Array.from(k.f64.subarray(y, y + 5)), [8, 22, 26, 44, 44]);
  k.axpyWeighted(y, w, x, 3, 0.5); // first three: y − 0.5·w·x
  assert.deepEqual(Array.from(k.f64.subarray(y, y + 5)), [7.5, 23, 23, 44, 44]);
});

test("tile2x4: the eight sums Σ x_a[i]·c_u[i] of a 2 × 4 Gram tile", () => {
  const k = new KernelMemory();
  const n = 6;
  const x0 = k.alloc(n);
  const x1 = k.alloc(n);
  const c = k.alloc(4 * n);
  const out = k.alloc(8);
  const r0 = [1, 2, 3, 4, 5, 6];
  const r1 = [-1, 0, 2, 1, -3, 2];
  const cols = [0, 1, 2, 3].map((u) => Array.from({ length: n }, (_, i) => (u + 1) * (i % 3) - u));
  fill(k, x0, r0);
  fill(k, x1, r1);
  cols.forEach((col, u) => fill(k, c + u * n, col));
  k.tile2x4(x0, x1, c, n, out);
  const sum = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
  const expected = [r0, r1].flatMap((row) => cols.map((col) => sum(row, col)));
  assert.deepEqual(Array.from(k.f64.subarray(out, out + 8)), expected);
});

test("memory grows on demand and keeps what it holds", () => {
  const k = new KernelMemory();
  const a = k.alloc(3);
  fill(k, a, [1.5, 2.5, 3.5]);
  const big = k.alloc(1_000_000);
  assert.ok(k.f64.length >= big + 1_000_000);
  assert.deepEqual(Array.from(k.f64.subarray(a, a + 3)), [1.5, 2.5, 3.5]);
  assert.equal(k.f64[big + 999_999], 0);
  assert.equal(big % 2, 0, "16-byte aligned");
});
