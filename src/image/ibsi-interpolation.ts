import { InputError } from "../errors.js";
import type { Grid } from "./resample.js";
import type { Image3D, Vec3 } from "./types.js";

/**
 * IBSI-1 interpolation (reference manual §2.4, "grid alignment: centre") as IBSI's reference implementation
 * MIRP performs it: scipy.ndimage.map_coordinates(order, mode="nearest") on the centred grid.
 *
 * Grid, per axis with n voxels of spacing s resampled to s′: n′ = ⌈n·s/s′⌉ voxels whose centres sit at the
 * continuous input indices  c_i = (n − 1)/2 − (n′ − 1)/2 · s′/s + i · s′/s  (both grids share their centre).
 *
 * order 1 (linear; trilinear in 3D): f(c) = (1 − t) f[k] + t f[k + 1], k = ⌊c⌋, t = c − k.
 * order 3 (cubic B-spline, IBSI's "tricubic spline"): f(c) = Σ_{j=k−1}^{k+2} β³(c − j) a[j], where a are the
 *   B-spline coefficients of the samples (a interpolates: Σ_j β³(i − j) a[j] = f[i]). scipy's mode "nearest"
 *   first pads the image by 12 edge-replicated samples per side, then computes a by the recursive filter of
 *   Unser et al. (pole z = √3 − 2, gain (1 − z)(1 − 1/z) = 6) with half-sample-symmetric ("reflect")
 *   initialisation on the padded line.
 * Both: coordinates are clamped into [0, m − 1] of the (padded) line and taps beyond it take the edge value.
 * Why not ITK's B-spline (resample.ts): IBSI's consensus values were produced this way; the two differ only
 * near the image border (mirror vs edge-replicated extension).
 *
 * The interpolators are separable and the IBSI grid is axis-aligned with the input grid, so the 3D result is
 * computed as three 1-D passes (x, then y, then z): the same tensor-product sum as scipy's single (order+1)³
 * sum, up to floating-point summation order.
 */
export type IbsiInterpolationOrder = 1 | 3;

/** Edge samples scipy adds per side before the spline prefilter in mode "nearest" (`_prepad_for_spline_filter`). */
const NPAD = 12;
/** Pole of the cubic B-spline prefilter. */
const Z = Math.sqrt(3) - 2;

/**
 * IBSI centred grid: per axis n′ = ⌈n·s/s′⌉ (s′ = null keeps the axis), origin moved by
 * D·((s(n − 1) − s′(n′ − 1))/2) so that both grids share their centre.
 */
export function ibsiGrid(image: Image3D, spacing: (number | null)[]): Grid {
  const sp = image.spacing.map((s, a) => spacing[a] ?? s);
  for (const [a, s] of sp.entries()) if (!(s > 0)) throw new InputError(`IBSI interpolation: spacing along axis ${a} must be positive, got ${s}`);
  const size = image.size.map((n, a) => (spacing[a] == null ? n : Math.ceil((n * image.spacing[a]) / sp[a])));
  const shift = [0, 1, 2].map((a) => (image.spacing[a] * (image.size[a] - 1) - sp[a] * (size[a] - 1)) / 2);
  const origin = [0, 1, 2].map((i) => image.origin[i] + [0, 1, 2].reduce((t, a) => t + image.direction[3 * i + a] * shift[a], 0));
  return { size: size as Grid["size"], spacing: sp as Grid["spacing"], origin: origin as Grid["origin"], direction: [...image.direction] };
}

/** Continuous input indices of the grid's voxel centres along one axis (grid from `ibsiGrid`). */
export function ibsiAxisCoordinates(n: number, s: number, nOut: number, sOut: number): Float64Array {
  const step = sOut / s;
  const c0 = 0.5 * (n - 1) - 0.5 * (nOut - 1) * step;
  const out = new Float64Array(nOut);
  for (let i = 0; i < nOut; i++) out[i] = c0 + i * step;
  return out;
}

/**
 * In-place cubic B-spline prefilter of c[0..m): samples → coefficients (scipy ni_splines.c apply_filter with
 * _init_causal_reflect / _init_anticausal_reflect; the causal sum accumulates separately, scipy ≥ 1.16 style).
 */
export function cubicPrefilter(c: Float64Array, m: number): void {
  if (m < 2) return;
  const gain = (1 - Z) * (1 - 1 / Z);
  for (let i = 0; i < m; i++) c[i] *= gain;
  // causal initialisation for the half-sample-symmetric extension c[−1−k] = c[k]
  const zn = Math.pow(Z, m);
  let sum = c[0] + zn * c[m - 1];
  let zi = Z;
  for (let i = 1; i < m; i++) {
    sum += zi * (c[i] + zn * c[m - 1 - i]);
    zi *= Z;
  }
  c[0] = c[0] + (sum * Z) / (1 - zn * zn);
  for (let i = 1; i < m; i++) c[i] += Z * c[i - 1];
  c[m - 1] *= Z / (Z - 1);
  for (let i = m - 2; i >= 0; i--) c[i] = Z * (c[i + 1] - c[i]);
}

