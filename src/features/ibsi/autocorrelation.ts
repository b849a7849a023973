import type { Mask3D } from "../../image/types.js";

/**
 * Moran's I and Geary's C of the intensities in a mask (IBSI-1 morphology), with inverse-distance weights
 * w_kl = 1/‖r_k − r_l‖ (mm) over all voxel pairs k ≠ l:
 *   I = (Nv / Σw) Σ_{k≠l} w_kl Y_k Y_l / Σ_k Y_k²,   C = ((Nv − 1) / (2Σw)) Σ_{k≠l} w_kl (Y_k − Y_l)² / Σ_k Y_k²,
 * Y = X − μ. Two exact evaluations of the same sums:
 * - spatialAutocorrelationPairwise: every pair once, O(Nv²);
 * - spatialAutocorrelationFft: w depends only on the lattice displacement d = r_l − r_k, so every sum is
 *   Σ_d w(d) R(d) with R a cross-correlation of two images on the mask's box, evaluated with zero-padded FFTs
 *   in O(L log L), L the padded box size. Equal to the pairwise sums up to floating-point rounding.
 * spatialAutocorrelation picks the pairwise loop for small ROIs and the FFT above PAIRWISE_MAX_VOXELS, unless the
 * padded FFT box would exceed FFT_MAX_ELEMENTS (four Float64Arrays of that length); then the pairwise loop again.
 */
export interface SpatialAutocorrelation {
  moran: number;
  geary: number;
}

/** Above this many voxels the FFT evaluation is used (the pairwise loop costs Nv²/2 inverse square roots). */
export const PAIRWISE_MAX_VOXELS = 20000;

/** Largest padded FFT box (elements): 2^25, i.e. 1 GiB for the four Float64Arrays. */
export const FFT_MAX_ELEMENTS = 2 ** 25;

/** Moran's I and Geary's C over the voxels of `mask` (values indexed like mask.data); see the module comment. */
export function spatialAutocorrelation(mask: Mask3D, values: ArrayLike<number>): SpatialAutocorrelation {
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) n++;
  const fftSize = mask.size.reduce((p, s) => p * nextPowerOfTwo(2 * s - 1), 1);
  return n <= PAIRWISE_MAX_VOXELS || fftSize > FFT_MAX_ELEMENTS ? spatialAutocorrelationPairwise(mask, values) : spatialAutocorrelationFft(mask, values);
}

/**
 * Exact pairwise evaluation, every pair once (w is symmetric, so each sum is twice its k < l half): per voxel k the
 * sums S0 = Σ_{l>k} w_kl, S1 = Σ_{l>k} w_kl Y_l and S2 = Σ_{l>k} w_kl Y_l² give
 *   Σ_{l>k} w_kl Y_k Y_l = Y_k S1  and  Σ_{l>k} w_kl (Y_k − Y_l)² = Y_k² S0 − 2 Y_k S1 + S2.
 * O(Nv²) over typed arrays; the per-voxel partial sums keep the accumulation error small.
 */
export function spatialAutocorrelationPairwise(mask: Mask3D, values: ArrayLike<number>): SpatialAutocorrelation {
  const [nx, ny] = mask.size;
  const [sx, sy, sz] = mask.spacing;
  const { n, y, den } = centredValues(mask, values);
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const pz = new Float64Array(n);
  for (let i = 0, k = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    px[k] = (i % nx) * sx;
    py[k] = (Math.floor(i / nx) % ny) * sy;
    pz[k] = Math.floor(i / (nx * ny)) * sz;
    k++;
  }
  let w = 0;
  let num = 0;
  let gnum = 0;
  for (let k = 0; k < n - 1; k++) {
    const xk = px[k];
    const yk = py[k];
    const zk = pz[k];
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let l = k + 1; l < n; l++) {
      const dx = px[l] - xk;
      const dy = py[l] - yk;
      const dz = pz[l] - zk;
      const wkl = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
      const yl = y[l];
      s0 += wkl;
      s1 += wkl * yl;
      s2 += wkl * yl * yl;
    }
    const vk = y[k];
    w += s0;
    num += vk * s1;
    gnum += vk * vk * s0 - 2 * vk * s1 + s2;
  }
  // Σw and both pair sums are halves of the k ≠ l sums; the factors 2 cancel in both ratios.
  return ratios(n, w, num, gnum, den);
}

