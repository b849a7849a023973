/**
 * Smooth Gaussian random fields on a voxel grid (x fastest): white N(0,1) noise convolved with a
 * separable Gaussian kernel (σ in voxels per axis, truncated at 3σ, mirrored borders), then
 * standardised to mean 0 and SD 1 over the grid. Used for fibroglandular tissue patterns and
 * lesion texture. Typed arrays only; two scratch buffers per call.
 */
import { Rng } from "../stats/rng.js";
import { fillStandardNormal } from "./random.js";

/** Normalised 1-D Gaussian kernel exp(−k²/2σ²)/Σ, half-width ⌈3σ⌉ (σ = 0 → identity). */
export function gaussianKernel(sigma: number): Float64Array {
  if (sigma <= 0) return Float64Array.of(1);
  const half = Math.ceil(3 * sigma);
  const k = new Float64Array(2 * half + 1);
  let sum = 0;
  for (let i = -half; i <= half; i++) sum += k[i + half] = Math.exp((-i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  return k;
}

/** Mirror index into [0, n) (reflect without repeating the edge: −1 → 1, n → n − 2). */
function mirror(i: number, n: number): number {
  if (n === 1) return 0;
  while (i < 0 || i >= n) i = i < 0 ? -i : 2 * (n - 1) - i;
  return i;
}

/**
 * Convolves `src` along one axis (0 = x, 1 = y, 2 = z) with `kernel` into `dst`: each line is
 * copied once into a mirror-padded buffer, then convolved with a plain inner loop.
 */
function convolveAxis(src: Float32Array, dst: Float32Array, size: readonly number[], axis: number, kernel: Float64Array): void {
  const [nx, ny, nz] = size;
  const stride = axis === 0 ? 1 : axis === 1 ? nx : nx * ny;
  const len = size[axis];
  const half = (kernel.length - 1) / 2;
  const line = new Float64Array(len + 2 * half);
  // Line starts: every voxel whose coordinate along `axis` is 0.
  const outer = (nx * ny * nz) / len;
  const taps = kernel.length;
  for (let l = 0; l < outer; l++) {
    const base = axis === 0 ? l * nx : axis === 1 ? (l % nx) + Math.floor(l / nx) * nx * ny : l;
    for (let p = 0; p < len; p++) line[p + half] = src[base + p * stride];
    for (let k = 1; k <= half; k++) {
      line[half - k] = line[half + mirror(-k, len)];
      line[half + len - 1 + k] = line[half + mirror(len - 1 + k, len)];
    }
    for (let p = 0; p < len; p++) {
      let s = 0;
      for (let k = 0; k < taps; k++) s += kernel[k] * line[p + k];
      dst[base + p * stride] = s;
    }
  }
}

/** Rescales `a` in place to mean 0 and (population) SD 1; a constant field becomes all zeros. */
export function standardize(a: Float32Array): void {
  let mean = 0;
  for (let i = 0; i < a.length; i++) mean += a[i];
  mean /= a.length;
  let ss = 0;
  for (let i = 0; i < a.length; i++) ss += (a[i] - mean) ** 2;
  const sd = Math.sqrt(ss / a.length);
  const inv = sd > 0 ? 1 / sd : 0;
  for (let i = 0; i < a.length; i++) a[i] = (a[i] - mean) * inv;
}

/**
 * A standardised smooth random field of `size` voxels with correlation lengths `sigma` (voxels per
 * axis). `scratch` (same length) may be passed to avoid an allocation.
 */
export function smoothField(rng: Rng, size: readonly number[], sigma: readonly number[], scratch?: Float32Array): Float32Array {
  const n = size[0] * size[1] * size[2];
  const a = new Float32Array(n);
  const b = scratch && scratch.length === n ? scratch : new Float32Array(n);
  fillStandardNormal(rng, a);
  convolveAxis(a, b, size, 0, gaussianKernel(sigma[0]));
  convolveAxis(b, a, size, 1, gaussianKernel(sigma[1]));
  convolveAxis(a, b, size, 2, gaussianKernel(sigma[2]));
  a.set(b);
  standardize(a);
  return a;
}

/**
 * A smooth field on `size` generated at half resolution in x and y (grid ⌈nx/2⌉ × ⌈ny/2⌉ × nz,
 * in-plane σ halved) and bilinearly interpolated back (coarse coordinate (x + ½)/2 − ½, clamped at
 * the edges) — a quarter of the work of `smoothField` for fields whose in-plane correlation length
 * is several voxels. Standardised on the coarse grid.
 */
export function smoothFieldHalfXY(rng: Rng, size: readonly number[], sigma: readonly number[]): Float32Array {
  const [nx, ny, nz] = size;
  const cx = Math.ceil(nx / 2);
  const cy = Math.ceil(ny / 2);
  const coarse = smoothField(rng, [cx, cy, nz], [sigma[0] / 2, sigma[1] / 2, sigma[2]]);
  const out = new Float32Array(nx * ny * nz);
  for (let z = 0, i = 0; z < nz; z++) {
    const zo = z * cx * cy;
    for (let y = 0; y < ny; y++) {
      const fy = Math.min(Math.max((y + 0.5) / 2 - 0.5, 0), cy - 1);
      const y0 = Math.floor(fy);
      const y1 = Math.min(y0 + 1, cy - 1);
      const ty = fy - y0;
      for (let x = 0; x < nx; x++, i++) {
        const fx = Math.min(Math.max((x + 0.5) / 2 - 0.5, 0), cx - 1);
        const x0 = Math.floor(fx);
        const x1 = Math.min(x0 + 1, cx - 1);
        const tx = fx - x0;
        const a = coarse[zo + y0 * cx + x0] * (1 - tx) + coarse[zo + y0 * cx + x1] * tx;
        const b = coarse[zo + y1 * cx + x0] * (1 - tx) + coarse[zo + y1 * cx + x1] * tx;
        out[i] = a * (1 - ty) + b * ty;
      }
    }
  }
  return out;
}
