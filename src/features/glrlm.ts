import {
  angleDistance,
  anglePad,
  angleSteps,
  checkWeightingNorm,
  generateAngles,
  levelIndex,
  nanMean,
  padRoi,
  roiCoordinates,
  roiIndices,
  type DiscreteRoi,
  type TextureSettings,
  matrixEntropy,
  weightedVariance,
} from "./common.js";
import { dropEmptyAngles, weightAngles } from "./glcm.js";

/**
 * Grey Level Run Length Matrix, PyRadiomics `glrlm`: P(i, j | θ) = number of runs of j consecutive ROI voxels
 * of grey level i along direction θ (13 directions in 3D). Rows of absent grey levels are removed; an angle
 * along which no line holds two ROI voxels is zeroed (as PyRadiomics' C code) and all-zero angles dropped;
 * with `weightingNorm` the angles are summed with weight ‖θ·spacing‖.
 */
export interface Glrlm {
  /** P[(i·nr + j)·na + a], PyRadiomics' `(Ng, Nr, Na)` layout; column j is run length j + 1. */
  p: Float64Array;
  grayLevels: Float64Array;
  nr: number;
  na: number;
}

/** Builds the GLRLM: each run is walked once from its first voxel (a voxel whose predecessor breaks the run). */
export function computeGlrlm(roi: DiscreteRoi, settings: TextureSettings = {}): Glrlm {
  checkWeightingNorm(settings.weightingNorm);
  const { lev, idx, size, extent, present, ng } = padRoi(roi, anglePad(settings, roi.size));
  const ngp = present.length;
  const li = levelIndex(present, ng);
  const angles = generateAngles(extent, settings);
  const na0 = angles.length / 3;
  const nrMax = Math.max(roi.size[0], roi.size[1], roi.size[2]);
  const counts = new Float64Array(ngp * nrMax * na0);
  const steps = angleSteps(angles, size);
  let longest = 0;
  for (let a = 0; a < na0; a++) {
    const step = steps[a];
    let multi = false;
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      const g = lev[i];
      if (lev[i - step] === g) continue; // not the start of a run
      let len = 1;
      let j = i + step;
      while (lev[j] === g) {
        len++;
        j += step;
      }
      if (len > 1 || lev[j] !== 0) multi = true;
      if (len > longest) longest = len;
      counts[(li[g] * nrMax + len - 1) * na0 + a]++;
    }
    if (!multi && !lineHoldsTwo(roi, angles[3 * a + 2], angles[3 * a + 1], angles[3 * a])) {
      for (let r = 0; r < ngp; r++) counts[r * nrMax * na0 + a] = 0; // ROI is 'flat' along this angle
    }
  }
  // Trim to the longest run.
  const nr = Math.max(longest, 1);
  let mat = new Float64Array(ngp * nr * na0);
  for (let r = 0; r < ngp; r++) {
    for (let j = 0; j < nr; j++) {
      for (let a = 0; a < na0; a++) mat[(r * nr + j) * na0 + a] = counts[(r * nrMax + j) * na0 + a];
    }
  }
  let na = na0;
  if (settings.weightingNorm != null) {
    mat = weightAngles(mat, ngp * nr, na0, (a) => angleDistance(angles, a, roi.spacing, settings.weightingNorm!));
    na = 1;
  }
  const kept = dropEmptyAngles(mat, ngp * nr, na);
  return { p: kept.m, grayLevels: Float64Array.from(present), nr, na: kept.na };
}

/** Slow path of the 'multiple elements' test: does any line along (dx,dy,dz) hold two ROI voxels (not adjacent)? */
function lineHoldsTwo(roi: DiscreteRoi, dx: number, dy: number, dz: number): boolean {
  const [nx, ny, nz] = roi.size;
  const idx = roiIndices(roi.mask);
  const { x, y, z } = roiCoordinates(idx, roi.size);
  const step = dx + nx * (dy + ny * dz);
  for (let k = 0; k < idx.length; k++) {
    let cx = x[k] + dx;
    let cy = y[k] + dy;
    let cz = z[k] + dz;
    let j = idx[k] + step;
    while (cx >= 0 && cx < nx && cy >= 0 && cy < ny && cz >= 0 && cz < nz) {
      if (roi.mask[j]) return true;
      cx += dx;
      cy += dy;
      cz += dz;
      j += step;
    }
  }
  return false;
}

