import { existsSync, readFileSync } from "node:fs";
import { InputError } from "../errors.js";
import { histogramFeatures, ivhFeatures, localIntensityFeatures, statFeatures } from "../features/ibsi/intensity.js";
import { morphologyFeatures } from "../features/ibsi/morphology.js";
import { ibsiTextureFeatures } from "../features/ibsi/texture.js";
import { discretize } from "../image/discretize.js";
import { boundingBox, cropToBox, selectLabel } from "../image/mask.js";
import { ibsiGrid, ibsiInterpolate } from "../image/ibsi-interpolation.js";
import { resegmentMask } from "../image/preprocess.js";
import { resampleToGrid } from "../image/resample.js";
import type { Image3D, Mask3D } from "../image/types.js";
import { readImage } from "../io/read.js";
import { parseCsv } from "./pyradiomics.js";

/**
 * IBSI-1 image processing configurations (reference manual, Table 5.1) implemented here: the digital phantom
 * (no processing) and the CT phantom configurations
 *   A: 2D, no interpolation, re-segmentation to [−500, 400] HU, fixed bin size 25 HU from −500;
 *   B: 2D, 2 mm in-plane bilinear interpolation, re-segmentation [−500, 400] HU, 32 fixed bins;
 *   C: 3D, 2 mm isotropic trilinear interpolation, re-segmentation [−1000, 400] HU, FBS 25 HU from −1000,
 *      IVH on bins of 2.5 HU from −1000;
 *   D: 3D, 2 mm isotropic trilinear, re-segmentation by outlier filtering only (μ ± 3σ), 32 fixed bins,
 *      IVH on the raw (rounded) intensities;
 *   E: 3D, 2 mm isotropic tricubic spline, re-segmentation [−1000, 400] HU and μ ± 3σ, 32 fixed bins,
 *      IVH on 1000 fixed bins.
 * All interpolating configurations round CT intensities to integers and interpolate the ROI (bi/tri)linearly,
 * keeping voxels with a partial volume ≥ 0.5. Texture families are computed in every aggregation; each
 * configuration's reference file lists the ones it defines (A/B: 2D and 2.5D, C–E: 3D).
 */
export interface IbsiConfig {
  name: string;
  resegment?: [number, number];
  /** Outlier re-segmentation: keep voxels within μ ± k·σ of the interpolated ROI (σ: population SD). */
  outlierSigma?: number;
  /** Fixed bin size discretisation (bin width, lower bound); absent = the image already holds levels 1…Ng. */
  fbs?: { width: number; minimum: number };
  /** Fixed bin number discretisation (number of bins over the ROI range). */
  fbn?: number;
  /**
   * IBSI interpolation: target spacing per axis (null = unchanged) on a grid centred on the original one,
   * image by `method`, ROI (bi/tri)linearly; intensities rounded to integers, ROI thresholded at 0.5.
   * "itk-linear": the project's ITK-exact linear resampler (B); "linear" / "cubic": scipy map_coordinates
   * order 1 / 3 with mode "nearest" as IBSI's reference implementation (C–E; `image/ibsi-interpolation.ts`).
   */
  interpolate?: { spacing: [number | null, number | null, number | null]; method: "itk-linear" | "linear" | "cubic" };
  /**
   * Intensity-volume histogram discretisation: "raw" = intensities in steps of `step` over [lo, hi]
   * (lo/hi absent: the re-segmented ROI's minimum / maximum); "fbs" = bins of `width` from `minimum`, each
   * voxel represented by its bin centre, over the re-segmentation range; "fbn" = `bins` fixed bins, levels
   * 1…bins. Absent = on the texture levels 1…Ng.
   */
  ivh?: { kind: "raw"; lo?: number; hi?: number; step: number } | { kind: "fbs"; width: number; minimum: number } | { kind: "fbn"; bins: number };
}

const CT_3D_2MM: IbsiConfig["interpolate"] = { spacing: [2, 2, 2], method: "linear" };

