import { InputError } from "../errors.js";
import type { Image3D } from "../image/types.js";
import type { DerivedImage } from "./index.js";
import { withData } from "./util.js";

/**
 * Coefficients of ITK's RecursiveGaussianImageFilter (Deriche's 4th-order IIR approximation of the
 * Gaussian and its derivatives, `itkRecursiveGaussianImageFilter.hxx` SetUp), for σ in voxels.
 */
export interface RecursiveCoefficients {
  n: [number, number, number, number];
  d: [number, number, number, number];
  m: [number, number, number, number];
  bn: [number, number, number, number];
  bm: [number, number, number, number];
}

// Deriche's fitted constants (ITK SetUp): A/B for orders 0, 1, 2; W/L shared.
const A1 = [1.353, -0.6724, -1.3563];
const B1 = [1.8151, -3.4327, 5.2318];
const W1 = 0.6681;
const L1 = -1.3932;
const A2 = [-0.3531, 0.6724, 0.3446];
const B2 = [0.0902, 0.61, -2.2355];
const W2 = 2.0787;
const L2 = -1.3732;

/** Causal numerator N0..N3 and its sums SN = ΣN, DN = Σk·Nk, EN = Σk²·Nk (ITK ComputeNCoefficients). */
function nCoefficients(sigmad: number, a1: number, b1: number, a2: number, b2: number) {
  const sin1 = Math.sin(W1 / sigmad);
  const sin2 = Math.sin(W2 / sigmad);
  const cos1 = Math.cos(W1 / sigmad);
  const cos2 = Math.cos(W2 / sigmad);
  const exp1 = Math.exp(L1 / sigmad);
  const exp2 = Math.exp(L2 / sigmad);
  const n0 = a1 + a2;
  let n1 = exp2 * (b2 * sin2 - (a2 + 2 * a1) * cos2);
  n1 += exp1 * (b1 * sin1 - (a1 + 2 * a2) * cos1);
  let n2 = (a1 + a2) * cos2 * cos1;
  n2 -= b1 * cos2 * sin1 + b2 * cos1 * sin2;
  n2 *= 2 * exp1 * exp2;
  n2 += a2 * exp1 * exp1 + a1 * exp2 * exp2;
  let n3 = exp2 * exp1 * exp1 * (b2 * sin2 - a2 * cos2);
  n3 += exp1 * exp2 * exp2 * (b1 * sin1 - a1 * cos1);
  return { n: [n0, n1, n2, n3], sn: n0 + n1 + n2 + n3, dn: n1 + 2 * n2 + 3 * n3, en: n1 + 4 * n2 + 9 * n3 };
}

/** Denominator D1..D4 and SD = 1 + ΣD, DD = Σk·Dk, ED = Σk²·Dk (ITK ComputeDCoefficients). */
function dCoefficients(sigmad: number) {
  const cos1 = Math.cos(W1 / sigmad);
  const cos2 = Math.cos(W2 / sigmad);
  const exp1 = Math.exp(L1 / sigmad);
  const exp2 = Math.exp(L2 / sigmad);
  const d4 = exp1 * exp1 * exp2 * exp2;
  let d3 = -2 * cos1 * exp1 * exp2 * exp2;
  d3 += -2 * cos2 * exp2 * exp1 * exp1;
  let d2 = 4 * cos2 * cos1 * exp1 * exp2;
  d2 += exp1 * exp1 + exp2 * exp2;
  const d1 = -2 * (exp2 * cos2 + exp1 * cos1);
  return {
    d: [d1, d2, d3, d4] as [number, number, number, number],
    sd: 1.0 + d1 + d2 + d3 + d4,
    dd: d1 + 2 * d2 + 3 * d3 + 4 * d4,
    ed: d1 + 4 * d2 + 9 * d3 + 16 * d4,
  };
}

/**
 * Filter coefficients for order 0 (smoothing) or 2 (second derivative, in voxel units) of a Gaussian of
 * σ = sigma/spacing voxels; order 2 is scaled by `scale` (σ² in mm when normalising across scale).
 * Anticausal M and border coefficients BN/BM as ITK ComputeRemainingCoefficients (symmetric case).
 */
