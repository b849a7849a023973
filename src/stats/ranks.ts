/** Ranking helpers shared by ROC/DeLong, rank tests and Spearman correlation. */
import { KernelMemory } from "./kernels/index.js";

let scratch: KernelMemory | undefined;

/**
 * Indices that sort v ascending, ties in index order (stable); −0 ties with +0, NaNs go last.
 * Long inputs go through the WebAssembly LSD radix sort on the IEEE-754 bits (O(n), no
 * comparator calls, fast from the first call); short ones (where setting that up costs more)
 * through a comparator sort.
 */
export function argsort(v: ArrayLike<number>): Int32Array {
  const n = v.length;
  if (n < 1024) {
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    return idx.sort((a, b) => {
      const x = v[a];
      const y = v[b];
      if (x < y) return -1;
      if (x > y) return 1;
      const nx = x !== x;
      if (nx !== (y !== y)) return nx ? 1 : -1;
      return a - b;
    });
  }
  scratch ??= new KernelMemory();
  scratch.reset();
  const at = scratch.alloc(n);
  const f = scratch.f64;
  if (v instanceof Float64Array) f.set(v, at);
  else for (let i = 0; i < n; i++) f[at + i] = v[i];
  return scratch.argsort(at, n);
}

/**
 * Mid-ranks (ties get the mean of their ranks, 1-based), as R's rank(ties = "average",
 * na.last = "keep"): NaN entries get NaN. One sort; the tie group at sorted positions
 * lo … hi − 1 holds ranks lo + 1 … hi, mean (lo + 1 + hi)/2.
 */
export function midranks(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const order = argsort(v);
  const r = new Float64Array(n);
  let lo = 0;
  while (lo < n) {
    const x = v[order[lo]];
    if (x !== x) {
      for (let k = lo; k < n; k++) r[order[k]] = NaN;
      break;
    }
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