/** Taps (first index, clamped per tap) and weights of one axis for `order`, on a line of length m. */
function axisTaps(coords: Float64Array, m: number, order: IbsiInterpolationOrder, offset: number): { idx: Int32Array; w: Float64Array } {
  const k = order + 1;
  const idx = new Int32Array(coords.length * k);
  const w = new Float64Array(coords.length * k);
  for (let i = 0; i < coords.length; i++) {
    let c = coords[i] + offset;
    if (c < 0) c = 0;
    else if (c > m - 1) c = m - 1;
    const f = Math.floor(c);
    const t = c - f;
    const start = order === 1 ? f : f - 1;
    if (order === 1) {
      w[2 * i] = 1 - t;
      w[2 * i + 1] = t;
    } else {
      const u = 1 - t;
      w[4 * i] = (u * u * u) / 6;
      w[4 * i + 1] = (4 - 6 * t * t + 3 * t * t * t) / 6;
      w[4 * i + 2] = (1 + 3 * t + 3 * t * t - 3 * t * t * t) / 6;
      w[4 * i + 3] = (t * t * t) / 6;
    }
    for (let j = 0; j < k; j++) {
      const p = start + j;
      idx[k * i + j] = p < 0 ? 0 : p > m - 1 ? m - 1 : p;
    }
  }
  return { idx, w };
}

/**
 * One separable pass along `axis` of a (d0, d1, d2) array: each line is (padded and prefiltered for
 * order 3, then) sampled at `coords`; returns the array with that axis resized to coords.length.
 */
function pass(src: Float64Array, dims: Vec3, axis: 0 | 1 | 2, coords: Float64Array, order: IbsiInterpolationOrder): { data: Float64Array; dims: Vec3 } {
  const n = dims[axis];
  const pad = order === 3 ? NPAD : 0;
  const m = n + 2 * pad;
  const { idx, w } = axisTaps(coords, m, order, pad);
  const k = order + 1;
  const outDims = [...dims] as Vec3;
  outDims[axis] = coords.length;
  const out = new Float64Array(outDims[0] * outDims[1] * outDims[2]);
  const inStride = axis === 0 ? 1 : axis === 1 ? dims[0] : dims[0] * dims[1];
  const outStride = axis === 0 ? 1 : axis === 1 ? outDims[0] : outDims[0] * outDims[1];
  const line = new Float64Array(m);
  // lines are indexed by the two other axes
  const [a, b] = axis === 0 ? [1, 2] : axis === 1 ? [0, 2] : [0, 1];
  const inStrides = [1, dims[0], dims[0] * dims[1]];
  const outStrides = [1, outDims[0], outDims[0] * outDims[1]];
  for (let jb = 0; jb < dims[b]; jb++) {
    for (let ja = 0; ja < dims[a]; ja++) {
      const inBase = ja * inStrides[a] + jb * inStrides[b];
      const outBase = ja * outStrides[a] + jb * outStrides[b];
      for (let i = 0; i < n; i++) line[pad + i] = src[inBase + i * inStride];
      if (pad > 0) {
        line.fill(line[pad], 0, pad);
        line.fill(line[pad + n - 1], pad + n);
        cubicPrefilter(line, m);
      }
      for (let i = 0, o = outBase; i < coords.length; i++, o += outStride) {
        let v = 0;
        for (let j = 0; j < k; j++) v += w[k * i + j] * line[idx[k * i + j]];
        out[o] = v;
      }
    }
  }
  return { data: out, dims: outDims };
}

/**
 * Interpolates `image` onto the IBSI centred grid with target `spacing` (null = axis kept, not interpolated)
 * by scipy.ndimage.map_coordinates(order, mode="nearest") semantics; returns Float64 values (no rounding).
 */
export function ibsiInterpolate(image: Image3D, spacing: (number | null)[], order: IbsiInterpolationOrder): Image3D<Float64Array> {
  if (order !== 1 && order !== 3) throw new InputError(`IBSI interpolation: order must be 1 (linear) or 3 (cubic spline), got ${order}`);
  if (image.data.length !== image.size[0] * image.size[1] * image.size[2]) throw new InputError(`IBSI interpolation: ${image.data.length} voxels for size ${image.size.join("×")}`);
  const grid = ibsiGrid(image, spacing);
  let data = Float64Array.from(image.data as ArrayLike<number>);
  let dims = [...image.size] as Vec3;
  for (const axis of [0, 1, 2] as const) {
    if (spacing[axis] == null) continue;
    const coords = ibsiAxisCoordinates(image.size[axis], image.spacing[axis], grid.size[axis], grid.spacing[axis]);
    ({ data, dims } = pass(data, dims, axis, coords, order));
  }
  return { data, size: dims, spacing: [...grid.spacing] as Vec3, origin: [...grid.origin] as Vec3, direction: [...grid.direction] };
}
