import { InputError } from "../errors.js";
import type { Image3D, VoxelArray } from "../image/types.js";

/** A new image on the same grid (size, spacing, origin, direction) as `like`, holding `data`. */
export function withData<T extends VoxelArray>(like: Image3D, data: T): Image3D<T> {
  return {
    data,
    size: [...like.size] as Image3D["size"],
    spacing: [...like.spacing] as Image3D["spacing"],
    origin: [...like.origin] as Image3D["origin"],
    direction: [...like.direction],
  };
}

/** The voxel values as float64 (numpy's `astype('float64')`), always a fresh copy. */
export function toFloat64(image: Image3D): Float64Array {
  return Float64Array.from(image.data as ArrayLike<number>);
}

/** max |x| over all voxels (numpy.max(numpy.abs(im))). */
export function maxAbs(values: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > m) m = a;
  }
  return m;
}

/** Reads an optional numeric setting, checking its type. */
export function numberSetting(settings: Record<string, unknown>, key: string, fallback: number, filter: string): number {
  const v = settings[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new InputError(`${filter}: setting '${key}' must be a number, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Reads an optional integer setting ≥ `min`. */
export function integerSetting(settings: Record<string, unknown>, key: string, fallback: number, filter: string, min = 0): number {
  const v = numberSetting(settings, key, fallback, filter);
  if (!Number.isInteger(v) || v < min) {
    throw new InputError(`${filter}: setting '${key}' must be an integer ≥ ${min}, got ${v}`);
  }
  return v;
}

/** `force2Ddimension` as the image (x, y, z) axis it removes: numpy axis d (0 = z) is image axis 2 − d. */
export function force2DAxis(settings: Record<string, unknown>, filter: string): number {
  const d = integerSetting(settings, "force2Ddimension", 0, filter);
  if (d > 2) throw new InputError(`${filter}: setting 'force2Ddimension' must be 0, 1 or 2, got ${d}`);
  return 2 - d;
}
