import { InputError } from "../errors.js";
import type { BoundingBox, Image3D, Mask3D, Vec3 } from "./types.js";

/** Distinct non-zero label values present in a label image, ascending. */
export function labelsPresent(mask: Image3D): number[] {
  const seen = new Set<number>();
  const d = mask.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v !== 0) seen.add(v);
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * Binary mask of the voxels equal to `label` (PyRadiomics: `mask == label`).
 * Throws InputError naming the source file and the labels that are present when the label is absent.
 */
export function selectLabel(mask: Image3D, label: number, source = "mask"): Mask3D {
  return selectLabelWithBox(mask, label, source).mask;
}

/** Widens the inclusive box [lower, upper] to hold voxel (x, y, z). */
export function widenBox(lower: number[], upper: number[], x: number, y: number, z: number): void {
  if (x < lower[0]) lower[0] = x;
  if (x > upper[0]) upper[0] = x;
  if (y < lower[1]) lower[1] = y;
  if (y > upper[1]) upper[1] = y;
  if (z < lower[2]) lower[2] = z;
  if (z > upper[2]) upper[2] = z;
}

/** selectLabel and the selected voxels' boundingBox, found in the same pass. */
export function selectLabelWithBox(mask: Image3D, label: number, source = "mask"): { mask: Mask3D; box: BoundingBox } {
  const d = mask.data;
  const [nx, ny, nz] = mask.size;
  const out = new Uint8Array(d.length);
  const lower: Vec3 = [nx, ny, nz];
  const upper: Vec3 = [-1, -1, -1];
  let n = 0;
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (d[i] !== label) continue;
        out[i] = 1;
        n++;
        widenBox(lower, upper, x, y, z);
      }
    }
  }
  if (n === 0) {
    const present = labelsPresent(mask);
    throw new InputError(
      `${source}: label ${label} not present in mask (labels present: ${present.length ? present.join(", ") : "none — mask is empty"})`,
    );
  }
  const selected: Mask3D = { data: out, size: [...mask.size] as Vec3, spacing: [...mask.spacing] as Vec3, origin: [...mask.origin] as Vec3, direction: [...mask.direction] };
  return { mask: selected, box: { lower, upper: [upper[0] + 1, upper[1] + 1, upper[2] + 1] } };
}

/** Tight voxel bounding box [lower, upper) of the non-zero voxels; InputError on an empty mask. */
export function boundingBox(mask: Mask3D, source = "mask"): BoundingBox {
  const [nx, ny] = mask.size;
  const lower: Vec3 = [Infinity, Infinity, Infinity];
  const upper: Vec3 = [-1, -1, -1];
  const d = mask.data;
  // Masks are mostly background: skip 4 voxels at a time through a 32-bit view when aligned.
  const words = d.BYTES_PER_ELEMENT === 1 && d.byteOffset % 4 === 0 ? new Uint32Array(d.buffer, d.byteOffset, d.length >> 2) : new Uint32Array(0);
  const visit = (i: number) => {
    const x = i % nx;
    const t = (i - x) / nx;
    const y = t % ny;
    widenBox(lower, upper, x, y, (t - y) / ny);
  };
  for (let w = 0; w < words.length; w++) {
    if (words[w] === 0) continue;
    for (let i = 4 * w; i < 4 * w + 4; i++) if (d[i] !== 0) visit(i);
  }
  for (let i = 4 * words.length; i < d.length; i++) if (d[i] !== 0) visit(i);
  if (upper[0] < 0) throw new InputError(`${source}: the mask is empty (no voxel in the region of interest)`);
  return { lower, upper: [upper[0] + 1, upper[1] + 1, upper[2] + 1] };
}

/**
 * Physical point of a (continuous) voxel index: origin + (direction · diag(spacing)) · index,
 * summed in ITK's order (TransformContinuousIndexToPhysicalPoint) so results agree to the last bit.
 */
