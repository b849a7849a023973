import type { Mask3D } from "../image/types.js";

/**
 * Marching cubes over a binary mask, as PyRadiomics' shape class runs it (radiomics/src/cshape.c): the mask is
 * padded with one background voxel on every side, every cube of 2×2×2 voxel centres is classified by its 8
 * corners, and each cut edge gets its vertex at the edge midpoint (iso-level 0.5 between 0 and 1).
 *
 * Coordinates are handled in numpy order (z, y, x), as PyRadiomics does, so that the signed volumes have its sign.
 *
 * Cube corners (z, y, x offsets), numbered as in Lorensen & Cline's paper and Bourke's tables:
 *   0 (0,0,0)  1 (0,0,1)  2 (0,1,1)  3 (0,1,0)  4 (1,0,0)  5 (1,0,1)  6 (1,1,1)  7 (1,1,0)
 * Edges: 0 (0–1), 1 (1–2), 2 (2–3), 3 (3–0), 4 (4–5), 5 (5–6), 6 (6–7), 7 (7–4), 8 (0–4), 9 (1–5), 10 (2–6), 11 (3–7).
 */
export const CUBE_CORNERS: readonly (readonly [number, number, number])[] = [
  [0, 0, 0], [0, 0, 1], [0, 1, 1], [0, 1, 0], [1, 0, 0], [1, 0, 1], [1, 1, 1], [1, 1, 0],
];

/** Corner pairs joined by each of the 12 cube edges. */
export const CUBE_EDGES: readonly (readonly [number, number])[] = [
  [0, 1], [1, 2], [2, 3], [3, 0], [4, 5], [5, 6], [6, 7], [7, 4], [0, 4], [1, 5], [2, 6], [3, 7],
];

/** Edge midpoints (z, y, x) relative to corner 0, doubled so they are integers. */
const EDGE_MID2: Int8Array = (() => {
  const out = new Int8Array(36);
  CUBE_EDGES.forEach(([a, b], e) => {
    for (let d = 0; d < 3; d++) out[3 * e + d] = CUBE_CORNERS[a][d] + CUBE_CORNERS[b][d];
  });
  return out;
})();

/**
 * Triangle table for the 128 configurations in which corner 7 is outside the ROI (bit i set = corner i inside);
 * a configuration with corner 7 inside uses the row of its complement with the triangles' orientation reversed.
 * Each triple lists the edges (numbered as above) holding one triangle's vertices.
 *
 * Data: the marching-cubes triangle table of Lorensen & Cline (SIGGRAPH 1987), in the form published by
 * Cory Bloyd / Paul Bourke ("Polygonising a scalar field", 1994, paulbourke.net/geometry/polygonise/), with the
 * per-row triangle orientation and the triangulation choices of PyRadiomics' cshape.c (the table its mesh-volume
 * code uses), which orients all triangles consistently so the signed tetrahedron volumes add up to the enclosed
 * volume. A few rows there split a non-planar polygon along other diagonals than Bourke's rows (e.g. row 30), which
 * can change the area, so the rows follow PyRadiomics to reproduce its mesh exactly. The test
 * test/features/shape-mesh.test.ts checks every row against the cut edges of its configuration and the orientation.
 */
