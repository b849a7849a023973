import { InputError } from "../errors.js";
import type { Image3D } from "../image/types.js";
import type { DerivedImage } from "./index.js";
import { force2DAxis, integerSetting, withData } from "./util.js";

/**
 * Decomposition low-pass filters (PyWavelets `Wavelet(name).dec_lo`). coif1: the Coiflet-1 taps
 * (Daubechies 1992, table 8.1, normalised to Σ lo = √2) to the digits PyWavelets 1.8 returns; the older
 * 17-digit table (…0.85257202021225542…) is orthonormal only to ~1e-11 and moves PyRadiomics' wavelet
 * features by ~1e-10 relative. The high-pass is the quadrature mirror hi[k] = (−1)^(k+1) · lo[F−1−k].
 */
const LOW_PASS: Record<string, readonly number[]> = {
  haar: [Math.SQRT1_2, Math.SQRT1_2],
  db1: [Math.SQRT1_2, Math.SQRT1_2],
  coif1: [
    -0.015655728135791993, -0.07273261951252645, 0.38486484686485778, 0.85257202021160039, 0.33789766245748182,
    -0.07273261951252645,
  ],
};

export interface WaveletFilters {
  lo: Float64Array;
  hi: Float64Array;
}

/** dec_lo / dec_hi for a supported wavelet name (InputError for the others). */
export function waveletFilters(name: string): WaveletFilters {
  const lo = LOW_PASS[name];
  if (!lo) {
    throw new InputError(`Wavelet: wavelet '${name}' is not supported (supported: ${Object.keys(LOW_PASS).join(", ")})`);
  }
  const F = lo.length;
  const hi = new Float64Array(F);
  for (let k = 0; k < F; k++) hi[k] = (k % 2 === 0 ? -1 : 1) * lo[F - 1 - k];
  return { lo: Float64Array.from(lo), hi };
}

/**
 * One level (level 1, undecimated) of PyWavelets `swt` along one axis of a 3D volume:
 *   out[o] = Σ_j f[j] · x[(o + ⌊F/2⌋ − j) mod N]
 * (pywt's periodised `downsampling_convolution` with step 1: output index o reads input i = o + F/2).
 */
export function swtAxis(data: Float64Array, shape: readonly number[], axis: number, filter: Float64Array): Float64Array {
  const [nx, ny, nz] = shape;
  const n = shape[axis];
  const stride = axis === 0 ? 1 : axis === 1 ? nx : nx * ny;
  const out = new Float64Array(data.length);
  const F = filter.length;
  const half = F >> 1;
  // The line followed by its periodic continuation, so that x[(o + half − j) mod n] = ext[o + half − j + F].
  const ext = new Float64Array(n + 2 * F);
  const counts = [nx, ny, nz];
  counts[axis] = 1;
  for (let z = 0; z < counts[2]; z++) {
    for (let y = 0; y < counts[1]; y++) {
      for (let x = 0; x < counts[0]; x++) {
        const base = x + nx * (y + ny * z);
        for (let i = 0; i < ext.length; i++) ext[i] = data[base + ((((i - F) % n) + n) % n) * stride];
        for (let o = 0; o < n; o++) {
          const at = o + half + F;
          let sum = 0;
          for (let j = 0; j < F; j++) sum += filter[j] * ext[at - j];
          out[base + o * stride] = sum;
        }
      }
    }
  }
  return out;
}

/** Pads each odd dimension by one voxel at its end with a copy of its first slice (numpy.pad 'wrap'). */
export function padWrapToEven(data: ArrayLike<number>, size: readonly number[]): { data: Float64Array; shape: number[] } {
  const shape = size.map((n) => (n % 2 === 0 ? n : n + 1));
  const [nx, ny] = size;
  const [px, py, pz] = shape;
  const out = new Float64Array(px * py * pz);
  for (let z = 0; z < pz; z++) {
    const sz = z % size[2];
    for (let y = 0; y < py; y++) {
      const sy = y % ny;
      for (let x = 0; x < px; x++) out[x + px * (y + py * z)] = data[(x % nx) + nx * (sy + ny * sz)];
    }
  }
  return { data: out, shape };
}

