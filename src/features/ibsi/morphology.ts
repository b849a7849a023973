import type { Mask3D } from "../../image/types.js";
import { maximumDiameters, meshVertices, principalMoments } from "../shape.js";

/**
 * IBSI-1 morphology features that do not need a triangulated mesh: approximate (voxel) volume,
 * maximum diameter over mesh vertices, PCA axes (4√λ of the sample covariance, 1/(Nv − 1) — IBSI's
 * convention, unlike PyRadiomics' 1/Nv), elongation, flatness, Moran's I and Geary's C.
 */
export function morphologyFeatures(mask: Mask3D, values: ArrayLike<number>, intensityMask: Uint8Array = mask.data): Map<string, number> {
  const { np, eig: popEig } = principalMoments(mask);
  const eig = popEig.map((e) => (e * np) / (np - 1));
  const sp: [number, number, number] = [mask.spacing[0], mask.spacing[1], mask.spacing[2]];
  const diam = maximumDiameters(meshVertices(mask), sp).all;
  const out = new Map([
    ["morph_vol_approx", np * sp[0] * sp[1] * sp[2]],
    ["morph_diam", diam],
    ["morph_pca_maj_axis", 4 * Math.sqrt(eig[2])],
    ["morph_pca_min_axis", 4 * Math.sqrt(eig[1])],
    ["morph_pca_least_axis", 4 * Math.sqrt(eig[0])],
    ["morph_pca_elongation", Math.sqrt(eig[1] / eig[2])],
    ["morph_pca_flatness", Math.sqrt(eig[0] / eig[2])],
  ]);
  out.set("morph_com", centreOfMassShift(mask, values, intensityMask));
  // Moran's I / Geary's C are O(Nv²) over voxel pairs: computed exactly for ROIs up to MAX_PAIRWISE voxels only.
  if (np <= MAX_PAIRWISE_VOXELS) {
    const { moran, geary } = spatialAutocorrelation(mask, values);
    out.set("morph_moran_i", moran);
    out.set("morph_geary_c", geary);
  }
  return out;
}

export const MAX_PAIRWISE_VOXELS = 20000;

/**
 * Moran's I = (Nv / Σw) Σ_{k≠l} w_kl (X_k − μ)(X_l − μ) / Σ_k (X_k − μ)²  and
 * Geary's C = ((Nv − 1) / (2Σw)) Σ_{k≠l} w_kl (X_k − X_l)² / Σ_k (X_k − μ)², with w_kl = 1/‖r_k − r_l‖ (mm).
 */
export function spatialAutocorrelation(mask: Mask3D, values: ArrayLike<number>): { moran: number; geary: number } {
  const [nx, ny] = mask.size;
  const pts: number[][] = [];
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    pts.push([(i % nx) * mask.spacing[0], (Math.floor(i / nx) % ny) * mask.spacing[1], Math.floor(i / (nx * ny)) * mask.spacing[2], values[i]]);
  }
  const n = pts.length;
  const mu = pts.reduce((s, p) => s + p[3], 0) / n;
  const den = pts.reduce((s, p) => s + (p[3] - mu) ** 2, 0);
  let w = 0;
  let num = 0;
  let gnum = 0;
  for (let k = 0; k < n; k++) {
    for (let l = 0; l < n; l++) {
      if (k === l) continue;
      const wkl = 1 / Math.hypot(pts[k][0] - pts[l][0], pts[k][1] - pts[l][1], pts[k][2] - pts[l][2]);
      w += wkl;
      num += wkl * (pts[k][3] - mu) * (pts[l][3] - mu);
      gnum += wkl * (pts[k][3] - pts[l][3]) ** 2;
    }
  }
  return { moran: ((n / w) * num) / den, geary: (((n - 1) / (2 * w)) * gnum) / den };
}

/** Centre-of-mass shift = ‖COM of the ROI voxel positions − intensity-weighted COM of the intensity-mask voxels‖ (mm). */
export function centreOfMassShift(mask: Mask3D, values: ArrayLike<number>, intensityMask: Uint8Array): number {
  const [nx, ny] = mask.size;
  const geo = [0, 0, 0];
  const wgt = [0, 0, 0];
  let n = 0;
  let w = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i] && !intensityMask[i]) continue;
    const pos = [(i % nx) * mask.spacing[0], (Math.floor(i / nx) % ny) * mask.spacing[1], Math.floor(i / (nx * ny)) * mask.spacing[2]];
    if (mask.data[i]) {
      for (let d = 0; d < 3; d++) geo[d] += pos[d];
      n++;
    }
    if (intensityMask[i]) {
      for (let d = 0; d < 3; d++) wgt[d] += values[i] * pos[d];
      w += values[i];
    }
  }
  return Math.hypot(geo[0] / n - wgt[0] / w, geo[1] / n - wgt[1] / w, geo[2] / n - wgt[2] / w);
}
