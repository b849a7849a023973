import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import type { Image3D, Mask3D } from "../image/types.js";

/**
 * PyRadiomics `shape` (3D) features that do not depend on the marching-cubes triangulation:
 * voxel volume, the maximum diameters over the surface-mesh vertices, and the PCA axis lengths.
 * Mesh vertices sit at the midpoint of every grid edge joining an ROI voxel and a background voxel
 * (the mask padded with one background voxel), exactly where PyRadiomics' marching cubes places them.
 */
export interface ShapeCoefficients {
  /** Number of ROI voxels. */
  np: number;
  spacing: [number, number, number];
  /** Eigenvalues of the physical-coordinate covariance (ascending). */
  eig: [number, number, number];
  /** Max vertex distances: in an axial plane (same z), coronal (same y), sagittal (same x), overall. */
  diameters: { slice: number; column: number; row: number; all: number };
}

/** Mesh vertices as doubled integer grid coordinates (x2, y2, z2): an edge midpoint has one odd coordinate. */
export function meshVertices(mask: Mask3D): Int32Array {
  const [nx, ny, nz] = mask.size;
  const m = mask.data;
  const inside = (x: number, y: number, z: number) =>
    x >= 0 && x < nx && y >= 0 && y < ny && z >= 0 && z < nz && m[x + nx * (y + ny * z)] === 1;
  const out: number[] = [];
  // Edges along each axis between positions p and p+1, p from −1 (padding) to n−1.
  for (let z = -1; z < nz + 1; z++) {
    for (let y = -1; y < ny + 1; y++) {
      for (let x = -1; x < nx + 1; x++) {
        const a = inside(x, y, z);
        if (a !== inside(x + 1, y, z)) out.push(2 * x + 1, 2 * y, 2 * z);
        if (a !== inside(x, y + 1, z)) out.push(2 * x, 2 * y + 1, 2 * z);
        if (a !== inside(x, y, z + 1)) out.push(2 * x, 2 * y, 2 * z + 1);
      }
    }
  }
  return Int32Array.from(out);
}

/**
 * Keeps, for every line of vertices along `axis` (same other two coordinates), only its two end vertices:
 * a vertex strictly between them lies on a segment of the set, so it cannot end a maximum distance,
 * neither in 3D nor within any plane containing that line.
 */
export function lineExtremes(v: Int32Array, axis: 0 | 1 | 2): Int32Array {
  const a = (axis + 1) % 3;
  const b = (axis + 2) % 3;
  const ends = new Map<string, [number, number]>();
  for (let i = 0; i < v.length; i += 3) {
    const key = `${v[i + a]},${v[i + b]}`;
    const e = ends.get(key);
    if (!e) ends.set(key, [i, i]);
    else {
      if (v[i + axis] < v[e[0] + axis]) e[0] = i;
      if (v[i + axis] > v[e[1] + axis]) e[1] = i;
    }
  }
  const out: number[] = [];
  for (const [lo, hi] of ends.values()) {
    out.push(v[lo], v[lo + 1], v[lo + 2]);
    if (hi !== lo) out.push(v[hi], v[hi + 1], v[hi + 2]);
  }
  return Int32Array.from(out);
}

/** Largest pairwise vertex distances overall and within planes of equal z, y and x. */
export function maximumDiameters(vertices: Int32Array, spacing: [number, number, number]): ShapeCoefficients["diameters"] {
  // Lines along x lie in planes of constant z and constant y; lines along y in planes of constant x.
  const alongX = lineExtremes(vertices, 0);
  const alongY = lineExtremes(vertices, 1);
  const a = pairMaxima(alongX, spacing);
  const b = pairMaxima(alongY, spacing);
  return { all: a.all, slice: a.slice, column: a.column, row: b.row };
}

function pairMaxima(v: Int32Array, spacing: [number, number, number]): ShapeCoefficients["diameters"] {
  const n = v.length / 3;
  const hx = spacing[0] / 2;
  const hy = spacing[1] / 2;
  const hz = spacing[2] / 2;
  let all = 0;
  let slice = 0;
  let column = 0;
  let row = 0;
  for (let i = 0; i < n; i++) {
    const xi = v[3 * i];
    const yi = v[3 * i + 1];
    const zi = v[3 * i + 2];
    for (let j = i + 1; j < n; j++) {
      const dx = (xi - v[3 * j]) * hx;
      const dy = (yi - v[3 * j + 1]) * hy;
      const dz = (zi - v[3 * j + 2]) * hz;
      const d = dx * dx + dy * dy + dz * dz;
      if (d > all) all = d;
      if (zi === v[3 * j + 2] && d > slice) slice = d;
      if (yi === v[3 * j + 1] && d > column) column = d;
      if (xi === v[3 * j] && d > row) row = d;
    }
  }
  return { all: Math.sqrt(all), slice: Math.sqrt(slice), column: Math.sqrt(column), row: Math.sqrt(row) };
}

/**
 * Eigenvalues (ascending) of C = XᵀX / Np, X = ROI voxel physical coordinates minus their mean;
 * tiny negative values (> −1e−10, round-off of flat ROIs) are set to 0 as PyRadiomics does.
 */
