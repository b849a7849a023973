import {
  anglePad,
  angleSteps,
  generateAngles,
  levelIndex,
  padRoi,
  type DiscreteRoi,
  type TextureSettings,
} from "./common.js";

/**
 * Neighbouring Grey Tone Difference Matrix, PyRadiomics `ngtdm`: for each grey level i present,
 * n_i = number of ROI voxels of level i and s_i = Σ |i − Ā| over them, Ā = mean level of the voxel's ROI
 * neighbours (26 offsets at `distances`); a voxel without ROI neighbours counts in n_i with difference 0
 * (as PyRadiomics' C code).
 */
export interface Ngtdm {
  /** Rows [n_i, s_i, i] for each present grey level, PyRadiomics' `(Ng, 3)` layout. */
  p: Float64Array;
  ngp: number;
}

/** Builds the NGTDM in one pass over the ROI voxels. */
export function computeNgtdm(roi: DiscreteRoi, settings: TextureSettings = {}): Ngtdm {
  const { lev, idx, size, extent, present, ng } = padRoi(roi, anglePad(settings, roi.size));
  const li = levelIndex(present, ng);
  const angles = generateAngles(extent, settings);
  const steps = angleSteps(angles, size);
  const na = steps.length;
  const ngp = present.length;
  const p = new Float64Array(ngp * 3);
  for (let r = 0; r < ngp; r++) p[3 * r + 2] = present[r];
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    const g = lev[i];
    let count = 0;
    let sum = 0;
    for (let a = 0; a < na; a++) {
      const up = lev[i + steps[a]];
      if (up !== 0) count++, (sum += up);
      const down = lev[i - steps[a]];
      if (down !== 0) count++, (sum += down);
    }
    const r = li[g];
    p[3 * r]++;
    if (count > 0) p[3 * r + 1] += Math.abs(g - sum / count);
  }
  return dropEmptyLevels({ p, ngp });
}

function dropEmptyLevels(m: Ngtdm): Ngtdm {
  const rows: number[] = [];
  for (let r = 0; r < m.ngp; r++) if (m.p[3 * r] > 0) rows.push(...m.p.subarray(3 * r, 3 * r + 3));
  return { p: Float64Array.from(rows), ngp: rows.length / 3 };
}

/** p_i = n_i / Nvp, s_i, i, Nvp = Σ n_i, Ngp = number of levels with p_i > 0. */
export interface NgtdmCoefficients {
  p: Float64Array;
  s: Float64Array;
  i: Float64Array;
  nvp: number;
  ngp: number;
}

export function ngtdmCoefficients(m: Ngtdm): NgtdmCoefficients {
  const n = m.ngp;
  const p = new Float64Array(n);
  const s = new Float64Array(n);
  const i = new Float64Array(n);
  let nvp = 0;
  for (let r = 0; r < n; r++) nvp += m.p[3 * r];
  for (let r = 0; r < n; r++) {
    p[r] = m.p[3 * r] / nvp;
    s[r] = m.p[3 * r + 1];
    i[r] = m.p[3 * r + 2];
  }
  return { p, s, i, nvp, ngp: n };
}

/** Coarseness = 1 / Σ_i p_i s_i; 10⁶ when the sum is 0 */
export function coarseness(c: NgtdmCoefficients): number {
  let t = 0;
  for (let r = 0; r < c.ngp; r++) t += c.p[r] * c.s[r];
  return t === 0 ? 1e6 : 1 / t;
}

/** Contrast = [Σ_i Σ_j p_i p_j (i − j)² / (Ngp(Ngp − 1))]·[Σ_i s_i / Nvp]; 0 when Ngp = 1 */
export function contrast(c: NgtdmCoefficients): number {
  if (c.ngp <= 1) return 0;
  let a = 0;
  let ss = 0;
  for (let r = 0; r < c.ngp; r++) {
    ss += c.s[r];
    for (let q = 0; q < c.ngp; q++) a += c.p[r] * c.p[q] * (c.i[r] - c.i[q]) ** 2;
  }
  return (a / (c.ngp * (c.ngp - 1))) * (ss / c.nvp);
}

/** Busyness = Σ_i p_i s_i / Σ_i Σ_j |i p_i − j p_j|; 0 when the denominator is 0 */
export function busyness(c: NgtdmCoefficients): number {
  let num = 0;
  let den = 0;
  for (let r = 0; r < c.ngp; r++) {
    num += c.p[r] * c.s[r];
    for (let q = 0; q < c.ngp; q++) den += Math.abs(c.i[r] * c.p[r] - c.i[q] * c.p[q]);
  }
  return den === 0 ? 0 : num / den;
}

/** Complexity = Σ_i Σ_j |i − j| (p_i s_i + p_j s_j)/(p_i + p_j) / Nvp */
export function complexity(c: NgtdmCoefficients): number {
  let t = 0;
  for (let r = 0; r < c.ngp; r++) {
    for (let q = 0; q < c.ngp; q++) {
      t += (Math.abs(c.i[r] - c.i[q]) * (c.p[r] * c.s[r] + c.p[q] * c.s[q])) / (c.p[r] + c.p[q]);
    }
  }
  return t / c.nvp;
}

/** Strength = Σ_i Σ_j (p_i + p_j)(i − j)² / Σ_i s_i; 0 when Σ s_i = 0 */
export function strength(c: NgtdmCoefficients): number {
  let ss = 0;
  let t = 0;
  for (let r = 0; r < c.ngp; r++) {
    ss += c.s[r];
    for (let q = 0; q < c.ngp; q++) t += (c.p[r] + c.p[q]) * (c.i[r] - c.i[q]) ** 2;
  }
  return ss === 0 ? 0 : t / ss;
}

export const NGTDM_FEATURES: Record<string, (c: NgtdmCoefficients) => number> = {
  Busyness: busyness,
  Coarseness: coarseness,
  Complexity: complexity,
  Contrast: contrast,
  Strength: strength,
};

export function ngtdmFeatures(m: Ngtdm, names: string[] = Object.keys(NGTDM_FEATURES)): Map<string, number> {
  const c = ngtdmCoefficients(m);
  return new Map(names.map((n) => [n, NGTDM_FEATURES[n](c)]));
}
