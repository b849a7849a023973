/**
 * Notebook 04 ("reliability"): robustness of radiomics features to segmentation variability. Each tumour
 * mask is perturbed (erosion, dilation, in-plane shift by one voxel), the features are re-extracted, and the
 * intraclass correlation across the mask versions says which features a slightly different contour leaves
 * ranked the same way across patients.
 *
 * Morphology uses the in-plane 4-neighbourhood (a 3×3 cross on each slice): the STS voxels are ≈1×1×3.3 mm,
 * so a through-plane step would change the tumour by a whole thick slice; radiomics ICC studies perturb
 * in-plane contours the same way (a reader redraws the outline slice by slice).
 */
import { existsSync, renameSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import type { Mask3D, Vec3 } from "../image/types.js";
import { writeImage } from "../io/write.js";
import { icc, type IccModel, type IccType } from "../stats/icc.js";

const copyGeometry = (m: Mask3D, data: Uint8Array): Mask3D => ({
  data,
  size: [...m.size] as Vec3,
  spacing: [...m.spacing] as Vec3,
  origin: [...m.origin] as Vec3,
  direction: [...m.direction],
});

function checkMask(m: Mask3D, what: string): void {
  const [nx, ny, nz] = m.size;
  if (m.data.length !== nx * ny * nz) throw new InputError(`${what}: mask has ${m.data.length} voxels for size ${m.size.join("×")}`);
}

/**
 * In-plane erosion by one voxel: a voxel stays inside iff it and its 4 in-plane neighbours (x ± 1, y ± 1)
 * are inside. Voxels on the image border count their missing neighbours as outside.
 */
export function erodeInPlane(mask: Mask3D): Mask3D {
  checkMask(mask, "erodeInPlane");
  const [nx, ny, nz] = mask.size;
  const m = mask.data;
  const out = new Uint8Array(m.length);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const row = nx * (y + ny * z);
      for (let x = 0; x < nx; x++) {
        const i = row + x;
        if (!m[i]) continue;
        const keep = x > 0 && m[i - 1] && x < nx - 1 && m[i + 1] && y > 0 && m[i - nx] && y < ny - 1 && m[i + nx];
        if (keep) out[i] = 1;
      }
    }
  }
  return copyGeometry(mask, out);
}

/** In-plane dilation by one voxel: a voxel is inside iff it or one of its 4 in-plane neighbours is inside. */
export function dilateInPlane(mask: Mask3D): Mask3D {
  checkMask(mask, "dilateInPlane");
  const [nx, ny, nz] = mask.size;
  const m = mask.data;
  const out = new Uint8Array(m.length);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const row = nx * (y + ny * z);
      for (let x = 0; x < nx; x++) {
        const i = row + x;
        if (!m[i]) continue;
        out[i] = 1;
        if (x > 0) out[i - 1] = 1;
        if (x < nx - 1) out[i + 1] = 1;
        if (y > 0) out[i - nx] = 1;
        if (y < ny - 1) out[i + nx] = 1;
      }
    }
  }
  return copyGeometry(mask, out);
}

/**
 * Translation by (dx, dy) voxels in-plane: out[x, y, z] = mask[x − dx, y − dy, z]; what moves past the
 * border is lost, what enters is outside.
 */
export function shiftInPlane(mask: Mask3D, dx: number, dy: number): Mask3D {
  checkMask(mask, "shiftInPlane");
  if (!Number.isInteger(dx) || !Number.isInteger(dy)) throw new InputError(`shiftInPlane: shift (${dx}, ${dy}) must be whole voxels`);
  const [nx, ny, nz] = mask.size;
  const m = mask.data;
  const out = new Uint8Array(m.length);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const ys = y - dy;
      if (ys < 0 || ys >= ny) continue;
      for (let x = 0; x < nx; x++) {
        const xs = x - dx;
        if (xs < 0 || xs >= nx) continue;
        out[x + nx * (y + ny * z)] = m[xs + nx * (ys + ny * z)]!;
      }
    }
  }
  return copyGeometry(mask, out);
}

/** The mask versions compared: the expert mask and its three one-voxel perturbations. */
export const PERTURBATIONS = ["original", "eroded", "dilated", "shifted"] as const;
export type Perturbation = (typeof PERTURBATIONS)[number];

