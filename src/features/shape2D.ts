import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { InputError } from "../errors.js";
import type { Image3D, Mask3D } from "../image/types.js";

/**
 * PyRadiomics `shape2D`: shape of a single-slice ROI from a marching-squares contour through the midpoints
 * of the pixel edges joining ROI and background (the slice padded with background). The slice plane is
 * the one orthogonal to `force2Ddimension` (numpy axis 0 = z → the x–y plane).
 */
export interface Shape2DCoefficients {
  np: number;
  /** In-plane pixel spacing (u, v). */
  su: number;
  sv: number;
  meshSurface: number;
  perimeter: number;
  maxDiameter: number;
  /** Covariance eigenvalues, ascending. */
  eig: [number, number];
}

/** The slice as a 2D array: in-plane axes (u, v) = the two ITK axes other than the out-of-plane one. */
function extractSlice(mask: Mask3D, force2Ddimension: number): { nu: number; nv: number; data: Uint8Array; su: number; sv: number } {
  const out = 2 - force2Ddimension; // numpy axis → ITK axis
  const axes = [0, 1, 2].filter((a) => a !== out);
  const [nx, ny, nz] = mask.size;
  const size = [nx, ny, nz];
  let lo = Infinity;
  let hi = -1;
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    const c = [i % nx, Math.floor(i / nx) % ny, Math.floor(i / (nx * ny))][out];
    lo = Math.min(lo, c);
    hi = Math.max(hi, c);
  }
  if (hi < 0) throw new InputError("shape2D: the ROI is empty");
  if (hi !== lo) throw new InputError(`shape2D: the ROI spans ${hi - lo + 1} slices along axis ${out}; shape2D needs a single-slice ROI (force2D)`);
  const nu = size[axes[0]];
  const nv = size[axes[1]];
  const data = new Uint8Array(nu * nv);
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    const c = [i % nx, Math.floor(i / nx) % ny, Math.floor(i / (nx * ny))];
    data[c[axes[0]] + nu * c[axes[1]]] = 1;
  }
  return { nu, nv, data, su: mask.spacing[axes[0]], sv: mask.spacing[axes[1]] };
}

/**
 * Marching squares over the padded slice. Per square (corners at pixel centres) the enclosed area is
 * k/8, 1/2, 7/8 or 1 of the square for 1, 2 adjacent, 3 or 4 inside corners; a saddle (2 diagonal corners)
 * keeps the two inside corners apart (2/8). Perimeter: each corner cut adds √((su/2)² + (sv/2)²), a straight
 * cut adds su or sv.
 */
export function shape2DCoefficients(mask: Mask3D, force2Ddimension = 0): Shape2DCoefficients {
  const { nu, nv, data, su, sv } = extractSlice(mask, force2Ddimension);
  const at = (u: number, v: number) => (u >= 0 && u < nu && v >= 0 && v < nv ? data[u + nu * v] : 0);
  const cell = su * sv;
  const diag = Math.hypot(su / 2, sv / 2);
  let area = 0;
  let perimeter = 0;
  for (let v = -1; v < nv; v++) {
    for (let u = -1; u < nu; u++) {
      const a = at(u, v);
      const b = at(u + 1, v);
      const c = at(u + 1, v + 1);
      const d = at(u, v + 1);
      const k = a + b + c + d;
      if (k === 0) continue;
      if (k === 4) {
        area += cell;
      } else if (k === 1 || k === 3) {
        area += (k === 1 ? 1 / 8 : 7 / 8) * cell;
        perimeter += diag;
      } else if (a === c) {
        area += cell / 4; // saddle: two separate corners
        perimeter += 2 * diag;
      } else {
        area += cell / 2;
        perimeter += a === b ? su : sv;
      }
    }
  }
  return { np: count(data), su, sv, meshSurface: area, perimeter, maxDiameter: contourDiameter(data, nu, nv, su, sv), eig: moments(data, nu, su, sv) };
}

function count(d: Uint8Array): number {
  let n = 0;
  for (const v of d) n += v;
  return n;
}

