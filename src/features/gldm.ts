import {
  anglePad,
  angleSteps,
  generateAngles,
  levelIndex,
  padRoi,
  type DiscreteRoi,
  type TextureSettings,
  matrixEntropy,
  weightedVariance,
} from "./common.js";

/**
 * Grey Level Dependence Matrix, PyRadiomics `gldm`: P(i, j) = number of ROI voxels of grey level i with
 * j − 1 dependent neighbours, a neighbour (ROI voxel at any of the 26 offsets at the given distances) being
 * dependent when |i − level(neighbour)| ≤ α (`gldm_a`, default 0). Absent grey levels and empty dependence
 * columns are dropped before the features.
 */
export interface Gldm {
  /** P[i·nd + d] for dependence count d = 0 … nd − 1 (j = d + 1). */
  p: Float64Array;
  grayLevels: Float64Array;
  nd: number;
}

/** Builds the GLDM in one pass over the ROI voxels. */
export function computeGldm(roi: DiscreteRoi, settings: TextureSettings = {}): Gldm {
  const alpha = settings.gldm_a ?? 0;
  const { lev, idx, size, extent, present, ng } = padRoi(roi, anglePad(settings, roi.size));
  const li = levelIndex(present, ng);
  const angles = generateAngles(extent, settings);
  const steps = angleSteps(angles, size);
  const na = steps.length;
  const nd = 2 * na + 1;
  const p = new Float64Array(present.length * nd);
  if (ng <= 1024) {
    // dependent[g·(Ng+1) + l] = 1 when |g − l| ≤ α and l is an ROI level (l = 0 is outside): a branch-free count.
    const w = ng + 1;
    const dependent = new Uint8Array(w * w);
    for (let g = 1; g <= ng; g++) for (let l = 1; l <= ng; l++) dependent[g * w + l] = Math.abs(l - g) <= alpha ? 1 : 0;
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      const g = lev[i];
      const row = g * w;
      let dep = 0;
      for (let a = 0; a < na; a++) dep += dependent[row + lev[i + steps[a]]] + dependent[row + lev[i - steps[a]]];
      p[li[g] * nd + dep]++;
    }
    return { p, grayLevels: Float64Array.from(present), nd };
  }
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    const g = lev[i];
    let dep = 0;
    for (let a = 0; a < na; a++) {
      const up = lev[i + steps[a]];
      if (up !== 0 && Math.abs(up - g) <= alpha) dep++;
      const down = lev[i - steps[a]];
      if (down !== 0 && Math.abs(down - g) <= alpha) dep++;
    }
    p[li[g] * nd + dep]++;
  }
  return { p, grayLevels: Float64Array.from(present), nd };
}

/** GLDM sums over non-empty dependence columns: pg(i), pd(j), Nz = ΣP (= ROI voxels). */
export interface GldmCoefficients {
  P: Float64Array;
  ni: number;
  nj: number;
  ivector: Float64Array;
  jvector: Float64Array;
  pg: Float64Array;
  pd: Float64Array;
  nz: number;
}

export function gldmCoefficients(m: Gldm): GldmCoefficients {
  const ni = m.grayLevels.length;
  const keep: number[] = [];
  for (let d = 0; d < m.nd; d++) {
    let s = 0;
    for (let i = 0; i < ni; i++) s += m.p[i * m.nd + d];
    if (s > 0) keep.push(d);
  }
  const nj = keep.length;
  const P = new Float64Array(ni * nj);
  const pg = new Float64Array(ni);
  const pd = new Float64Array(nj);
  let nz = 0;
  for (let i = 0; i < ni; i++) {
    for (let t = 0; t < nj; t++) {
      const v = m.p[i * m.nd + keep[t]];
      P[i * nj + t] = v;
      pg[i] += v;
      pd[t] += v;
      nz += v;
    }
  }
  return { P, ni, nj, ivector: m.grayLevels, jvector: Float64Array.from(keep, (d) => d + 1), pg, pd, nz };
}

function sumIJ(c: GldmCoefficients, f: (i: number, j: number) => number): number {
  let s = 0;
  for (let i = 0; i < c.ni; i++) for (let t = 0; t < c.nj; t++) s += c.P[i * c.nj + t] * f(c.ivector[i], c.jvector[t]);
  return s;
}

/** SDE = Σ_j pd(j)/j² / Nz */
export function smallDependenceEmphasis(c: GldmCoefficients): number {
  return sumIJ(c, (_i, j) => 1 / (j * j)) / c.nz;
}

