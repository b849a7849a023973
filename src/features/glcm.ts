import {
  EPS,
  angleDistance,
  anglePad,
  angleSteps,
  checkWeightingNorm,
  generateAngles,
  levelIndex,
  nanMean,
  padRoi,
  symmetricEigenvaluesQL,
  type DiscreteRoi,
  type TextureSettings,
} from "./common.js";

/**
 * Grey Level Co-occurrence Matrix, PyRadiomics `glcm`: P(i, j | a) counts ROI voxel pairs with grey levels
 * i and j at offset a (26 directions at distance 1 in 3D, one of each mirrored pair), symmetrised by default
 * (P + Pᵀ), optionally distance-weighted (W = e^(−‖d‖²), summed over angles), rows/columns of grey levels
 * absent from the ROI removed, all-zero angles removed, each angle normalised to p = P / ΣP.
 */
export interface Glcm {
  /** p[(i·ngp + j)·na + a], the same layout as PyRadiomics' `(Ng, Ng, Na)` matrix. */
  p: Float64Array;
  /** Grey levels present in the ROI (the i / j values). */
  grayLevels: Float64Array;
  /** Largest grey level in the ROI (PyRadiomics' Ng, used by IDMN/IDN and the k ranges). */
  ng: number;
  na: number;
}

/** Builds the normalised GLCM in one pass over the ROI voxels. */
export function computeGlcm(roi: DiscreteRoi, settings: TextureSettings = {}): Glcm {
  checkWeightingNorm(settings.weightingNorm);
  const { lev, idx, size, extent, present, ng } = padRoi(roi, anglePad(settings, roi.size));
  const ngp = present.length;
  const li = levelIndex(present, ng);
  const angles = generateAngles(extent, settings);
  const na0 = angles.length / 3;
  const counts = new Float64Array(ngp * ngp * na0);
  const steps = angleSteps(angles, size);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    const gi = li[lev[i]] * ngp * na0;
    for (let a = 0; a < na0; a++) {
      const lj = lev[i + steps[a]];
      if (lj !== 0) counts[gi + li[lj] * na0 + a]++;
    }
  }
  if (settings.symmetricalGLCM ?? true) symmetrise(counts, ngp, na0);
  let mat = counts;
  let na = na0;
  if (settings.weightingNorm != null) {
    mat = weightAngles(counts, ngp * ngp, na0, (a) => {
      const d = angleDistance(angles, a, roi.spacing, settings.weightingNorm!);
      return settings.weightingNorm === "no_weighting" ? 1 : Math.exp(-d * d);
    });
    na = 1;
  }
  const kept = dropEmptyAngles(mat, ngp * ngp, na);
  normaliseAngles(kept.m, ngp * ngp, kept.na);
  return { p: kept.m, grayLevels: Float64Array.from(present), ng, na: kept.na };
}

function symmetrise(m: Float64Array, n: number, na: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      for (let a = 0; a < na; a++) {
        const u = (i * n + j) * na + a;
        const v = (j * n + i) * na + a;
        const s = m[u] + m[v];
        m[u] = s;
        m[v] = s;
      }
    }
  }
}

/** Σ_a w(a)·M[·, a] → one merged angle. Shared with GLRLM. */
export function weightAngles(m: Float64Array, cells: number, na: number, w: (a: number) => number): Float64Array {
  const weights = Array.from({ length: na }, (_, a) => w(a));
  const out = new Float64Array(cells);
  for (let c = 0; c < cells; c++) {
    let s = 0;
    for (let a = 0; a < na; a++) s += m[c * na + a] * weights[a];
    out[c] = s;
  }
  return out;
}

/** Removes angles whose matrix sums to 0 (when more than one angle). Shared with GLRLM. */
export function dropEmptyAngles(m: Float64Array, cells: number, na: number): { m: Float64Array; na: number } {
  if (na <= 1) return { m, na };
  const sums = new Float64Array(na);
  for (let c = 0; c < cells; c++) for (let a = 0; a < na; a++) sums[a] += m[c * na + a];
  const keep: number[] = [];
  for (let a = 0; a < na; a++) if (sums[a] !== 0) keep.push(a);
  if (keep.length === na) return { m, na };
  const out = new Float64Array(cells * keep.length);
  for (let c = 0; c < cells; c++) for (let t = 0; t < keep.length; t++) out[c * keep.length + t] = m[c * na + keep[t]];
  return { m: out, na: keep.length };
}

function normaliseAngles(m: Float64Array, cells: number, na: number): void {
  const sums = new Float64Array(na);
  for (let c = 0; c < cells; c++) for (let a = 0; a < na; a++) sums[a] += m[c * na + a];
  for (let c = 0; c < cells; c++) for (let a = 0; a < na; a++) m[c * na + a] /= sums[a] === 0 ? NaN : sums[a];
}

