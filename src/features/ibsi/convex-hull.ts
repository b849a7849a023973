/**
 * 3D convex hull of integer lattice points (the doubled-grid mesh vertices of ../shape.ts meshVertices), by
 * incremental insertion with exact integer orientation tests: a point is added when it lies strictly above at
 * least one hull face; the faces it sees are removed and its horizon edges are joined to it. With integer
 * coordinates below 2^15 every plane test is exact in double precision, so coplanar and collinear lattice points
 * (the normal case on a voxel surface) need no epsilon. Scaling each axis by the voxel spacing keeps the hull's
 * combinatorial structure, so area and volume are measured on the scaled faces.
 */

/** Triangulated hull: vertex indices into the input (outward-oriented triples) and the input points. */
export interface ConvexHull {
  points: Int32Array;
  faces: Int32Array;
}

/** Largest absolute lattice coordinate for which every plane test is exact (|n·p| < 2^53). */
const MAX_COORDINATE = 1 << 15;

/**
 * Convex hull of points given as (x, y, z) triples of integers; null when the points span no volume
 * (all coplanar, collinear or fewer than 4).
 */
export function convexHull(points: Int32Array): ConvexHull | null {
  const n = points.length / 3;
  for (let i = 0; i < points.length; i++) {
    if (Math.abs(points[i]) >= MAX_COORDINATE) throw new RangeError(`convexHull: coordinate ${points[i]} beyond ±${MAX_COORDINATE}, plane tests would not be exact`);
  }
  if (n < 4) return null;
  const P = points;
  const seed = initialTetrahedron(P, n);
  if (!seed) return null;

  // Face storage: vertex triples and plane (normal, offset) per face; dead faces are compacted away.
  let fa: number[] = [];
  let fb: number[] = [];
  let fc: number[] = [];
  let nx: number[] = [];
  let ny: number[] = [];
  let nz: number[] = [];
  let off: number[] = [];
  let alive: boolean[] = [];
  let nAlive = 0;
  const addFace = (a: number, b: number, c: number): void => {
    const ux = P[3 * b] - P[3 * a];
    const uy = P[3 * b + 1] - P[3 * a + 1];
    const uz = P[3 * b + 2] - P[3 * a + 2];
    const vx = P[3 * c] - P[3 * a];
    const vy = P[3 * c + 1] - P[3 * a + 1];
    const vz = P[3 * c + 2] - P[3 * a + 2];
    const cx = uy * vz - uz * vy;
    const cy = uz * vx - ux * vz;
    const cz = ux * vy - uy * vx;
    fa.push(a), fb.push(b), fc.push(c);
    nx.push(cx), ny.push(cy), nz.push(cz);
    off.push(cx * P[3 * a] + cy * P[3 * a + 1] + cz * P[3 * a + 2]);
    alive.push(true);
    nAlive++;
  };
  const [i0, i1, i2, i3] = seed;
  // Orient each face of the tetrahedron so that the opposite vertex lies below it.
  const tetra: [number, number, number, number][] = [
    [i0, i1, i2, i3],
    [i0, i1, i3, i2],
    [i0, i2, i3, i1],
    [i1, i2, i3, i0],
  ];
  for (const [a, b, c, opposite] of tetra) {
    addFace(a, b, c);
    const f = fa.length - 1;
    if (nx[f] * P[3 * opposite] + ny[f] * P[3 * opposite + 1] + nz[f] * P[3 * opposite + 2] - off[f] > 0) {
      alive[f] = false;
      nAlive--;
      addFace(a, c, b);
    }
  }

  const order = shuffledIndices(n);
  const horizon = new Map<number, number>(); // directed edge key a·n + b → b, for edges of visible faces
  const visible: number[] = [];
  for (const p of order) {
    if (p === i0 || p === i1 || p === i2 || p === i3) continue;
    const px = P[3 * p];
    const py = P[3 * p + 1];
    const pz = P[3 * p + 2];
    visible.length = 0;
    for (let f = 0; f < fa.length; f++) {
      if (alive[f] && nx[f] * px + ny[f] * py + nz[f] * pz - off[f] > 0) visible.push(f);
    }
    if (visible.length === 0) continue;
    horizon.clear();
    for (const f of visible) {
      alive[f] = false;
      nAlive--;
      const tri = [fa[f], fb[f], fc[f]];
      for (let e = 0; e < 3; e++) {
        const a = tri[e];
        const b = tri[(e + 1) % 3];
        const reverse = b * n + a;
        if (horizon.has(reverse)) horizon.delete(reverse);
        else horizon.set(a * n + b, b);
      }
    }
    for (const [key, b] of horizon) addFace((key - b) / n, b, p);
    if (fa.length > 2 * nAlive + 64) {
      const keep = alive.flatMap((ok, f) => (ok ? [f] : []));
      fa = keep.map((f) => fa[f]);
      fb = keep.map((f) => fb[f]);
      fc = keep.map((f) => fc[f]);
      nx = keep.map((f) => nx[f]);
      ny = keep.map((f) => ny[f]);
      nz = keep.map((f) => nz[f]);
      off = keep.map((f) => off[f]);
      alive = keep.map(() => true);
    }
  }
  const faces = new Int32Array(3 * nAlive);
  let k = 0;
  for (let f = 0; f < fa.length; f++) {
    if (!alive[f]) continue;
    faces[k++] = fa[f];
    faces[k++] = fb[f];
    faces[k++] = fc[f];
  }
  return { points: P, faces };
}