const TRIANGLE_ROWS: readonly (readonly number[])[] = [
  [],
  [0, 8, 3],
  [1, 9, 0],
  [1, 8, 3, 1, 9, 8],
  [1, 2, 10],
  [0, 8, 3, 1, 2, 10],
  [9, 2, 10, 0, 2, 9],
  [2, 8, 3, 2, 10, 8, 10, 9, 8],
  [11, 2, 3],
  [11, 2, 0, 0, 8, 11],
  [1, 9, 0, 11, 2, 3],
  [11, 2, 1, 1, 9, 11, 9, 8, 11],
  [3, 10, 1, 11, 10, 3],
  [10, 1, 0, 0, 8, 10, 8, 11, 10],
  [9, 0, 3, 3, 11, 9, 11, 10, 9],
  [9, 8, 10, 11, 10, 8],
  [4, 7, 8],
  [0, 4, 3, 4, 7, 3],
  [1, 9, 0, 4, 7, 8],
  [1, 9, 4, 1, 4, 7, 1, 7, 3],
  [1, 2, 10, 4, 7, 8],
  [3, 4, 7, 3, 0, 4, 1, 2, 10],
  [9, 2, 10, 9, 0, 2, 4, 7, 8],
  [2, 10, 9, 2, 9, 7, 2, 7, 3, 4, 7, 9],
  [4, 7, 8, 11, 2, 3],
  [11, 4, 7, 11, 2, 4, 2, 0, 4],
  [1, 9, 0, 4, 7, 8, 11, 2, 3],
  [4, 7, 11, 9, 4, 11, 11, 2, 9, 1, 9, 2],
  [3, 10, 1, 11, 10, 3, 4, 7, 8],
  [11, 10, 1, 1, 4, 11, 1, 0, 4, 4, 7, 11],
  [4, 7, 8, 9, 0, 3, 3, 11, 9, 11, 10, 9],
  [4, 7, 11, 4, 11, 9, 9, 11, 10],
  [9, 5, 4],
  [9, 5, 4, 0, 8, 3],
  [0, 5, 4, 0, 1, 5],
  [8, 5, 4, 8, 3, 5, 3, 1, 5],
  [1, 2, 10, 9, 5, 4],
  [0, 8, 3, 1, 2, 10, 9, 5, 4],
  [2, 10, 5, 5, 4, 2, 2, 4, 0],
  [2, 10, 5, 3, 2, 5, 3, 5, 4, 8, 3, 4],
  [9, 5, 4, 11, 2, 3],
  [11, 2, 0, 0, 8, 11, 9, 5, 4],
  [0, 5, 4, 0, 1, 5, 11, 2, 3],
  [2, 1, 5, 2, 5, 8, 11, 2, 8, 5, 4, 8],
  [3, 10, 1, 11, 10, 3, 9, 5, 4],
  [5, 4, 9, 10, 1, 0, 0, 8, 10, 8, 11, 10],
  [5, 4, 0, 5, 0, 11, 10, 5, 11, 11, 0, 3],
  [5, 4, 8, 10, 5, 8, 11, 10, 8],
  [7, 8, 9, 5, 7, 9],
  [3, 0, 9, 5, 3, 9, 3, 5, 7],
  [7, 8, 0, 0, 1, 7, 7, 1, 5],
  [1, 5, 7, 1, 7, 3],
  [7, 8, 9, 5, 7, 9, 1, 2, 10],
  [1, 2, 10, 3, 0, 9, 3, 9, 5, 3, 5, 7],
  [0, 2, 8, 8, 2, 5, 8, 5, 7, 2, 10, 5],
  [2, 10, 5, 2, 5, 3, 3, 5, 7],
  [5, 7, 9, 7, 8, 9, 11, 2, 3],
  [5, 7, 9, 9, 7, 2, 2, 0, 9, 11, 2, 7],
  [11, 2, 3, 0, 1, 8, 1, 7, 8, 1, 5, 7],
  [2, 1, 11, 1, 7, 11, 1, 5, 7],
  [7, 8, 9, 5, 7, 9, 3, 10, 1, 11, 10, 3],
  [5, 7, 0, 5, 0, 9, 7, 11, 0, 10, 1, 0, 11, 10, 0],
  [11, 10, 0, 0, 3, 11, 10, 5, 0, 0, 7, 8, 5, 7, 0],
  [11, 10, 5, 5, 7, 11],
  [6, 5, 10],
  [0, 8, 3, 6, 5, 10],
  [1, 9, 0, 6, 5, 10],
  [1, 8, 3, 1, 9, 8, 6, 5, 10],
  [1, 6, 5, 1, 2, 6],
  [1, 6, 5, 1, 2, 6, 0, 8, 3],
  [9, 6, 5, 9, 0, 6, 0, 2, 6],
  [5, 9, 8, 5, 8, 2, 5, 2, 6, 8, 3, 2],
  [11, 2, 3, 6, 5, 10],
  [11, 2, 0, 0, 8, 11, 6, 5, 10],
  [1, 9, 0, 11, 2, 3, 6, 5, 10],
  [11, 2, 1, 1, 9, 11, 9, 8, 11, 6, 5, 10],
  [6, 3, 11, 6, 5, 3, 5, 1, 3],
  [0, 8, 11, 0, 11, 5, 0, 5, 1, 5, 11, 6],
  [6, 3, 11, 0, 3, 6, 0, 6, 5, 0, 5, 9],
  [6, 5, 9, 6, 9, 11, 11, 9, 8],
  [4, 7, 8, 6, 5, 10],
  [0, 4, 3, 4, 7, 3, 6, 5, 10],
  [1, 9, 0, 4, 7, 8, 6, 5, 10],
  [1, 9, 4, 1, 4, 7, 1, 7, 3, 6, 5, 10],
  [4, 7, 8, 1, 6, 5, 1, 2, 6],
  [0, 4, 3, 4, 7, 3, 1, 6, 5, 1, 2, 6],
  [4, 7, 8, 9, 6, 5, 9, 0, 6, 0, 2, 6],
  [7, 3, 9, 4, 7, 9, 3, 2, 9, 5, 9, 6, 2, 6, 9],
  [11, 2, 3, 4, 7, 8, 6, 5, 10],
  [11, 4, 7, 11, 2, 4, 2, 0, 4, 6, 5, 10],
  [1, 9, 0, 11, 2, 3, 4, 7, 8, 6, 5, 10],
  [4, 7, 11, 9, 4, 11, 11, 2, 9, 1, 9, 2, 6, 5, 10],
  [4, 7, 8, 6, 3, 11, 6, 5, 3, 5, 1, 3],
  [5, 1, 11, 5, 11, 6, 1, 0, 11, 4, 7, 11, 0, 4, 11],
  [4, 7, 8, 6, 3, 11, 0, 3, 6, 0, 6, 5, 0, 5, 9],
  [6, 5, 9, 6, 9, 11, 4, 7, 9, 7, 11, 9],
  [10, 4, 9, 6, 4, 10],
  [10, 4, 9, 6, 4, 10, 0, 8, 3],
  [0, 1, 10, 10, 6, 0, 6, 4, 0],
  [1, 8, 3, 1, 6, 8, 8, 6, 4, 6, 1, 10],
  [1, 4, 9, 1, 2, 4, 2, 6, 4],
  [1, 4, 9, 1, 2, 4, 2, 6, 4, 0, 8, 3],
  [0, 2, 4, 4, 2, 6],
  [8, 3, 2, 8, 2, 4, 4, 2, 6],
  [11, 2, 3, 10, 4, 9, 6, 4, 10],
  [11, 2, 0, 0, 8, 11, 10, 4, 9, 6, 4, 10],
  [11, 2, 3, 0, 1, 10, 10, 6, 0, 6, 4, 0],
  [6, 4, 1, 6, 1, 10, 1, 4, 8, 11, 2, 1, 1, 8, 11],
  [9, 6, 4, 3, 6, 9, 1, 3, 9, 11, 6, 3],
  [1, 8, 11, 0, 8, 1, 11, 6, 1, 1, 4, 9, 6, 4, 1],
  [6, 3, 11, 0, 3, 6, 6, 4, 0],
  [8, 6, 4, 6, 8, 11],
  [6, 7, 10, 7, 8, 10, 8, 9, 10],
  [6, 7, 10, 0, 10, 7, 0, 9, 10, 0, 7, 3],
  [6, 7, 10, 1, 10, 7, 1, 7, 8, 0, 1, 8],
  [6, 7, 10, 1, 10, 7, 1, 7, 3],
  [1, 2, 6, 1, 6, 8, 1, 8, 9, 6, 7, 8],
  [2, 6, 9, 1, 2, 9, 6, 7, 9, 3, 0, 9, 7, 3, 9],
  [0, 7, 8, 7, 0, 6, 6, 0, 2],
  [2, 7, 3, 2, 6, 7],
  [11, 2, 3, 6, 7, 10, 7, 8, 10, 8, 9, 10],
  [2, 0, 7, 11, 2, 7, 0, 9, 7, 6, 7, 10, 9, 10, 7],
  [6, 7, 10, 1, 10, 7, 1, 7, 8, 0, 1, 8, 11, 2, 3],
  [11, 2, 1, 1, 7, 11, 10, 6, 1, 1, 6, 7],
  [8, 9, 6, 6, 7, 8, 1, 6, 9, 11, 6, 3, 1, 3, 6],
  [0, 9, 1, 6, 7, 11],
  [0, 7, 8, 7, 0, 6, 0, 3, 11, 11, 6, 0],
  [6, 7, 11],
];

