/**
 * IBSI-1 intensity-based families (definitions of the IBSI reference manual, Zwanenburg et al. 2020):
 * intensity statistics (stat_*), intensity histogram (ih_*) on discretised levels, intensity-volume
 * histogram (ivh_*) and local intensity peaks (loc_*). Inputs are the ROI voxel values.
 */

/** Sorted copy. */
function sortedCopy(x: Float64Array): Float64Array {
  return Float64Array.from(x).sort();
}

/** IBSI percentile: numpy-style linear interpolation between order statistics at rank (n − 1)·q/100. */
export function ibsiPercentile(sorted: Float64Array, q: number): number {
  const pos = ((sorted.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Location, spread and shape descriptors shared by stat_* and ih_* (IBSI 3.3 / 3.4). */
function distributionFeatures(x: Float64Array, prefix: string): Map<string, number> {
  const n = x.length;
  const s = sortedCopy(x);
  let mean = 0;
  for (const v of x) mean += v;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const v of x) {
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const p10 = ibsiPercentile(s, 10);
  const p25 = ibsiPercentile(s, 25);
  const p75 = ibsiPercentile(s, 75);
  const p90 = ibsiPercentile(s, 90);
  const median = ibsiPercentile(s, 50);
  let mad = 0;
  let medad = 0;
  for (const v of x) {
    mad += Math.abs(v - mean);
    medad += Math.abs(v - median);
  }
  let rn = 0;
  let rmean = 0;
  for (const v of x) if (v >= p10 && v <= p90) (rmean += v), rn++;
  rmean /= rn;
  let rmad = 0;
  for (const v of x) if (v >= p10 && v <= p90) rmad += Math.abs(v - rmean);
  return new Map([
    [`${prefix}_mean`, mean],
    [`${prefix}_var`, m2],
    [`${prefix}_skew`, m2 === 0 ? 0 : m3 / m2 ** 1.5],
    [`${prefix}_kurt`, m2 === 0 ? 0 : m4 / (m2 * m2) - 3],
    [`${prefix}_median`, median],
    [`${prefix}_min`, s[0]],
    [`${prefix}_p10`, p10],
    [`${prefix}_p90`, p90],
    [`${prefix}_max`, s[n - 1]],
    [`${prefix}_iqr`, p75 - p25],
    [`${prefix}_range`, s[n - 1] - s[0]],
    [`${prefix}_mad`, mad / n],
    [`${prefix}_rmad`, rmad / rn],
    [`${prefix}_medad`, medad / n],
    [`${prefix}_cov`, Math.sqrt(m2) / mean],
    [`${prefix}_qcod`, (p75 - p25) / (p75 + p25)],
  ]);
}

/** Intensity statistics: the distribution features of the raw ROI intensities, plus energy Σx² and RMS. */
export function statFeatures(values: Float64Array): Map<string, number> {
  const out = distributionFeatures(values, "stat");
  let e = 0;
  for (const v of values) e += v * v;
  out.set("stat_energy", e);
  out.set("stat_rms", Math.sqrt(e / values.length));
  return out;
}

/**
 * Intensity histogram on discretised levels 1…Ng: distribution features, mode, entropy −Σp log2 p,
 * uniformity Σp², and the histogram gradient H′ (central differences, one-sided at the ends) extremes.
 */
export function histogramFeatures(levels: Float64Array, ng: number): Map<string, number> {
  const out = distributionFeatures(levels, "ih");
  const h = new Float64Array(ng + 1);
  for (const v of levels) h[v]++;
  let mode = 1;
  for (let i = 1; i <= ng; i++) if (h[i] > h[mode]) mode = i;
  let entropy = 0;
  let uniformity = 0;
  for (let i = 1; i <= ng; i++) {
    const p = h[i] / levels.length;
    if (p > 0) entropy -= p * Math.log2(p);
    uniformity += p * p;
  }
  const grad = (i: number) => (i === 1 ? h[2] - h[1] : i === ng ? h[ng] - h[ng - 1] : (h[i + 1] - h[i - 1]) / 2);
  let gMax = 1;
  let gMin = 1;
  for (let i = 1; i <= ng; i++) {
    if (grad(i) > grad(gMax)) gMax = i;
    if (grad(i) < grad(gMin)) gMin = i;
  }
  out.set("ih_mode", mode);
  out.set("ih_entropy", entropy);
  out.set("ih_uniformity", uniformity);
  out.set("ih_max_grad", grad(gMax));
  out.set("ih_max_grad_g", gMax);
  out.set("ih_min_grad", grad(gMin));
  out.set("ih_min_grad_g", gMin);
  return out;
}

/**
 * Intensity-volume histogram on discrete levels i ∈ [lo, hi]: ν(i) = fraction of ROI voxels with level ≥ i,
 * γ(i) = (i − lo)/(hi − lo). V_x = ν at the first level with γ ≥ x; I_x = the lowest level with ν ≤ x.
 */
export function ivhFeatures(levels: Float64Array, lo: number, hi: number, step = 1): Map<string, number> {
  const n = levels.length;
  const sorted = sortedCopy(levels);
  /** Fraction of voxels with level ≥ i (binary search in the sorted values). */
  const nu = (i: number) => {
    const t = i - 1e-9 * step;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return (n - lo) / n;
  };
  const vAt = (x: number) => {
    for (let i = lo; i <= hi + 1e-9; i += step) if ((i - lo) / (hi - lo) >= x - 1e-12) return nu(i);
    return 0;
  };
  const iAt = (x: number) => {
    for (let i = lo; i <= hi + 1e-9; i += step) if (nu(i) <= x) return i;
    return hi + step;
  };
  const v10 = vAt(0.1);
  const v90 = vAt(0.9);
  const i10 = iAt(0.1);
  const i90 = iAt(0.9);
  return new Map([
    ["ivh_v10", v10],
    ["ivh_v90", v90],
    ["ivh_i10", i10],
    ["ivh_i90", i90],
    ["ivh_diff_v10_v90", v10 - v90],
    ["ivh_diff_i10_i90", i10 - i90],
  ]);
}

/**
 * Local intensity peaks: mean image intensity within a sphere of 1 cm³ (radius (3/(4π))^(1/3) cm = 6.2 mm)
 * around a voxel centre. loc_peak_loc: around the ROI voxel(s) of maximum intensity (largest mean if tied);
 * loc_peak_glob: the largest such mean over all ROI voxels.
 */
export function localIntensityFeatures(
  data: ArrayLike<number>,
  mask: ArrayLike<number>,
  size: [number, number, number],
  spacing: [number, number, number],
): Map<string, number> {
  const r = 10 * Math.cbrt(3 / (4 * Math.PI)); // mm
  const [nx, ny, nz] = size;
  const ext = spacing.map((s) => Math.floor(r / s));
  const offsets: number[] = [];
  for (let dz = -ext[2]; dz <= ext[2]; dz++) {
    for (let dy = -ext[1]; dy <= ext[1]; dy++) {
      for (let dx = -ext[0]; dx <= ext[0]; dx++) {
        if ((dx * spacing[0]) ** 2 + (dy * spacing[1]) ** 2 + (dz * spacing[2]) ** 2 <= r * r) offsets.push(dx, dy, dz);
      }
    }
  }
  const localMean = (x: number, y: number, z: number) => {
    let s = 0;
    let c = 0;
    for (let k = 0; k < offsets.length; k += 3) {
      const xx = x + offsets[k];
      const yy = y + offsets[k + 1];
      const zz = z + offsets[k + 2];
      if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) continue;
      s += data[xx + nx * (yy + ny * zz)];
      c++;
    }
    return s / c;
  };
  let maxVal = -Infinity;
  for (let i = 0; i < mask.length; i++) if (mask[i] && data[i] > maxVal) maxVal = data[i];
  let peakLoc = -Infinity;
  let peakGlob = -Infinity;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const m = localMean(i % nx, Math.floor(i / nx) % ny, Math.floor(i / (nx * ny)));
    if (m > peakGlob) peakGlob = m;
    if (data[i] === maxVal && m > peakLoc) peakLoc = m;
  }
  return new Map([
    ["loc_peak_loc", peakLoc],
    ["loc_peak_glob", peakGlob],
  ]);
}