/** Crops a padded volume back to `size` (the leading corner). */
export function cropTo(data: Float64Array, shape: readonly number[], size: readonly number[]): Float64Array {
  const [nx, ny, nz] = size;
  const [px, py] = shape;
  if (px === nx && py === ny && shape[2] === nz) return data;
  const out = new Float64Array(nx * ny * nz);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const src = px * (y + py * z);
      out.set(data.subarray(src, src + nx), nx * (y + ny * z));
    }
  }
  return out;
}

interface SubBand {
  /** One letter per decomposed axis in PyRadiomics order (x, y, z): L = approximation, H = detail. */
  key: string;
  data: Float64Array;
}

/**
 * The 2^A sub-bands of one level of `pywt.swtn(data, wavelet, level=1, axes)`, generated depth-first so
 * that at most A + 1 volumes are alive at once. Axes are filtered in order (x first) and the keys come out
 * in pywt's order (aa…a, aa…d, …, dd…d), written with a → L, d → H.
 */
export function* swtnLevel(
  data: Float64Array,
  shape: readonly number[],
  axes: readonly number[],
  f: WaveletFilters,
  key = "",
): Generator<SubBand> {
  if (axes.length === 0) {
    yield { key, data };
    return;
  }
  const [axis, ...rest] = axes;
  yield* swtnLevel(swtAxis(data, shape, axis, f.lo), shape, rest, f, `${key}L`);
  yield* swtnLevel(swtAxis(data, shape, axis, f.hi), shape, rest, f, `${key}H`);
}

/** The approximation (all-L) sub-band of one swtn level, computing only the low-pass chain. */
function swtnApproximation(data: Float64Array, shape: readonly number[], axes: readonly number[], f: WaveletFilters): Float64Array {
  for (const axis of axes) data = swtAxis(data, shape, axis, f.lo);
  return data;
}

/**
 * `Wavelet` (PyRadiomics getWaveletImage/_swt3): undecimated wavelet transform as PyWavelets `swtn`.
 * Odd dimensions are wrap-padded by one voxel, each level runs `swtn(level=1)` on the previous
 * approximation (start_level levels are skipped), and results are cropped back. Yields the detail
 * sub-bands of every level as `wavelet-LLH` … (`wavelet<k>-…` for level k > 1), then the last
 * approximation `wavelet-LLL`. With force2D the force2Ddimension axis is not decomposed (2-letter names).
 * Settings: wavelet ('coif1'), start_level (0), level (1), force2D, force2Ddimension.
 */
export function* waveletImages(image: Image3D, _mask: unknown, settings: Record<string, unknown>): Iterable<DerivedImage> {
  const name = settings.wavelet ?? "coif1";
  if (typeof name !== "string") throw new InputError(`Wavelet: setting 'wavelet' must be a string, got ${JSON.stringify(name)}`);
  const filters = waveletFilters(name);
  const level = integerSetting(settings, "level", 1, "Wavelet", 1);
  const startLevel = integerSetting(settings, "start_level", 0, "Wavelet", 0);
  let axes = [0, 1, 2];
  if (settings.force2D === true) {
    const skip = force2DAxis(settings, "Wavelet");
    axes = axes.filter((a) => a !== skip);
  }
  const approxKey = "L".repeat(axes.length);
  const padded = padWrapToEven(image.data as ArrayLike<number>, image.size);
  let data = padded.data;
  const shape = padded.shape;
  for (let i = 0; i < startLevel; i++) {
    data = swtnApproximation(data, shape, axes, filters);
  }
  for (let idx = 1; idx <= level; idx++) {
    let approx: Float64Array | undefined;
    const prefix = idx === 1 ? "wavelet" : `wavelet${idx}`;
    for (const b of swtnLevel(data, shape, axes, filters)) {
      if (b.key === approxKey) {
        approx = b.data;
        continue;
      }
      yield { name: `${prefix}-${b.key}`, image: withData(image, cropTo(b.data, shape, image.size)) };
    }
    data = approx!;
  }
  const prefix = level === 1 ? "wavelet" : `wavelet${level}`;
  yield { name: `${prefix}-${approxKey}`, image: withData(image, cropTo(data, shape, image.size)) };
}