export const IBSI_CONFIGS: Record<string, IbsiConfig> = {
  digital: { name: "digital phantom" },
  A: { name: "configuration A", resegment: [-500, 400], fbs: { width: 25, minimum: -500 }, ivh: { kind: "raw", lo: -500, hi: 400, step: 1 } },
  B: {
    name: "configuration B",
    interpolate: { spacing: [2, 2, null], method: "itk-linear" },
    resegment: [-500, 400],
    fbn: 32,
    ivh: { kind: "raw", lo: -500, hi: 400, step: 1 },
  },
  C: {
    name: "configuration C",
    interpolate: CT_3D_2MM,
    resegment: [-1000, 400],
    fbs: { width: 25, minimum: -1000 },
    ivh: { kind: "fbs", width: 2.5, minimum: -1000 },
  },
  D: { name: "configuration D", interpolate: CT_3D_2MM, outlierSigma: 3, fbn: 32, ivh: { kind: "raw", step: 1 } },
  E: {
    name: "configuration E",
    interpolate: { spacing: [2, 2, 2], method: "cubic" },
    resegment: [-1000, 400],
    outlierSigma: 3,
    fbn: 32,
    ivh: { kind: "fbn", bins: 1000 },
  },
};

/** Configurations whose reference values ../shared/data does not ship (IBSI publishes them). */
export const IBSI_CONFIGS_WITHOUT_SHIPPED_REFERENCE = ["C", "D", "E"];

