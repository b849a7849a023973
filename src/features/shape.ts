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
  let out = new Int32Array(3 * 1024);
  let k = 0;
  const push = (x: number, y: number, z: number) => {
    if (k + 3 > out.length) {
      const grown = new Int32Array(2 * out.length);
      grown.set(out);
      out = grown;
    }
    out[k++] = x;
    out[k++] = y;
    out[k++] = z;
  };
  // Edges along each axis between positions p and p+1, p from −1 (padding) to n−1; only edges touching the ROI.
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        if (!m[x + nx * (y + ny * z)]) continue;
        if (!at(x + 1, y, z)) push(2 * x + 1, 2 * y, 2 * z);
        if (!at(x - 1, y, z)) push(2 * x - 1, 2 * y, 2 * z);
        if (!at(x, y + 1, z)) push(2 * x, 2 * y + 1, 2 * z);
        if (!at(x, y - 1, z)) push(2 * x, 2 * y - 1, 2 * z);
        if (!at(x, y, z + 1)) push(2 * x, 2 * y, 2 * z + 1);
        if (!at(x, y, z - 1)) push(2 * x, 2 * y, 2 * z - 1);
      }
    }
  }
  return out.slice(0, k);
}

/**
 * Keeps, for every line of vertices along `axis` (same other two coordinates), only its two end vertices:
 * a vertex strictly between them lies on a segment of the set, so it cannot end a maximum distance,
 * neither in 3D nor within any plane containing that line.
 */
export function lineExtremes(v: Int32Array, axis: 0 | 1 | 2): Int32Array {
  const a = (axis + 1) % 3;
  const b = (axis + 2) % 3;
  const n = v.length / 3;
  if (n === 0) return v.slice();
  // Lines are keyed on a dense (a, b) grid of the coordinate ranges (vertex coordinates are ≥ −1).
  let amin = Infinity, amax = -Infinity, bmin = Infinity, bmax = -Infinity;
  for (let i = 0; i < v.length; i += 3) {
    if (v[i + a] < amin) amin = v[i + a];
    if (v[i + a] > amax) amax = v[i + a];
    if (v[i + b] < bmin) bmin = v[i + b];
    if (v[i + b] > bmax) bmax = v[i + b];
  }
  const wa = amax - amin + 1;
  const slotOf = new Int32Array(wa * (bmax - bmin + 1)).fill(-1); // key → slot in lo/hi
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  let lines = 0;
  for (let i = 0; i < v.length; i += 3) {
    const key = v[i + a] - amin + wa * (v[i + b] - bmin);
    const slot = slotOf[key];
    if (slot < 0) {
      slotOf[key] = lines;
      lo[lines] = i;
      hi[lines] = i;
      lines++;
    } else {
      if (v[i + axis] < v[lo[slot] + axis]) lo[slot] = i;
      if (v[i + axis] > v[hi[slot] + axis]) hi[slot] = i;
    }
  }
  const out = new Int32Array(6 * lines);
  let k = 0;
  for (let t = 0; t < lines; t++) {
    const i = lo[t];
    out[k++] = v[i];
    out[k++] = v[i + 1];
    out[k++] = v[i + 2];
    if (hi[t] !== i) {
      const j = hi[t];
      out[k++] = v[j];
      out[k++] = v[j + 1];
      out[k++] = v[j + 2];
    }
  }
  return out.subarray(0, k);
}

/** (Δ·h)² summed over the axes: the squared distance, in the one floating-point form used everywhere here. */
function dist2(dx: number, dy: number, dz: number, h: number[]): number {
  const ex = dx * h[0];
  const ey = dy * h[1];
  const ez = dz * h[2];
  return ex * ex + ey * ey + ez * ez;
}

/** Largest squared distance between two vertices among points [from, to) of `v` (all pairs). */
function bruteMax2(v: Int32Array, from: number, to: number, h: number[], best: number): number {
  for (let i = from; i < to; i++) {
    const xi = v[3 * i];
    const yi = v[3 * i + 1];
    const zi = v[3 * i + 2];
    for (let j = i + 1; j < to; j++) {
      const d = dist2(xi - v[3 * j], yi - v[3 * j + 1], zi - v[3 * j + 2], h);
      if (d > best) best = d;
    }
  }
  return best;
}

/**
 * Largest squared distance between two vertices of the set: exact maximum over all pairs. Large sets are
 * bucketed into cells; a pair of cells is searched only when the distance between the far corners of
 * their points' boxes could beat the best so far (first taken from the extreme points). That bound is computed in the same floating-point form
 * as the pair distances (monotone in |Δ|), so a skipped pair can never exceed it and the result equals
 * the all-pairs maximum bit for bit. With `floor`, returns max(floor, that maximum), skipping pairs that
 * cannot beat floor.
 */
