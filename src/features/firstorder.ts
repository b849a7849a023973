import { EPS } from "./common.js";

/**
 * Inputs of PyRadiomics' `firstorder` class: X = the ROI voxel intensities (Np of them), their bin indices
 * (for Entropy / Uniformity, same discretisation as the texture classes), the voxel volume V (mm³) and the
 * `voxelArrayShift` c added before squaring in Energy / TotalEnergy / RMS.
 */
export interface FirstOrderInput {
  values: Float64Array;
  bins: Int32Array;
  voxelVolume: number;
  voxelArrayShift?: number;
}

/** Order statistics, moments and histogram, computed once per ROI. */
export interface FirstOrderCoefficients {
  x: Float64Array;
  /**
   * A copy of x in which each rank read by the features (min, max, and ⌊pos⌋, ⌊pos⌋ + 1 of each percentile in
   * PERCENTILES) holds the value a full ascending sort would put there; other ranks are only partitioned.
   */
  ordered: Float64Array;
  n: number;
  mean: number;
  /** Central moments m2, m3, m4 (population, 1/Np). */
  m2: number;
  m3: number;
  m4: number;
  /** p(i) of the discretised histogram (non-empty bins only). */
  p: Float64Array;
  shift: number;
  voxelVolume: number;
  /** Σ (X(i) + c)², filled on first use. */
  energy?: number;
}

export function firstOrderCoefficients(input: FirstOrderInput): FirstOrderCoefficients {
  const x = input.values;
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const mean = s / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  let maxBin = 0;
  for (let i = 0; i < input.bins.length; i++) if (input.bins[i] > maxBin) maxBin = input.bins[i];
  const hist = new Float64Array(maxBin + 1);
  for (let i = 0; i < input.bins.length; i++) hist[input.bins[i]]++;
  const p = Float64Array.from(hist.filter((h) => h > 0), (h) => h / input.bins.length);
  return {
    x,
    ordered: orderStatistics(x, PERCENTILES),
    n,
    mean,
    m2: m2 / n,
    m3: m3 / n,
    m4: m4 / n,
    p,
    shift: input.voxelArrayShift ?? 0,
    voxelVolume: input.voxelVolume,
  };
}

/** The percentiles the features read (FirstOrderCoefficients.ordered is exact at their ranks only). */
export const PERCENTILES = [10, 25, 50, 75, 90];

/** Ranks ⌊pos⌋ and min(⌊pos⌋ + 1, n − 1) read by percentile(·, q) on n values. */
function percentileRanks(n: number, q: number): [number, number] {
  const lo = Math.floor(((n - 1) * q) / 100);
  return [lo, Math.min(lo + 1, n - 1)];
}

/**
 * Copy of x with the order statistics of ranks 0, n − 1 and those of `percentiles` in place, as a full sort
 * would leave them: quickselect (3-way partitions, so repeated intensities cost nothing) narrowed on the
 * sorted target ranks, O(n) expected instead of the O(n log n) sort. With −0 or NaN present (which
 * comparisons cannot order as the sort does) it sorts fully.
 */
export function orderStatistics(x: Float64Array, percentiles: number[]): Float64Array {
  const a = x.slice();
  const n = a.length;
  if (n < 64) return a.sort();
  for (let i = 0; i < n; i++) if (a[i] !== a[i] || (a[i] === 0 && 1 / a[i] < 0)) return a.sort();
  const wanted = new Set([0, n - 1]);
  for (const q of percentiles) for (const r of percentileRanks(n, q)) wanted.add(r);
  const ranks = Int32Array.from(wanted).sort();
  selectRanks(a, 0, n - 1, ranks, 0, ranks.length, 2 * Math.ceil(Math.log2(n)));
  return a;
}

/** Places the order statistics of ranks[r0..r1) (all within [lo, hi]) in a[lo..hi]. */
function selectRanks(a: Float64Array, lo: number, hi: number, ranks: Int32Array, r0: number, r1: number, depth: number): void {
  while (r0 < r1) {
    if (hi - lo < 16 || depth-- === 0) {
      a.subarray(lo, hi + 1).sort(); // short or unlucky range: sort it
      return;
    }
    // median-of-three pivot, then a 3-way partition: [lo, lt) < p, [lt, gt] = p, (gt, hi] > p
    const mid = (lo + hi) >>> 1;
    const u = a[lo], v = a[mid], w = a[hi];
    const p = u < v ? (v < w ? v : u < w ? w : u) : u < w ? u : v < w ? w : v;
    let lt = lo, gt = hi, i = lo;
    while (i <= gt) {
      const t = a[i];
      if (t < p) (a[i++] = a[lt]), (a[lt++] = t);
      else if (t > p) (a[i] = a[gt]), (a[gt--] = t);
      else i++;
    }
    // ranks below lt go left, ranks in [lt, gt] are done, ranks above gt go right
    let m0 = r0;
    while (m0 < r1 && ranks[m0] < lt) m0++;
    let m1 = m0;
    while (m1 < r1 && ranks[m1] <= gt) m1++;
    if (m0 - r0 < r1 - m1) {
      selectRanks(a, lo, lt - 1, ranks, r0, m0, depth);
      (lo = gt + 1), (r0 = m1);
    } else {
      selectRanks(a, gt + 1, hi, ranks, m1, r1, depth);
      (hi = lt - 1), (r1 = m0);
    }
  }
}

