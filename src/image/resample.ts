import { InputError } from "../errors.js";
import type { Image3D, Vec3, VoxelArray } from "./types.js";

/** Interpolators by their SimpleITK names (the values PyRadiomics' `interpolator` setting takes). */
export type InterpolatorName = "sitkNearestNeighbor" | "sitkLinear" | "sitkBSpline";

/** An output sampling grid (ITK ResampleImageFilter's output information). */
export interface Grid {
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: number[];
}

/** Pole of the cubic B-spline prefilter, z = √3 − 2. */
const POLE = Math.sqrt(3) - 2;
/** ITK BSplineDecompositionImageFilter's tolerance for the truncated causal initialisation. */
const TOLERANCE = 1e-10;

/**
 * In-place 1-D cubic B-spline prefilter of c[0..n) (stride `step` from `off`), as ITK's
 * BSplineDecompositionImageFilter: gain λ = (1 − z)(1 − 1/z), causal pass c⁺[k] = c[k] + z c⁺[k−1],
 * anti-causal pass c[k] = z (c[k+1] − c[k]), mirror-symmetric boundary initialisation.
 */
function prefilterLine(buf: Float64Array, n: number): void {
  if (n === 1) return;
  const z = POLE;
  const gain = (1 - z) * (1 - 1 / z);
  for (let k = 0; k < n; k++) buf[k] = buf[k]! * gain;
  // causal initialisation (truncated sum when the horizon is shorter than the line)
  const horizon = Math.ceil(Math.log(TOLERANCE) / Math.log(Math.abs(z)));
  let zn = z;
  if (horizon < n) {
    let sum = buf[0]!;
    for (let k = 1; k < horizon; k++) {
      sum += zn * buf[k]!;
      zn *= z;
    }
    buf[0] = sum;
  } else {
    const iz = 1 / z;
    let z2n = Math.pow(z, n - 1);
    let sum = buf[0]! + z2n * buf[n - 1]!;
    z2n *= z2n * iz;
    for (let k = 1; k <= n - 2; k++) {
      sum += (zn + z2n) * buf[k]!;
      zn *= z;
      z2n *= iz;
    }
    buf[0] = sum / (1 - zn * zn);
  }
  for (let k = 1; k < n; k++) buf[k] = buf[k]! + z * buf[k - 1]!;
  buf[n - 1] = (z / (z * z - 1)) * (z * buf[n - 2]! + buf[n - 1]!);
  for (let k = n - 2; k >= 0; k--) buf[k] = z * (buf[k + 1]! - buf[k]!);
}

/** Cubic B-spline coefficients of the whole image (prefilter along x, then y, then z). */
export function bsplineCoefficients(image: Image3D): Float64Array {
  const [nx, ny, nz] = image.size;
  const c = Float64Array.from(image.data as ArrayLike<number>);
  const strides = [1, nx, nx * ny];
  const sizes = [nx, ny, nz];
  const line = new Float64Array(Math.max(nx, ny, nz));
  for (let d = 0; d < 3; d++) {
    const n = sizes[d]!;
    const step = strides[d]!;
    if (n === 1) continue;
    // enumerate line starts: all indices with coordinate d = 0
    for (let z = 0; z < (d === 2 ? 1 : nz); z++) {
      for (let y = 0; y < (d === 1 ? 1 : ny); y++) {
        for (let x = 0; x < (d === 0 ? 1 : nx); x++) {
          const start = x + nx * (y + ny * z);
          for (let k = 0, o = start; k < n; k++, o += step) line[k] = c[o]!;
          prefilterLine(line, n);
          for (let k = 0, o = start; k < n; k++, o += step) c[o] = line[k]!;
        }
      }
    }
  }
  return c;
}

/** Mirror an index into [0, n) the way ITK's BSplineInterpolateImageFunction does (period 2n − 2). */
function mirror(i: number, n: number): number {
  if (n === 1) return 0;
  const n2 = 2 * n - 2;
  let k = i < 0 ? -i - n2 * Math.trunc(-i / n2) : i - n2 * Math.trunc(i / n2);
  if (k >= n) k = n2 - k;
  return k;
}

/**
 * Cubic B-spline support of one axis at continuous index x: the 4 (mirrored) indices
 * floor(x) − 1 … floor(x) + 2 and their weights β³(x − k). ITK takes floor of x cast to float.
 */
function cubicSupport(x: number, n: number, idx: Int32Array, w: Float64Array): void {
  const base = Math.floor(Math.fround(x)) - 1;
  const t = x - (base + 1);
  w[3] = (t * t * t) / 6;
  w[0] = 1 / 6 + 0.5 * t * (t - 1) - w[3]!;
  w[2] = t + w[0]! - 2 * w[3]!;
  w[1] = 1 - w[0]! - w[2]! - w[3]!;
  for (let k = 0; k < 4; k++) idx[k] = mirror(base + k, n);
}

/** Linear interpolation support of one axis, clamped at the edges as ITK's LinearInterpolateImageFunction. */
function linearSupport(x: number, n: number, idx: Int32Array, w: Float64Array): void {
  let b = Math.floor(x);
  if (b < 0) b = 0;
  let d = x - b;
  if (d <= 0 || b + 1 > n - 1) d = 0;
  idx[0] = b;
  idx[1] = b + 1 > n - 1 ? b : b + 1;
  w[0] = 1 - d;
  w[1] = d;
}

/** True when the 3×3 row-major matrix has orthonormal columns (to 1e-12). */
function isOrthonormal(D: number[]): boolean {
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const dot = D[i]! * D[j]! + D[3 + i]! * D[3 + j]! + D[6 + i]! * D[6 + j]!;
      if (Math.abs(dot - (i === j ? 1 : 0)) > 1e-12) return false;
    }
  }
  return true;
}