/** LDE = Σ_j pd(j)·j² / Nz */
export function largeDependenceEmphasis(c: GldmCoefficients): number {
  return sumIJ(c, (_i, j) => j * j) / c.nz;
}

/** GLN = Σ_i pg(i)² / Nz */
export function grayLevelNonUniformity(c: GldmCoefficients): number {
  let s = 0;
  for (const v of c.pg) s += v * v;
  return s / c.nz;
}

/** DN = Σ_j pd(j)² / Nz */
export function dependenceNonUniformity(c: GldmCoefficients): number {
  let s = 0;
  for (const v of c.pd) s += v * v;
  return s / c.nz;
}

/** DNN = Σ_j pd(j)² / Nz² */
export function dependenceNonUniformityNormalized(c: GldmCoefficients): number {
  return dependenceNonUniformity(c) / c.nz;
}

/** GLV = Σ_i p_g(i)(i − μ)², p_g = pg/Nz */
export function grayLevelVariance(c: GldmCoefficients): number {
  return weightedVariance(c.pg, c.ivector, c.nz);
}

/** DV = Σ_j p_d(j)(j − μ)², p_d = pd/Nz */
export function dependenceVariance(c: GldmCoefficients): number {
  return weightedVariance(c.pd, c.jvector, c.nz);
}

/** DE = −Σ_i Σ_j p(i,j) log2(p(i,j) + ε), p = P/Nz */
export function dependenceEntropy(c: GldmCoefficients): number {
  return matrixEntropy(c.P, c.nz);
}

/** LGLE = Σ_i pg(i)/i² / Nz */
export function lowGrayLevelEmphasis(c: GldmCoefficients): number {
  return sumIJ(c, (i) => 1 / (i * i)) / c.nz;
}

/** HGLE = Σ_i pg(i)·i² / Nz */
export function highGrayLevelEmphasis(c: GldmCoefficients): number {
  return sumIJ(c, (i) => i * i) / c.nz;
}

/** SDLGLE = Σ P(i,j)/(i² j²) / Nz */
export function smallDependenceLowGrayLevelEmphasis(c: GldmCoefficients): number {
  return sumIJ(c, (i, j) => 1 / (i * i * j * j)) / c.nz;
}

/** SDHGLE = Σ P(i,j)·i²/j² / Nz */
export function smallDependenceHighGrayLevelEmphasis(c: GldmCoefficients): number {
  return sumIJ(c, (i, j) => (i * i) / (j * j)) / c.nz;
}

/** LDLGLE = Σ P(i,j)·j²/i² / Nz */
export function largeDependenceLowGrayLevelEmphasis(c: GldmCoefficients): number {
  return sumIJ(c, (i, j) => (j * j) / (i * i)) / c.nz;
}

/** LDHGLE = Σ P(i,j)·i²·j² / Nz */
export function largeDependenceHighGrayLevelEmphasis(c: GldmCoefficients): number {
  return sumIJ(c, (i, j) => i * i * j * j) / c.nz;
}

export const GLDM_FEATURES: Record<string, (c: GldmCoefficients) => number> = {
  DependenceEntropy: dependenceEntropy,
  DependenceNonUniformity: dependenceNonUniformity,
  DependenceNonUniformityNormalized: dependenceNonUniformityNormalized,
  DependenceVariance: dependenceVariance,
  GrayLevelNonUniformity: grayLevelNonUniformity,
  GrayLevelVariance: grayLevelVariance,
  HighGrayLevelEmphasis: highGrayLevelEmphasis,
  LargeDependenceEmphasis: largeDependenceEmphasis,
  LargeDependenceHighGrayLevelEmphasis: largeDependenceHighGrayLevelEmphasis,
  LargeDependenceLowGrayLevelEmphasis: largeDependenceLowGrayLevelEmphasis,
  LowGrayLevelEmphasis: lowGrayLevelEmphasis,
  SmallDependenceEmphasis: smallDependenceEmphasis,
  SmallDependenceHighGrayLevelEmphasis: smallDependenceHighGrayLevelEmphasis,
  SmallDependenceLowGrayLevelEmphasis: smallDependenceLowGrayLevelEmphasis,
};

export function gldmFeatures(m: Gldm, names: string[] = Object.keys(GLDM_FEATURES)): Map<string, number> {
  const c = gldmCoefficients(m);
  return new Map(names.map((n) => [n, GLDM_FEATURES[n](c)]));
}