export function recursiveGaussianCoefficients(sigma: number, spacing: number, order: 0 | 2, scale = 1): RecursiveCoefficients {
  const sigmad = sigma / spacing;
  const { d, sd, dd, ed } = dCoefficients(sigmad);
  let n: number[];
  if (order === 0) {
    const c = nCoefficients(sigmad, A1[0], B1[0], A2[0], B2[0]);
    const alpha0 = (2 * c.sn) / sd - c.n[0];
    n = c.n.map((v) => v * (1 / alpha0));
  } else {
    const c0 = nCoefficients(sigmad, A1[0], B1[0], A2[0], B2[0]);
    const c2 = nCoefficients(sigmad, A1[2], B1[2], A2[2], B2[2]);
    const beta = -(2 * c2.sn - sd * c2.n[0]) / (2 * c0.sn - sd * c0.n[0]);
    n = c2.n.map((v, k) => v + beta * c0.n[k]);
    const sn = c2.sn + beta * c0.sn;
    const dn = c2.dn + beta * c0.dn;
    const en = c2.en + beta * c0.en;
    let alpha2 = en * sd * sd - ed * sn * sd - 2 * dn * dd * sd + 2 * dd * dd * sn;
    alpha2 /= sd * sd * sd;
    n = n.map((v) => v * (scale / alpha2));
  }
  const m = [n[1] - d[0] * n[0], n[2] - d[1] * n[0], n[3] - d[2] * n[0], -d[3] * n[0]];
  const SN = n[0] + n[1] + n[2] + n[3];
  const SM = m[0] + m[1] + m[2] + m[3];
  const SD = 1.0 + d[0] + d[1] + d[2] + d[3];
  return {
    n: n as RecursiveCoefficients["n"],
    d,
    m: m as RecursiveCoefficients["m"],
    bn: d.map((v) => (v * SN) / SD) as RecursiveCoefficients["bn"],
    bm: d.map((v) => (v * SM) / SD) as RecursiveCoefficients["bm"],
  };
}

/**
 * One line of ITK's RecursiveSeparableImageFilter::FilterDataArray: causal + anticausal 4th-order IIR
 * passes with edge-extension (the border value repeated to infinity). `out` and `scratch` have length ln ≥ 4.
 */
export function filterLine(c: RecursiveCoefficients, data: Float64Array, out: Float64Array, scratch: Float64Array, ln: number): void {
  const [n0, n1, n2, n3] = c.n;
  const [d1, d2, d3, d4] = c.d;
  const [m1, m2, m3, m4] = c.m;
  const [bn1, bn2, bn3, bn4] = c.bn;
  const [bm1, bm2, bm3, bm4] = c.bm;
  const v1 = data[0];
  out[0] = v1 * n0 + v1 * n1 + v1 * n2 + v1 * n3;
  out[1] = data[1] * n0 + v1 * n1 + v1 * n2 + v1 * n3;
  out[2] = data[2] * n0 + data[1] * n1 + v1 * n2 + v1 * n3;
  out[3] = data[3] * n0 + data[2] * n1 + data[1] * n2 + v1 * n3;
  out[0] -= v1 * bn1 + v1 * bn2 + v1 * bn3 + v1 * bn4;
  out[1] -= out[0] * d1 + v1 * bn2 + v1 * bn3 + v1 * bn4;
  out[2] -= out[1] * d1 + out[0] * d2 + v1 * bn3 + v1 * bn4;
  out[3] -= out[2] * d1 + out[1] * d2 + out[0] * d3 + v1 * bn4;
  for (let i = 4; i < ln; i++) {
    out[i] = data[i] * n0 + data[i - 1] * n1 + data[i - 2] * n2 + data[i - 3] * n3;
    out[i] -= out[i - 1] * d1 + out[i - 2] * d2 + out[i - 3] * d3 + out[i - 4] * d4;
  }
  const v2 = data[ln - 1];
  const s = scratch;
  s[ln - 1] = v2 * m1 + v2 * m2 + v2 * m3 + v2 * m4;
  s[ln - 2] = data[ln - 1] * m1 + v2 * m2 + v2 * m3 + v2 * m4;
  s[ln - 3] = data[ln - 2] * m1 + data[ln - 1] * m2 + v2 * m3 + v2 * m4;
  s[ln - 4] = data[ln - 3] * m1 + data[ln - 2] * m2 + data[ln - 1] * m3 + v2 * m4;
  s[ln - 1] -= v2 * bm1 + v2 * bm2 + v2 * bm3 + v2 * bm4;
  s[ln - 2] -= s[ln - 1] * d1 + v2 * bm2 + v2 * bm3 + v2 * bm4;
  s[ln - 3] -= s[ln - 2] * d1 + s[ln - 1] * d2 + v2 * bm3 + v2 * bm4;
  s[ln - 4] -= s[ln - 3] * d1 + s[ln - 2] * d2 + s[ln - 1] * d3 + v2 * bm4;
  for (let i = ln - 4; i > 0; i--) {
    s[i - 1] = data[i] * m1 + data[i + 1] * m2 + data[i + 2] * m3 + data[i + 3] * m4;
    s[i - 1] -= s[i] * d1 + s[i + 1] * d2 + s[i + 2] * d3 + s[i + 3] * d4;
  }
  for (let i = 0; i < ln; i++) out[i] += s[i];
}