/**
 * FFT evaluation. On the mask's box zero-padded to L_a ≥ 2n_a − 1 per axis (powers of 2, so circular
 * correlations do not wrap), with M the mask indicator, Y the centred values (0 outside the mask), C = Y² and w(d)
 * the weight of displacement d (w(0) = 0):
 *   Σw = Σ_d w(d) R_MM(d),  Σ_{k≠l} w Y_k Y_l = Σ_d w(d) R_YY(d),  Σ_{k≠l} w (Y_k − Y_l)² = 2 Σ_d w(d) R_CM(d) − 2 Σ_d w(d) R_YY(d),
 * where R_AB(d) = Σ_k A_k B_{k+d}. By Parseval, Σ_d w(d) R_AB(d) = (1/L) Σ_f Ŵ_f Re(conj(Â_f) B̂_f), Ŵ real as w
 * is even. Two complex FFTs carry the four real images (M + iW, Y + iC); Y is scaled by its standard deviation
 * (both statistics are scale-free) so that the paired images have comparable magnitude.
 */
export function spatialAutocorrelationFft(mask: Mask3D, values: ArrayLike<number>): SpatialAutocorrelation {
  const [nx, ny, nz] = mask.size;
  const [sx, sy, sz] = mask.spacing;
  const { n, y, den } = centredValues(mask, values);
  const scale = 1 / Math.sqrt(den / n);
  const L = [nextPowerOfTwo(2 * nx - 1), nextPowerOfTwo(2 * ny - 1), nextPowerOfTwo(2 * nz - 1)];
  const [lx, ly, lz] = L;
  const size = lx * ly * lz;
  const re1 = new Float64Array(size); // M
  const im1 = new Float64Array(size); // W
  const re2 = new Float64Array(size); // Y / σ
  const im2 = new Float64Array(size); // (Y / σ)²
  for (let z = 0, k = 0; z < nz; z++) {
    for (let yy = 0; yy < ny; yy++) {
      for (let x = 0; x < nx; x++) {
        if (!mask.data[x + nx * (yy + ny * z)]) continue;
        const at = x + lx * (yy + ly * z);
        const v = y[k++] * scale;
        re1[at] = 1;
        re2[at] = v;
        im2[at] = v * v;
      }
    }
  }
  for (let dz = -(nz - 1); dz < nz; dz++) {
    for (let dy = -(ny - 1); dy < ny; dy++) {
      for (let dx = -(nx - 1); dx < nx; dx++) {
        if (dx === 0 && dy === 0 && dz === 0) continue;
        const at = ((dx + lx) % lx) + lx * (((dy + ly) % ly) + ly * ((dz + lz) % lz));
        im1[at] = 1 / Math.sqrt((dx * sx) ** 2 + (dy * sy) ** 2 + (dz * sz) ** 2);
      }
    }
  }
  // W spans the whole padded box; M, Y and C only the first n_a planes/lines, so the first passes can skip zeros.
  fft3d(re1, im1, L, [lx, ly, lz]);
  fft3d(re2, im2, L, [nx, ny, nz]);
  let sMM = 0;
  let sYY = 0;
  let sCM = 0;
  for (let fz = 0; fz < lz; fz++) {
    const gz = (lz - fz) % lz;
    for (let fy = 0; fy < ly; fy++) {
      const gy = (ly - fy) % ly;
      for (let fx = 0; fx < lx; fx++) {
        const f = fx + lx * (fy + ly * fz);
        const g = (lx - fx) % lx + lx * (gy + ly * gz); // −f
        // Split Z = A + iB: Â_f = (Z_f + conj Z_−f)/2, B̂_f = (Z_f − conj Z_−f)/(2i).
        const mr = (re1[f] + re1[g]) / 2;
        const mi = (im1[f] - im1[g]) / 2;
        const wr = (im1[f] + im1[g]) / 2;
        const yr = (re2[f] + re2[g]) / 2;
        const yi = (im2[f] - im2[g]) / 2;
        const cr = (im2[f] + im2[g]) / 2;
        const ci = -(re2[f] - re2[g]) / 2;
        sMM += wr * (mr * mr + mi * mi);
        sYY += wr * (yr * yr + yi * yi);
        sCM += wr * (cr * mr + ci * mi);
      }
    }
  }
  const w = sMM / size;
  const num = sYY / size;
  const gnum = (2 * sCM) / size - 2 * num;
  // Σw and the pair sums run over ordered pairs k ≠ l here, as in the definitions; Σ (Y/σ)² = Nv.
  return ratios(n, w, num, gnum, n);
}

