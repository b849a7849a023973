import { InputError } from "../errors.js";
import type { Image3D, Mask3D, Vec3 } from "./types.js";

/**
 * DCE-MRI helpers. S0 = pre-contrast, S1 = early post-contrast, S2 = late post-contrast signal,
 * all on one grid (phases of one dynamic series, see io/dicom.readDicomPhases).
 */

/** Throws InputError unless all images share size (the caller's phases come from one series). */
function sameGrid(names: string[], ...imgs: Image3D[]): void {
  const [a] = imgs;
  for (let k = 1; k < imgs.length; k++) {
    if (imgs[k]!.size.some((s, i) => s !== a!.size[i])) {
      throw new InputError(`DCE: ${names[k]} size (${imgs[k]!.size.join(", ")}) differs from ${names[0]} (${a!.size.join(", ")})`);
    }
  }
}

const withData = (like: Image3D, data: Float64Array): Image3D<Float64Array> => ({
  data,
  size: [...like.size] as Vec3,
  spacing: [...like.spacing] as Vec3,
  origin: [...like.origin] as Vec3,
  direction: [...like.direction],
});

/** Phase `index` (0 = pre-contrast) of a list of phases; InputError when out of range. */
export function selectPhase<T extends { image: Image3D }>(phases: T[], index: number): Image3D {
  if (!Number.isInteger(index) || index < 0 || index >= phases.length) {
    throw new InputError(`DCE: phase ${index} requested but the series has ${phases.length} phase(s) (0 … ${phases.length - 1})`);
  }
  return phases[index]!.image;
}

/** Subtraction image a − b (e.g. S1 − S0). */
export function subtract(a: Image3D, b: Image3D): Image3D<Float64Array> {
  sameGrid(["minuend", "subtrahend"], a, b);
  const out = new Float64Array(a.data.length);
  const x = a.data, y = b.data;
  for (let i = 0; i < out.length; i++) out[i] = x[i]! - y[i]!;
  return withData(a, out);
}

/**
 * Percent enhancement PE = 100 · (S1 − S0) / S0, computed as (100·(S1 − S0))/S0 so integer-valued
 * results are exact. Where S0 ≤ 0 (no baseline signal) PE is `zeroValue` (default 0).
 */
export function percentEnhancement(s0: Image3D, s1: Image3D, zeroValue = 0): Image3D<Float64Array> {
  sameGrid(["S0", "S1"], s0, s1);
  const out = new Float64Array(s0.data.length);
  const d0 = s0.data, d1 = s1.data;
  for (let i = 0; i < out.length; i++) {
    const b = d0[i]!;
    out[i] = b > 0 ? (100 * (d1[i]! - b)) / b : zeroValue;
  }
  return withData(s0, out);
}

/**
 * Signal enhancement ratio SER = (S1 − S0) / (S2 − S0). Where S2 = S0 (zero denominator) SER is
 * `zeroValue` (default 0); the sign of a negative denominator is kept (wash-in below baseline).
 */
export function signalEnhancementRatio(s0: Image3D, s1: Image3D, s2: Image3D, zeroValue = 0): Image3D<Float64Array> {
  sameGrid(["S0", "S1", "S2"], s0, s1, s2);
  const out = new Float64Array(s0.data.length);
  const d0 = s0.data, d1 = s1.data, d2 = s2.data;
  for (let i = 0; i < out.length; i++) {
    const den = d2[i]! - d0[i]!;
    out[i] = den !== 0 ? (d1[i]! - d0[i]!) / den : zeroValue;
  }
  return withData(s0, out);
}

/** Thresholds of enhancementMask. */
export interface EnhancementThresholds {
  /** Background threshold: keep voxels with S0 ≥ minS0 (default 0 = no background exclusion). */
  minS0?: number;
  /** Keep voxels with PE ≥ minPE percent (e.g. 70, the I-SPY functional-tumour-volume threshold). */
  minPE?: number;
  /** Keep voxels with SER ≥ minSER (needs S2). */
  minSER?: number;
  /**
   * Noise filter: keep a passing voxel only if at least this many of its 26 neighbours pass too
   * (one pass, neighbours counted before removal). 0 = off.
   */
  minNeighbors?: number;
}

