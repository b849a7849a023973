/**
 * Lesion geometry of the simulated DCE images: a rotated ellipsoid whose surface is lobulated by
 * von Mises–Fisher "bumps" on the sphere of directions, so the lesion is star-shaped around its
 * centre. In normalised ellipsoid coordinates u = D⁻¹Rᵀ(p − c) (D = semi-axes, R = rotation), a
 * point is inside when |u| ≤ B(û) with
 *   B(û) = 1 + m · Σⱼ gⱼ · exp(κ (û·vⱼ − 1)),   gⱼ ~ U(−1, 1), vⱼ uniform on the sphere,
 * where m is the margin irregularity (a latent variable: larger for IMN-positive patients).
 * The support is reduced to its 6-connected component containing the centre (one lesion), and a
 * partial-volume weight (linear ramp of ±`edgeMm`/2 across the surface along the ray) softens edges.
 */
import { Rng } from "../stats/rng.js";
import { clamp, uniformIn } from "./random.js";

const BUMPS = 10;
const KAPPA = 6;

/** Random shape parameters of one lesion (drawn from the patient's image stream). */
export interface LesionShape {
  /** Centre in voxel coordinates (x, y, z). */
  centre: [number, number, number];
  /** Semi-axes in mm, after fitting to the grid. */
  semiAxesMm: [number, number, number];
  /** Rotation matrix R (row-major); columns are the ellipsoid axes in image axes. */
  rotation: number[];
  /** Bump directions (unit vectors, 3 per bump) and signed amplitudes. */
  bumpDirs: Float64Array;
  bumpAmps: Float64Array;
  irregularity: number;
}

/** Rotation from Euler angles (z–x–z): Rz(a)·Rx(b)·Rz(c), row-major. */
function eulerRotation(a: number, b: number, c: number): number[] {
  const [ca, sa, cb, sb, cc, sc] = [Math.cos(a), Math.sin(a), Math.cos(b), Math.sin(b), Math.cos(c), Math.sin(c)];
  return [
    ca * cc - sa * cb * sc, -ca * sc - sa * cb * cc, sa * sb,
    sa * cc + ca * cb * sc, -sa * sc + ca * cb * cc, -ca * sb,
    sb * sc, sb * cc, cb,
  ];
}

/** Upper bound of B(û) over directions: 1 + m·Σ max(gⱼ, 0). */
export function maxRadiusFactor(shape: Pick<LesionShape, "bumpAmps" | "irregularity">): number {
  let s = 0;
  for (let j = 0; j < shape.bumpAmps.length; j++) s += Math.max(shape.bumpAmps[j], 0);
  return 1 + shape.irregularity * s;
}

/**
 * Draws a lesion shape of equivalent diameter `diameterMm` (volume of the base ellipsoid equals the
 * sphere of that diameter; aspect ratios 1 : U(0.75,1) : U(0.65,1), random orientation with a tilt
 * of at most 0.35 rad from the axial plane) and shrinks it if needed so its largest possible extent
 * stays `marginVox` voxels inside the grid.
 */
export function drawLesionShape(
  rng: Rng,
  diameterMm: number,
  irregularity: number,
  size: readonly number[],
  spacing: readonly number[],
  marginVox = 2,
): LesionShape {
  const e1 = uniformIn(rng, 0.75, 1);
  const e2 = uniformIn(rng, 0.65, 1);
  const r = diameterMm / 2 / Math.cbrt(e1 * e2);
  const semi: [number, number, number] = [r, r * e1, r * e2];
  const rotation = eulerRotation(uniformIn(rng, 0, 2 * Math.PI), uniformIn(rng, -0.35, 0.35), uniformIn(rng, 0, 2 * Math.PI));
  const bumpDirs = new Float64Array(3 * BUMPS);
  const bumpAmps = new Float64Array(BUMPS);
  for (let j = 0; j < BUMPS; j++) {
    const cz = uniformIn(rng, -1, 1);
    const phi = uniformIn(rng, 0, 2 * Math.PI);
    const sz = Math.sqrt(1 - cz * cz);
    bumpDirs[3 * j] = sz * Math.cos(phi);
    bumpDirs[3 * j + 1] = sz * Math.sin(phi);
    bumpDirs[3 * j + 2] = cz;
    bumpAmps[j] = uniformIn(rng, -1, 1);
  }
  const centre: [number, number, number] = [0, 1, 2].map(
    (a) => (size[a] - 1) / 2 + (a < 2 ? uniformIn(rng, -2, 2) : uniformIn(rng, -1, 1)),
  ) as [number, number, number];
  const shape: LesionShape = { centre, semiAxesMm: semi, rotation, bumpDirs, bumpAmps, irregularity };
  // Room (mm) from the centre to the grid edge minus the margin, per axis; the lesion's extent is
  // bounded by its longest semi-axis times the largest radius factor.
  let room = Infinity;
  for (let a = 0; a < 3; a++) {
    const lo = (centre[a] - marginVox) * spacing[a];
    const hi = (size[a] - 1 - marginVox - centre[a]) * spacing[a];
    room = Math.min(room, lo, hi);
  }
  const extent = semi[0] * maxRadiusFactor(shape) + 0.5 * Math.max(...spacing);
  if (extent > room) {
    const f = clamp(room / extent, 0, 1);
    for (let a = 0; a < 3; a++) semi[a] *= f;
  }
  return shape;
}