export interface IbsiReferenceRow {
  /** IBSI's `dataset` column ("digital phantom", "configuration A", …); "" when the file has none. */
  dataset: string;
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
  const cd = h.indexOf("dataset");
  return rows.slice(1).filter((r) => r.length > cg).map((r) => ({
    dataset: cd < 0 ? "" : r[cd],
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
 * Interpolates image and ROI onto the IBSI grid: image by the configuration's method, rounded to integers
 * (CT: integer HU); ROI linearly, kept where the interpolated partial volume is ≥ 0.5.
 */
function interpolateCase(image: Image3D, roi: Mask3D, interp: NonNullable<IbsiConfig["interpolate"]>): { image: Image3D; roi: Mask3D } {
  let img: Image3D;
  let m: Image3D;
  if (interp.method === "itk-linear") {
    const grid = ibsiGrid(image, interp.spacing);
    img = resampleToGrid(image, grid, "sitkLinear", true);
    m = resampleToGrid(roi, grid, "sitkLinear", true);
  } else {
    img = ibsiInterpolate(image, interp.spacing, interp.method === "cubic" ? 3 : 1);
    m = ibsiInterpolate(roi, interp.spacing, 1);
  }
  const data = Float64Array.from(img.data as ArrayLike<number>, (v) => Math.round(v));
  const mask = Uint8Array.from(m.data as ArrayLike<number>, (v) => (v >= 0.5 ? 1 : 0));
  return { image: { ...img, data }, roi: { ...m, data: mask } };
}

/**
 * IBSI re-segmentation of the intensity mask with PyRadiomics' resegmentMask: outlier filtering
 * (μ ± k·σ, population σ of the ROI before any re-segmentation, as IBSI's reference implementation
 * MIRP) and then the range [lo, hi], so the two filters intersect.
 */
export function ibsiResegment(image: Image3D, mask: Mask3D, config: Pick<IbsiConfig, "resegment" | "outlierSigma">): Mask3D {
  let out = mask;
  if (config.outlierSigma !== undefined) out = resegmentMask(image, out, [-config.outlierSigma, config.outlierSigma], "sigma", "IBSI ROI");
  if (config.resegment) out = resegmentMask(image, out, config.resegment, "absolute", "IBSI ROI");
  return out;
}

/** Intensity-volume histogram features under the configuration's IVH discretisation (see `IbsiConfig.ivh`). */
function ivhFor(config: IbsiConfig, values: Float64Array, levelValues: Float64Array, ng: number): Map<string, number> {
  const ivh = config.ivh;
  if (!ivh) return ivhFeatures(levelValues, 1, ng);
  if (ivh.kind === "raw") {
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return ivhFeatures(values, ivh.lo ?? min, ivh.hi ?? max, ivh.step);
  }
  if (ivh.kind === "fbs") {
    // bin centres X_gl,min + (X_d − ½)·w over the re-segmentation range (the range is required here)
    if (!config.resegment) throw new InputError(`${config.name}: a fixed-bin-size IVH needs a re-segmentation range`);
    const { width, minimum } = ivh;
    const centre = (v: number) => minimum + (Math.floor((v - minimum) / width) + 0.5) * width;
    const nb = Math.ceil((config.resegment[1] - minimum) / width);
    return ivhFeatures(values.map(centre), minimum + 0.5 * width, minimum + (nb - 0.5) * width, width);
  }
  const levels = discretize(values, new Uint8Array(values.length).fill(1), { binCount: ivh.bins }).bins;
  return ivhFeatures(Float64Array.from(levels), 1, ivh.bins);
}

/** Every IBSI feature this project computes for one image + mask under a configuration, keyed by IBSI tag. */
export function ibsiFeatures(originalImage: Image3D, labelImage: Image3D, config: IbsiConfig): Map<string, number> {
  const initialMask = selectLabel(labelImage, 1);
  const interpolated = config.interpolate ? interpolateCase(originalImage, initialMask, config.interpolate) : null;
  const image = interpolated?.image ?? originalImage;
  const morphMask = interpolated?.roi ?? initialMask;
  const box = boundingBox(morphMask);
  const img = cropToBox(image, box);
  const morph = cropToBox(morphMask, box);
  const intMask = ibsiResegment(img, morph, config);
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
  const ivh = ivhFor(config, values, levelValues, ng);
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

/**
 * The reference file must be for the chosen configuration: compared against another one, almost every tag
 * would fail with no hint why. Files without a `dataset` column are not checked.
 */
function checkDataset(reference: IbsiReferenceRow[], path: string, configKey: string): void {
  const datasets = [...new Set(reference.map((r) => r.dataset).filter((d) => d !== ""))];
  const wanted = IBSI_CONFIGS[configKey].name;
  const other = datasets.find((d) => d.toLowerCase() !== wanted.toLowerCase());
  if (other === undefined) return;
  const key = Object.entries(IBSI_CONFIGS).find(([, c]) => c.name.toLowerCase() === other.toLowerCase())?.[0];
  throw new InputError(
    `${path}: reference values are for ${other}, not ${wanted} (--config ${configKey})` + (key ? `; use --config ${key} with this file` : ""),
  );
}

/** Numbers in the report: 6 significant digits, trailing zeros dropped (tolerances like 5e-5 carry float noise). */
export function formatIbsiNumber(v: number | null): string {
  if (v === null) return "—";
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : String(v);
}

/** Reads the image and mask, computes the configuration's features and compares with the reference CSV. */
export async function verifyIbsi(opts: { reference: string; image: string; mask: string; config: string }): Promise<IbsiReport> {
  const config = IBSI_CONFIGS[opts.config];
  if (!config) throw new InputError(`unknown IBSI configuration '${opts.config}' (use one of ${Object.keys(IBSI_CONFIGS).join(", ")})`);
  const reference = readIbsiReference(opts.reference);
  checkDataset(reference, opts.reference, opts.config);
  const actual = ibsiFeatures(await readImage(opts.image), await readImage(opts.mask, "mask"), config);
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
    for (const r of failed) lines.push(`  ${r.tag}: reference ${formatIbsiNumber(r.reference)} ± ${formatIbsiNumber(ibsiTolerance(r.reference!, r.tolerance))}, got ${formatIbsiNumber(r.actual)}`);
  }
  lines.push("", `${report.passed} passed, ${report.failed} failed`);
  return lines.join("\n");
}