/** Removes voxels with fewer than k set voxels among their 26 neighbours (counted on the input). */
export function removeSparseVoxels(mask: Mask3D, k: number): Mask3D {
  const [nx, ny, nz] = mask.size;
  const m = mask.data;
  const out = new Uint8Array(m.length);
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (!m[i]) continue;
        let c = 0;
        for (let dz = -1; dz <= 1; dz++) {
          const zz = z + dz;
          if (zz < 0 || zz >= nz) continue;
          for (let dy = -1; dy <= 1; dy++) {
            const yy = y + dy;
            if (yy < 0 || yy >= ny) continue;
            const row = nx * (yy + ny * zz);
            for (let dx = -1; dx <= 1; dx++) {
              const xx = x + dx;
              if (xx < 0 || xx >= nx || (dx === 0 && dy === 0 && dz === 0)) continue;
              c += m[row + xx]!;
            }
          }
        }
        if (c >= k) out[i] = 1;
      }
    }
  }
  return { ...mask, data: out, size: [...mask.size] as Vec3 };
}

/**
 * Mask of enhancing voxels inside `region`: region ∧ S0 ≥ minS0 ∧ PE ≥ minPE (∧ SER ≥ minSER),
 * then optionally the 26-neighbour noise filter. Voxels with S0 ≤ 0 never pass a PE threshold.
 */
export function enhancementMask(
  s0: Image3D,
  s1: Image3D,
  region: Mask3D | null,
  t: EnhancementThresholds,
  s2?: Image3D,
): Mask3D {
  sameGrid(["S0", "S1"], s0, s1);
  if (region) sameGrid(["S0", "region"], s0, region);
  if (t.minSER !== undefined && !s2) throw new InputError("DCE: a SER threshold needs the late phase S2");
  if (s2) sameGrid(["S0", "S2"], s0, s2);
  const out = new Uint8Array(s0.data.length);
  const minS0 = t.minS0 ?? 0;
  const d0 = s0.data, dd1 = s1.data, d2 = s2?.data, r = region?.data;
  for (let i = 0; i < out.length; i++) {
    if (r && !r[i]) continue;
    const b = d0[i]!;
    if (b < minS0) continue;
    const d1 = dd1[i]! - b;
    if (t.minPE !== undefined && !(b > 0 && (100 * d1) / b >= t.minPE)) continue;
    if (t.minSER !== undefined) {
      const den = d2![i]! - b;
      if (!(den !== 0 && d1 / den >= t.minSER)) continue;
    }
    out[i] = 1;
  }
  const mask: Mask3D = { ...withData(s0, new Float64Array(0)), data: out };
  return t.minNeighbors ? removeSparseVoxels(mask, t.minNeighbors) : mask;
}

/** Settings of dceMaps (defaults: the conventions found in the UCSF-BR-06 exam's own maps). */
export interface DceMapOptions {
  /** Background threshold on S0 (default 35). */
  minS0?: number;
  /** PE threshold (percent) for SER (default 70). */
  minPE?: number;
  /** Neighbour filter for the SER region (default 4 of 26). */
  minNeighbors?: number;
  /** SER cap (default 3). */
  maxSER?: number;
}

/**
 * PE and SER maps in the form the scanner software stored them for UCSF-BR-06 (docs/images.md):
 * PE = trunc(100·(S1 − S0)/S0) where S0 ≥ minS0, negatives 0, else 0;
 * SER = min((S1 − S0)/(S2 − S0), maxSER) on the enhancing region (S0 ≥ minS0, PE ≥ minPE, ≥ minNeighbors
 * passing neighbours), else 0. SER is returned unrounded (the exam stores it to 0.001).
 */
export function dceMaps(s0: Image3D, s1: Image3D, s2: Image3D, opts: DceMapOptions = {}): { pe: Image3D<Float64Array>; ser: Image3D<Float64Array>; region: Mask3D } {
  const minS0 = opts.minS0 ?? 35;
  const pe = percentEnhancement(s0, s1);
  const ser = signalEnhancementRatio(s0, s1, s2);
  const region = enhancementMask(s0, s1, null, { minS0, minPE: opts.minPE ?? 70, minNeighbors: opts.minNeighbors ?? 4 });
  const maxSER = opts.maxSER ?? 3;
  const d0 = s0.data, p = pe.data, r = ser.data, m = region.data;
  for (let i = 0; i < p.length; i++) {
    p[i] = d0[i]! >= minS0 ? Math.max(0, Math.trunc(p[i]!)) : 0;
    r[i] = m[i] && r[i]! > 0 ? Math.min(r[i]!, maxSER) : 0;
  }
  return { pe, ser, region };
}
