import type { Vec3 } from "../../image/types.js";

/**
 * IBSI-1 texture families with IBSI's aggregation variants (reference manual §3.6–3.11):
 * GLCM / GLRLM per direction (13 in 3D, 4 in-plane in 2D), averaged ("avg") or merged ("comb");
 * 2D = per axial slice, 2.5D = slices merged, 3D = volume. GLSZM, GLDZM, NGTDM and NGLDM are per slice
 * (2D, averaged), slices merged (2.5D) or volumetric (3D). Matrices span all levels 1…Ng so they can be summed.
 */
export interface LevelGrid {
  size: Vec3;
  /** Discretised level (1…ng) of each grid voxel; read only where mask = 1. */
  levels: Int32Array;
  mask: Uint8Array;
  ng: number;
  /**
   * Mask whose edge defines GLDZM distances — IBSI uses the morphological (not re-segmented) mask, so
   * re-segmentation holes do not create edges. Defaults to `mask`.
   */
  distanceMask?: Uint8Array;
}

const DIRS_3D: number[][] = [];
for (let dz = 1; dz >= -1; dz--) for (let dy = 1; dy >= -1; dy--) for (let dx = 1; dx >= -1; dx--) DIRS_3D.push([dx, dy, dz]);
/** 13 directions (one of each mirrored pair) and the 4 in-plane ones. */
export const DIRECTIONS_3D = DIRS_3D.slice(0, 13);
export const DIRECTIONS_2D = DIRECTIONS_3D.filter((d) => d[2] === 0);
const NEIGHBOURS_3D = [...DIRECTIONS_3D, ...DIRECTIONS_3D.map((d) => d.map((v) => -v))];
const NEIGHBOURS_2D = [...DIRECTIONS_2D, ...DIRECTIONS_2D.map((d) => d.map((v) => -v))];

/** Voxel membership: in the ROI and (when z is given) in slice z. */
function member(g: LevelGrid, x: number, y: number, z: number, slice: number | null): boolean {
  const [nx, ny, nz] = g.size;
  if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) return false;
  if (slice !== null && z !== slice) return false;
  return g.mask[x + nx * (y + ny * z)] === 1;
}

const voxelCache = new WeakMap<Uint8Array, Map<number, Int32Array>>();

/** Linear indices of the ROI voxels (optionally of one slice), computed once per mask and slice. */
function roiVoxels(g: LevelGrid, slice: number | null): Int32Array {
  let perMask = voxelCache.get(g.mask);
  if (!perMask) voxelCache.set(g.mask, (perMask = new Map()));
  const key = slice ?? -1;
  const hit = perMask.get(key);
  if (hit) return hit;
  const [nx, ny, nz] = g.size;
  const from = slice === null ? 0 : nx * ny * slice;
  const to = slice === null ? nx * ny * nz : nx * ny * (slice + 1);
  let n = 0;
  for (let i = from; i < to; i++) n += g.mask[i];
  const out = new Int32Array(n);
  for (let i = from, k = 0; i < to; i++) if (g.mask[i]) out[k++] = i;
  perMask.set(key, out);
  return out;
}

/** Symmetric co-occurrence counts for one direction: Ng × Ng. */
export function cmCounts(g: LevelGrid, d: number[], slice: number | null): Float64Array {
  const m = new Float64Array(g.ng * g.ng);
  const [nx, ny] = g.size;
  const step = d[0] + nx * (d[1] + ny * d[2]);
  for (const k of roiVoxels(g, slice)) {
    const x = k % nx;
    const y = Math.floor(k / nx) % ny;
    const z = Math.floor(k / (nx * ny));
    if (!member(g, x + d[0], y + d[1], z + d[2], slice)) continue;
    const a = g.levels[k] - 1;
    const b = g.levels[k + step] - 1;
    m[a * g.ng + b]++;
    m[b * g.ng + a]++;
  }
  return m;
}