/**
 * Surface area Σ ½‖(b − a) × (c − a)‖ and volume Σ (a − o)·((b − o) × (c − o)) / 6 (o: the first point) of a hull
 * whose lattice coordinates are multiplied by `scale` per axis.
 */
export function hullMeasures(hull: ConvexHull, scale: [number, number, number]): { area: number; volume: number } {
  const { points: P, faces: F } = hull;
  const [hx, hy, hz] = scale;
  const ox = P[0] * hx;
  const oy = P[1] * hy;
  const oz = P[2] * hz;
  let area = 0;
  let volume6 = 0;
  for (let t = 0; t < F.length; t += 3) {
    const a = 3 * F[t];
    const b = 3 * F[t + 1];
    const c = 3 * F[t + 2];
    const ax = P[a] * hx - ox;
    const ay = P[a + 1] * hy - oy;
    const az = P[a + 2] * hz - oz;
    const bx = P[b] * hx - ox;
    const by = P[b + 1] * hy - oy;
    const bz = P[b + 2] * hz - oz;
    const cx = P[c] * hx - ox;
    const cy = P[c + 1] * hy - oy;
    const cz = P[c + 2] * hz - oz;
    const ux = bx - ax;
    const uy = by - ay;
    const uz = bz - az;
    const vx = cx - ax;
    const vy = cy - ay;
    const vz = cz - az;
    const nx = uy * vz - uz * vy;
    const ny = uz * vx - ux * vz;
    const nz = ux * vy - uy * vx;
    area += 0.5 * Math.sqrt(nx * nx + ny * ny + nz * nz);
    volume6 += ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
  }
  return { area, volume: volume6 / 6 };
}

/** Four affinely independent points: extreme in x, farthest from it, farthest from their line, farthest from their plane. */
function initialTetrahedron(P: Int32Array, n: number): [number, number, number, number] | null {
  let i0 = 0;
  for (let i = 1; i < n; i++) if (P[3 * i] < P[3 * i0]) i0 = i;
  const d = (i: number, j: number, a: number) => P[3 * i + a] - P[3 * j + a];
  let i1 = -1;
  let best = 0;
  for (let i = 0; i < n; i++) {
    const q = d(i, i0, 0) ** 2 + d(i, i0, 1) ** 2 + d(i, i0, 2) ** 2;
    if (q > best) (best = q), (i1 = i);
  }
  if (i1 < 0) return null;
  let i2 = -1;
  best = 0;
  const ux = d(i1, i0, 0);
  const uy = d(i1, i0, 1);
  const uz = d(i1, i0, 2);
  for (let i = 0; i < n; i++) {
    const vx = d(i, i0, 0);
    const vy = d(i, i0, 1);
    const vz = d(i, i0, 2);
    const q = (uy * vz - uz * vy) ** 2 + (uz * vx - ux * vz) ** 2 + (ux * vy - uy * vx) ** 2;
    if (q > best) (best = q), (i2 = i);
  }
  if (i2 < 0) return null;
  const vx = d(i2, i0, 0);
  const vy = d(i2, i0, 1);
  const vz = d(i2, i0, 2);
  const cx = uy * vz - uz * vy;
  const cy = uz * vx - ux * vz;
  const cz = ux * vy - uy * vx;
  let i3 = -1;
  best = 0;
  for (let i = 0; i < n; i++) {
    const q = Math.abs(cx * d(i, i0, 0) + cy * d(i, i0, 1) + cz * d(i, i0, 2));
    if (q > best) (best = q), (i3 = i);
  }
  return i3 < 0 ? null : [i0, i1, i2, i3];
}

/** 0…n−1 in a fixed pseudo-random order (Fisher–Yates with a 32-bit LCG), so insertion is fast and reproducible. */
function shuffledIndices(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  let s = 0x9e3779b9 >>> 0;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}