/**
 * Applies a recursive Gaussian along one axis (double arithmetic per line, result stored as float32
 * like ITK's internal `float` images).
 */
export function recursiveGaussianAxis(
  input: ArrayLike<number>,
  size: readonly number[],
  axis: number,
  c: RecursiveCoefficients,
): Float32Array {
  const [nx, ny, nz] = size;
  const ln = size[axis];
  const stride = axis === 0 ? 1 : axis === 1 ? nx : nx * ny;
  const output = new Float32Array(nx * ny * nz);
  const line = new Float64Array(ln);
  const out = new Float64Array(ln);
  const scratch = new Float64Array(ln);
  const counts = [nx, ny, nz];
  counts[axis] = 1;
  for (let z = 0; z < counts[2]; z++) {
    for (let y = 0; y < counts[1]; y++) {
      for (let x = 0; x < counts[0]; x++) {
        const base = x + nx * (y + ny * z);
        for (let i = 0; i < ln; i++) line[i] = input[base + i * stride];
        filterLine(c, line, out, scratch, ln);
        for (let i = 0; i < ln; i++) output[base + i * stride] = out[i];
      }
    }
  }
  return output;
}

/**
 * SimpleITK LaplacianRecursiveGaussian with NormalizeAcrossScale on (ITK
 * LaplacianRecursiveGaussianImageFilter): for each axis d, the σ-normalised second derivative along d
 * (in voxel units, ×σ²) is smoothed along the other axes in increasing order, then accumulated in float32
 * as acc + D_d · (1 / spacing_d²). Result: σ² ∇²(G_σ ∗ I), σ in mm. Every axis needs ≥ 4 voxels.
 */
export function laplacianRecursiveGaussian(image: Image3D, sigma: number): Float32Array {
  const { size, spacing } = image;
  if (Math.min(...size) < 4) throw new InputError(`LoG: image size ${size.join("×")} is below 4 voxels along an axis`);
  const acc = new Float32Array(size[0] * size[1] * size[2]);
  for (let dim = 0; dim < 3; dim++) {
    let current = recursiveGaussianAxis(image.data as ArrayLike<number>, size, dim, recursiveGaussianCoefficients(sigma, spacing[dim], 2, sigma * sigma));
    for (let other = 0; other < 3; other++) {
      if (other === dim) continue;
      current = recursiveGaussianAxis(current, size, other, recursiveGaussianCoefficients(sigma, spacing[other], 0));
    }
    const inv = 1.0 / (spacing[dim] * spacing[dim]);
    for (let i = 0; i < acc.length; i++) acc[i] = acc[i] + current[i] * inv;
  }
  return acc;
}

/** PyRadiomics' name for a σ: `log-sigma-<str(float σ) with . → ->-mm-3D`, e.g. 3 → log-sigma-3-0-mm-3D. */
export function logImageName(sigma: number): string {
  const s = Number.isInteger(sigma) ? sigma.toFixed(1) : String(sigma);
  return `log-sigma-${s.replace(".", "-")}-mm-3D`;
}

/**
 * `LoG` (PyRadiomics getLoGImage): one image per σ in setting `sigma` (mm). Like PyRadiomics, skips the
 * whole filter when any dimension has < 4 voxels, and a σ when σ ≤ 0 or some size < ⌈σ/spacing⌉ + 1.
 */
export function* logImages(image: Image3D, _mask: unknown, settings: Record<string, unknown>): Iterable<DerivedImage> {
  const raw = settings.sigma ?? [];
  if (!Array.isArray(raw) || raw.some((s) => typeof s !== "number" || !Number.isFinite(s))) {
    throw new InputError(`LoG: setting 'sigma' must be a list of numbers (mm), got ${JSON.stringify(raw)}`);
  }
  const { size, spacing } = image;
  if (Math.min(...size) < 4) return;
  for (const sigma of raw as number[]) {
    if (!(sigma > 0)) continue;
    if (!size.every((n, k) => n >= Math.ceil(sigma / spacing[k]) + 1)) continue;
    yield { name: logImageName(sigma), image: withData(image, laplacianRecursiveGaussian(image, sigma)) };
  }
}