/** Per-angle GLRLM sums: pg(i) = Σ_j P(i,j), pr(j) = Σ_i P(i,j) (empty run lengths removed), Nr(θ) = ΣP. */
export interface GlrlmCoefficients {
  P: Float64Array;
  ni: number;
  nj: number;
  ivector: Float64Array;
  jvector: Float64Array;
  pg: Float64Array;
  pr: Float64Array;
  nRuns: number;
}

/** Extracts angle `a`, dropping run-length columns that are empty over all angles (as PyRadiomics). */
export function glrlmCoefficients(m: Glrlm, a: number, keepCols: number[]): GlrlmCoefficients {
  const ni = m.grayLevels.length;
  const nj = keepCols.length;
  const P = new Float64Array(ni * nj);
  const pg = new Float64Array(ni);
  const pr = new Float64Array(nj);
  let nRuns = 0;
  for (let i = 0; i < ni; i++) {
    for (let t = 0; t < nj; t++) {
      const v = m.p[(i * m.nr + keepCols[t]) * m.na + a];
      P[i * nj + t] = v;
      pg[i] += v;
      pr[t] += v;
      nRuns += v;
    }
  }
  const jvector = Float64Array.from(keepCols, (c) => c + 1);
  return { P, ni, nj, ivector: m.grayLevels, jvector, pg, pr, nRuns: nRuns === 0 ? NaN : nRuns };
}

function sumIJ(c: GlrlmCoefficients, f: (i: number, j: number) => number): number {
  let s = 0;
  for (let i = 0; i < c.ni; i++) for (let t = 0; t < c.nj; t++) s += c.P[i * c.nj + t] * f(c.ivector[i], c.jvector[t]);
  return s;
}

/** SRE = Σ_j pr(j)/j² / Nr */
export function shortRunEmphasis(c: GlrlmCoefficients): number {
  let s = 0;
  for (let t = 0; t < c.nj; t++) s += c.pr[t] / c.jvector[t] ** 2;
  return s / c.nRuns;
}

/** LRE = Σ_j pr(j)·j² / Nr */
export function longRunEmphasis(c: GlrlmCoefficients): number {
  let s = 0;
  for (let t = 0; t < c.nj; t++) s += c.pr[t] * c.jvector[t] ** 2;
  return s / c.nRuns;
}

/** GLN = Σ_i pg(i)² / Nr */
export function grayLevelNonUniformity(c: GlrlmCoefficients): number {
  let s = 0;
  for (const v of c.pg) s += v * v;
  return s / c.nRuns;
}

/** GLNN = Σ_i pg(i)² / Nr² */
export function grayLevelNonUniformityNormalized(c: GlrlmCoefficients): number {
  return grayLevelNonUniformity(c) / c.nRuns;
}

/** RLN = Σ_j pr(j)² / Nr */
export function runLengthNonUniformity(c: GlrlmCoefficients): number {
  let s = 0;
  for (const v of c.pr) s += v * v;
  return s / c.nRuns;
}

/** RLNN = Σ_j pr(j)² / Nr² */
export function runLengthNonUniformityNormalized(c: GlrlmCoefficients): number {
  return runLengthNonUniformity(c) / c.nRuns;
}

/** RP = Nr / Np, Np = Σ_j pr(j)·j (voxels counted by the runs) */
export function runPercentage(c: GlrlmCoefficients): number {
  let np = 0;
  for (let t = 0; t < c.nj; t++) np += c.pr[t] * c.jvector[t];
  return c.nRuns / np;
}

/** GLV = Σ_i p_g(i)(i − μ)², p_g = pg/Nr, μ = Σ_i p_g(i)·i */
export function grayLevelVariance(c: GlrlmCoefficients): number {
  return weightedVariance(c.pg, c.ivector, c.nRuns);
}

