/**
 * Synthetic 3-phase DCE-MRI-like volumes (pre-contrast S0, early post-contrast S1, late S2) of
 * breast-like background with one lesion, on an LPS grid (Image3D contract, axial, identity
 * direction). Signal model (arbitrary units, fat-suppressed T1-like):
 *
 *   background  S0 = 110 + 230·F,  S1 = S0·(1 + 0.10·F),  S2 = S0·(1 + 0.18·F)
 *               F = logistic(2.5·(G + 0.3)) fibroglandular fraction, G a smooth field (σ 4,4,1.5 vox,
 *               generated at half in-plane resolution and interpolated);
 *               mild progressive background parenchymal enhancement.
 *   lesion      S0 = 300·(1 + 0.04·Tpre),
 *               E(x) = max(0, washIn·(1 + heterogeneity·Tenh(x)))   (fractional early enhancement)
 *               S1 = S0·(1 + E),   S2 = S0·(1 + E/SER)              (so (S1−S0)/(S2−S0) = SER)
 *               Tpre, Tenh smooth fields (σ 1.2,1.2,0.6 vox) on the lesion's box — the internal texture.
 *   voxel       (1 − w)·background + w·lesion + N(0, noiseSd²) per phase, rounded to int16,
 *               w the partial-volume weight of the lesion (lesion.ts).
 *
 * washIn, SER, heterogeneity, irregularity and diameter are the patient's imaging latent
 * variables (see paper-cohort.ts): they carry the outcome signal into the images.
 */
import type { Image3D, Mask3D, Vec3 } from "../image/types.js";
import { Rng } from "../stats/rng.js";
import { smoothField, smoothFieldHalfXY } from "./fields.js";
import { drawLesionShape, rasterizeLesion, type LesionShape } from "./lesion.js";
import { fillStandardNormal, logistic, patientSeed } from "./random.js";

/** Grid and noise of the simulated images. */
export interface SimImageOptions {
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  /** SD of the additive Gaussian noise per phase (signal units). */
  noiseSd: number;
}

/**
 * Default grid: 64×64×24 voxels of 0.7×0.7×2 mm (44.8×44.8×48 mm, a typical breast DCE voxel),
 * axial, origin placing the volume in the patient's left breast (LPS: +x left, −y anterior).
 */
export const DEFAULT_IMAGE_OPTIONS: SimImageOptions = {
  size: [64, 64, 24],
  spacing: [0.7, 0.7, 2],
  origin: [40, -120, -23],
  noiseSd: 6,
};

/** The imaging latent values that drive one patient's lesion (all documented in paper-cohort.ts). */
export interface LesionParameters {
  /** Equivalent-sphere diameter of the base ellipsoid, mm. */
  diameterMm: number;
  /** Mean fractional early enhancement (S1 − S0)/S0 inside the lesion. */
  washIn: number;
  /** Signal enhancement ratio (S1 − S0)/(S2 − S0); > 1 washout, < 1 persistent. */
  ser: number;
  /** Relative SD of the enhancement field inside the lesion. */
  heterogeneity: number;
  /** Amplitude of the boundary lobulation. */
  irregularity: number;
}

/** One patient's images: the three phases, the early subtraction S1 − S0, and the lesion mask. */
export interface SimPatientImages {
  phases: [Image3D<Int16Array>, Image3D<Int16Array>, Image3D<Int16Array>];
  sub1: Image3D<Int16Array>;
  mask: Mask3D;
  shape: LesionShape;
  /** Number of mask voxels. */
  lesionVoxels: number;
}

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** An Image3D on the options' grid with the given voxels. */
function onGrid<T extends Image3D["data"]>(data: T, o: SimImageOptions): Image3D<T> {
  return { data, size: [...o.size], spacing: [...o.spacing], origin: [...o.origin], direction: [...IDENTITY] };
}

/** Rounds to the nearest integer and clamps to the int16 range. */
function toInt16(v: number): number {
  const r = Math.round(v);
  return r < -32768 ? -32768 : r > 32767 ? 32767 : r;
}

/**
 * Renders one patient's DCE phases, subtraction and mask from the lesion parameters, using only
 * `rng` (the patient's own stream): lesion shape, then fields G, Tpre, Tenh, then the noise of
 * S0, S1, S2 — a fixed order, so the same seed gives the same voxels.
 */
export function renderPatientImages(rng: Rng, lesion: LesionParameters, o: SimImageOptions = DEFAULT_IMAGE_OPTIONS): SimPatientImages {
  const n = o.size[0] * o.size[1] * o.size[2];
  const shape = drawLesionShape(rng, lesion.diameterMm, lesion.irregularity, o.size, o.spacing);
  const raster = rasterizeLesion(shape, o.size, o.spacing);
  const g = smoothFieldHalfXY(rng, o.size, [4, 4, 1.5]);
  // Lesion texture fields live on the lesion's box only (standardised there).
  const lo = raster.lower;
  const box = [0, 1, 2].map((a) => raster.upper[a] - lo[a] + 1);
  const tPre = smoothField(rng, box, [1.2, 1.2, 0.6]);
  const tEnh = smoothField(rng, box, [1.2, 1.2, 0.6]);
  const s0 = new Int16Array(n);
  const s1 = new Int16Array(n);
  const s2 = new Int16Array(n);
  const noise = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  for (const a of noise) fillStandardNormal(rng, a);
  const w = raster.weight;
  const [nx, ny, nz] = o.size;
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        const f = logistic(2.5 * (g[i] + 0.3));
        const b0 = 110 + 230 * f;
        let v0 = b0;
        let v1 = b0 * (1 + 0.1 * f);
        let v2 = b0 * (1 + 0.18 * f);
        const wi = w[i];
        if (wi > 0) {
          const j = x - lo[0] + box[0] * (y - lo[1] + box[1] * (z - lo[2]));
          const l0 = 300 * (1 + 0.04 * tPre[j]);
          const e = Math.max(0, lesion.washIn * (1 + lesion.heterogeneity * tEnh[j]));
          v0 = (1 - wi) * v0 + wi * l0;
          v1 = (1 - wi) * v1 + wi * l0 * (1 + e);
          v2 = (1 - wi) * v2 + wi * l0 * (1 + e / lesion.ser);
        }
        s0[i] = toInt16(v0 + o.noiseSd * noise[0][i]);
        s1[i] = toInt16(v1 + o.noiseSd * noise[1][i]);
        s2[i] = toInt16(v2 + o.noiseSd * noise[2][i]);
      }
    }
  }
  const sub = new Int16Array(n);
  for (let i = 0; i < n; i++) sub[i] = s1[i] - s0[i];
  return {
    phases: [onGrid(s0, o), onGrid(s1, o), onGrid(s2, o)],
    sub1: onGrid(sub, o),
    mask: onGrid(raster.mask, o),
    shape,
    lesionVoxels: raster.voxels,
  };
}

/** Patient `index`'s images from its own stream Rng(patientSeed(cohortSeed, index)). */
export function renderPatientFromSeed(cohortSeed: number, index: number, lesion: LesionParameters, o: SimImageOptions): SimPatientImages {
  return renderPatientImages(new Rng(patientSeed(cohortSeed, index)), lesion, o);
}