/** Per-angle coefficients of one normalised GLCM p(i, j). */
export interface GlcmCoefficients {
  n: number;
  p: Float64Array;
  g: Float64Array;
  ng: number;
  px: Float64Array;
  py: Float64Array;
  ux: number;
  uy: number;
  /** p_{x+y}(k), k = 2 … 2Ng (index k − 2). */
  pSum: Float64Array;
  /** p_{x−y}(k), k = 0 … Ng − 1. */
  pDiff: Float64Array;
  /** HXY = −Σ p log2(p + ε). */
  hxy: number;
  /** HX, HY, HXY1, HXY2, filled on first use. */
  cross?: { hx: number; hy: number; hxy1: number; hxy2: number };
}

/** Extracts angle `a` of the GLCM and computes its marginals, means, p_{x+y}, p_{x−y} and HXY. */
export function glcmCoefficients(glcm: Glcm, a: number): GlcmCoefficients {
  const n = glcm.grayLevels.length;
  const g = glcm.grayLevels;
  const p = new Float64Array(n * n);
  for (let c = 0; c < n * n; c++) p[c] = glcm.p[c * glcm.na + a];
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const pSum = new Float64Array(2 * glcm.ng - 1);
  const pDiff = new Float64Array(glcm.ng);
  let ux = 0;
  let uy = 0;
  let hxy = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = p[i * n + j];
      px[i] += v;
      py[j] += v;
      ux += v * g[i];
      uy += v * g[j];
      pSum[g[i] + g[j] - 2] += v;
      pDiff[Math.abs(g[i] - g[j])] += v;
      hxy -= v * Math.log2(v + EPS);
    }
  }
  return { n, p, g, ng: glcm.ng, px, py, ux, uy, pSum, pDiff, hxy };
}

/*
 * The weighted sums below are Σ_i Σ_j p(i,j)·w in row-major order. w depends on i + j, i − j, i or j only,
 * so it is tabulated once per angle with the very expression of the formula (same powers, same rounding):
 * the sums are bit-identical to evaluating w in the inner loop, without a Math.pow per cell.
 */

/** Σ p(i,j)·t[g_i + g_j]. */
function sumBySum(c: GlcmCoefficients, t: Float64Array): number {
  const { n, p, g } = c;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += p[i * n + j] * t[g[i] + g[j]];
  return s;
}

/** Σ p(i,j)·row[i]. */
function sumByRow(c: GlcmCoefficients, row: Float64Array): number {
  const { n, p } = c;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += p[i * n + j] * row[i];
  return s;
}

/** Σ p(i,j)·col[j]. */
function sumByCol(c: GlcmCoefficients, col: Float64Array): number {
  const { n, p } = c;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += p[i * n + j] * col[j];
  return s;
}

/** t[k] = (k − μx − μy)^e for k = 2 … 2Ng (k = i + j). */
function clusterTable(c: GlcmCoefficients, e: number): Float64Array {
  const t = new Float64Array(2 * c.ng + 1);
  for (let k = 2; k <= 2 * c.ng; k++) t[k] = (k - c.ux - c.uy) ** e;
  return t;
}

/** (g_i − μ)² per grey level. */
function squaredDeviations(g: Float64Array, mu: number): Float64Array {
  return g.map((v) => (v - mu) ** 2);
}

/** Autocorrelation = Σ_i Σ_j p(i,j)·i·j */
export function autocorrelation(c: GlcmCoefficients): number {
  const { n, p, g } = c;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += p[i * n + j] * (g[i] * g[j]);
  return s;
}

/** Joint Average = μx = Σ_i Σ_j p(i,j)·i */
export function jointAverage(c: GlcmCoefficients): number {
  return c.ux;
}

/** Cluster Prominence = Σ_i Σ_j (i + j − μx − μy)⁴ p(i,j) */
export function clusterProminence(c: GlcmCoefficients): number {
  return sumBySum(c, clusterTable(c, 4));
}

/** Cluster Shade = Σ_i Σ_j (i + j − μx − μy)³ p(i,j) */
export function clusterShade(c: GlcmCoefficients): number {
  return sumBySum(c, clusterTable(c, 3));
}

/** Cluster Tendency = Σ_i Σ_j (i + j − μx − μy)² p(i,j) */
export function clusterTendency(c: GlcmCoefficients): number {
  return sumBySum(c, clusterTable(c, 2));
}

/** Contrast = Σ_i Σ_j (i − j)² p(i,j) */
export function contrast(c: GlcmCoefficients): number {
  const { n, p, g, ng } = c;
  const t = new Float64Array(2 * ng + 1); // t[d + Ng] = d², d = i − j
  for (let d = -ng; d <= ng; d++) t[d + ng] = d ** 2;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += p[i * n + j] * t[g[i] - g[j] + ng];
  return s;
}

