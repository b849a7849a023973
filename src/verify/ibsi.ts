import { existsSync, readFileSync } from "node:fs";
import { InputError } from "../errors.js";
import { histogramFeatures, ivhFeatures, localIntensityFeatures, statFeatures } from "../features/ibsi/intensity.js";
import { morphologyFeatures } from "../features/ibsi/morphology.js";
import { ibsiTextureFeatures } from "../features/ibsi/texture.js";
import { discretize } from "../image/discretize.js";
import { boundingBox, cropToBox, selectLabel } from "../image/mask.js";
import { resampleToGrid, type Grid } from "../image/resample.js";
import type { Image3D, Mask3D } from "../image/types.js";
import { readImage } from "../io/read.js";
import { parseCsv } from "./pyradiomics.js";

/**
 * IBSI-1 image processing configurations (reference manual, Table 5.1) implemented here: the digital phantom
 * (no processing), CT configuration A (2D, no interpolation, re-segmentation to [−500, 400] HU, fixed bin
 * size 25 HU from −500) and B (2 mm in-plane bilinear interpolation, rounding to integer HU, mask ≥ 0.5,
 * same re-segmentation, 32 fixed bins).
 */
export interface IbsiConfig {
  name: string;
  resegment?: [number, number];
  /** Fixed bin size discretisation (bin width, lower bound); absent = the image already holds levels 1…Ng. */
  fbs?: { width: number; minimum: number };
  /** Fixed bin number discretisation (number of bins over the ROI range). */
  fbn?: number;
  /**
   * IBSI interpolation: target spacing per axis (null = unchanged) on a grid centred on the original one,
   * (bi/tri)linear for image and mask; intensities rounded to integers, mask thresholded at 0.5.
   */
  interpolate?: { spacing: [number | null, number | null, number | null] };
  /** IVH on raw intensities over [lo, hi] in steps (CT: 1 HU); absent = on the levels 1…Ng. */
  ivh?: { lo: number; hi: number; step: number };
}

export const IBSI_CONFIGS: Record<string, IbsiConfig> = {
  digital: { name: "digital phantom" },
  A: { name: "configuration A", resegment: [-500, 400], fbs: { width: 25, minimum: -500 }, ivh: { lo: -500, hi: 400, step: 1 } },
  B: {
    name: "configuration B",
    interpolate: { spacing: [2, 2, null] },
    resegment: [-500, 400],
    fbn: 32,
    ivh: { lo: -500, hi: 400, step: 1 },
  },
};

/** Configurations of the IBSI manual that need interpolation (not implemented). */
export const IBSI_CONFIGS_NOT_IMPLEMENTED: Record<string, string> = {
  C: "needs IBSI trilinear interpolation to 2 mm isotropic",
  D: "needs IBSI trilinear interpolation to 2 mm isotropic",
  E: "needs IBSI tricubic interpolation to 2 mm isotropic",
};

export interface IbsiReferenceRow {
  family: string;
  feature: string;
  tag: string;
  reference: number | null;
  tolerance: number;
}

/** Reads an IBSI reference-values CSV (columns family, feature, reference value, tolerance, tag). */
export function readIbsiReference(path: string): IbsiReferenceRow[] {
  if (!existsSync(path)) throw new InputError(`IBSI reference file not found: ${path}`);
  const rows = parseCsv(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  const h = rows[0];
  const col = (name: string) => {
    const k = h.indexOf(name);
    if (k < 0) throw new InputError(`${path}: column '${name}' missing (found ${h.join(", ")})`);
    return k;
  };
  const [cf, cn, cr, ct, cg] = [col("family"), col("feature"), col("reference value"), col("tolerance"), col("tag")];
  return rows.slice(1).filter((r) => r.length > cg).map((r) => ({
    family: r[cf],
    feature: r[cn],
    tag: r[cg],
    reference: r[cr] === "" ? null : Number(r[cr]),
    tolerance: r[ct] === "" ? 0 : Number(r[ct]),
  }));
}

/**
 * Accepted deviation: the IBSI tolerance, but at least half a unit of the 3rd significant digit, since
 * IBSI publishes values rounded to 3 significant digits (the digital phantom lists tolerance 0).
 */
export function ibsiTolerance(reference: number, tolerance: number): number {
  const rounding = reference === 0 ? 5e-4 : 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(reference))) - 2);
  return Math.max(tolerance, rounding);
}

function roiValues(image: Image3D, mask: Mask3D): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) out.push(image.data[i]);
  return Float64Array.from(out);
}

/** Bounding-box size (x, y, z) of a mask; zeros when empty. */
function bboxSize(mask: Mask3D): number[] {
  const { lower, upper } = boundingBox(mask);
  return [0, 1, 2].map((a) => upper[a] - lower[a]);
}

/**
 * IBSI diagnostic tags of the processing steps: image and voxel dimensions, intensity mean/min/max of the
 * image and of the intensity mask, mask and bounding-box dimensions, voxel counts. Without interpolation
 * the 'interp' stage equals the initial one; 'reseg' reflects the re-segmented intensity mask.
 */
