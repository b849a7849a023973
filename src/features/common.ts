import { InputError } from "../errors.js";
import type { Vec3 } from "../image/types.js";
import { widenBox } from "../image/mask.js";

/**
 * A discretised region of interest on a (cropped) voxel grid — the input of every texture class.
 * `levels` holds the bin index (1…Ng) of each grid voxel; only voxels with `mask[i] = 1` are read.
 * Grid order is ITK's (x fastest): index = x + nx·(y + ny·z).
 */
export interface DiscreteRoi {
  size: Vec3;
  spacing: Vec3;
  levels: Int32Array;
  mask: Uint8Array;
  /** padRoi(this, pad) built once by the extractor for all texture classes (must describe levels / mask). */
  padded?: PaddedRoi;
}

/** Texture settings shared by PyRadiomics' matrix-based classes (names as in PyRadiomics params files). */
export interface TextureSettings {
  distances?: number[];
  force2D?: boolean;
  force2Ddimension?: number;
  symmetricalGLCM?: boolean;
  weightingNorm?: string | null;
  gldm_a?: number;
}

/** Machine epsilon, PyRadiomics' `numpy.spacing(1)`, added inside log2 to avoid log(0). */
export const EPS = 2.220446049250313e-16;

/** Linear indices of the ROI voxels, in grid order. */
export function roiIndices(mask: Uint8Array): Int32Array {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) n++;
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[k++] = i;
  return out;
}

/**
 * The ROI on its grid padded by `pad` background voxels per side, built in one pass: the texture classes
 * then read a neighbour at any offset up to `pad` as `lev[i + step]` with no bounds test.
 */
export interface PaddedRoi {
  /** Grey level (1…Ng) per voxel of the padded grid; 0 outside the ROI and in the padding. */
  lev: Int32Array;
  /** Padded-grid index of each ROI voxel, in grid order. */
  idx: Int32Array;
  /** Padded grid size (x, y, z) and the padding per side. */
  size: Vec3;
  pad: number;
  /** ROI bounding-box size in voxels (as roiExtent). */
  extent: Vec3;
  /** Grey levels present in the ROI, ascending, and Ng = the largest (as presentGrayLevels). */
  present: Int32Array;
  ng: number;
}

/** The ROI padded by at least `pad` voxels: `roi.padded` when it is wide enough, else built here. */
export function padRoi(roi: DiscreteRoi, pad: number): PaddedRoi {
  if (roi.padded && roi.padded.pad >= pad) return roi.padded;
  return buildPaddedRoi(roi, pad);
}

export function buildPaddedRoi(roi: DiscreteRoi, pad: number): PaddedRoi {
  const [nx, ny, nz] = roi.size;
  const { levels, mask } = roi;
  const px = nx + 2 * pad;
  const py = ny + 2 * pad;
  const lev = new Int32Array(px * py * (nz + 2 * pad));
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) n++;
  const idx = new Int32Array(n);
  let x0 = nx, x1 = -1, y0 = ny, y1 = -1, z0 = nz, z1 = -1, ng = 0;
  for (let z = 0, src = 0, k = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      let dst = pad + px * (y + pad + py * (z + pad));
      for (let x = 0; x < nx; x++, src++, dst++) {
        if (!mask[src]) continue;
        const l = levels[src];
        if (!(l >= 1)) throw new InputError(`texture matrices: ROI voxel ${src} has grey level ${l}; discretised levels start at 1`);
        lev[dst] = l;
        idx[k++] = dst;
        if (l > ng) ng = l;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
        if (z < z0) z0 = z;
        if (z > z1) z1 = z;
      }
    }
  }
  const seen = new Uint8Array(ng + 1);
  for (let k = 0; k < n; k++) seen[lev[idx[k]]] = 1;
  let np = 0;
  for (let g = 1; g <= ng; g++) np += seen[g];
  const present = new Int32Array(np);
  for (let g = 1, k = 0; g <= ng; g++) if (seen[g]) present[k++] = g;
  const extent: Vec3 = x1 < 0 ? [0, 0, 0] : [x1 - x0 + 1, y1 - y0 + 1, z1 - z0 + 1];
  return { lev, idx, size: [px, py, nz + 2 * pad], pad, extent, present, ng };
}

/**
 * Padding that covers every offset generateAngles can keep: at most the largest distance, and below the
 * grid size (longer offsets are dropped). Invalid distances are left to generateAngles to report.
 */
export function anglePad(settings: TextureSettings, size: Vec3): number {
  const distances: unknown = settings.distances ?? [1];
  const valid = Array.isArray(distances) ? distances.filter((d) => Number.isInteger(d) && d >= 1) : [];
  return Math.max(1, Math.min(Math.max(1, ...valid), Math.max(size[0], size[1], size[2]) - 1));
}