/**
 * Correlation = (Σ_i Σ_j p(i,j)(i − μx)(j − μy)) / (σx σy + ε); 1 when σx σy = 0 (flat region).
 * σx² = Σ p(i,j)(i − μx)², σy² = Σ p(i,j)(j − μy)².
 */
export function correlation(c: GlcmCoefficients): number {
  const sx = Math.sqrt(sumByRow(c, squaredDeviations(c.g, c.ux)));
  const sy = Math.sqrt(sumByCol(c, squaredDeviations(c.g, c.uy)));
  if (sx * sy === 0) return 1;
  const { n, p, g } = c;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const di = g[i] - c.ux;
    for (let j = 0; j < n; j++) s += p[i * n + j] * (di * (g[j] - c.uy));
  }
  return s / (sx * sy + EPS);
}

/** Difference Average = Σ_{k=0}^{Ng−1} k·p_{x−y}(k) */
export function differenceAverage(c: GlcmCoefficients): number {
  let s = 0;
  for (let k = 0; k < c.pDiff.length; k++) s += k * c.pDiff[k];
  return s;
}

/** Difference Entropy = −Σ_k p_{x−y}(k) log2(p_{x−y}(k) + ε) */
export function differenceEntropy(c: GlcmCoefficients): number {
  let s = 0;
  for (const v of c.pDiff) s -= v * Math.log2(v + EPS);
  return s;
}

/** Difference Variance = Σ_k (k − DA)² p_{x−y}(k), DA = Difference Average */
export function differenceVariance(c: GlcmCoefficients): number {
  const da = differenceAverage(c);
  let s = 0;
  for (let k = 0; k < c.pDiff.length; k++) s += (k - da) ** 2 * c.pDiff[k];
  return s;
}

/** Joint Energy = Σ_i Σ_j p(i,j)² */
export function jointEnergy(c: GlcmCoefficients): number {
  let s = 0;
  for (const v of c.p) s += v * v;
  return s;
}

/** Joint Entropy = HXY = −Σ_i Σ_j p(i,j) log2(p(i,j) + ε) */
export function jointEntropy(c: GlcmCoefficients): number {
  return c.hxy;
}

/**
 * Marginal entropies HX, HY and the cross entropies HXY1 = −Σ p log2(px py + ε), HXY2 = −Σ px py log2(px py + ε);
 * computed once per angle (IMC1 and IMC2 both need them).
 */
function crossEntropies(c: GlcmCoefficients): { hx: number; hy: number; hxy1: number; hxy2: number } {
  return (c.cross ??= computeCrossEntropies(c));
}

function computeCrossEntropies(c: GlcmCoefficients): { hx: number; hy: number; hxy1: number; hxy2: number } {
  let hx = 0;
  let hy = 0;
  for (let i = 0; i < c.n; i++) {
    hx -= c.px[i] * Math.log2(c.px[i] + EPS);
    hy -= c.py[i] * Math.log2(c.py[i] + EPS);
  }
  let hxy1 = 0;
  let hxy2 = 0;
  for (let i = 0; i < c.n; i++) {
    for (let j = 0; j < c.n; j++) {
      const q = c.px[i] * c.py[j];
      const l = Math.log2(q + EPS);
      hxy1 -= c.p[i * c.n + j] * l;
      hxy2 -= q * l;
    }
  }
  return { hx, hy, hxy1, hxy2 };
}

/** IMC1 = (HXY − HXY1) / max(HX, HY); 0 when max(HX, HY) = 0 */
export function imc1(c: GlcmCoefficients): number {
  const { hx, hy, hxy1 } = crossEntropies(c);
  const div = Math.max(hx, hy);
  return div === 0 ? 0 : (c.hxy - hxy1) / div;
}

/** IMC2 = √(1 − e^(−2(HXY2 − HXY))); 0 when HXY2 = HXY (NaN when HXY > HXY2, as numpy) */
export function imc2(c: GlcmCoefficients): number {
  const { hxy2 } = crossEntropies(c);
  if (hxy2 === c.hxy) return 0;
  return Math.sqrt(1 - Math.exp(-2 * (hxy2 - c.hxy)));
}

/** IDM = Σ_k p_{x−y}(k) / (1 + k²) */
export function idm(c: GlcmCoefficients): number {
  let s = 0;
  for (let k = 0; k < c.pDiff.length; k++) s += c.pDiff[k] / (1 + k * k);
  return s;
}

