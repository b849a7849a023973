import {
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
 * Grey Level Size Zone Matrix, PyRadiomics `glszm`: P(i, j) = number of zones (connected components of equal
 * grey level, 26-connected in 3D, 8-connected with force2D) of grey level i and size j. Rows of absent grey
 * levels are removed; zone-size columns that are empty are dropped before the features.
 */
export interface Glszm {
  /** P[i·ns + (j−1)] for zone sizes j = 1 … ns. */
  p: Float64Array;
  grayLevels: Float64Array;
  ns: number;
  /** Number of ROI voxels. */
  np: number;
}

/** Builds the GLSZM by flood-filling each zone once (explicit stack, no recursion). */
export function computeGlszm(roi: DiscreteRoi, settings: TextureSettings = {}): Glszm {
  const { lev, idx, size, extent, present, ng } = padRoi(roi, 1);
  const ngp = present.length;
  const li = levelIndex(present, ng);
  const angles = generateAngles(extent, { ...settings, distances: [1] });
  const steps = angleSteps(angles, size);
  const na = steps.length;
  // Flood fill on a copy of the levels, visited voxels set to 0: one test per neighbour.
  const open = lev.slice();
  const stack = new Int32Array(idx.length);
  const zoneLevel = new Int32Array(idx.length);
  const zoneSize = new Int32Array(idx.length);
  let zones = 0;
  let maxSize = 0;
  for (let k0 = 0; k0 < idx.length; k0++) {
    const i0 = idx[k0];
    const g = open[i0];
    if (g === 0) continue;
    let top = 0;
    stack[top++] = i0;
    open[i0] = 0;
    let size = 0;
    while (top > 0) {
      const i = stack[--top];
      size++;
      for (let a = 0; a < na; a++) {
        const up = i + steps[a];
        if (open[up] === g) (open[up] = 0), (stack[top++] = up);
        const down = i - steps[a];
        if (open[down] === g) (open[down] = 0), (stack[top++] = down);
      }
    }
    zoneLevel[zones] = g;
    zoneSize[zones++] = size;
    if (size > maxSize) maxSize = size;
  }
  const p = new Float64Array(ngp * maxSize);
  for (let t = 0; t < zones; t++) p[li[zoneLevel[t]] * maxSize + zoneSize[t] - 1]++;
  return { p, grayLevels: Float64Array.from(present), ns: maxSize, np: idx.length };
}

/** GLSZM sums: pg(i) = Σ_j P(i,j), ps(j) = Σ_i P(i,j) over non-empty sizes, Nz = ΣP, Np = ROI voxels. */
export interface GlszmCoefficients {
  P: Float64Array;
  ni: number;
  nj: number;
  ivector: Float64Array;
  jvector: Float64Array;
  pg: Float64Array;
  ps: Float64Array;
  nz: number;
  np: number;
}

/** Drops empty zone-size columns and computes the marginal sums. */
export function glszmCoefficients(m: Glszm): GlszmCoefficients {
  const ni = m.grayLevels.length;
  const keep: number[] = [];
  for (let j = 0; j < m.ns; j++) {
    let s = 0;
    for (let i = 0; i < ni; i++) s += m.p[i * m.ns + j];
    if (s > 0) keep.push(j);
  }
  const nj = keep.length;
  const P = new Float64Array(ni * nj);
  const pg = new Float64Array(ni);
  const ps = new Float64Array(nj);
  let nz = 0;
  for (let i = 0; i < ni; i++) {
    for (let t = 0; t < nj; t++) {
      const v = m.p[i * m.ns + keep[t]];
      P[i * nj + t] = v;
      pg[i] += v;
      ps[t] += v;
      nz += v;
    }
  }
  return { P, ni, nj, ivector: m.grayLevels, jvector: Float64Array.from(keep, (j) => j + 1), pg, ps, nz: nz || 1, np: m.np };
}

function sumIJ(c: GlszmCoefficients, f: (i: number, j: number) => number): number {
  let s = 0;
  for (let i = 0; i < c.ni; i++) for (let t = 0; t < c.nj; t++) s += c.P[i * c.nj + t] * f(c.ivector[i], c.jvector[t]);
  return s;
}

/** SAE = Σ_j ps(j)/j² / Nz */
export function smallAreaEmphasis(c: GlszmCoefficients): number {
  return sumIJ(c, (_i, j) => 1 / (j * j)) / c.nz;
}

/** LAE = Σ_j ps(j)·j² / Nz */
export function largeAreaEmphasis(c: GlszmCoefficients): number {
  return sumIJ(c, (_i, j) => j * j) / c.nz;
}

/** GLN = Σ_i pg(i)² / Nz */
export function grayLevelNonUniformity(c: GlszmCoefficients): number {
  let s = 0;
  for (const v of c.pg) s += v * v;
  return s / c.nz;
}

/** GLNN = Σ_i pg(i)² / Nz² */
export function grayLevelNonUniformityNormalized(c: GlszmCoefficients): number {
  return grayLevelNonUniformity(c) / c.nz;
}

/** SZN = Σ_j ps(j)² / Nz */
export function sizeZoneNonUniformity(c: GlszmCoefficients): number {
  let s = 0;
  for (const v of c.ps) s += v * v;
  return s / c.nz;
}

/** SZNN = Σ_j ps(j)² / Nz² */
export function sizeZoneNonUniformityNormalized(c: GlszmCoefficients): number {
  return sizeZoneNonUniformity(c) / c.nz;
}

/** ZP = Nz / Np */
export function zonePercentage(c: GlszmCoefficients): number {
  return c.nz / c.np;
}

/** GLV = Σ_i p_g(i)(i − μ)², p_g = pg/Nz */
export function grayLevelVariance(c: GlszmCoefficients): number {
  return weightedVariance(c.pg, c.ivector, c.nz);
}

/** ZV = Σ_j p_s(j)(j − μ)², p_s = ps/Nz */
export function zoneVariance(c: GlszmCoefficients): number {
  return weightedVariance(c.ps, c.jvector, c.nz);
}

/** ZE = −Σ_i Σ_j p(i,j) log2(p(i,j) + ε), p = P/Nz */
export function zoneEntropy(c: GlszmCoefficients): number {
  return matrixEntropy(c.P, c.nz);
}

/** LGLZE = Σ_i pg(i)/i² / Nz */
export function lowGrayLevelZoneEmphasis(c: GlszmCoefficients): number {
  return sumIJ(c, (i) => 1 / (i * i)) / c.nz;
}

/** HGLZE = Σ_i pg(i)·i² / Nz */
export function highGrayLevelZoneEmphasis(c: GlszmCoefficients): number {
  return sumIJ(c, (i) => i * i) / c.nz;
}

/** SALGLE = Σ P(i,j)/(i² j²) / Nz */
export function smallAreaLowGrayLevelEmphasis(c: GlszmCoefficients): number {
  return sumIJ(c, (i, j) => 1 / (i * i * j * j)) / c.nz;
}

/** SAHGLE = Σ P(i,j)·i²/j² / Nz */
export function smallAreaHighGrayLevelEmphasis(c: GlszmCoefficients): number {
  return sumIJ(c, (i, j) => (i * i) / (j * j)) / c.nz;
}

/** LALGLE = Σ P(i,j)·j²/i² / Nz */
export function largeAreaLowGrayLevelEmphasis(c: GlszmCoefficients): number {
  return sumIJ(c, (i, j) => (j * j) / (i * i)) / c.nz;
}

/** LAHGLE = Σ P(i,j)·i²·j² / Nz */
export function largeAreaHighGrayLevelEmphasis(c: GlszmCoefficients): number {
  return sumIJ(c, (i, j) => i * i * j * j) / c.nz;
}

export const GLSZM_FEATURES: Record<string, (c: GlszmCoefficients) => number> = {
  GrayLevelNonUniformity: grayLevelNonUniformity,
  GrayLevelNonUniformityNormalized: grayLevelNonUniformityNormalized,
  GrayLevelVariance: grayLevelVariance,
  HighGrayLevelZoneEmphasis: highGrayLevelZoneEmphasis,
  LargeAreaEmphasis: largeAreaEmphasis,
  LargeAreaHighGrayLevelEmphasis: largeAreaHighGrayLevelEmphasis,
  LargeAreaLowGrayLevelEmphasis: largeAreaLowGrayLevelEmphasis,
  LowGrayLevelZoneEmphasis: lowGrayLevelZoneEmphasis,
  SizeZoneNonUniformity: sizeZoneNonUniformity,
  SizeZoneNonUniformityNormalized: sizeZoneNonUniformityNormalized,
  SmallAreaEmphasis: smallAreaEmphasis,
  SmallAreaHighGrayLevelEmphasis: smallAreaHighGrayLevelEmphasis,
  SmallAreaLowGrayLevelEmphasis: smallAreaLowGrayLevelEmphasis,
  ZoneEntropy: zoneEntropy,
  ZonePercentage: zonePercentage,
  ZoneVariance: zoneVariance,
};

export function glszmFeatures(m: Glszm, names: string[] = Object.keys(GLSZM_FEATURES)): Map<string, number> {
  const c = glszmCoefficients(m);
  return new Map(names.map((n) => [n, GLSZM_FEATURES[n](c)]));
}