/** Output of `rasterizeLesion`: mask (0/1), partial-volume weight and normalised radius |u|/B. */
export interface LesionRaster {
  mask: Uint8Array;
  weight: Float32Array;
  voxels: number;
  /** Inclusive voxel box containing every voxel with weight > 0. */
  lower: [number, number, number];
  upper: [number, number, number];
}

/**
 * Voxelises the lesion on the grid: mask[i] = 1 where |u| ≤ B(û) (then restricted to the
 * 6-connected component of the centre voxel), weight[i] ∈ [0, 1] the partial-volume fraction from
 * the signed distance d = |p − c|·(B − |u|)/|u| along the ray: w = clamp(½ + d/edgeMm, 0, 1).
 * Only voxels in the bounding cube of the largest extent (returned as lower/upper) are visited.
 */
export function rasterizeLesion(shape: LesionShape, size: readonly number[], spacing: readonly number[], edgeMm = 1): LesionRaster {
  const [nx, ny, nz] = size;
  const n = nx * ny * nz;
  const mask = new Uint8Array(n);
  const weight = new Float32Array(n);
  const R = shape.rotation;
  const [a0, a1, a2] = shape.semiAxesMm;
  const reach = a0 * maxRadiusFactor(shape) + edgeMm + Math.max(...spacing);
  const lo = [0, 1, 2].map((a) => Math.max(0, Math.floor(shape.centre[a] - reach / spacing[a])));
  const hi = [0, 1, 2].map((a) => Math.min(size[a] - 1, Math.ceil(shape.centre[a] + reach / spacing[a])));
  const { bumpDirs, bumpAmps, irregularity: m } = shape;
  const bMax = maxRadiusFactor(shape);
  for (let z = lo[2]; z <= hi[2]; z++) {
    const pz = (z - shape.centre[2]) * spacing[2];
    for (let y = lo[1]; y <= hi[1]; y++) {
      const py = (y - shape.centre[1]) * spacing[1];
      for (let x = lo[0]; x <= hi[0]; x++) {
        const px = (x - shape.centre[0]) * spacing[0];
        // u = D⁻¹ Rᵀ p
        const u0 = (R[0] * px + R[3] * py + R[6] * pz) / a0;
        const u1 = (R[1] * px + R[4] * py + R[7] * pz) / a1;
        const u2 = (R[2] * px + R[5] * py + R[8] * pz) / a2;
        const rho = Math.sqrt(u0 * u0 + u1 * u1 + u2 * u2);
        const idx = x + nx * (y + ny * z);
        if (rho === 0) {
          mask[idx] = 1;
          weight[idx] = 1;
          continue;
        }
        const dp = Math.sqrt(px * px + py * py + pz * pz);
        // Outside even the largest surface by more than half the ramp: weight 0, skip the bumps.
        if ((dp * (bMax - rho)) / rho < -edgeMm / 2) continue;
        let B = 1;
        for (let j = 0; j < bumpAmps.length; j++) {
          const dot = (u0 * bumpDirs[3 * j] + u1 * bumpDirs[3 * j + 1] + u2 * bumpDirs[3 * j + 2]) / rho;
          B += m * bumpAmps[j] * Math.exp(KAPPA * (dot - 1));
        }
        const dist = (dp * (B - rho)) / rho;
        weight[idx] = clamp(0.5 + dist / edgeMm, 0, 1);
        if (rho <= B) mask[idx] = 1;
      }
    }
  }
  const centreIdx = Math.round(shape.centre[0]) + nx * (Math.round(shape.centre[1]) + ny * Math.round(shape.centre[2]));
  const voxels = keepComponent(mask, size, centreIdx);
  // Voxels cut off from the lesion stay below half-weight so image and mask agree.
  for (let i = 0; i < n; i++) if (!mask[i] && weight[i] >= 0.5) weight[i] = 0.49;
  return { mask, weight, voxels, lower: lo as [number, number, number], upper: hi as [number, number, number] };
}

/**
 * Keeps only the 6-connected component of `mask` containing `seed` (flood fill with an Int32Array
 * stack); returns its voxel count. The seed voxel is set if it was not.
 */
export function keepComponent(mask: Uint8Array, size: readonly number[], seed: number): number {
  const [nx, ny] = size;
  const nxy = nx * ny;
  const n = mask.length;
  const seen = new Uint8Array(n);
  const stack = new Int32Array(n);
  mask[seed] = 1;
  let top = 0;
  stack[top++] = seed;
  seen[seed] = 1;
  let count = 0;
  while (top > 0) {
    const i = stack[--top];
    count++;
    const x = i % nx;
    const y = Math.floor(i / nx) % ny;
    const z = Math.floor(i / nxy);
    // Neighbour offsets −x, +x, −y, +y, −z, +z, each guarded by the grid border.
    for (let k = 0; k < 6; k++) {
      let j = -1;
      if (k === 0 && x > 0) j = i - 1;
      else if (k === 1 && x < nx - 1) j = i + 1;
      else if (k === 2 && y > 0) j = i - nx;
      else if (k === 3 && y < ny - 1) j = i + nx;
      else if (k === 4 && z > 0) j = i - nxy;
      else if (k === 5 && z < size[2] - 1) j = i + nxy;
      if (j >= 0 && mask[j] && !seen[j]) {
        seen[j] = 1;
        stack[top++] = j;
      }
    }
  }
  for (let i = 0; i < n; i++) mask[i] = seen[i];
  return count;
}
