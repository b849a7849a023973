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

/** Sorted values, moments and histogram, computed once per ROI. */
export interface FirstOrderCoefficients {
  x: Float64Array;
  sorted: Float64Array;
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
    sorted: Float64Array.from(x).sort(),
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

/** Energy = Σ (X(i) + c)² */
export function energy(c: FirstOrderCoefficients): number {
  let s = 0;
  for (let i = 0; i < c.n; i++) s += (c.x[i] + c.shift) ** 2;
  return s;
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
  return c.sorted[0];
}

/** 10th percentile of X */
export function percentile10(c: FirstOrderCoefficients): number {
  return percentile(c.sorted, 10);
}

/** 90th percentile of X */
export function percentile90(c: FirstOrderCoefficients): number {
  return percentile(c.sorted, 90);
}

/** Maximum = max X */
export function maximum(c: FirstOrderCoefficients): number {
  return c.sorted[c.n - 1];
}

/** Mean = Σ X(i) / Np */
export function mean(c: FirstOrderCoefficients): number {
  return c.mean;
}

/** Median = 50th percentile of X */
export function median(c: FirstOrderCoefficients): number {
  return percentile(c.sorted, 50);
}

/** Interquartile Range = P75 − P25 */
export function interquartileRange(c: FirstOrderCoefficients): number {
  return percentile(c.sorted, 75) - percentile(c.sorted, 25);
}

/** Range = max X − min X */
export function range(c: FirstOrderCoefficients): number {
  return c.sorted[c.n - 1] - c.sorted[0];
}

/** Mean Absolute Deviation = Σ |X(i) − X̄| / Np */
export function meanAbsoluteDeviation(c: FirstOrderCoefficients): number {
  let s = 0;
  for (let i = 0; i < c.n; i++) s += Math.abs(c.x[i] - c.mean);
  return s / c.n;
}

/** Robust MAD = Σ |X₁₀₋₉₀(i) − X̄₁₀₋₉₀| / N₁₀₋₉₀ over the voxels with P10 ≤ X ≤ P90 */
export function robustMeanAbsoluteDeviation(c: FirstOrderCoefficients): number {
  const lo = percentile(c.sorted, 10);
  const hi = percentile(c.sorted, 90);
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