/** The table flattened: row r's triangles are TRI_EDGES[TRI_START[r] .. TRI_START[r + 1]). */
const TRI_START = new Int32Array(129);
const TRI_EDGES: Int8Array = (() => {
  for (let r = 0; r < 128; r++) TRI_START[r + 1] = TRI_START[r] + TRIANGLE_ROWS[r].length;
  return Int8Array.from(TRIANGLE_ROWS.flat());
})();

/** Triangles (edge triples) of a configuration 0..255 and whether their orientation is reversed. */
export function cubeTriangles(config: number): { edges: number[]; reversed: boolean } {
  const reversed = (config & 0x80) !== 0;
  const row = reversed ? config ^ 0xff : config;
  return { edges: [...TRIANGLE_ROWS[row]], reversed };
}

/** Surface area and enclosed volume of the marching-cubes mesh. */
export interface MeshMeasures {
  /** Σ over triangles of ½‖(a − c) × (b − c)‖ (physical units²). */
  surfaceArea: number;
  /** Σ over triangles of ±(a × b)·c / 6: signed tetrahedra to the origin; − for complemented configurations. */
  volume: number;
}

/**
 * Mesh surface area and volume of a binary mask (spacing in x, y, z as in Mask3D).
 * One pass over the (n+1)³ cubes of the padded grid; no allocation per cube.
 */