/** Largest distance between contour vertices (pixel-edge midpoints between ROI and background). */
function contourDiameter(data: Uint8Array, nu: number, nv: number, su: number, sv: number): number {
  const at = (u: number, v: number) => (u >= 0 && u < nu && v >= 0 && v < nv ? data[u + nu * v] : 0);
  const pts: number[] = [];
  for (let v = -1; v < nv + 1; v++) {
    for (let u = -1; u < nu + 1; u++) {
      if (at(u, v) !== at(u + 1, v)) pts.push((u + 0.5) * su, v * sv);
      if (at(u, v) !== at(u, v + 1)) pts.push(u * su, (v + 0.5) * sv);
    }
  }
  let best = 0;
  for (let i = 0; i < pts.length; i += 2) {
    for (let j = i + 2; j < pts.length; j += 2) {
      const d = (pts[i] - pts[j]) ** 2 + (pts[i + 1] - pts[j + 1]) ** 2;
      if (d > best) best = d;
    }
  }
  return Math.sqrt(best);
}

/** Ascending eigenvalues of the 2×2 covariance (1/Np) of the ROI pixel physical coordinates. */
function moments(data: Uint8Array, nu: number, su: number, sv: number): [number, number] {
  let n = 0;
  let mu = 0;
  let mv = 0;
  for (let i = 0; i < data.length; i++) {
    if (!data[i]) continue;
    mu += (i % nu) * su;
    mv += Math.floor(i / nu) * sv;
    n++;
  }
  mu /= n;
  mv /= n;
  let cuu = 0;
  let cvv = 0;
  let cuv = 0;
  for (let i = 0; i < data.length; i++) {
    if (!data[i]) continue;
    const du = (i % nu) * su - mu;
    const dv = Math.floor(i / nu) * sv - mv;
    cuu += du * du;
    cvv += dv * dv;
    cuv += du * dv;
  }
  const ev = new EigenvalueDecomposition(new Matrix([[cuu, cuv], [cuv, cvv]]).div(n), { assumeSymmetric: true }).realEigenvalues
    .map((e) => (e < 0 && e > -1e-10 ? 0 : e))
    .sort((a, b) => a - b);
  return [ev[0], ev[1]];
}

/** Mesh Surface = area enclosed by the marching-squares contour */
export function meshSurface(c: Shape2DCoefficients): number {
  return c.meshSurface;
}

/** Pixel Surface = Np · su · sv */
export function pixelSurface(c: Shape2DCoefficients): number {
  return c.np * c.su * c.sv;
}

/** Perimeter = total length of the contour */
export function perimeter(c: Shape2DCoefficients): number {
  return c.perimeter;
}

/** Perimeter to Surface ratio = P / A */
export function perimeterSurfaceRatio(c: Shape2DCoefficients): number {
  return c.perimeter / c.meshSurface;
}

/** Sphericity = 2√(πA) / P (perimeter of the circle of equal area over the perimeter) */
export function sphericity(c: Shape2DCoefficients): number {
  return (2 * Math.sqrt(Math.PI * c.meshSurface)) / c.perimeter;
}

/** Maximum Diameter = largest distance between contour vertices */
export function maximumDiameter(c: Shape2DCoefficients): number {
  return c.maxDiameter;
}

/** Major Axis Length = 4√λ_major */
export function majorAxisLength(c: Shape2DCoefficients): number {
  return 4 * Math.sqrt(c.eig[1]);
}

/** Minor Axis Length = 4√λ_minor */
export function minorAxisLength(c: Shape2DCoefficients): number {
  return 4 * Math.sqrt(c.eig[0]);
}

/** Elongation = √(λ_minor / λ_major) */
export function elongation(c: Shape2DCoefficients): number {
  return Math.sqrt(c.eig[0] / c.eig[1]);
}

export const SHAPE2D_FEATURES: Record<string, (c: Shape2DCoefficients) => number> = {
  Elongation: elongation,
  MajorAxisLength: majorAxisLength,
  MaximumDiameter: maximumDiameter,
  MeshSurface: meshSurface,
  MinorAxisLength: minorAxisLength,
  Perimeter: perimeter,
  PerimeterSurfaceRatio: perimeterSurfaceRatio,
  PixelSurface: pixelSurface,
  Sphericity: sphericity,
};

export function shape2DFeatures(_image: Image3D, mask: Mask3D, force2Ddimension = 0, names: string[] = Object.keys(SHAPE2D_FEATURES)): Map<string, number> {
  const c = shape2DCoefficients(mask, force2Ddimension);
  return new Map(names.map((n) => [n, SHAPE2D_FEATURES[n](c)]));
}