/** Run-length counts for one direction: Ng × Lmax (column j = run length j + 1). */
export function rlmCounts(g: LevelGrid, d: number[], slice: number | null): Float64Array {
  const lmax = Math.max(...g.size);
  const m = new Float64Array(g.ng * lmax);
  const [nx, ny] = g.size;
  const step = d[0] + nx * (d[1] + ny * d[2]);
  for (const k of roiVoxels(g, slice)) {
    const x = k % nx;
    const y = Math.floor(k / nx) % ny;
    const z = Math.floor(k / (nx * ny));
    const l = g.levels[k];
    if (member(g, x - d[0], y - d[1], z - d[2], slice) && g.levels[k - step] === l) continue; // not a run start
    let len = 1;
    let cx = x + d[0];
    let cy = y + d[1];
    let cz = z + d[2];
    let j = k + step;
    while (member(g, cx, cy, cz, slice) && g.levels[j] === l) {
      len++;
      cx += d[0];
      cy += d[1];
      cz += d[2];
      j += step;
    }
    m[(l - 1) * lmax + len - 1]++;
  }
  return m;
}

/**
 * Distance to the ROI edge: 1 for voxels with a 6- (4- in 2D) neighbour outside the ROI, +1 per step inward
 * (breadth-first from the border, one Int32Array queue).
 */
function edgeDistance(grid: LevelGrid, slice: number | null): Int32Array {
  const g = { ...grid, mask: grid.distanceMask ?? grid.mask };
  const [nx, ny] = g.size;
  const steps = slice === null ? [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]] : [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0]];
  const dist = new Int32Array(g.mask.length);
  const vox = roiVoxels(g, slice);
  const queue = new Int32Array(vox.length);
  let tail = 0;
  for (const k of vox) {
    const x = k % nx;
    const y = Math.floor(k / nx) % ny;
    const z = Math.floor(k / (nx * ny));
    for (const [a, b, c] of steps) {
      if (!member(g, x + a, y + b, z + c, slice)) {
        dist[k] = 1;
        queue[tail++] = k;
        break;
      }
    }
  }
  for (let head = 0; head < tail; head++) {
    const k = queue[head];
    const x = k % nx;
    const y = Math.floor(k / nx) % ny;
    const z = Math.floor(k / (nx * ny));
    for (const [a, b, c] of steps) {
      if (!member(g, x + a, y + b, z + c, slice)) continue;
      const kk = k + a + nx * (b + ny * c);
      if (dist[kk] === 0) {
        dist[kk] = dist[k] + 1;
        queue[tail++] = kk;
      }
    }
  }
  return dist;
}

/** Zones (connected equal-level voxels, 26- / 8-connected): level, size and minimum edge distance. */
export function zones(g: LevelGrid, slice: number | null): { level: number; size: number; distance: number }[] {
  const [nx, ny, nz] = g.size;
  const nb = slice === null ? NEIGHBOURS_3D : NEIGHBOURS_2D;
  const dist = edgeDistance(g, slice);
  const seen = new Uint8Array(g.mask.length);
  const stack = new Int32Array(g.mask.length);
  const out: { level: number; size: number; distance: number }[] = [];
  for (const k0 of roiVoxels(g, slice)) {
    if (seen[k0]) continue;
    const l = g.levels[k0];
    seen[k0] = 1;
    let top = 0;
    stack[top++] = k0;
    let size = 0;
    let dmin = Infinity;
    while (top > 0) {
      const k = stack[--top];
      size++;
      if (dist[k] < dmin) dmin = dist[k];
      const z = Math.floor(k / (nx * ny));
      const y = Math.floor(k / nx) % ny;
      const x = k % nx;
      for (const [a, b, c] of nb) {
        const xx = x + a;
        const yy = y + b;
        const zz = z + c;
        if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz || (slice !== null && zz !== slice)) continue;
        const kk = xx + nx * (yy + ny * zz);
        if (g.mask[kk] && !seen[kk] && g.levels[kk] === l) {
          seen[kk] = 1;
          stack[top++] = kk;
        }
      }
    }
    out.push({ level: l, size, distance: dmin });
  }
  return out;
}

/** Zone list → Ng × Jmax count matrix over zone size or distance. */
export function zoneMatrix(list: { level: number; size: number; distance: number }[], ng: number, key: "size" | "distance", jmax: number): Float64Array {
  const m = new Float64Array(ng * jmax);
  for (const z of list) m[(z.level - 1) * jmax + z[key] - 1]++;
  return m;
}