export function principalMoments(mask: Mask3D): { np: number; eig: [number, number, number] } {
  const [nx, ny] = mask.size;
  const [sx, sy, sz] = mask.spacing;
  let np = 0;
  const mean = [0, 0, 0];
  const m = mask.data;
  for (let i = 0; i < m.length; i++) {
    if (!m[i]) continue;
    const x = i % nx;
    const y = Math.floor(i / nx) % ny;
    const z = Math.floor(i / (nx * ny));
    mean[0] += x * sx;
    mean[1] += y * sy;
    mean[2] += z * sz;
    np++;
  }
  for (let d = 0; d < 3; d++) mean[d] /= np;
  const c = [0, 0, 0, 0, 0, 0]; // xx yy zz xy xz yz
  for (let i = 0; i < m.length; i++) {
    if (!m[i]) continue;
    const x = (i % nx) * sx - mean[0];
    const y = (Math.floor(i / nx) % ny) * sy - mean[1];
    const z = Math.floor(i / (nx * ny)) * sz - mean[2];
    c[0] += x * x;
    c[1] += y * y;
    c[2] += z * z;
    c[3] += x * y;
    c[4] += x * z;
    c[5] += y * z;
  }
  const cov = new Matrix([
    [c[0], c[3], c[4]],
    [c[3], c[1], c[5]],
    [c[4], c[5], c[2]],
  ]).div(np);
  const ev = new EigenvalueDecomposition(cov, { assumeSymmetric: true }).realEigenvalues
    .map((e) => (e < 0 && e > -1e-10 ? 0 : e))
    .sort((a, b) => a - b);
  return { np, eig: [ev[0], ev[1], ev[2]] };
}

export function shapeCoefficients(mask: Mask3D): ShapeCoefficients {
  const { np, eig } = principalMoments(mask);
  const spacing: [number, number, number] = [mask.spacing[0], mask.spacing[1], mask.spacing[2]];
  return { np, spacing, eig, diameters: maximumDiameters(meshVertices(mask), spacing) };
}

/** Voxel Volume = Np · Vvoxel */
export function voxelVolume(c: ShapeCoefficients): number {
  return c.np * c.spacing[0] * c.spacing[1] * c.spacing[2];
}

/** Maximum 3D Diameter = largest distance between surface-mesh vertices */
export function maximum3DDiameter(c: ShapeCoefficients): number {
  return c.diameters.all;
}

/** Maximum 2D Diameter (Slice) = largest vertex distance within an axial (constant z) plane */
export function maximum2DDiameterSlice(c: ShapeCoefficients): number {
  return c.diameters.slice;
}

/** Maximum 2D Diameter (Column) = largest vertex distance within a coronal (constant y) plane */
export function maximum2DDiameterColumn(c: ShapeCoefficients): number {
  return c.diameters.column;
}

/** Maximum 2D Diameter (Row) = largest vertex distance within a sagittal (constant x) plane */
export function maximum2DDiameterRow(c: ShapeCoefficients): number {
  return c.diameters.row;
}

/** Major Axis Length = 4√λ_major */
export function majorAxisLength(c: ShapeCoefficients): number {
  return 4 * Math.sqrt(c.eig[2]);
}

/** Minor Axis Length = 4√λ_minor */
export function minorAxisLength(c: ShapeCoefficients): number {
  return 4 * Math.sqrt(c.eig[1]);
}

/** Least Axis Length = 4√λ_least */
export function leastAxisLength(c: ShapeCoefficients): number {
  return 4 * Math.sqrt(c.eig[0]);
}

/** Elongation = √(λ_minor / λ_major) */
export function elongation(c: ShapeCoefficients): number {
  return Math.sqrt(c.eig[1] / c.eig[2]);
}

/** Flatness = √(λ_least / λ_major) */
export function flatness(c: ShapeCoefficients): number {
  return Math.sqrt(c.eig[0] / c.eig[2]);
}

/**
 * Implemented shape features. MeshVolume, SurfaceArea, SurfaceVolumeRatio and Sphericity need PyRadiomics'
 * marching-cubes triangle table and are not implemented (see docs/features.md).
 */
export const SHAPE_FEATURES: Record<string, (c: ShapeCoefficients) => number> = {
  Elongation: elongation,
  Flatness: flatness,
  LeastAxisLength: leastAxisLength,
  MajorAxisLength: majorAxisLength,
  Maximum2DDiameterColumn: maximum2DDiameterColumn,
  Maximum2DDiameterRow: maximum2DDiameterRow,
  Maximum2DDiameterSlice: maximum2DDiameterSlice,
  Maximum3DDiameter: maximum3DDiameter,
  MinorAxisLength: minorAxisLength,
  VoxelVolume: voxelVolume,
};

/** Shape features of the (cropped) ROI; the image is not used (shape depends on the mask only). */
export function shapeFeatures(_image: Image3D, mask: Mask3D, names: string[] = Object.keys(SHAPE_FEATURES)): Map<string, number> {
  const c = shapeCoefficients(mask);
  return new Map(names.map((n) => [n, SHAPE_FEATURES[n](c)]));
}