export function ibsiDiagnostics(initImage: Image3D, initMask: Mask3D, image: Image3D, morphMask: Mask3D, intMask: Mask3D): Map<string, number> {
  const out = new Map<string, number>();
  const axes = ["x", "y", "z"];
  const imageStats = (stage: string, image: Image3D) => {
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < image.data.length; i++) {
      const v = image.data[i];
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    axes.forEach((a, k) => {
      out.set(`img_dim_${a}_${stage}_img`, image.size[k]);
      out.set(`vox_dim_${a}_${stage}_img`, image.spacing[k]);
    });
    out.set(`mean_int_${stage}_img`, sum / image.data.length);
    out.set(`min_int_${stage}_img`, min);
    out.set(`max_int_${stage}_img`, max);
  };
  const roiStats = (stage: string, image: Image3D, morphMask: Mask3D, ints: Mask3D) => {
    const ib = bboxSize(ints);
    const mb = bboxSize(morphMask);
    let n = 0;
    let nm = 0;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < ints.data.length; i++) {
      if (morphMask.data[i]) nm++;
      if (!ints.data[i]) continue;
      const v = image.data[i];
      n++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    axes.forEach((a, k) => {
      out.set(`int_mask_dim_${a}_${stage}_roi`, ints.size[k]);
      out.set(`int_mask_bb_dim_${a}_${stage}_roi`, ib[k]);
      out.set(`morph_mask_bb_dim_${a}_${stage}_roi`, mb[k]);
    });
    out.set(`int_mask_vox_count_${stage}_roi`, n);
    out.set(`morph_mask_vox_count_${stage}_roi`, nm);
    out.set(`int_mask_mean_int_${stage}_roi`, sum / n);
    out.set(`int_mask_min_int_${stage}_roi`, min);
    out.set(`int_mask_max_int_${stage}_roi`, max);
  };
  imageStats("init", initImage);
  imageStats("interp", image);
  roiStats("init", initImage, initMask, initMask);
  roiStats("interp", image, morphMask, morphMask);
  roiStats("reseg", image, morphMask, intMask);
  return out;
}

/**
 * IBSI grid for interpolation: per axis n' = ⌈n·s/s'⌉, centred on the original grid
 * (origin' = origin + D·((s(n − 1) − s'(n' − 1))/2)).
 */
export function ibsiGrid(image: Image3D, spacing: (number | null)[]): Grid {
  const sp = image.spacing.map((s, a) => spacing[a] ?? s);
  const size = image.size.map((n, a) => (spacing[a] == null ? n : Math.ceil((n * image.spacing[a]) / sp[a])));
  const shift = [0, 1, 2].map((a) => (image.spacing[a] * (image.size[a] - 1) - sp[a] * (size[a] - 1)) / 2);
  const origin = [0, 1, 2].map((i) => image.origin[i] + [0, 1, 2].reduce((t, a) => t + image.direction[3 * i + a] * shift[a], 0));
  return { size: size as Grid["size"], spacing: sp as Grid["spacing"], origin: origin as Grid["origin"], direction: [...image.direction] };
}

/** Interpolates image (rounded to integers) and ROI (linear, ≥ 0.5) onto the IBSI grid. */
function interpolateCase(image: Image3D, roi: Mask3D, spacing: (number | null)[]): { image: Image3D; roi: Mask3D } {
  const grid = ibsiGrid(image, spacing);
  const img = resampleToGrid(image, grid, "sitkLinear", true);
  const data = Float64Array.from(img.data as ArrayLike<number>, (v) => Math.round(v));
  const m = resampleToGrid(roi, grid, "sitkLinear", true);
  const mask = Uint8Array.from(m.data as ArrayLike<number>, (v) => (v >= 0.5 ? 1 : 0));
  return { image: { ...img, data }, roi: { ...m, data: mask } };
}

/** Every IBSI feature this project computes for one image + mask under a configuration, keyed by IBSI tag. */
export function ibsiFeatures(originalImage: Image3D, labelImage: Image3D, config: IbsiConfig): Map<string, number> {
  const initialMask = selectLabel(labelImage, 1);
  const interpolated = config.interpolate ? interpolateCase(originalImage, initialMask, config.interpolate.spacing) : null;
  const image = interpolated?.image ?? originalImage;
  const morphMask = interpolated?.roi ?? initialMask;
  const box = boundingBox(morphMask);
  const img = cropToBox(image, box);
  const morph = cropToBox(morphMask, box);
  const intMask: Mask3D = { ...morph, data: Uint8Array.from(morph.data) };
  if (config.resegment) {
    const [lo, hi] = config.resegment;
    for (let i = 0; i < intMask.data.length; i++) if (intMask.data[i] && !(img.data[i] >= lo && img.data[i] <= hi)) intMask.data[i] = 0;
  }
  let levels: Int32Array;
  if (config.fbs) {
    levels = discretize(img.data, intMask.data, { binWidth: config.fbs.width, binMinimum: config.fbs.minimum }).bins;
  } else if (config.fbn) {
    levels = discretize(img.data, intMask.data, { binCount: config.fbn }).bins;
  } else {
    levels = Int32Array.from(img.data as ArrayLike<number>);
  }
  let ng = 0;
  for (let i = 0; i < levels.length; i++) if (intMask.data[i] && levels[i] > ng) ng = levels[i];
  if (config.fbs && config.resegment) ng = Math.ceil((config.resegment[1] - config.fbs.minimum) / config.fbs.width);
  if (config.fbn) ng = config.fbn;
  const values = roiValues(img, intMask);
  const levelValues = Float64Array.from(roiValues({ ...img, data: Float64Array.from(levels) }, intMask));
  const ivh = config.ivh ? ivhFeatures(values, config.ivh.lo, config.ivh.hi, config.ivh.step) : ivhFeatures(levelValues, 1, ng);
  const fullInt = cropMaskBack(intMask, box, image);
  return new Map<string, number>([
    ...ibsiDiagnostics(originalImage, initialMask, image, morphMask, { ...morphMask, data: fullInt }),
    ...morphologyFeatures(morph, img.data, intMask.data),
    ...localIntensityFeatures(image.data, fullInt, image.size, image.spacing),
    ...statFeatures(values),
    ...histogramFeatures(levelValues, ng),
    ...ivh,
    ...ibsiTextureFeatures({ size: img.size, levels, mask: intMask.data, ng, distanceMask: morph.data }),
  ]);
}