export function maxPairDistance2(v: Int32Array, h: number[], floor = 0): number {
  const n = v.length / 3;
  if (n < 128) return bruteMax2(v, 0, n, h, floor);
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < v.length; i += 3) {
    for (let d = 0; d < 3; d++) {
      if (v[i + d] < lo[d]) lo[d] = v[i + d];
      if (v[i + d] > hi[d]) hi[d] = v[i + d];
    }
  }
  // About 16 points per cell over the axes the set extends along (a plane gets one cell across itself).
  let volume = 1;
  let dims = 0;
  for (let d = 0; d < 3; d++) if (hi[d] > lo[d]) (volume *= (hi[d] - lo[d]) * h[d]), dims++;
  const cellSize = dims === 0 ? 1 : Math.pow(volume / (n / 16), 1 / dims);
  const cells = [0, 1, 2].map((d) => (hi[d] > lo[d] ? Math.max(1, Math.min(64, Math.ceil(((hi[d] - lo[d]) * h[d]) / cellSize))) : 1));
  const width = [0, 1, 2].map((d) => (hi[d] - lo[d] + 1) / cells[d]);
  const nc = cells[0] * cells[1] * cells[2];
  const cellOf = new Int32Array(n);
  const count = new Int32Array(nc + 1);
  for (let i = 0; i < n; i++) {
    const cx = Math.min(cells[0] - 1, Math.floor((v[3 * i] - lo[0]) / width[0]));
    const cy = Math.min(cells[1] - 1, Math.floor((v[3 * i + 1] - lo[1]) / width[1]));
    const cz = Math.min(cells[2] - 1, Math.floor((v[3 * i + 2] - lo[2]) / width[2]));
    const c = cx + cells[0] * (cy + cells[1] * cz);
    cellOf[i] = c;
    count[c + 1]++;
  }
  let m = 0;
  for (let c = 0; c < nc; c++) if (count[c + 1] > 0) m++;
  for (let c = 1; c <= nc; c++) count[c] += count[c - 1];
  // Points regrouped by cell (counting sort); start and integer box (min x y z, max x y z) per non-empty cell.
  const sorted = new Int32Array(v.length);
  const fill = count.slice(0, nc);
  for (let i = 0; i < n; i++) {
    const t = fill[cellOf[i]]++;
    sorted[3 * t] = v[3 * i];
    sorted[3 * t + 1] = v[3 * i + 1];
    sorted[3 * t + 2] = v[3 * i + 2];
  }
  const start = new Int32Array(m + 1);
  const box = new Int32Array(6 * m);
  for (let c = 0, r = 0; c < nc; c++) {
    if (count[c + 1] === count[c]) continue;
    start[r] = count[c];
    for (let d = 0; d < 3; d++) (box[6 * r + d] = 2147483647), (box[6 * r + 3 + d] = -2147483648);
    for (let t = count[c]; t < count[c + 1]; t++) {
      for (let d = 0; d < 3; d++) {
        const w = sorted[3 * t + d];
        if (w < box[6 * r + d]) box[6 * r + d] = w;
        if (w > box[6 * r + 3 + d]) box[6 * r + 3 + d] = w;
      }
    }
    r++;
  }
  start[m] = n;
  // A good first best: all pairs among the extreme points along the 13 axis / diagonal directions.
  const extreme = new Int32Array(26);
  for (let r = 0; r < 13; r++) {
    const ux = DIRECTIONS[3 * r] * h[0], uy = DIRECTIONS[3 * r + 1] * h[1], uz = DIRECTIONS[3 * r + 2] * h[2];
    let minP = Infinity, maxP = -Infinity;
    for (let i = 0; i < n; i++) {
      const t = v[3 * i] * ux + v[3 * i + 1] * uy + v[3 * i + 2] * uz;
      if (t < minP) (minP = t), (extreme[2 * r] = i);
      if (t > maxP) (maxP = t), (extreme[2 * r + 1] = i);
    }
  }
  let best = floor;
  for (let s = 0; s < 26; s++) {
    for (let t = s + 1; t < 26; t++) {
      const i = extreme[s], j = extreme[t];
      const d = dist2(v[3 * i] - v[3 * j], v[3 * i + 1] - v[3 * j + 1], v[3 * i + 2] - v[3 * j + 2], h);
      if (d > best) best = d;
    }
  }
  for (let p = 0; p < m; p++) {
    for (let q = p; q < m; q++) {
      const bound = dist2(
        Math.max(box[6 * q + 3] - box[6 * p], box[6 * p + 3] - box[6 * q]),
        Math.max(box[6 * q + 4] - box[6 * p + 1], box[6 * p + 4] - box[6 * q + 1]),
        Math.max(box[6 * q + 5] - box[6 * p + 2], box[6 * p + 5] - box[6 * q + 2]),
        h,
      );
      if (bound <= best) continue; // no pair of these two cells can beat best
      if (p === q) {
        best = bruteMax2(sorted, start[p], start[p + 1], h, best);
        continue;
      }
      for (let i = start[p]; i < start[p + 1]; i++) {
        const xi = sorted[3 * i];
        const yi = sorted[3 * i + 1];
        const zi = sorted[3 * i + 2];
        for (let j = start[q]; j < start[q + 1]; j++) {
          const d = dist2(xi - sorted[3 * j], yi - sorted[3 * j + 1], zi - sorted[3 * j + 2], h);
          if (d > best) best = d;
        }
      }
    }
  }
  return best;
}