/** NGTDM: n_i (voxels with ≥ 1 ROI neighbour) and s_i = Σ |i − mean neighbour level|, 26- / 8-neighbourhood. */
export function ngtCounts(g: LevelGrid, slice: number | null): { n: Float64Array; s: Float64Array } {
  const n = new Float64Array(g.ng);
  const s = new Float64Array(g.ng);
  const nb = slice === null ? NEIGHBOURS_3D : NEIGHBOURS_2D;
  const [nx, ny] = g.size;
  for (const k of roiVoxels(g, slice)) {
    const x = k % nx;
    const y = Math.floor(k / nx) % ny;
    const z = Math.floor(k / (nx * ny));
    let c = 0;
    let sum = 0;
    for (const [a, b, cc] of nb) {
      if (!member(g, x + a, y + b, z + cc, slice)) continue;
      c++;
      sum += g.levels[k + a + nx * (b + ny * cc)];
    }
    if (c === 0) continue;
    const l = g.levels[k];
    n[l - 1]++;
    s[l - 1] += Math.abs(l - sum / c);
  }
  return { n, s };
}

/** NGLDM (α = 0, Chebyshev distance 1): Ng × (Nneighbours + 1), column k = number of equal-level ROI neighbours. */
export function nglCounts(g: LevelGrid, slice: number | null): { m: Float64Array; nk: number } {
  const nb = slice === null ? NEIGHBOURS_3D : NEIGHBOURS_2D;
  const nk = nb.length + 1;
  const m = new Float64Array(g.ng * nk);
  const [nx, ny] = g.size;
  for (const v of roiVoxels(g, slice)) {
    const x = v % nx;
    const y = Math.floor(v / nx) % ny;
    const z = Math.floor(v / (nx * ny));
    const l = g.levels[v];
    let k = 0;
    for (const [a, b, c] of nb) if (member(g, x + a, y + b, z + c, slice) && g.levels[v + a + nx * (b + ny * c)] === l) k++;
    m[(l - 1) * nk + k]++;
  }
  return { m, nk };
}

function addInto(acc: Float64Array, m: Float64Array): Float64Array {
  for (let i = 0; i < m.length; i++) acc[i] += m[i];
  return acc;
}

function sum(m: Float64Array): number {
  let s = 0;
  for (const v of m) s += v;
  return s;
}

const entropy = (p: Iterable<number>) => {
  let e = 0;
  for (const v of p) if (v > 0) e -= v * Math.log2(v);
  return e;
};

/** IBSI GLCM features of one (possibly merged) co-occurrence count matrix. */
export function cmFeatures(P: Float64Array, ng: number): Map<string, number> {
  const total = sum(P);
  const p = P.map((v) => v / total);
  const px = new Float64Array(ng);
  const py = new Float64Array(ng);
  const pSum = new Float64Array(2 * ng + 1);
  const pDiff = new Float64Array(ng);
  let mu = 0;
  let muj = 0;
  for (let i = 0; i < ng; i++) {
    for (let j = 0; j < ng; j++) {
      const v = p[i * ng + j];
      px[i] += v;
      py[j] += v;
      pSum[i + j + 2] += v;
      pDiff[Math.abs(i - j)] += v;
      mu += (i + 1) * v;
      muj += (j + 1) * v;
    }
  }
  const acc = (f: (i: number, j: number) => number) => {
    let s = 0;
    for (let i = 0; i < ng; i++) for (let j = 0; j < ng; j++) s += p[i * ng + j] * f(i + 1, j + 1);
    return s;
  };
  const varI = acc((i) => (i - mu) ** 2);
  const varJ = acc((_i, j) => (j - muj) ** 2);
  let diffAvg = 0;
  pDiff.forEach((v, k) => (diffAvg += k * v));
  let diffVar = 0;
  pDiff.forEach((v, k) => (diffVar += (k - diffAvg) ** 2 * v));
  let sumAvg = 0;
  pSum.forEach((v, k) => (sumAvg += k * v));
  let sumVar = 0;
  pSum.forEach((v, k) => (sumVar += (k - sumAvg) ** 2 * v));
  const hxy = entropy(p);
  const hx = entropy(px);
  let hxy1 = 0;
  let hxy2 = 0;
  for (let i = 0; i < ng; i++) {
    for (let j = 0; j < ng; j++) {
      const q = px[i] * py[j];
      if (q > 0) {
        hxy1 -= p[i * ng + j] * Math.log2(q);
        hxy2 -= q * Math.log2(q);
      }
    }
  }
  let invVar = 0;
  for (let k = 1; k < ng; k++) invVar += pDiff[k] / (k * k);
  let maxP = 0;
  for (const v of p) maxP = Math.max(maxP, v);
  return new Map([
    ["joint_max", maxP],
    ["joint_avg", mu],
    ["joint_var", varI],
    ["joint_entr", hxy],
    ["diff_avg", diffAvg],
    ["diff_var", diffVar],
    ["diff_entr", entropy(pDiff)],
    ["sum_avg", sumAvg],
    ["sum_var", sumVar],
    ["sum_entr", entropy(pSum)],
    ["energy", p.reduce((s, v) => s + v * v, 0)],
    ["contrast", acc((i, j) => (i - j) ** 2)],
    ["dissimilarity", acc((i, j) => Math.abs(i - j))],
    ["inv_diff", acc((i, j) => 1 / (1 + Math.abs(i - j)))],
    ["inv_diff_norm", acc((i, j) => 1 / (1 + Math.abs(i - j) / ng))],
    ["inv_diff_mom", acc((i, j) => 1 / (1 + (i - j) ** 2))],
    ["inv_diff_mom_norm", acc((i, j) => 1 / (1 + (i - j) ** 2 / (ng * ng)))],
    ["inv_var", invVar],
    ["corr", acc((i, j) => (i - mu) * (j - muj)) / Math.sqrt(varI * varJ)],
    ["auto_corr", acc((i, j) => i * j)],
    ["clust_tend", acc((i, j) => (i + j - mu - muj) ** 2)],
    ["clust_shade", acc((i, j) => (i + j - mu - muj) ** 3)],
    ["clust_prom", acc((i, j) => (i + j - mu - muj) ** 4)],
    ["info_corr1", hx === 0 ? 0 : (hxy - hxy1) / hx],
    ["info_corr2", Math.sqrt(Math.max(0, 1 - Math.exp(-2 * (hxy2 - hxy))))],
  ]);
}