/**
 * MCC = √(second largest eigenvalue of Q), Q(i,j) = Σ_k p(i,k) p(j,k) / (px(i) py(k) + ε).
 * Q is similar to the symmetric matrix A·Aᵀ with A(i,k) = p(i,k)/√(px(i) py(k)), whose eigenvalues are
 * computed instead (real, stable; Householder + QL). Flat region (one grey level): 1.
 */
export function mcc(c: GlcmCoefficients): number {
  const n = c.n;
  if (n < 2) return 1;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const d = Math.sqrt(c.px[i] * c.py[k]);
      a[i * n + k] = d === 0 ? 0 : c.p[i * n + k] / d;
    }
  }
  // A·Aᵀ, symmetric positive semi-definite
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * a[j * n + k];
      q[i * n + j] = s;
      q[j * n + i] = s;
    }
  }
  const ev = symmetricEigenvaluesQL(q, n);
  return Math.sqrt(ev[n - 2]);
}

/** IDMN = Σ_k p_{x−y}(k) / (1 + k²/Ng²) */
export function idmn(c: GlcmCoefficients): number {
  let s = 0;
  for (let k = 0; k < c.pDiff.length; k++) s += c.pDiff[k] / (1 + (k * k) / (c.ng * c.ng));
  return s;
}

/** ID = Σ_k p_{x−y}(k) / (1 + k) */
export function id(c: GlcmCoefficients): number {
  let s = 0;
  for (let k = 0; k < c.pDiff.length; k++) s += c.pDiff[k] / (1 + k);
  return s;
}

/** IDN = Σ_k p_{x−y}(k) / (1 + k/Ng) */
export function idn(c: GlcmCoefficients): number {
  let s = 0;
  for (let k = 0; k < c.pDiff.length; k++) s += c.pDiff[k] / (1 + k / c.ng);
  return s;
}

/** Inverse Variance = Σ_{k=1}^{Ng−1} p_{x−y}(k) / k² */
export function inverseVariance(c: GlcmCoefficients): number {
  let s = 0;
  for (let k = 1; k < c.pDiff.length; k++) s += c.pDiff[k] / (k * k);
  return s;
}

/** Maximum Probability = max p(i,j) */
export function maximumProbability(c: GlcmCoefficients): number {
  let m = -Infinity;
  for (const v of c.p) if (v > m) m = v;
  return m;
}

/** Sum Average = Σ_{k=2}^{2Ng} k·p_{x+y}(k) */
export function sumAverage(c: GlcmCoefficients): number {
  let s = 0;
  for (let k = 0; k < c.pSum.length; k++) s += (k + 2) * c.pSum[k];
  return s;
}

/** Sum Entropy = −Σ_k p_{x+y}(k) log2(p_{x+y}(k) + ε) */
export function sumEntropy(c: GlcmCoefficients): number {
  let s = 0;
  for (const v of c.pSum) s -= v * Math.log2(v + EPS);
  return s;
}

/** Sum of Squares = Σ_i Σ_j (i − μx)² p(i,j) */
export function sumSquares(c: GlcmCoefficients): number {
  return sumByRow(c, squaredDeviations(c.g, c.ux));
}

/** Enabled-by-default GLCM features (PyRadiomics names), each evaluated per angle then averaged. */
export const GLCM_FEATURES: Record<string, (c: GlcmCoefficients) => number> = {
  Autocorrelation: autocorrelation,
  ClusterProminence: clusterProminence,
  ClusterShade: clusterShade,
  ClusterTendency: clusterTendency,
  Contrast: contrast,
  Correlation: correlation,
  DifferenceAverage: differenceAverage,
  DifferenceEntropy: differenceEntropy,
  DifferenceVariance: differenceVariance,
  Id: id,
  Idm: idm,
  Idmn: idmn,
  Idn: idn,
  Imc1: imc1,
  Imc2: imc2,
  InverseVariance: inverseVariance,
  JointAverage: jointAverage,
  JointEnergy: jointEnergy,
  JointEntropy: jointEntropy,
  MCC: mcc,
  MaximumProbability: maximumProbability,
  SumAverage: sumAverage,
  SumEntropy: sumEntropy,
  SumSquares: sumSquares,
};

/** Features of a GLCM: each feature per angle, then the mean over angles (numpy.nanmean). */
export function glcmFeatures(glcm: Glcm, names: string[] = Object.keys(GLCM_FEATURES)): Map<string, number> {
  const coeffs = Array.from({ length: glcm.na }, (_, a) => glcmCoefficients(glcm, a));
  const out = new Map<string, number>();
  for (const name of names) {
    const f = GLCM_FEATURES[name];
    if (name === "MCC" && glcm.grayLevels.length < 2) {
      out.set(name, 1);
      continue;
    }
    out.set(name, nanMean(coeffs.map(f)));
  }
  return out;
}
