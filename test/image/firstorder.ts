/** Test helper: PyRadiomics first-order features computed directly from ROI voxels (formulas from its docs). */
import { discretize } from "../../src/image/discretize.js";
import type { Image3D, Mask3D } from "../../src/image/types.js";

/** numpy.percentile (linear): value at position (n − 1)·p/100 of the sorted data. */
function percentile(sorted: Float64Array, p: number): number {
  const pos = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function firstOrder(image: Image3D, mask: Mask3D, opts: { binWidth?: number; binCount?: number; voxelArrayShift?: number }): Record<string, number> {
  const shift = opts.voxelArrayShift ?? 0;
  const xs: number[] = [];
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) xs.push(image.data[i]!);
  const n = xs.length;
  const x = Float64Array.from(xs).sort();
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const m = (k: number) => x.reduce((s, v) => s + (v - mean) ** k, 0) / n;
  const energy = x.reduce((s, v) => s + (v + shift) ** 2, 0);
  const p10 = percentile(x, 10), p90 = percentile(x, 90);
  const robust = x.filter((v) => v >= p10 && v <= p90);
  const rmean = robust.reduce((s, v) => s + v, 0) / robust.length;
  const { bins, maxBin } = discretize(image.data, mask.data, opts);
  const hist = new Float64Array(maxBin + 1);
  for (let i = 0; i < bins.length; i++) if (mask.data[i]) hist[bins[i]!]!++;
  let entropy = 0, uniformity = 0;
  for (const c of hist) {
    if (c === 0) continue;
    const p = c / n;
    entropy -= p * Math.log2(p + 2.220446049250313e-16);
    uniformity += p * p;
  }
  return {
    Mean: mean,
    Minimum: x[0]!,
    Maximum: x[n - 1]!,
    Range: x[n - 1]! - x[0]!,
    Variance: m(2),
    Skewness: m(3) / m(2) ** 1.5,
    Kurtosis: m(4) / m(2) ** 2,
    Energy: energy,
    TotalEnergy: energy * image.spacing[0] * image.spacing[1] * image.spacing[2],
    RootMeanSquared: Math.sqrt(energy / n),
    MeanAbsoluteDeviation: x.reduce((s, v) => s + Math.abs(v - mean), 0) / n,
    Median: percentile(x, 50),
    "10Percentile": p10,
    "90Percentile": p90,
    InterquartileRange: percentile(x, 75) - percentile(x, 25),
    RobustMeanAbsoluteDeviation: robust.reduce((s, v) => s + Math.abs(v - rmean), 0) / robust.length,
    Entropy: entropy,
    Uniformity: uniformity,
  };
}
