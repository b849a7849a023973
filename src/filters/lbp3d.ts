import { InputError } from "../errors.js";
import type { Image3D, Mask3D } from "../image/types.js";
import type { DerivedImage } from "./index.js";
import { integerSetting, numberSetting, withData } from "./util.js";

/**
 * Vertices of trimesh's `icosphere(subdivisions, radius)` for subdivisions 0 or 1: the icosahedron
 * (±1, ±t, 0) cyclic, t = (1 + √5)/2, scaled to unit radius; one subdivision adds the midpoint (a + b)/2
 * of each of its 30 edges and moves every vertex v to v + v/|v|·(radius − |v|) (42 vertices). Vertex
 * order does not matter to LBP3D (every use is a sum over vertices), only the set.
 */
export function icosphereVertices(subdivisions: number, radius: number): number[][] {
  if (subdivisions > 1) throw new InputError(`LBP3D: lbp3DIcosphereSubdivision ${subdivisions} is not supported (0 or 1)`);
  const t = (1.0 + Math.sqrt(5.0)) / 2.0;
  const base = [
    [-1, t, 0], [1, t, 0], [-1, -t, 0], [1, -t, 0], [0, -1, t], [0, 1, t],
    [0, -1, -t], [0, 1, -t], [t, 0, -1], [t, 0, 1], [-t, 0, -1], [-t, 0, 1],
  ];
  const s = Math.sqrt(2.0 + t);
  let vertices = base.map((v) => v.map((c) => c / s));
  if (subdivisions === 1) {
    const mids = icosahedronEdges(vertices).map(([a, b]) => [0, 1, 2].map((i) => (vertices[a][i] + vertices[b][i]) / 2));
    vertices = [...vertices, ...mids];
  }
  if (subdivisions === 0) return vertices.map((v) => v.map((c) => c * radius));
  return vertices.map((v) => {
    const scalar = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    return v.map((c) => c + (c / scalar) * (radius - scalar));
  });
}

/** The 30 edges of the (unit) icosahedron: the vertex pairs at the minimal distance 2/√(2 + t). */
function icosahedronEdges(v: number[][]): Array<[number, number]> {
  const d = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  let min = Infinity;
  for (let i = 0; i < v.length; i++) for (let j = i + 1; j < v.length; j++) min = Math.min(min, d(v[i], v[j]));
  const out: Array<[number, number]> = [];
  for (let i = 0; i < v.length; i++) for (let j = i + 1; j < v.length; j++) if (d(v[i], v[j]) < min * (1 + 1e-9)) out.push([i, j]);
  return out;
}

/**
 * Complex spherical harmonic as scipy.special.sph_harm(m, n, az, pol) (degree n ≤ 1 here):
 * √((2n+1)/4π · (n−m)!/(n+m)!) · e^{i m az} · P_n^m(cos pol), with Condon–Shortley phase and
 * P_1^{±1} built on √(1 − cos² pol) = |sin pol|. Returns [re, im].
 */
export function sphHarm(m: number, n: number, az: number, pol: number): [number, number] {
  const x = Math.cos(pol);
  let norm: number;
  let p: number;
  if (n === 0) {
    norm = Math.sqrt(1 / (4 * Math.PI));
    p = 1;
  } else if (n === 1 && m === 0) {
    norm = Math.sqrt(3 / (4 * Math.PI));
    p = x;
  } else if (n === 1 && m === 1) {
    norm = Math.sqrt((3 / (4 * Math.PI)) * 0.5);
    p = -Math.sqrt(1 - x * x);
  } else if (n === 1 && m === -1) {
    norm = Math.sqrt((3 / (4 * Math.PI)) * 2);
    p = 0.5 * Math.sqrt(1 - x * x);
  } else {
    throw new InputError(`LBP3D: lbp3DLevels > 2 (spherical harmonics of degree ${n}) is not supported`);
  }
  return [norm * p * Math.cos(m * az), norm * p * Math.sin(m * az)];
}