/** Places a cropped mask back on the full grid (local intensity spheres reach beyond the ROI box). */
function cropMaskBack(mask: Mask3D, box: { lower: number[] }, full: Image3D): Uint8Array {
  const out = new Uint8Array(full.data.length);
  const [nx, ny, nz] = mask.size;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        if (!mask.data[x + nx * (y + ny * z)]) continue;
        out[x + box.lower[0] + full.size[0] * (y + box.lower[1] + full.size[1] * (z + box.lower[2]))] = 1;
      }
    }
  }
  return out;
}

export interface IbsiCheck extends IbsiReferenceRow {
  actual: number | null;
  status: "passed" | "failed" | "skipped";
  reason?: string;
}

export interface IbsiReport {
  config: string;
  rows: IbsiCheck[];
  passed: number;
  failed: number;
  skipped: number;
}

/** Compares every tag with a reference value; tags we do not compute are reported as skipped. */
export function compareIbsi(reference: IbsiReferenceRow[], actual: Map<string, number>, config: string): IbsiReport {
  const rows: IbsiCheck[] = reference.map((r) => {
    if (r.reference === null) return { ...r, actual: null, status: "skipped", reason: "no IBSI consensus value" };
    const got = actual.get(r.tag);
    if (got === undefined) return { ...r, actual: null, status: "skipped", reason: "not computed by tsradiomics" };
    const ok = Math.abs(got - r.reference) <= ibsiTolerance(r.reference, r.tolerance);
    return { ...r, actual: got, status: ok ? "passed" : "failed" };
  });
  const n = (s: string) => rows.filter((r) => r.status === s).length;
  return { config, rows, passed: n("passed"), failed: n("failed"), skipped: n("skipped") };
}

/** Reads the image and mask, computes the configuration's features and compares with the reference CSV. */
export async function verifyIbsi(opts: { reference: string; image: string; mask: string; config: string }): Promise<IbsiReport> {
  const config = IBSI_CONFIGS[opts.config];
  if (!config) {
    const why = IBSI_CONFIGS_NOT_IMPLEMENTED[opts.config];
    throw new InputError(
      why ? `IBSI configuration ${opts.config}: ${why} (implemented: ${Object.keys(IBSI_CONFIGS).join(", ")})` : `unknown IBSI configuration '${opts.config}' (use ${[...Object.keys(IBSI_CONFIGS), ...Object.keys(IBSI_CONFIGS_NOT_IMPLEMENTED)].join(", ")})`,
    );
  }
  const reference = readIbsiReference(opts.reference);
  const actual = ibsiFeatures(await readImage(opts.image), await readImage(opts.mask), config);
  return compareIbsi(reference, actual, config.name);
}

/** Family table (passed / failed / skipped), failures, and the last line `N passed, M failed`. */
export function formatIbsiReport(report: IbsiReport): string {
  const families = [...new Set(report.rows.map((r) => r.family))];
  const width = Math.max(...families.map((f) => f.length), 6);
  const lines = [`IBSI ${report.config}`, `${"family".padEnd(width)} passed failed skipped`];
  for (const f of families) {
    const rs = report.rows.filter((r) => r.family === f);
    const n = (s: string) => String(rs.filter((r) => r.status === s).length);
    lines.push(`${f.padEnd(width)} ${n("passed").padStart(6)} ${n("failed").padStart(6)} ${n("skipped").padStart(7)}`);
  }
  const failed = report.rows.filter((r) => r.status === "failed");
  if (failed.length > 0) {
    lines.push("", "failures:");
    for (const r of failed) lines.push(`  ${r.tag}: reference ${r.reference} ± ${ibsiTolerance(r.reference!, r.tolerance)}, got ${r.actual}`);
  }
  lines.push("", `${report.passed} passed, ${report.failed} failed`);
  return lines.join("\n");
}