export function meshMeasures(mask: Mask3D): MeshMeasures {
  const [nx, ny, nz] = mask.size;
  // Padded grid in numpy order (z, y, x): strides of the padded buffer.
  const px = nx + 2;
  const py = ny + 2;
  const pz = nz + 2;
  const padded = padMask(mask);
  const sy = px;
  const sz = px * py;
  const h = [mask.spacing[2], mask.spacing[1], mask.spacing[0]]; // (z, y, x)
  const a = new Float64Array(3);
  const b = new Float64Array(3);
  const c = new Float64Array(3);
  let area = 0;
  let volume6 = 0;
  // The x = 1 face of a cube is the x = 0 face of the next: each face (4 corners) is read once per row.
  for (let iz = 0; iz < pz - 1; iz++) {
    for (let iy = 0; iy < py - 1; iy++) {
      const rowBase = iz * sz + iy * sy;
      const face = (x: number) =>
        padded[rowBase + x] | (padded[rowBase + sy + x] << 1) | (padded[rowBase + sz + x] << 2) | (padded[rowBase + sz + sy + x] << 3);
      let left = face(0);
      for (let ix = 0; ix < px - 1; ix++) {
        const right = face(ix + 1);
        let config = FACE_LOW[left] | FACE_HIGH[right];
        left = right;
        if (config === 0 || config === 0xff) continue;
        let sign = 1;
        if (config & 0x80) {
          config ^= 0xff;
          sign = -1;
        }
        for (let t = TRI_START[config]; t < TRI_START[config + 1]; t += 3) {
          vertex(a, TRI_EDGES[t], iz, iy, ix, h);
          vertex(b, TRI_EDGES[t + 1], iz, iy, ix, h);
          vertex(c, TRI_EDGES[t + 2], iz, iy, ix, h);
          volume6 += sign * tripleProduct(a, b, c);
          area += triangleArea(a, b, c);
        }
      }
    }
  }
  return { surfaceArea: area, volume: volume6 / 6 };
}

/**
 * Configuration bits of a cube face given as a nibble (bit 0: (z0, y0), 1: (z0, y1), 2: (z1, y0), 3: (z1, y1)):
 * FACE_LOW for its x = 0 face (corners 0, 3, 4, 7), FACE_HIGH for its x = 1 face (corners 1, 2, 5, 6).
 */
const faceBits = (corners: number[]) =>
  Uint8Array.from({ length: 16 }, (_, f) => corners.reduce((c, corner, b) => (f & (1 << b) ? c | (1 << corner) : c), 0));
const FACE_LOW = faceBits([0, 3, 4, 7]);
const FACE_HIGH = faceBits([1, 2, 5, 6]);

/** The mask copied into a buffer with one background voxel on every side (x fastest). */
function padMask(mask: Mask3D): Uint8Array {
  const [nx, ny, nz] = mask.size;
  const px = nx + 2;
  const py = ny + 2;
  const out = new Uint8Array(px * py * (nz + 2));
  const m = mask.data;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const src = nx * (y + ny * z);
      const dst = 1 + px * (y + 1 + py * (z + 1));
      for (let x = 0; x < nx; x++) out[dst + x] = m[src + x] ? 1 : 0;
    }
  }
  return out;
}

/** Physical (z, y, x) position of the midpoint of `edge` in the cube at padded index (iz, iy, ix). */
function vertex(out: Float64Array, edge: number, iz: number, iy: number, ix: number, h: number[]): void {
  out[0] = (iz + EDGE_MID2[3 * edge] / 2) * h[0];
  out[1] = (iy + EDGE_MID2[3 * edge + 1] / 2) * h[1];
  out[2] = (ix + EDGE_MID2[3 * edge + 2] / 2) * h[2];
}

/** (a × b) · c = 6 × signed volume of the tetrahedron (origin, a, b, c). */
function tripleProduct(a: Float64Array, b: Float64Array, c: Float64Array): number {
  return (a[1] * b[2] - b[1] * a[2]) * c[0] + (a[2] * b[0] - b[2] * a[0]) * c[1] + (a[0] * b[1] - b[0] * a[1]) * c[2];
}

/** ½ ‖(a − c) × (b − c)‖ */
function triangleArea(a: Float64Array, b: Float64Array, c: Float64Array): number {
  const u0 = a[0] - c[0];
  const u1 = a[1] - c[1];
  const u2 = a[2] - c[2];
  const v0 = b[0] - c[0];
  const v1 = b[1] - c[1];
  const v2 = b[2] - c[2];
  const x = u1 * v2 - v1 * u2;
  const y = u2 * v0 - v2 * u0;
  const z = u0 * v1 - v0 * u1;
  return 0.5 * Math.sqrt(x * x + y * y + z * z);
}
