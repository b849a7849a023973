/**
 * Small dense linear algebra on row-major Float64Arrays (p × p with p ≲ a few hundred):
 * Cholesky factorisation, solves and inverse of symmetric positive-definite matrices.
 */
import { InputError } from "../errors.js";

/** Cholesky A = L Lᵀ (lower, row-major). Throws InputError when A is not positive definite. */
export function cholesky(a: Float64Array, p: number, what = "matrix"): Float64Array {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j];
    for (let k = 0; k < j; k++) d -= l[j * p + k] * l[j * p + k];
    if (!(d > 1e-13 * Math.abs(a[j * p + j])) || !(d > 0)) {
      throw new InputError(`${what} is singular (column ${j + 1} is collinear with earlier columns or constant)`);
    }
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = s / ljj;
    }
  }
  return l;
}

/** Solves L Lᵀ x = b given the Cholesky factor. */
export function cholSolve(l: Float64Array, p: number, b: Float64Array): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * y[k];
    y[i] = s / l[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * x[k];
    x[i] = s / l[i * p + i];
  }
  return x;
}

/** Inverse of an SPD matrix from its Cholesky factor. */
export function cholInverse(l: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = cholSolve(l, p, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i];
  }
  return inv;
}

/** Weighted cross-product XᵀWX (X row-major n × p) and XᵀWz. */
export function weightedCrossprod(
  x: Float64Array,
  n: number,
  p: number,
  w: Float64Array,
  z?: Float64Array,
): { xtwx: Float64Array; xtwz: Float64Array } {
  const xtwx = new Float64Array(p * p);
  const xtwz = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    if (wi === 0) continue;
    const row = i * p;
    for (let a = 0; a < p; a++) {
      const xa = x[row + a] * wi;
      if (z) xtwz[a] += xa * z[i];
      for (let b = 0; b <= a; b++) xtwx[a * p + b] += xa * x[row + b];
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtwx[b * p + a] = xtwx[a * p + b];
  return { xtwx, xtwz };
}
