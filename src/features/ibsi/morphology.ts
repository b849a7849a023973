import type { Mask3D } from "../../image/types.js";
import { meshMeasures } from "../marching-cubes.js";
import { lineExtremes, maximumDiameters, meshVertices, principalMoments } from "../shape.js";
import { spatialAutocorrelation } from "./autocorrelation.js";
import { convexHull, hullMeasures } from "./convex-hull.js";

/**
 * IBSI-1 morphology features of a morphological mask (`mask`) and, for the intensity-based ones (integrated
 * intensity, centre-of-mass shift, Moran's I, Geary's C), the intensity mask `intensityMask` on the same grid:
 * - mesh volume V and area A of the marching-cubes surface (../marching-cubes.ts, the mesh PyRadiomics uses;
 *   it reproduces IBSI's digital-phantom mesh values) and the shape ratios derived from them;
 * - approximate (voxel) volume, maximum diameter over mesh vertices;
 * - PCA axes (4√λ of the sample covariance, 1/(Nv − 1) — IBSI's convention, unlike PyRadiomics' 1/Nv),
 *   elongation, flatness;
 * - densities relative to the axis-aligned bounding box, the approximate enclosing ellipsoid and the convex hull
 *   of the mesh vertices;
 * - centre-of-mass shift, integrated intensity, Moran's I and Geary's C.
 * Not computed: the oriented minimum bounding box and minimum-volume enclosing ellipsoid densities (no IBSI
 * consensus value exists for them).
 */
export function morphologyFeatures(mask: Mask3D, values: ArrayLike<number>, intensityMask: Uint8Array = mask.data): Map<string, number> {
  const { np, eig: popEig } = principalMoments(mask);
  const eig = popEig.map((e) => (e * np) / (np - 1));
  const sp: [number, number, number] = [mask.spacing[0], mask.spacing[1], mask.spacing[2]];
  const vertices = meshVertices(mask);
  const diam = maximumDiameters(vertices, sp).all;
  const { volume: v, surfaceArea: a } = meshMeasures(mask);
  const axes = { major: 4 * Math.sqrt(eig[2]), minor: 4 * Math.sqrt(eig[1]), least: 4 * Math.sqrt(eig[0]) };
  const out = new Map([
    ["morph_volume", v],
    ["morph_vol_approx", np * sp[0] * sp[1] * sp[2]],
    ["morph_area_mesh", a],
    ["morph_av", surfaceToVolume(a, v)],
    ["morph_comp_1", compactness1(a, v)],
    ["morph_comp_2", compactness2(a, v)],
    ["morph_sph_dispr", sphericalDisproportion(a, v)],
    ["morph_sphericity", sphericity(a, v)],
    ["morph_asphericity", asphericity(a, v)],
    ["morph_diam", diam],
    ["morph_pca_maj_axis", axes.major],
    ["morph_pca_min_axis", axes.minor],
    ["morph_pca_least_axis", axes.least],
    ["morph_pca_elongation", Math.sqrt(eig[1] / eig[2])],
    ["morph_pca_flatness", Math.sqrt(eig[0] / eig[2])],
  ]);
  const box = axisAlignedBox(vertices, sp);
  out.set("morph_vol_dens_aabb", v / box.volume);
  out.set("morph_area_dens_aabb", a / box.area);
  const ellipsoid = { a: axes.major / 2, b: axes.minor / 2, c: axes.least / 2 };
  if (ellipsoid.c > 0) {
    // a planar ROI has a flat ellipsoid: no density
    out.set("morph_vol_dens_aee", v / ellipsoidVolume(ellipsoid.a, ellipsoid.b, ellipsoid.c));
    out.set("morph_area_dens_aee", a / ellipsoidArea(ellipsoid.a, ellipsoid.b, ellipsoid.c));
  }
  const hull = convexHull(lineExtremes(lineExtremes(lineExtremes(vertices, 0), 1), 2));
  if (hull) {
    const h = hullMeasures(hull, [sp[0] / 2, sp[1] / 2, sp[2] / 2]); // vertices are in doubled grid units
    out.set("morph_vol_dens_conv_hull", v / h.volume);
    out.set("morph_area_dens_conv_hull", a / h.area);
  }
  out.set("morph_com", centreOfMassShift(mask, values, intensityMask));
  out.set("morph_integ_int", integratedIntensity(v, values, intensityMask));
  let nInt = 0;
  for (let i = 0; i < intensityMask.length; i++) if (intensityMask[i]) nInt++;
  if (nInt >= 2) {
    const { moran, geary } = spatialAutocorrelation({ ...mask, data: intensityMask }, values);
    out.set("morph_moran_i", moran);
    out.set("morph_geary_c", geary);
  }
  return out;
}