/** The 13 axis, face- and body-diagonal directions (x, y, z), one of each ± pair. */
const DIRECTIONS = Int32Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0, 1, -1, 0, 1, 0, 1, 1, 0, -1, 0, 1, 1, 0, 1, -1, 1, 1, 1, 1, 1, -1, 1, -1, 1, 1, -1, -1);

/** Largest squared distance between two vertices sharing coordinate `axis` (pairs within each plane). */
function maxInPlaneDistance2(v: Int32Array, axis: number, h: number[]): number {
  const n = v.length / 3;
  if (n === 0) return 0;
  let lo = Infinity, hi = -Infinity;
  for (let i = axis; i < v.length; i += 3) {
    if (v[i] < lo) lo = v[i];
    if (v[i] > hi) hi = v[i];
  }
  // Counting sort by plane, then each plane's points as one contiguous run.
  const start = new Int32Array(hi - lo + 2);
  for (let i = axis; i < v.length; i += 3) start[v[i] - lo + 1]++;
  for (let c = 1; c < start.length; c++) start[c] += start[c - 1];
  const fill = start.slice();
  const sorted = new Int32Array(v.length);
  for (let i = 0; i < n; i++) {
    const t = fill[v[3 * i + axis] - lo]++;
    sorted[3 * t] = v[3 * i];
    sorted[3 * t + 1] = v[3 * i + 1];
    sorted[3 * t + 2] = v[3 * i + 2];
  }
  // Planes by decreasing bound (diagonal of their points' box); each search starts from the best so far.
  const planes: { from: number; to: number; bound: number }[] = [];
  for (let c = 0; c + 1 < start.length; c++) {
    if (start[c + 1] === start[c]) continue;
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    for (let t = start[c]; t < start[c + 1]; t++) {
      for (let d = 0; d < 3; d++) {
        const w = sorted[3 * t + d];
        if (w < lo[d]) lo[d] = w;
        if (w > hi[d]) hi[d] = w;
      }
    }
    planes.push({ from: start[c], to: start[c + 1], bound: dist2(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2], h) });
  }
  planes.sort((a, b) => b.bound - a.bound);
  let best = 0;
  for (const pl of planes) {
    if (pl.bound <= best) break;
    best = maxPairDistance2(sorted.subarray(3 * pl.from, 3 * pl.to), h, best);
  }
  return best;
}

/**
 * Largest vertex distances overall and within planes of equal z (slice), y (column) and x (row).
 * Each search first drops vertices interior to lines lying in the planes concerned.
 */
export function maximumDiameters(vertices: Int32Array, spacing: [number, number, number]): ShapeCoefficients["diameters"] {
  const h = [spacing[0] / 2, spacing[1] / 2, spacing[2] / 2]; // vertices are in doubled grid units
  const x = lineExtremes(vertices, 0);
  const xy = lineExtremes(x, 1);
  const xz = lineExtremes(x, 2);
  const yz = lineExtremes(lineExtremes(vertices, 1), 2);
  const slice = maxInPlaneDistance2(xy, 2, h);
  const column = maxInPlaneDistance2(xz, 1, h);
  const row = maxInPlaneDistance2(yz, 0, h);
  // An in-plane pair is a pair of the whole set: their maximum is a valid starting bound for the 3D search.
  const all = maxPairDistance2(lineExtremes(xy, 2), h, Math.max(slice, column, row));
  return { all: Math.sqrt(all), slice: Math.sqrt(slice), column: Math.sqrt(column), row: Math.sqrt(row) };
}

/**
 * Eigenvalues (ascending) of C = XᵀX / Np, X = ROI voxel physical coordinates minus their mean;
 * tiny negative values (> −1e−10, round-off of flat ROIs) are set to 0 as PyRadiomics does.
 */
export function principalMoments(mask: Mask3D): { np: number; eig: [number, number, number] } {
  const [nx, ny, nz] = mask.size;
  const [sx, sy, sz] = mask.spacing;
  let np = 0;
  const mean = [0, 0, 0];
  const m = mask.data;
  // Grid order with integer coordinates from the loops: the same terms in the same order as from i.
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (!m[i]) continue;
        mean[0] += x * sx;
        mean[1] += y * sy;
        mean[2] += z * sz;
        np++;
      }
    }
  }
  for (let d = 0; d < 3; d++) mean[d] /= np;
  const c = [0, 0, 0, 0, 0, 0]; // xx yy zz xy xz yz
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (!m[i]) continue;
        const dx = x * sx - mean[0];
        const dy = y * sy - mean[1];
        const dz = z * sz - mean[2];
        c[0] += dx * dx;
        c[1] += dy * dy;
        c[2] += dz * dz;
        c[3] += dx * dy;
        c[4] += dx * dz;
        c[5] += dy * dz;
      }
    }
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
