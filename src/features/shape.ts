import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import type { Image3D, Mask3D } from "../image/types.js";
import { meshMeasures } from "./marching-cubes.js";

/**
 * PyRadiomics `shape` (3D) features: mesh volume and surface area of the marching-cubes surface
 * (./marching-cubes.ts), voxel volume, the maximum diameters over the surface-mesh vertices, and the PCA axis lengths.
 * Mesh vertices sit at the midpoint of every grid edge joining an ROI voxel and a background voxel
 * (the mask padded with one background voxel), exactly where PyRadiomics' marching cubes places them.
 */
export interface ShapeCoefficients {
  /** Number of ROI voxels. */
  np: number;
  spacing: [number, number, number];
  /** Eigenvalues of the physical-coordinate covariance (ascending). */
  eig: [number, number, number];
  /** Marching-cubes mesh: surface area and enclosed volume (physical units). */
  mesh: { area: number; volume: number };
  /** Max vertex distances: in an axial plane (same z), coronal (same y), sagittal (same x), overall. */
  diameters: { slice: number; column: number; row: number; all: number };
}

/** Mesh vertices as doubled integer grid coordinates (x2, y2, z2): an edge midpoint has one odd coordinate. */
export function meshVertices(mask: Mask3D): Int32Array {
  const [nx, ny, nz] = mask.size;
  const m = mask.data;
  const at = (x: number, y: number, z: number) => (x >= 0 && x < nx && y >= 0 && y < ny && z >= 0 && z < nz ? m[x + nx * (y + ny * z)] : 0);
  const out: number[] = [];
  // Edges along each axis between positions p and p+1, p from −1 (padding) to n−1; only edges touching the ROI.
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        if (!m[x + nx * (y + ny * z)]) continue;
        if (!at(x + 1, y, z)) out.push(2 * x + 1, 2 * y, 2 * z);
        if (!at(x - 1, y, z)) out.push(2 * x - 1, 2 * y, 2 * z);
        if (!at(x, y + 1, z)) out.push(2 * x, 2 * y + 1, 2 * z);
        if (!at(x, y - 1, z)) out.push(2 * x, 2 * y - 1, 2 * z);
        if (!at(x, y, z + 1)) out.push(2 * x, 2 * y, 2 * z + 1);
        if (!at(x, y, z - 1)) out.push(2 * x, 2 * y, 2 * z - 1);
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
  const ends = new Map<number, number>(); // key → slot in lo/hi
  const lo: number[] = [];
  const hi: number[] = [];
  for (let i = 0; i < v.length; i += 3) {
    const key = (v[i + a] + 4) * 1048576 + (v[i + b] + 4);
    const slot = ends.get(key);
    if (slot === undefined) {
      ends.set(key, lo.length);
      lo.push(i);
      hi.push(i);
    } else {
      if (v[i + axis] < v[lo[slot] + axis]) lo[slot] = i;
      if (v[i + axis] > v[hi[slot] + axis]) hi[slot] = i;
    }
  }
  const out = new Int32Array(3 * (lo.length + hi.length));
  let k = 0;
  for (let t = 0; t < lo.length; t++) {
    for (const i of lo[t] === hi[t] ? [lo[t]] : [lo[t], hi[t]]) {
      out[k++] = v[i];
      out[k++] = v[i + 1];
      out[k++] = v[i + 2];
    }
  }
  return out.subarray(0, k);
}

/** Largest squared distance between two vertices of the set (all pairs). */
function maxPairDistance2(v: Int32Array, h: number[]): number {
  let best = 0;
  const n = v.length / 3;
  for (let i = 0; i < n; i++) {
    const xi = v[3 * i];
    const yi = v[3 * i + 1];
    const zi = v[3 * i + 2];
    for (let j = i + 1; j < n; j++) {
      const dx = (xi - v[3 * j]) * h[0];
      const dy = (yi - v[3 * j + 1]) * h[1];
      const dz = (zi - v[3 * j + 2]) * h[2];
      const d = dx * dx + dy * dy + dz * dz;
      if (d > best) best = d;
    }
  }
  return best;
}