/** Linear-index step of each angle on a grid of `size` (x, y, z). */
export function angleSteps(angles: Int32Array, size: Vec3): Int32Array {
  const steps = new Int32Array(angles.length / 3);
  for (let a = 0; a < steps.length; a++) steps[a] = angles[3 * a + 2] + size[0] * (angles[3 * a + 1] + size[1] * angles[3 * a]);
  return steps;
}

/** Map from grey level (1…Ng) to row index among the present levels (−1 when absent). */
export function levelIndex(present: Int32Array, ng: number): Int32Array {
  const idx = new Int32Array(ng + 1).fill(-1);
  for (let k = 0; k < present.length; k++) idx[present[k]] = k;
  return idx;
}

/**
 * Neighbour offsets, PyRadiomics order (its C `build_angles`): each angle is (dz, dy, dx) in array order,
 * generated with the last axis fastest and offsets running from +d down to −d; only the first half of the
 * (2d+1)³−1 set is kept (the other half are the mirrored directions). An angle is kept when its infinity
 * norm is one of `distances`, it does not move along `force2Ddimension` (numpy axis: 0 = z, 1 = y, 2 = x)
 * when force2D, and no offset reaches the ROI's size along that axis.
 * Returns a flat Int32Array [dz0, dy0, dx0, dz1, …].
 */
export function generateAngles(extent: Vec3, settings: TextureSettings): Int32Array {
  const distances = settings.distances ?? [1];
  if (distances.length === 0 || distances.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new InputError(`setting 'distances' must be a list of integers ≥ 1, got ${JSON.stringify(distances)}`);
  }
  const force2D = settings.force2D ?? false;
  const dim2D = settings.force2Ddimension ?? 0;
  if (force2D && ![0, 1, 2].includes(dim2D)) {
    throw new InputError(`setting 'force2Ddimension' must be 0, 1 or 2, got ${dim2D}`);
  }
  const size = [extent[2], extent[1], extent[0]]; // numpy (z, y, x) order
  const maxD = Math.max(...distances);
  const all: number[] = [];
  for (let a = maxD; a >= -maxD; a--) {
    for (let b = maxD; b >= -maxD; b--) {
      for (let c = maxD; c >= -maxD; c--) all.push(a, b, c);
    }
  }
  const n = all.length / 3;
  const out: number[] = [];
  // Only the first half (before (0,0,0)) — mirrored directions are implied.
  for (let k = 0; k < (n - 1) / 2; k++) {
    const off = [all[3 * k], all[3 * k + 1], all[3 * k + 2]];
    let ok = true;
    let norm = 0;
    for (let d = 0; d < 3; d++) {
      if ((force2D && d === dim2D && off[d] !== 0) || Math.abs(off[d]) >= size[d]) ok = false;
      norm = Math.max(norm, Math.abs(off[d]));
    }
    if (ok && distances.includes(norm)) out.push(off[0], off[1], off[2]);
  }
  return Int32Array.from(out);
}

/** Linear-index step and per-axis offsets of angle `a` on a grid of `size` (x, y, z). */
export function angleStep(angles: Int32Array, a: number, size: Vec3): { dx: number; dy: number; dz: number; step: number } {
  const dz = angles[3 * a];
  const dy = angles[3 * a + 1];
  const dx = angles[3 * a + 2];
  return { dx, dy, dz, step: dx + size[0] * (dy + size[1] * dz) };
}

/** Per-voxel coordinates of the ROI voxels (x, y, z) as three Int32Arrays — computed once per ROI. */
export function roiCoordinates(idx: Int32Array, size: Vec3): { x: Int32Array; y: Int32Array; z: Int32Array } {
  const n = idx.length;
  const x = new Int32Array(n);
  const y = new Int32Array(n);
  const z = new Int32Array(n);
  const nx = size[0];
  const nxy = size[0] * size[1];
  for (let k = 0; k < n; k++) {
    const i = idx[k];
    z[k] = Math.floor(i / nxy);
    const r = i - z[k] * nxy;
    y[k] = Math.floor(r / nx);
    x[k] = r - y[k] * nx;
  }
  return { x, y, z };
}

/** Mean of the non-NaN values (numpy.nanmean); NaN when none. */
export function nanMean(values: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) {
      s += v;
      n++;
    }
  }
  return n === 0 ? NaN : s / n;
}

/**
 * Distance weight of an angle for GLCM/GLRLM `weightingNorm` (spacing in x, y, z):
 * infinity ‖·‖∞, euclidean ‖·‖₂, manhattan ‖·‖₁ of |offset|·spacing, or 1 for 'no_weighting'.
 */