/** Inverse of a 3×3 row-major matrix. */
function inverse3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-300) throw new InputError("image direction matrix is singular");
  return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}

/** Cast of an interpolated value to the output voxel type: clamp to its range, then truncate (ITK static_cast). */
function castTo(data: VoxelArray): (v: number) => number {
  if (data instanceof Float64Array) return (v) => v;
  if (data instanceof Float32Array) return (v) => Math.fround(v);
  const ranges: [Function, number, number][] = [
    [Int8Array, -128, 127], [Uint8Array, 0, 255], [Int16Array, -32768, 32767], [Uint16Array, 0, 65535],
    [Int32Array, -2147483648, 2147483647], [Uint32Array, 0, 4294967295],
  ];
  const [, lo, hi] = ranges.find(([C]) => data instanceof (C as never))!;
  return (v) => (v < lo ? lo : v > hi ? hi : Math.trunc(v));
}

/**
 * Resamples `image` onto `grid` (identity transform) like ITK's ResampleImageFilter:
 * each output voxel's physical point is mapped to a continuous input index; points outside
 * [−0.5, size − 0.5) get 0; others are interpolated and cast to the input's voxel type
 * (clamped and truncated for integer types) unless `outputFloat64` is set.
 */
export function resampleToGrid(image: Image3D, grid: Grid, interpolator: InterpolatorName, outputFloat64 = false): Image3D {
  const [nx, ny, nz] = image.size;
  const n = grid.size[0] * grid.size[1] * grid.size[2];
  const Ctor = (outputFloat64 ? Float64Array : image.data.constructor) as new (k: number) => VoxelArray;
  const out = new Ctor(n);
  const cast = outputFloat64 ? (v: number) => v : castTo(image.data);
  // ITK's ResampleImageFilter: per scanline, output index → physical point (origin first, then
  // Σ (D·diag(s))·index) → input continuous index (Σ (D·diag(s))⁻¹·(p − origin)); along the line the
  // index advances by the constant delta. Mirroring this order reproduces ITK's rounding at .5 ties.
  const Mout = grid.direction.map((v, k) => v * grid.spacing[k % 3]!);
  // inverse of D·diag(s) for an orthonormal D: row i = D column i / s_i
  const Minv = [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => image.direction[3 * j + i]! / image.spacing[i]!));
  if (!isOrthonormal(image.direction)) Minv.splice(0, 9, ...inverse3(image.direction.map((v, k) => v * image.spacing[k % 3]!)));
  const toInput = (ox: number, oy: number, oz: number, out: Float64Array) => {
    const p = [0, 0, 0];
    for (let i = 0; i < 3; i++) {
      let v = grid.origin[i]!;
      v += Mout[3 * i]! * ox;
      v += Mout[3 * i + 1]! * oy;
      v += Mout[3 * i + 2]! * oz;
      p[i] = v - image.origin[i]!;
    }
    for (let i = 0; i < 3; i++) out[i] = Minv[3 * i]! * p[0]! + Minv[3 * i + 1]! * p[1]! + Minv[3 * i + 2]! * p[2]!;
  };
  const start = new Float64Array(3), next = new Float64Array(3);

  const src = interpolator === "sitkBSpline" ? bsplineCoefficients(image) : (image.data as ArrayLike<number>);
  const order = interpolator === "sitkBSpline" ? 4 : interpolator === "sitkLinear" ? 2 : 1;
  const support = interpolator === "sitkBSpline" ? cubicSupport : linearSupport;
  const ix = new Int32Array(4), iy = new Int32Array(4), iz = new Int32Array(4);
  const wx = new Float64Array(4), wy = new Float64Array(4), wz = new Float64Array(4);
  const size = [nx, ny, nz];
  let o = 0;
  for (let oz = 0; oz < grid.size[2]; oz++) {
    for (let oy = 0; oy < grid.size[1]; oy++) {
      toInput(0, oy, oz, start);
      toInput(1, oy, oz, next);
      const dx = next[0]! - start[0]!, dy = next[1]! - start[1]!, dz = next[2]! - start[2]!;
      let x = start[0]!, y = start[1]!, z = start[2]!;
      for (let ox = 0; ox < grid.size[0]; ox++, o++, x += dx, y += dy, z += dz) {
        if (!(x >= -0.5 && x < size[0]! - 0.5 && y >= -0.5 && y < size[1]! - 0.5 && z >= -0.5 && z < size[2]! - 0.5)) {
          out[o] = 0;
          continue;
        }
        if (order === 1) {
          out[o] = cast(src[Math.floor(x + 0.5) + nx * (Math.floor(y + 0.5) + ny * Math.floor(z + 0.5))]!);
          continue;
        }
        support(x, nx, ix, wx);
        support(y, ny, iy, wy);
        support(z, nz, iz, wz);
        let v = 0;
        for (let k = 0; k < order; k++) {
          const zoff = nx * ny * iz[k]!;
          let vy = 0;
          for (let j = 0; j < order; j++) {
            const off = zoff + nx * iy[j]!;
            let vx = 0;
            for (let i = 0; i < order; i++) vx += src[off + ix[i]!]! * wx[i]!;
            vy += vx * wy[j]!;
          }
          v += vy * wz[k]!;
        }
        out[o] = cast(v);
      }
    }
  }
  return { data: out, size: [...grid.size] as Vec3, spacing: [...grid.spacing] as Vec3, origin: [...grid.origin] as Vec3, direction: [...grid.direction] };
}