/** Moran's I and Geary's C from Σw and the two pair sums (all over ordered or all over unordered pairs) and Σ Y². */
function ratios(n: number, w: number, num: number, gnum: number, den: number): SpatialAutocorrelation {
  return { moran: ((n / w) * num) / den, geary: (((n - 1) / (2 * w)) * gnum) / den };
}

/** Mask voxel values minus their mean, in index order, and Σ (X − μ)². */
function centredValues(mask: Mask3D, values: ArrayLike<number>): { n: number; y: Float64Array; den: number } {
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) n++;
  if (n < 2) throw new RangeError(`Moran's I / Geary's C need at least 2 voxels in the intensity mask (found ${n})`);
  const y = new Float64Array(n);
  let mu = 0;
  for (let i = 0, k = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    y[k++] = values[i];
    mu += values[i];
  }
  mu /= n;
  let den = 0;
  for (let k = 0; k < n; k++) {
    y[k] -= mu;
    den += y[k] * y[k];
  }
  return { n, y, den };
}

function nextPowerOfTwo(v: number): number {
  let p = 1;
  while (p < v) p *= 2;
  return p;
}

/**
 * In-place 3D discrete Fourier transform X_f = Σ_r x_r e^{−2πi f·r / L} of a complex array (x fastest), sizes
 * L = (lx, ly, lz) powers of 2, by 1D transforms along x, y, z. `extent` bounds the non-zero input
 * (x < ex, y < ey, z < ez): lines that are still all zero are skipped.
 */
export function fft3d(re: Float64Array, im: Float64Array, L: number[], extent: number[]): void {
  const [lx, ly, lz] = L;
  const [, ey, ez] = extent;
  const line = (len: number) => ({ re: new Float64Array(len), im: new Float64Array(len), plan: fftPlan(len) });
  // along x: lines (y, z) with y < ey, z < ez
  const bx = line(lx);
  for (let z = 0; z < ez; z++) {
    for (let y = 0; y < ey; y++) transformLine(re, im, lx * (y + ly * z), 1, bx);
  }
  // along y: lines (x, z) with z < ez
  const by = line(ly);
  for (let z = 0; z < ez; z++) {
    for (let x = 0; x < lx; x++) transformLine(re, im, x + lx * ly * z, lx, by);
  }
  // along z: every line (x, y)
  const bz = line(lz);
  for (let y = 0; y < ly; y++) {
    for (let x = 0; x < lx; x++) transformLine(re, im, x + lx * y, lx * ly, bz);
  }
}

interface FftPlan {
  n: number;
  bitReverse: Uint32Array;
  cos: Float64Array;
  sin: Float64Array;
}

/** Bit-reversal permutation and twiddles cos/sin(2πk/n), k < n/2, for a radix-2 transform of length n. */
function fftPlan(n: number): FftPlan {
  const bits = Math.round(Math.log2(n));
  const bitReverse = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) if (i & (1 << b)) r |= 1 << (bits - 1 - b);
    bitReverse[i] = r;
  }
  const cos = new Float64Array(n / 2);
  const sin = new Float64Array(n / 2);
  for (let k = 0; k < n / 2; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = Math.sin((2 * Math.PI * k) / n);
  }
  return { n, bitReverse, cos, sin };
}

/** Gathers the line start + j·stride (j < n), transforms it (iterative radix-2, e^{−iθ}) and scatters it back. */
function transformLine(re: Float64Array, im: Float64Array, start: number, stride: number, buf: { re: Float64Array; im: Float64Array; plan: FftPlan }): void {
  const { n, bitReverse, cos, sin } = buf.plan;
  const r = buf.re;
  const m = buf.im;
  for (let j = 0; j < n; j++) {
    const at = start + bitReverse[j] * stride;
    r[j] = re[at];
    m[j] = im[at];
  }
  for (let half = 1; half < n; half *= 2) {
    const step = n / (2 * half);
    for (let s = 0; s < n; s += 2 * half) {
      for (let k = 0; k < half; k++) {
        const c = cos[k * step];
        const si = sin[k * step];
        const a = s + k;
        const b = a + half;
        const tr = r[b] * c + m[b] * si;
        const ti = m[b] * c - r[b] * si;
        r[b] = r[a] - tr;
        m[b] = m[a] - ti;
        r[a] += tr;
        m[a] += ti;
      }
    }
  }
  for (let j = 0; j < n; j++) {
    const at = start + j * stride;
    re[at] = r[j];
    im[at] = m[j];
  }
}