/** numpy.percentile (linear interpolation): value at rank (Np − 1)·q/100 of the sorted values. */
export function percentile(sorted: Float64Array, q: number): number {
  const pos = ((sorted.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const t = pos - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/** percentile() of a rank precomputed in `ordered`; other percentiles would read unordered ranks. */
function ordered(c: FirstOrderCoefficients, q: number): number {
  if (!PERCENTILES.includes(q)) throw new Error(`firstorder: percentile ${q} is not in PERCENTILES`);
  return percentile(c.ordered, q);
}

/** Energy = Σ (X(i) + c)² */
export function energy(c: FirstOrderCoefficients): number {
  if (c.energy !== undefined) return c.energy; // shared by Energy, TotalEnergy and RMS
  let s = 0;
  for (let i = 0; i < c.n; i++) s += (c.x[i] + c.shift) ** 2;
  return (c.energy = s);
}

/** Total Energy = V_voxel · Σ (X(i) + c)² */
export function totalEnergy(c: FirstOrderCoefficients): number {
  return c.voxelVolume * energy(c);
}

/** Entropy = −Σ_i p(i) log2(p(i) + ε), p = discretised histogram / Np */
export function entropy(c: FirstOrderCoefficients): number {
  let s = 0;
  for (const v of c.p) s -= v * Math.log2(v + EPS);
  return s;
}

/** Minimum = min X */
export function minimum(c: FirstOrderCoefficients): number {
  return c.ordered[0];
}

/** 10th percentile of X */
export function percentile10(c: FirstOrderCoefficients): number {
  return ordered(c, 10);
}

/** 90th percentile of X */
export function percentile90(c: FirstOrderCoefficients): number {
  return ordered(c, 90);
}

/** Maximum = max X */
export function maximum(c: FirstOrderCoefficients): number {
  return c.ordered[c.n - 1];
}

/** Mean = Σ X(i) / Np */
export function mean(c: FirstOrderCoefficients): number {
  return c.mean;
}

/** Median = 50th percentile of X */
export function median(c: FirstOrderCoefficients): number {
  return ordered(c, 50);
}

/** Interquartile Range = P75 − P25 */
export function interquartileRange(c: FirstOrderCoefficients): number {
  return ordered(c, 75) - ordered(c, 25);
}

/** Range = max X − min X */
export function range(c: FirstOrderCoefficients): number {
  return c.ordered[c.n - 1] - c.ordered[0];
}

/** Mean Absolute Deviation = Σ |X(i) − X̄| / Np */
export function meanAbsoluteDeviation(c: FirstOrderCoefficients): number {
  let s = 0;
  for (let i = 0; i < c.n; i++) s += Math.abs(c.x[i] - c.mean);
  return s / c.n;
}

/** Robust MAD = Σ |X₁₀₋₉₀(i) − X̄₁₀₋₉₀| / N₁₀₋₉₀ over the voxels with P10 ≤ X ≤ P90 */
export function robustMeanAbsoluteDeviation(c: FirstOrderCoefficients): number {
  const lo = ordered(c, 10);
  const hi = ordered(c, 90);
  let s = 0;
  let n = 0;
  for (let i = 0; i < c.n; i++) {
    if (c.x[i] >= lo && c.x[i] <= hi) {
      s += c.x[i];
      n++;
    }
  }
  const m = s / n;
  let d = 0;
  for (let i = 0; i < c.n; i++) if (c.x[i] >= lo && c.x[i] <= hi) d += Math.abs(c.x[i] - m);
  return d / n;
}

/** Root Mean Squared = √(Σ (X(i) + c)² / Np) */
export function rootMeanSquared(c: FirstOrderCoefficients): number {
  return Math.sqrt(energy(c) / c.n);
}

/** Standard Deviation = √m2 (population) */
export function standardDeviation(c: FirstOrderCoefficients): number {
  return Math.sqrt(c.m2);
}

/** Skewness = m3 / m2^(3/2); 0 for a flat ROI (m2 = 0) */
export function skewness(c: FirstOrderCoefficients): number {
  return c.m2 === 0 ? 0 : c.m3 / c.m2 ** 1.5;
}

/** Kurtosis = m4 / m2² (not excess); 0 for a flat ROI (m2 = 0) */
export function kurtosis(c: FirstOrderCoefficients): number {
  return c.m2 === 0 ? 0 : c.m4 / (c.m2 * c.m2);
}

/** Variance = m2 = Σ (X(i) − X̄)² / Np */
export function variance(c: FirstOrderCoefficients): number {
  return c.m2;
}

/** Uniformity = Σ_i p(i)² */
export function uniformity(c: FirstOrderCoefficients): number {
  let s = 0;
  for (const v of c.p) s += v * v;
  return s;
}

/** Features enabled by default (StandardDeviation is deprecated in PyRadiomics — available on request). */
export const FIRSTORDER_FEATURES: Record<string, (c: FirstOrderCoefficients) => number> = {
  "10Percentile": percentile10,
  "90Percentile": percentile90,
  Energy: energy,
  Entropy: entropy,
  InterquartileRange: interquartileRange,
  Kurtosis: kurtosis,
  Maximum: maximum,
  Mean: mean,
  MeanAbsoluteDeviation: meanAbsoluteDeviation,
  Median: median,
  Minimum: minimum,
  Range: range,
  RobustMeanAbsoluteDeviation: robustMeanAbsoluteDeviation,
  RootMeanSquared: rootMeanSquared,
  Skewness: skewness,
  TotalEnergy: totalEnergy,
  Uniformity: uniformity,
  Variance: variance,
};

export const FIRSTORDER_OPTIONAL: Record<string, (c: FirstOrderCoefficients) => number> = {
  StandardDeviation: standardDeviation,
};

export function firstOrderFeatures(input: FirstOrderInput, names: string[] = Object.keys(FIRSTORDER_FEATURES)): Map<string, number> {
  const c = firstOrderCoefficients(input);
  return new Map(names.map((n) => [n, (FIRSTORDER_FEATURES[n] ?? FIRSTORDER_OPTIONAL[n])(c)]));
}