/**
 * Features shared by the run-length, size-zone, distance-zone and dependence matrices (Ng × J counts,
 * column j ↔ value j + 1): emphases, non-uniformities, percentage Σ/Nv, variances and entropy.
 * `names` gives the IBSI short names in the order: short, long, low-grey, high-grey, short-low, short-high,
 * long-low, long-high, glnu, glnu_norm, jnu, jnu_norm, perc, gl_var, j_var, j_entr.
 */
export function matrixFeatures(P: Float64Array, ng: number, nv: number, names: string[]): Map<string, number> {
  const nj = P.length / ng;
  const ri = new Float64Array(ng);
  const rj = new Float64Array(nj);
  // One pass over the non-zero cells accumulates every weighted sum.
  let ns = 0;
  const acc = new Float64Array(10); // 1/j², j², 1/i², i², 1/(i²j²), i²/j², j²/i², i²j², i, j
  let entr = 0;
  for (let a = 0; a < ng; a++) {
    const i = a + 1;
    const i2 = i * i;
    for (let b = 0; b < nj; b++) {
      const c = P[a * nj + b];
      if (c === 0) continue;
      const j = b + 1;
      const j2 = j * j;
      ns += c;
      ri[a] += c;
      rj[b] += c;
      acc[0] += c / j2;
      acc[1] += c * j2;
      acc[2] += c / i2;
      acc[3] += c * i2;
      acc[4] += c / (i2 * j2);
      acc[5] += (c * i2) / j2;
      acc[6] += (c * j2) / i2;
      acc[7] += c * i2 * j2;
      acc[8] += c * i;
      acc[9] += c * j;
    }
  }
  const mui = acc[8] / ns;
  const muj = acc[9] / ns;
  let glVar = 0;
  let jVar = 0;
  for (let a = 0; a < ng; a++) glVar += (ri[a] / ns) * (a + 1 - mui) ** 2;
  for (let b = 0; b < nj; b++) jVar += (rj[b] / ns) * (b + 1 - muj) ** 2;
  for (let k = 0; k < P.length; k++) {
    if (P[k] === 0) continue;
    const p = P[k] / ns;
    entr -= p * Math.log2(p);
  }
  const sq = (v: Float64Array) => v.reduce((t, x) => t + x * x, 0);
  const values = [
    acc[0] / ns,
    acc[1] / ns,
    acc[2] / ns,
    acc[3] / ns,
    acc[4] / ns,
    acc[5] / ns,
    acc[6] / ns,
    acc[7] / ns,
    sq(ri) / ns,
    sq(ri) / (ns * ns),
    sq(rj) / ns,
    sq(rj) / (ns * ns),
    ns / nv,
    glVar,
    jVar,
    entr,
  ];
  return new Map(names.map((n, k) => [n, values[k]]));
}

