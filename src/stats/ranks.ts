/** Ranking helpers shared by ROC/DeLong, rank tests and Spearman correlation. */

/** Indices that sort v ascending (stable). */
export function argsort(v: ArrayLike<number>): Int32Array {
  const idx = new Int32Array(v.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => v[a] - v[b] || a - b);
}

/**
 * Mid-ranks (ties get the mean of their ranks, 1-based), as R's rank(ties = "average"):
 * one native sort, then the mid-rank of each distinct value (positions i..j → (i + j + 2)/2).
 */
export function midranks(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const sorted = Float64Array.from(v).sort();
  const rankOf = new Map<number, number>();
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && sorted[j + 1] === sorted[i]) j++;
    rankOf.set(sorted[i], (i + j + 2) / 2);
    i = j + 1;
  }
  const r = new Float64Array(n);
  for (let k = 0; k < n; k++) r[k] = rankOf.get(v[k]) as number;
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