export function angleDistance(angles: Int32Array, a: number, spacing: Vec3, norm: string): number {
  const d = [
    Math.abs(angles[3 * a]) * spacing[2],
    Math.abs(angles[3 * a + 1]) * spacing[1],
    Math.abs(angles[3 * a + 2]) * spacing[0],
  ];
  switch (norm) {
    case "infinity":
      return Math.max(d[0], d[1], d[2]);
    case "euclidean":
      return Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    case "manhattan":
      return d[0] + d[1] + d[2];
    default:
      return 1;
  }
}

export const WEIGHTING_NORMS = ["infinity", "euclidean", "manhattan", "no_weighting"];

/** Validates `weightingNorm` (PyRadiomics falls back to no weighting on unknown names; we refuse them). */
export function checkWeightingNorm(norm: string | null | undefined): void {
  if (norm != null && !WEIGHTING_NORMS.includes(norm)) {
    throw new InputError(`setting 'weightingNorm' must be one of ${WEIGHTING_NORMS.join(", ")} or null, got '${norm}'`);
  }
}

/**
 * Eigenvalues of a symmetric n×n matrix (row-major), ascending, by cyclic Jacobi rotations until the
 * off-diagonal mass is negligible (relative 1e−22 of the squared Frobenius norm). Used for small matrices
 * (GLCM MCC, shape covariance), where it is exact to round-off and allocation-free per sweep.
 */
export function symmetricEigenvalues(input: ArrayLike<number>, n: number): Float64Array {
  const a = Float64Array.from(input);
  let total = 0;
  for (let i = 0; i < n * n; i++) total += a[i] * a[i];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    if (off <= 1e-22 * total || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
      }
    }
  }
  const ev = new Float64Array(n);
  for (let i = 0; i < n; i++) ev[i] = a[i * n + i];
  return ev.sort();
}

/**
 * Eigenvalues of a symmetric n×n matrix (row-major), ascending: Householder reduction to tridiagonal form,
 * then the implicit QL algorithm with Wilkinson-type shifts. O(n³) once, no eigenvectors.
 */
export function symmetricEigenvaluesQL(input: ArrayLike<number>, n: number): Float64Array {
  const a = Float64Array.from(input);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  // Householder: zero row i left of the sub-diagonal, for i = n−1 … 1
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1;
    let h = 0;
    let scale = 0;
    for (let k = 0; k <= l; k++) scale += Math.abs(a[i * n + k]);
    if (l === 0 || scale === 0) {
      e[i] = a[i * n + l];
      d[i] = 0;
      continue;
    }
    for (let k = 0; k <= l; k++) {
      a[i * n + k] /= scale;
      h += a[i * n + k] * a[i * n + k];
    }
    const f = a[i * n + l];
    const g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
    e[i] = scale * g;
    h -= f * g;
    a[i * n + l] = f - g;
    let ff = 0;
    for (let j = 0; j <= l; j++) {
      let gg = 0;
      for (let k = 0; k <= j; k++) gg += a[j * n + k] * a[i * n + k];
      for (let k = j + 1; k <= l; k++) gg += a[k * n + j] * a[i * n + k];
      e[j] = gg / h;
      ff += e[j] * a[i * n + j];
    }
    const hh = ff / (h + h);
    for (let j = 0; j <= l; j++) {
      const fj = a[i * n + j];
      const gj = e[j] - hh * fj;
      e[j] = gj;
      for (let k = 0; k <= j; k++) a[j * n + k] -= fj * e[k] + gj * a[i * n + k];
    }
    d[i] = h;
  }
  for (let i = 0; i < n; i++) d[i] = a[i * n + i];
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  // implicit QL on the tridiagonal (d, e)
  for (let l = 0; l < n; l++) {
    for (let iter = 0; iter < 60; iter++) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= 1e-15 * dd) break;
      }
      if (m === l) break;
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = Math.hypot(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        const f = s * e[i];
        const b = c * e[i];
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] -= p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (r === 0 && i >= l) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return d.sort();
}

/** Σ (w/n)(v − μ)² with μ = Σ (w/n) v: the gray-level / run / zone / dependence variances. */
export function weightedVariance(w: Float64Array, v: Float64Array, n: number): number {
  let mu = 0;
  for (let k = 0; k < w.length; k++) mu += (w[k] / n) * v[k];
  let s = 0;
  for (let k = 0; k < w.length; k++) s += (w[k] / n) * (v[k] - mu) ** 2;
  return s;
}

/** −Σ p log2(p + ε) with p = P/n: the run / zone / dependence entropies. */
export function matrixEntropy(P: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let k = 0; k < P.length; k++) {
    const p = P[k] / n;
    s -= p * Math.log2(p + EPS);
  }
  return s;
}