const RLM_NAMES = ["sre", "lre", "lgre", "hgre", "srlge", "srhge", "lrlge", "lrhge", "glnu", "glnu_norm", "rlnu", "rlnu_norm", "r_perc", "gl_var", "rl_var", "rl_entr"];
const SZM_NAMES = ["sze", "lze", "lgze", "hgze", "szlge", "szhge", "lzlge", "lzhge", "glnu", "glnu_norm", "zsnu", "zsnu_norm", "z_perc", "gl_var", "zs_var", "zs_entr"];
const DZM_NAMES = ["sde", "lde", "lgze", "hgze", "sdlge", "sdhge", "ldlge", "ldhge", "glnu", "glnu_norm", "zdnu", "zdnu_norm", "z_perc", "gl_var", "zd_var", "zd_entr"];
const NGL_NAMES = ["lde", "hde", "lgce", "hgce", "ldlge", "ldhge", "hdlge", "hdhge", "glnu", "glnu_norm", "dcnu", "dcnu_norm", "dc_perc", "gl_var", "dc_var", "dc_entr"];

/** IBSI NGTDM features from n_i and s_i (levels with n_i > 0). */
export function ngtFeatures(n: Float64Array, s: Float64Array): Map<string, number> {
  const nv = sum(n);
  const lv: number[] = [];
  const p: number[] = [];
  const si: number[] = [];
  n.forEach((c, k) => {
    if (c > 0) lv.push(k + 1), p.push(c / nv), si.push(s[k]);
  });
  const ngp = lv.length;
  let ps = 0;
  let ssum = 0;
  let c1 = 0;
  let bden = 0;
  let cx = 0;
  let st = 0;
  for (let a = 0; a < ngp; a++) {
    ps += p[a] * si[a];
    ssum += si[a];
    for (let b = 0; b < ngp; b++) {
      c1 += p[a] * p[b] * (lv[a] - lv[b]) ** 2;
      bden += Math.abs(lv[a] * p[a] - lv[b] * p[b]);
      cx += (Math.abs(lv[a] - lv[b]) * (p[a] * si[a] + p[b] * si[b])) / (p[a] + p[b]);
      st += (p[a] + p[b]) * (lv[a] - lv[b]) ** 2;
    }
  }
  return new Map([
    ["coarseness", ps === 0 ? 1e6 : 1 / ps],
    ["contrast", ngp <= 1 ? 0 : (c1 / (ngp * (ngp - 1))) * (ssum / nv)],
    ["busyness", bden === 0 ? 0 : ps / bden],
    ["complexity", cx / nv],
    ["strength", ssum === 0 ? 0 : st / ssum],
  ]);
}

/** Axial slices holding ROI voxels. */
function roiSlices(g: LevelGrid): number[] {
  const [nx, ny, nz] = g.size;
  const out: number[] = [];
  for (let z = 0; z < nz; z++) {
    let any = false;
    for (let i = nx * ny * z; i < nx * ny * (z + 1) && !any; i++) any = g.mask[i] === 1;
    if (any) out.push(z);
  }
  return out;
}

function meanMaps(maps: Map<string, number>[]): Map<string, number> {
  const out = new Map<string, number>();
  const valid = maps.filter((m) => [...m.values()].every((v) => Number.isFinite(v)));
  const use = valid.length > 0 ? valid : maps;
  for (const k of use[0]?.keys() ?? []) out.set(k, use.reduce((s, m) => s + m.get(k)!, 0) / use.length);
  return out;
}

function prefixed(prefix: string, suffix: string, m: Map<string, number>, out: Map<string, number>): void {
  for (const [k, v] of m) out.set(`${prefix}_${k}_${suffix}`, v);
}

/** Counts of ROI voxels (optionally in one slice). */
function voxelCount(g: LevelGrid, slice: number | null): number {
  return roiVoxels(g, slice).length;
}