/** scipy.ndimage's cubic B-spline prefilter of one line with mirror boundaries (exact initialisation). */
function prefilterLine(c: Float64Array, n: number): void {
  if (n === 1) return;
  const z = Math.sqrt(3) - 2;
  const gain = (1 - z) * (1 - 1 / z);
  for (let i = 0; i < n; i++) c[i] *= gain;
  let zi = z;
  const zn1 = Math.pow(z, n - 1);
  c[0] = c[0] + zn1 * c[n - 1];
  for (let i = 1; i < n - 1; i++) {
    c[0] += zi * (c[i] + zn1 * c[n - 1 - i]);
    zi *= z;
  }
  c[0] /= 1 - zn1 * zn1;
  for (let i = 1; i < n; i++) c[i] += z * c[i - 1];
  c[n - 1] = ((z * c[n - 2] + c[n - 1]) * z) / (z * z - 1);
  for (let i = n - 2; i >= 0; i--) c[i] = z * (c[i + 1] - c[i]);
}

/** Cubic B-spline coefficients of a volume (prefilter along each axis). */
function splineCoefficients(data: ArrayLike<number>, size: readonly number[]): Float64Array {
  const c = Float64Array.from(data);
  const strides = [1, size[0], size[0] * size[1]];
  for (let axis = 0; axis < 3; axis++) {
    const n = size[axis];
    const line = new Float64Array(n);
    const counts = [size[0], size[1], size[2]];
    counts[axis] = 1;
    for (let z = 0; z < counts[2]; z++)
      for (let y = 0; y < counts[1]; y++)
        for (let x = 0; x < counts[0]; x++) {
          const base = x * strides[0] + y * strides[1] + z * strides[2];
          for (let i = 0; i < n; i++) line[i] = c[base + i * strides[axis]];
          prefilterLine(line, n);
          for (let i = 0; i < n; i++) c[base + i * strides[axis]] = line[i];
        }
  }
  return c;
}

/** Cubic B-spline weights of the 4 coefficients floor(t)−1 … floor(t)+2 for fractional part f. */
function cubicWeights(f: number, w: Float64Array): void {
  const g = 1 - f;
  w[0] = (g * g * g) / 6;
  w[1] = (4 + f * f * (3 * f - 6)) / 6;
  w[2] = (4 + g * g * (3 * g - 6)) / 6;
  w[3] = (f * f * f) / 6;
}

/** Mirror index (scipy 'mirror': −1 → 1, n → n − 2). */
function mirror(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let k = ((i % period) + period) % period;
  if (k >= n) k = period - k;
  return k;
}

/**
 * `LBP3D` (PyRadiomics getLBP3DImage, Banerjee et al. 2013): for every ROI voxel, the image is sampled at
 * the icosphere vertices added to its (z, y, x) index (no spacing) by cubic-spline interpolation
 * (scipy map_coordinates order 3, result cast to the image's type: integers rounded half away from 0);
 * s_v = [sample_v ≥ centre]. With c_{n,m} = Σ_v s_v Y_n^m(v), level n gives
 * Re √(Σ_v (Σ_m c_{n,m} Y_n^m(v))²) (`lbp-3D-m<n+1>`); `lbp-3D-k` is the (Fisher, biased) kurtosis of the
 * samples. Y is scipy's sph_harm called as PyRadiomics calls it: azimuth = arccos(c₂/R), polar =
 * atan2(c₁, c₀). Voxels outside the ROI are 0. Settings: lbp3DLevels (2), lbp3DIcosphereRadius (1),
 * lbp3DIcosphereSubdivision (1).
 */
