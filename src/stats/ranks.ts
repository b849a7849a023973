/** Ranking helpers shared by ROC/DeLong, rank tests and Spearman correlation. */

/**
 * Indices that sort v ascending, ties in index order (stable). Values must not be NaN; −0 ties
 * with +0. Long inputs go through an LSD radix sort on the IEEE-754 bits (8 passes of 8 bits,
 * passes where every key has the same byte skipped): O(n), no comparator calls.
 */
export function argsort(v: ArrayLike<number>): Int32Array {
  const n = v.length;
  let idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (n < 256) return idx.sort((a, b) => v[a] - v[b] || a - b);
  // Order-preserving keys: flip the sign bit of non-negative values, every bit of negative ones.
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = v[i] === 0 ? 0 : v[i];
  const u = new Uint32Array(f.buffer);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = u[2 * i + 1];
    const neg = h & 0x80000000;
    hi[i] = neg ? ~h : h ^ 0x80000000;
    lo[i] = neg ? ~u[2 * i] : u[2 * i];
  }
  // Keys travel with the indices, so every pass reads sequentially.
  let idx2 = new Int32Array(n);
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  const count = new Int32Array(256);
  for (let pass = 0; pass < 8; pass++) {
    const shift = (pass & 3) * 8;
    const key = pass < 4 ? lo : hi;
    count.fill(0);
    for (let k = 0; k < n; k++) count[(key[k] >>> shift) & 255]++;
    if (count[(key[0] >>> shift) & 255] === n) continue;
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const at = count[(key[k] >>> shift) & 255]++;
      idx2[at] = idx[k];
      lo2[at] = lo[k];
      hi2[at] = hi[k];
    }
    [idx, idx2] = [idx2, idx];
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
  }
  return idx;
}

/**
 * Mid-ranks (ties get the mean of their ranks, 1-based), as R's rank(ties = "average"): one
 * sort; the tie group at sorted positions lo … hi − 1 holds ranks lo + 1 … hi, mean (lo + 1 + hi)/2.
 */
export function midranks(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const order = argsort(v);
  const r = new Float64Array(n);
  let lo = 0;
  while (lo < n) {
    const x = v[order[lo]];
    let hi = lo + 1;
    while (hi < n && v[order[hi]] === x) hi++;
    const rank = (lo + 1 + hi) / 2;
    for (let k = lo; k < hi; k++) r[order[k]] = rank;
    lo = hi;
  }
  return r;
}

/** Sizes of tie groups (only groups with > 1 member). */
export function tieCounts(v: ArrayLike<number>): number[] {
  const s = Float64Array.from(v).sort();
  const out: number[] = [];
  let i = 0;
  while (i < s.length) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[i]) j++;
    if (j > i) out.push(j - i + 1);
    i = j + 1;
  }
  return out;
}

/** Sample quantile of type 7 (R's default): x[(n−1)p] interpolated. */
export function quantile7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Arithmetic mean. */
export function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}

/** Sample variance (divisor n − 1). */
export function variance(v: ArrayLike<number>): number {
  const m = mean(v);
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - m) * (v[i] - m);
  return s / (v.length - 1);
}

/** Sample covariance (divisor n − 1). */
export function covariance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ma = mean(a);
  const mb = mean(b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (a.length - 1);
}