/** RV = Σ_j p_r(j)(j − μ)², p_r = pr/Nr, μ = Σ_j p_r(j)·j */
export function runVariance(c: GlrlmCoefficients): number {
  return weightedVariance(c.pr, c.jvector, c.nRuns);
}

/** RE = −Σ_i Σ_j p(i,j) log2(p(i,j) + ε), p = P/Nr */
export function runEntropy(c: GlrlmCoefficients): number {
  return matrixEntropy(c.P, c.nRuns);
}

/** LGLRE = Σ_i pg(i)/i² / Nr */
export function lowGrayLevelRunEmphasis(c: GlrlmCoefficients): number {
  return sumIJ(c, (i) => 1 / (i * i)) / c.nRuns;
}

/** HGLRE = Σ_i pg(i)·i² / Nr */
export function highGrayLevelRunEmphasis(c: GlrlmCoefficients): number {
  return sumIJ(c, (i) => i * i) / c.nRuns;
}

/** SRLGLE = Σ_i Σ_j P(i,j)/(i² j²) / Nr */
export function shortRunLowGrayLevelEmphasis(c: GlrlmCoefficients): number {
  return sumIJ(c, (i, j) => 1 / (i * i * j * j)) / c.nRuns;
}

/** SRHGLE = Σ_i Σ_j P(i,j)·i²/j² / Nr */
export function shortRunHighGrayLevelEmphasis(c: GlrlmCoefficients): number {
  return sumIJ(c, (i, j) => (i * i) / (j * j)) / c.nRuns;
}

/** LRLGLE = Σ_i Σ_j P(i,j)·j²/i² / Nr */
export function longRunLowGrayLevelEmphasis(c: GlrlmCoefficients): number {
  return sumIJ(c, (i, j) => (j * j) / (i * i)) / c.nRuns;
}

/** LRHGLE = Σ_i Σ_j P(i,j)·i²·j² / Nr */
export function longRunHighGrayLevelEmphasis(c: GlrlmCoefficients): number {
  return sumIJ(c, (i, j) => i * i * j * j) / c.nRuns;
}

export const GLRLM_FEATURES: Record<string, (c: GlrlmCoefficients) => number> = {
  GrayLevelNonUniformity: grayLevelNonUniformity,
  GrayLevelNonUniformityNormalized: grayLevelNonUniformityNormalized,
  GrayLevelVariance: grayLevelVariance,
  HighGrayLevelRunEmphasis: highGrayLevelRunEmphasis,
  LongRunEmphasis: longRunEmphasis,
  LongRunHighGrayLevelEmphasis: longRunHighGrayLevelEmphasis,
  LongRunLowGrayLevelEmphasis: longRunLowGrayLevelEmphasis,
  LowGrayLevelRunEmphasis: lowGrayLevelRunEmphasis,
  RunEntropy: runEntropy,
  RunLengthNonUniformity: runLengthNonUniformity,
  RunLengthNonUniformityNormalized: runLengthNonUniformityNormalized,
  RunPercentage: runPercentage,
  RunVariance: runVariance,
  ShortRunEmphasis: shortRunEmphasis,
  ShortRunHighGrayLevelEmphasis: shortRunHighGrayLevelEmphasis,
  ShortRunLowGrayLevelEmphasis: shortRunLowGrayLevelEmphasis,
};

/** GLRLM features: per angle, then numpy.nanmean over angles. */
export function glrlmFeatures(m: Glrlm, names: string[] = Object.keys(GLRLM_FEATURES)): Map<string, number> {
  const keep: number[] = [];
  for (let j = 0; j < m.nr; j++) {
    let s = 0;
    for (let i = 0; i < m.grayLevels.length; i++) for (let a = 0; a < m.na; a++) s += m.p[(i * m.nr + j) * m.na + a];
    if (s !== 0) keep.push(j);
  }
  const coeffs = Array.from({ length: m.na }, (_, a) => glrlmCoefficients(m, a, keep));
  const out = new Map<string, number>();
  for (const name of names) out.set(name, nanMean(coeffs.map(GLRLM_FEATURES[name])));
  return out;
}