/** All IBSI texture features of a discretised ROI, keyed by IBSI tag (cm_joint_max_3D_avg, szm_sze_2D, …). */
export function ibsiTextureFeatures(g: LevelGrid): Map<string, number> {
  const out = new Map<string, number>();
  const ng = g.ng;
  const slices = roiSlices(g);
  const nv = voxelCount(g, null);
  const lmax = Math.max(...g.size);
  const blank = (len: number) => new Float64Array(len);

  // Co-occurrence and run length: per direction / slice, averaged or merged.
  for (const [fam, counts, feats, len] of [
    ["cm", cmCounts, (P: Float64Array) => cmFeatures(P, ng), ng * ng],
    ["rlm", rlmCounts, null, ng * lmax],
  ] as const) {
    const f = (P: Float64Array, nvox: number) => (feats ? feats(P) : matrixFeatures(P, ng, nvox, RLM_NAMES));
    const m3 = DIRECTIONS_3D.map((d) => counts(g, d, null));
    prefixed(fam, "3D_avg", meanMaps(m3.map((m) => f(m, nv))), out);
    prefixed(fam, "3D_comb", f(m3.reduce(addInto, blank(len)), nv * m3.length), out);
    const perSlice = slices.map((z) => DIRECTIONS_2D.map((d) => counts(g, d, z)));
    const nvSlice = slices.map((z) => voxelCount(g, z));
    prefixed(fam, "2D_avg", meanMaps(perSlice.flatMap((ms, k) => ms.filter((m) => sum(m) > 0).map((m) => f(m, nvSlice[k])))), out);
    prefixed(fam, "2D_comb", meanMaps(perSlice.map((ms, k) => f(ms.reduce(addInto, blank(len)), nvSlice[k] * ms.length))), out);
    const perDir = DIRECTIONS_2D.map((_d, a) => perSlice.reduce((acc, ms) => addInto(acc, ms[a]), blank(len)));
    prefixed(fam, "2_5D_avg", meanMaps(perDir.map((m) => f(m, nv))), out);
    prefixed(fam, "2_5D_comb", f(perDir.reduce(addInto, blank(len)), nv * perDir.length), out);
  }

  // Zone, neighbourhood-difference and dependence matrices: 2D averaged, 2.5D merged, 3D.
  const zoneSets = { "3D": zones(g, null), slices: slices.map((z) => zones(g, z)) };
  for (const [fam, key, names] of [["szm", "size", SZM_NAMES], ["dzm", "distance", DZM_NAMES]] as const) {
    let jmax = 1;
    for (const z of [zoneSets["3D"], ...zoneSets.slices].flat()) if (z[key] > jmax) jmax = z[key];
    prefixed(fam, "3D", matrixFeatures(zoneMatrix(zoneSets["3D"], ng, key, jmax), ng, nv, names), out);
    const per = zoneSets.slices.map((zs) => zoneMatrix(zs, ng, key, jmax));
    prefixed(fam, "2D", meanMaps(per.map((m, k) => matrixFeatures(m, ng, voxelCount(g, slices[k]), names))), out);
    prefixed(fam, "2_5D", matrixFeatures(per.reduce(addInto, blank(ng * jmax)), ng, nv, names), out);
  }
  const ngt3 = ngtCounts(g, null);
  prefixed("ngt", "3D", ngtFeatures(ngt3.n, ngt3.s), out);
  const ngtS = slices.map((z) => ngtCounts(g, z));
  prefixed("ngt", "2D", meanMaps(ngtS.map((c) => ngtFeatures(c.n, c.s))), out);
  prefixed("ngt", "2_5D", ngtFeatures(ngtS.reduce((a, c) => addInto(a, c.n), blank(ng)), ngtS.reduce((a, c) => addInto(a, c.s), blank(ng))), out);
  const ngl = (m: Float64Array, nvox: number) => {
    const f = matrixFeatures(m, ng, nvox, NGL_NAMES);
    const tot = sum(m);
    f.set("dc_energy", m.reduce((s, v) => s + (v / tot) ** 2, 0));
    return f;
  };
  const ngl3 = nglCounts(g, null);
  prefixed("ngl", "3D", ngl(ngl3.m, nv), out);
  const nglS = slices.map((z) => nglCounts(g, z));
  prefixed("ngl", "2D", meanMaps(nglS.map((c, k) => ngl(c.m, voxelCount(g, slices[k])))), out);
  prefixed("ngl", "2_5D", ngl(nglS.reduce((a, c) => addInto(a, c.m), blank(nglS[0].m.length)), nv), out);
  return out;
}
