import { test } from "node:test";
import assert from "node:assert/strict";
import { symmetricEigenvalues, symmetricEigenvaluesQL } from "../../src/features/common.js";

test("symmetric eigenvalues: QL agrees with Jacobi and with hand-derived spectra", () => {
  // [[2,1],[1,2]] → 1, 3;  diag(3, −1, 2) → −1, 2, 3
  assert.deepEqual(Array.from(symmetricEigenvaluesQL([2, 1, 1, 2], 2)).map((v) => +v.toFixed(12)), [1, 3]);
  assert.deepEqual(Array.from(symmetricEigenvaluesQL([3, 0, 0, 0, -1, 0, 0, 0, 2], 3)).map((v) => +v.toFixed(12)), [-1, 2, 3]);
  let seed = 11;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
  for (const n of [1, 4, 17, 33]) {
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rnd();
    const x = symmetricEigenvalues(a, n);
    const y = symmetricEigenvaluesQL(a, n);
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i];
    assert.ok(Math.abs(y.reduce((s, v) => s + v, 0) - trace) < 1e-12);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(x[i] - y[i]) < 1e-12, `n=${n} λ${i}: ${x[i]} vs ${y[i]}`);
  }
});