export function* lbp3DImages(image: Image3D, mask: Mask3D, settings: Record<string, unknown>): Iterable<DerivedImage> {
  const levels = integerSetting(settings, "lbp3DLevels", 2, "LBP3D", 1);
  if (levels > 2) throw new InputError(`LBP3D: lbp3DLevels ${levels} is not supported (1 or 2)`);
  const radius = numberSetting(settings, "lbp3DIcosphereRadius", 1, "LBP3D");
  const subdivision = integerSetting(settings, "lbp3DIcosphereSubdivision", 1, "LBP3D", 0);
  const vertices = icosphereVertices(subdivision, radius);
  const nv = vertices.length;
  // Y[k] over vertices for (n, m) in PyRadiomics' order: (0,0), then n = 1, m = −1, 0, 1.
  const nm: Array<[number, number]> = [[0, 0]];
  for (let n = 1; n < levels; n++) for (let m = -n; m <= n; m++) nm.push([n, m]);
  const Yre = nm.map(() => new Float64Array(nv));
  const Yim = nm.map(() => new Float64Array(nv));
  vertices.forEach((v, j) => {
    const az = Math.acos(v[2] / radius);
    const pol = Math.atan2(v[1], v[0]);
    nm.forEach(([n, m], k) => {
      const [re, im] = sphHarm(m, n, az, pol);
      Yre[k][j] = re;
      Yim[k][j] = im;
    });
  });

  const size = image.size;
  const [nx, ny, nz] = size;
  const src = image.data as ArrayLike<number>;
  const coef = splineCoefficients(src, size);
  const isInt = !(image.data instanceof Float32Array || image.data instanceof Float64Array);
  const isF32 = image.data instanceof Float32Array;
  const castSample = (v: number) => (isInt ? Math.trunc(v > 0 ? v + 0.5 : v - 0.5) : isF32 ? Math.fround(v) : v);
  const wx = new Float64Array(4);
  const wy = new Float64Array(4);
  const wz = new Float64Array(4);
  /** Cubic-spline value at continuous (z, y, x) index; 0 outside [0, n−1] (mode 'constant'). */
  const sample = (z: number, y: number, x: number): number => {
    if (z < 0 || z > nz - 1 || y < 0 || y > ny - 1 || x < 0 || x > nx - 1) return 0;
    const fz = Math.floor(z);
    const fy = Math.floor(y);
    const fx = Math.floor(x);
    cubicWeights(z - fz, wz);
    cubicWeights(y - fy, wy);
    cubicWeights(x - fx, wx);
    let sum = 0;
    for (let a = 0; a < 4; a++) {
      const zz = mirror(fz - 1 + a, nz);
      for (let b = 0; b < 4; b++) {
        const yy = mirror(fy - 1 + b, ny);
        const wab = wz[a] * wy[b];
        let line = 0;
        for (let c = 0; c < 4; c++) line += wx[c] * coef[mirror(fx - 1 + c, nx) + nx * (yy + ny * zz)];
        sum += wab * line;
      }
    }
    return sum;
  };

  const outs = Array.from({ length: levels }, () => new Float64Array(src.length));
  const kurt = new Float64Array(src.length);
  const samples = new Float64Array(nv);
  const s = new Float64Array(nv);
  const cRe = new Float64Array(nm.length);
  const cIm = new Float64Array(nm.length);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const i = x + nx * (y + ny * z);
        if (!mask.data[i]) continue;
        const centre = src[i];
        let mean = 0;
        for (let j = 0; j < nv; j++) {
          // icosphere columns are added to the (z, y, x) index in that order
          const v = vertices[j];
          samples[j] = castSample(sample(z + v[0], y + v[1], x + v[2]));
          s[j] = samples[j] >= centre ? 1 : 0;
          mean += samples[j];
        }
        mean /= nv;
        let m2 = 0;
        let m4 = 0;
        for (let j = 0; j < nv; j++) {
          const d = samples[j] - mean;
          m2 += d * d;
          m4 += d * d * d * d;
        }
        m2 /= nv;
        m4 /= nv;
        kurt[i] = m2 <= (Number.EPSILON * mean) ** 2 ? NaN : m4 / (m2 * m2) - 3;
        for (let k = 0; k < nm.length; k++) {
          let re = 0;
          let im = 0;
          for (let j = 0; j < nv; j++) {
            re += s[j] * Yre[k][j];
            im += s[j] * Yim[k][j];
          }
          cRe[k] = re;
          cIm[k] = im;
        }
        for (let n = 0; n < levels; n++) {
          // Σ_v F_n(v)² with F_n(v) = Σ_{m} c_{n,m} Y_n^m(v) (complex square, then principal √, real part)
          let sumRe = 0;
          let sumIm = 0;
          for (let j = 0; j < nv; j++) {
            let fRe = 0;
            let fIm = 0;
            nm.forEach(([nn], k) => {
              if (nn !== n) return;
              fRe += cRe[k] * Yre[k][j] - cIm[k] * Yim[k][j];
              fIm += cRe[k] * Yim[k][j] + cIm[k] * Yre[k][j];
            });
            sumRe += fRe * fRe - fIm * fIm;
            sumIm += 2 * fRe * fIm;
          }
          // real part of the principal square root of sumRe + i·sumIm
          const mod = Math.hypot(sumRe, sumIm);
          outs[n][i] = Math.sqrt((mod + sumRe) / 2);
        }
      }
    }
  }
  for (let n = 0; n < levels; n++) yield { name: `lbp-3D-m${n + 1}`, image: withData(image, outs[n]) };
  yield { name: "lbp-3D-k", image: withData(image, kurt) };
}