/** Mask version by name (shift: +1 voxel along x, i.e. one column). */
export function perturbMask(mask: Mask3D, kind: Perturbation): Mask3D {
  switch (kind) {
    case "original":
      return mask;
    case "eroded":
      return erodeInPlane(mask);
    case "dilated":
      return dilateInPlane(mask);
    case "shifted":
      return shiftInPlane(mask, 1, 0);
  }
}

/** Mask voxels; used to report how much each perturbation changes the ROI. */
export function maskVoxels(mask: Mask3D): number {
  let c = 0;
  for (let i = 0; i < mask.data.length; i++) c += mask.data[i]!;
  return c;
}

export interface FeatureIcc {
  feature: string;
  imageType: string;
  featureClass: string;
  icc: number;
  lower: number;
  upper: number;
  robust: boolean;
}

/** Splits `<imageType>_<class>_<feature>` (PyRadiomics column names). */
export function splitFeatureName(name: string): { imageType: string; featureClass: string; feature: string } {
  const parts = name.split("_");
  if (parts.length < 3) throw new InputError(`feature name '${name}' is not <imageType>_<class>_<feature>`);
  return { imageType: parts[0]!, featureClass: parts[1]!, feature: parts.slice(2).join("_") };
}

/**
 * ICC per feature across mask versions: `values[f][i][k]` = feature f of patient i on mask version k.
 * irr::icc with the given model/type, single rater; robust when ICC ≥ threshold. A feature constant across
 * patients and versions has no between-patient variance (ICC undefined): reported as NaN, not robust.
 */
export function featureIccs(
  names: string[],
  values: number[][][],
  opts: { model?: IccModel; type?: IccType; threshold?: number } = {},
): FeatureIcc[] {
  const threshold = opts.threshold ?? 0.75;
  if (names.length !== values.length) throw new InputError(`featureIccs: ${names.length} names for ${values.length} features`);
  return names.map((name, f) => {
    const r = icc(values[f]!, opts.model ?? "twoway", opts.type ?? "consistency", "single");
    const value = Number.isFinite(r.value) ? r.value : NaN;
    const { imageType, featureClass } = splitFeatureName(name);
    return { feature: name, imageType, featureClass, icc: value, lower: r.lower, upper: r.upper, robust: value >= threshold };
  });
}

/** Kept/dropped counts per image type and class, with the median ICC. */
export function iccSummary(rows: FeatureIcc[]): { image_type: string; feature_class: string; features: number; robust: number; dropped: number; median_icc: number }[] {
  const groups = new Map<string, FeatureIcc[]>();
  for (const r of rows) {
    const key = `${r.imageType}\u0000${r.featureClass}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.entries()].map(([key, rs]) => {
    const [imageType, featureClass] = key.split("\u0000") as [string, string];
    const sorted = rs.map((r) => r.icc).filter(Number.isFinite).sort((a, b) => a - b);
    const mid = sorted.length / 2;
    const median = sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    const robust = rs.filter((r) => r.robust).length;
    return { image_type: imageType, feature_class: featureClass, features: rs.length, robust, dropped: rs.length - robust, median_icc: median };
  });
}

/**
 * Writes the four mask versions of a tumour mask (label 1 selected) as NIfTI files in `dir` and returns
 * batch records {Image, Mask, patient_id, version}. Existing files are kept: `dir` must be keyed by the
 * source mask's content (e.g. its SHA-256), so a file there is always the same mask.
 */
export async function writeMaskVersions(
  patientId: string,
  imagePath: string,
  mask: Mask3D,
  dir: string,
): Promise<{ Image: string; Mask: string; patient_id: string; version: Perturbation; voxels: number }[]> {
  const out = [];
  for (const version of PERTURBATIONS) {
    const m = perturbMask(mask, version);
    const path = join(dir, `${version}.nii.gz`);
    if (!existsSync(path)) {
      // write then rename: an interrupted run never leaves a partial file under the final name
      const tmp = join(dir, `${version}.partial-${process.pid}.nii.gz`);
      await writeImage(m, tmp);
      renameSync(tmp, path);
    }
    out.push({ Image: imagePath, Mask: path, patient_id: patientId, version, voxels: maskVoxels(m) });
  }
  return out;
}