/** Largest squared distance between two vertices sharing coordinate `axis` (pairs within each plane). */
function maxInPlaneDistance2(v: Int32Array, axis: number, h: number[]): number {
  const planes = new Map<number, number[]>();
  for (let i = 0; i < v.length; i += 3) {
    const list = planes.get(v[i + axis]);
    if (list) list.push(v[i], v[i + 1], v[i + 2]);
    else planes.set(v[i + axis], [v[i], v[i + 1], v[i + 2]]);
  }
  let best = 0;
  for (const pts of planes.values()) best = Math.max(best, maxPairDistance2(Int32Array.from(pts), h));
  return best;
}

/**
 * Largest vertex distances overall and within planes of equal z (slice), y (column) and x (row).
 * Each search first drops vertices interior to lines lying in the planes concerned.
 */
export function maximumDiameters(vertices: Int32Array, spacing: [number, number, number]): ShapeCoefficients["diameters"] {
  const h = [spacing[0] / 2, spacing[1] / 2, spacing[2] / 2]; // vertices are in doubled grid units
  const xy = lineExtremes(lineExtremes(vertices, 0), 1);
  const xz = lineExtremes(lineExtremes(vertices, 0), 2);
  const yz = lineExtremes(lineExtremes(vertices, 1), 2);
  return {
    all: Math.sqrt(maxPairDistance2(lineExtremes(xy, 2), h)),
    slice: Math.sqrt(maxInPlaneDistance2(xy, 2, h)),
    column: Math.sqrt(maxInPlaneDistance2(xz, 1, h)),
    row: Math.sqrt(maxInPlaneDistance2(yz, 0, h)),
  };
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
  const { surfaceArea, volume } = meshMeasures(mask);
  return { np, spacing, eig, mesh: { area: surfaceArea, volume }, diameters: maximumDiameters(meshVertices(mask), spacing) };
}

/** Mesh Volume V = Σ over mesh triangles of the signed volume (a × b)·c / 6 of the tetrahedron to the origin */
export function meshVolume(c: ShapeCoefficients): number {
  return c.mesh.volume;
}

/** Surface Area A = Σ over mesh triangles of ½‖(a − c) × (b − c)‖ */
export function surfaceArea(c: ShapeCoefficients): number {
  return c.mesh.area;
}

/** Surface to Volume Ratio = A / V */
export function surfaceVolumeRatio(c: ShapeCoefficients): number {
  return c.mesh.area / c.mesh.volume;
}

/** Sphericity = (36π V²)^(1/3) / A */
export function sphericity(c: ShapeCoefficients): number {
  return Math.cbrt(36 * Math.PI * c.mesh.volume * c.mesh.volume) / c.mesh.area;
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

/** PyRadiomics' default shape features (the deprecated Compactness1/2 and SphericalDisproportion are not offered). */
export const SHAPE_FEATURES: Record<string, (c: ShapeCoefficients) => number> = {
  Elongation: elongation,
  Flatness: flatness,
  LeastAxisLength: leastAxisLength,
  MajorAxisLength: majorAxisLength,
  Maximum2DDiameterColumn: maximum2DDiameterColumn,
  Maximum2DDiameterRow: maximum2DDiameterRow,
  Maximum2DDiameterSlice: maximum2DDiameterSlice,
  Maximum3DDiameter: maximum3DDiameter,
  MeshVolume: meshVolume,
  MinorAxisLength: minorAxisLength,
  Sphericity: sphericity,
  SurfaceArea: surfaceArea,
  SurfaceVolumeRatio: surfaceVolumeRatio,
  VoxelVolume: voxelVolume,
};

/** Shape features of the (cropped) ROI; the image is not used (shape depends on the mask only). */
export function shapeFeatures(_image: Image3D, mask: Mask3D, names: string[] = Object.keys(SHAPE_FEATURES)): Map<string, number> {
  const c = shapeCoefficients(mask);
  return new Map(names.map((n) => [n, SHAPE_FEATURES[n](c)]));
}