/** Surface to volume ratio A / V. */
export function surfaceToVolume(area: number, volume: number): number {
  return area / volume;
}

/** Compactness 1 = V / (√π A^{3/2}). */
export function compactness1(area: number, volume: number): number {
  return volume / (Math.sqrt(Math.PI) * area ** 1.5);
}

/** Compactness 2 = 36π V² / A³. */
export function compactness2(area: number, volume: number): number {
  return (36 * Math.PI * volume * volume) / area ** 3;
}

/** Spherical disproportion = A / (36π V²)^{1/3}. */
export function sphericalDisproportion(area: number, volume: number): number {
  return area / Math.cbrt(36 * Math.PI * volume * volume);
}

/** Sphericity = (36π V²)^{1/3} / A. */
export function sphericity(area: number, volume: number): number {
  return Math.cbrt(36 * Math.PI * volume * volume) / area;
}

/** Asphericity = (A³ / (36π V²))^{1/3} − 1. */
export function asphericity(area: number, volume: number): number {
  return Math.cbrt(area ** 3 / (36 * Math.PI * volume * volume)) - 1;
}

/**
 * Axis-aligned bounding box of the mesh vertices (doubled grid coordinates, spacing per axis):
 * volume l_x l_y l_z and surface area 2(l_x l_y + l_x l_z + l_y l_z), l = (max − min) × spacing / 2.
 */
export function axisAlignedBox(vertices: Int32Array, spacing: [number, number, number]): { volume: number; area: number } {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < vertices.length; i += 3) {
    for (let d = 0; d < 3; d++) {
      const c = vertices[i + d];
      if (c < lo[d]) lo[d] = c;
      if (c > hi[d]) hi[d] = c;
    }
  }
  const [lx, ly, lz] = [0, 1, 2].map((d) => ((hi[d] - lo[d]) * spacing[d]) / 2);
  return { volume: lx * ly * lz, area: 2 * (lx * ly + lx * lz + ly * lz) };
}

/** Volume of an ellipsoid with semi-axes a, b, c: 4π abc / 3. */
export function ellipsoidVolume(a: number, b: number, c: number): number {
  return (4 * Math.PI * a * b * c) / 3;
}

/**
 * Surface area of an ellipsoid with semi-axes a ≥ b ≥ c by the series IBSI specifies for the approximate
 * enclosing ellipsoid, truncated after ν = 20:
 *   A = 4π a b Σ_ν (αβ)^ν P_ν((α² + β²) / (2αβ)) / (1 − 4ν²),  α = √(1 − b²/a²), β = √(1 − c²/a²),
 * P_ν the Legendre polynomials. q_ν = (αβ)^ν P_ν(x) follows from Bonnet's recursion multiplied by (αβ)^{ν+1}:
 *   (ν + 1) q_{ν+1} = (2ν + 1) ((α² + β²)/2) q_ν − ν (αβ)² q_{ν−1},  q_0 = 1, q_1 = (α² + β²)/2,
 * which stays finite for a sphere (α = β = 0). The series is IBSI's approximation, exact for a sphere only
 * (semi-axes 5, 3, 2: 130.78 against 134.78 by quadrature); the digital phantom's consensus area density (1.36)
 * needs it: the exact ellipsoid area would give 1.30.
 */
export function ellipsoidArea(a: number, b: number, c: number): number {
  const alpha = Math.sqrt(Math.max(0, 1 - (b * b) / (a * a)));
  const beta = Math.sqrt(Math.max(0, 1 - (c * c) / (a * a)));
  const half = (alpha * alpha + beta * beta) / 2;
  const s2 = (alpha * beta) ** 2;
  let prev = 1; // q_0
  let cur = half; // q_1
  let sum = prev + cur / (1 - 4);
  for (let nu = 1; nu < 20; nu++) {
    const next = ((2 * nu + 1) * half * cur - nu * s2 * prev) / (nu + 1);
    prev = cur;
    cur = next;
    sum += cur / (1 - 4 * (nu + 1) ** 2);
  }
  return 4 * Math.PI * a * b * sum;
}

/** Integrated intensity = V × mean intensity over the intensity mask (V: mesh volume). */
export function integratedIntensity(volume: number, values: ArrayLike<number>, intensityMask: Uint8Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < intensityMask.length; i++) {
    if (!intensityMask[i]) continue;
    sum += values[i];
    n++;
  }
  return (volume * sum) / n;
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