export function indexToPoint(img: Pick<Image3D, "origin" | "spacing" | "direction">, idx: ArrayLike<number>): Vec3 {
  const { origin: o, spacing: s, direction: D } = img;
  const out: Vec3 = [0, 0, 0];
  for (let r = 0; r < 3; r++) {
    let sum = 0;
    for (let c = 0; c < 3; c++) sum += D[3 * r + c]! * s[c]! * idx[c]!;
    out[r] = sum + o[r]!;
  }
  return out;
}

/** Continuous voxel index of a physical point: (direction · diag(spacing))⁻¹ · (point − origin). */
export function pointToIndex(img: Pick<Image3D, "origin" | "spacing" | "direction">, p: ArrayLike<number>): Vec3 {
  const { origin: o, spacing: s, direction: D } = img;
  // direction is orthonormal: its inverse is its transpose
  const out: Vec3 = [0, 0, 0];
  for (let c = 0; c < 3; c++) {
    let sum = 0;
    for (let r = 0; r < 3; r++) sum += D[3 * r + c]! * (p[r]! - o[r]!);
    out[c] = sum / s[c]!;
  }
  return out;
}

/**
 * Sub-image covering `box` widened by `pad` voxels per side (clipped to the image extent).
 * Same voxel type; origin moved to the physical point of the new first voxel.
 */
export function cropToBox<T extends Image3D>(image: T, box: BoundingBox, pad = 0): T {
  const lo: Vec3 = [0, 0, 0];
  const hi: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    lo[a] = Math.max(0, box.lower[a]! - pad);
    hi[a] = Math.min(image.size[a]!, box.upper[a]! + pad);
    if (hi[a]! <= lo[a]!) throw new InputError(`cropToBox: empty box on axis ${a} ([${box.lower[a]}, ${box.upper[a]}) in size ${image.size[a]})`);
  }
  const size: Vec3 = [hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]];
  const [nx, ny] = image.size;
  const Ctor = image.data.constructor as new (n: number) => T["data"];
  const out = new Ctor(size[0] * size[1] * size[2]);
  let o = 0;
  for (let z = lo[2]; z < hi[2]; z++) {
    for (let y = lo[1]; y < hi[1]; y++) {
      const start = lo[0] + nx * (y + ny * z);
      (out as Float64Array).set((image.data as Float64Array).subarray(start, start + size[0]), o);
      o += size[0];
    }
  }
  return {
    ...image,
    data: out,
    size,
    spacing: [...image.spacing] as Vec3,
    origin: indexToPoint(image, lo),
    direction: [...image.direction],
  };
}

/**
 * Checks that image and mask share one grid: equal size, and spacing/origin/direction equal within
 * `tolerance` (absolute, like SimpleITK's coordinate tolerance used by PyRadiomics' checkMask).
 * Throws InputError saying which property differs and the two values.
 */
export function checkGeometry(
  image: Image3D,
  mask: Image3D,
  tolerance = 1e-3,
  names: { image?: string; mask?: string } = {},
): void {
  const ni = names.image ?? "image";
  const nm = names.mask ?? "mask";
  const fail = (what: string, a: ArrayLike<number>, b: ArrayLike<number>, tol?: boolean): never => {
    throw new InputError(
      `${nm} does not match ${ni}: ${what} differs (${ni}: (${Array.from(a).join(", ")}), ${nm}: (${Array.from(b).join(", ")}))` +
        (tol ? ` beyond tolerance ${tolerance}` : ""),
    );
  };
  for (let a = 0; a < 3; a++) if (image.size[a] !== mask.size[a]) fail("size", image.size, mask.size);
  const close = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    for (let i = 0; i < a.length; i++) if (!(Math.abs(a[i]! - b[i]!) <= tolerance)) return false;
    return true;
  };
  if (!close(image.spacing, mask.spacing)) fail("spacing", image.spacing, mask.spacing, true);
  if (!close(image.origin, mask.origin)) fail("origin", image.origin, mask.origin, true);
  if (!close(image.direction, mask.direction)) fail("direction", image.direction, mask.direction, true);
}
