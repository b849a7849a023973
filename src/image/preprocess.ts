import { createHash } from "node:crypto";
import { InputError } from "../errors.js";
import { boundingBox, cropToBox, indexToPoint, pointToIndex, selectLabelWithBox } from "./mask.js";
import { resampleToGrid, type Grid, type InterpolatorName } from "./resample.js";
import type { BoundingBox, Image3D, Mask3D, Vec3 } from "./types.js";

/** What PyRadiomics hands to the image-type generators, plus its `diagnostics_*` provenance values. */
export interface PreparedCase {
  /** Image after normalisation / resampling (+ crop to bbox ± padDistance) / preCrop, as float64 (converted on first access). */
  readonly image: Image3D<Float64Array>;
  /** The same image in its own voxel type (the source itself when nothing changed it); values equal `image`'s. */
  voxels: Image3D;
  /** ROI used by the non-shape feature classes (resegmented when resegmentRange is set). */
  mask: Mask3D;
  /** ROI used by shape features: the non-resegmented mask unless `resegmentShape` is true. */
  shapeMask: Mask3D;
  /** Bounding box of `mask` on the `image` grid. */
  boundingBox: BoundingBox;
  /** PyRadiomics diagnostic keys (`diagnostics_Image-original_Mean`, …); tuples as Python reprs. */
  diagnostics: Record<string, string | number>;
}

/** Optional file names used in error messages. */
export interface CaseNames {
  image?: string;
  mask?: string;
}

const INTERPOLATORS: InterpolatorName[] = ["sitkNearestNeighbor", "sitkLinear", "sitkBSpline"];

/** Python repr of a float (integral values keep a trailing ".0"). */
export function pyFloat(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.0`;
  const s = String(v);
  // Python writes exponents with at least two digits: 1e-05, 1e+16
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

/** Python repr of a tuple: integers as ints, other numbers as floats. */
export function pyTuple(values: ArrayLike<number>, asFloat = false): string {
  return `(${Array.from(values, (v) => (asFloat ? pyFloat(v) : Number.isInteger(v) ? String(v) : pyFloat(v))).join(", ")})`;
}

/** sitk.Hash: SHA-1 of the voxel buffer. */
function sha1(data: ArrayBufferView): string {
  return createHash("sha1").update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)).digest("hex");
}

/**
 * sitk.Hash of the label image after PyRadiomics' cast to UInt32: 32-bit integer labels already have those
 * bytes; other types are converted in blocks by TypedArray.set (ToUint32, as element assignment).
 */
function sha1AsUint32(data: Image3D["data"]): string {
  if (data instanceof Uint32Array || data instanceof Int32Array) return sha1(data);
  const hash = createHash("sha1");
  const block = new Uint32Array(Math.min(data.length, 1 << 20));
  for (let start = 0; start < data.length; start += block.length) {
    const n = Math.min(block.length, data.length - start);
    const part = block.subarray(0, n);
    part.set(data.subarray(start, start + n));
    hash.update(new Uint8Array(block.buffer, 0, n * 4));
  }
  return hash.digest("hex");
}

/** Reads a setting with a type check; InputError names the setting on a wrong type. */
function setting<T>(settings: Record<string, unknown>, key: string, dflt: T, check: (v: unknown) => boolean, want: string): T {
  const v = settings[key];
  if (v === undefined || v === null) return dflt;
  if (!check(v)) throw new InputError(`setting ${key}: expected ${want}, got ${JSON.stringify(v)}`);
  return v as T;
}
const isNum = (v: unknown) => typeof v === "number" && Number.isFinite(v);
const isNumList = (v: unknown) => Array.isArray(v) && v.every(isNum);

/**
 * Number of 26-connected components of a binary mask (ITK ConnectedComponentImageFilter, FullyConnectedOn).
 * Run-based labelling over the ROI's bounding box: each row's runs of ROI voxels are joined (union–find)
 * with the runs they touch, diagonals included, in the four earlier neighbouring rows (y−1 | z) and
 * (y−1, y, y+1 | z−1); solid ROIs have few runs, so this is far cheaper than a voxel flood fill.
 */
export function countComponents(mask: Mask3D, box: BoundingBox = boundingBox(mask)): number {
  const [nx, ny] = mask.size;
  const [x0, y0, z0] = box.lower;
  const bx = box.upper[0] - x0, by = box.upper[1] - y0, bz = box.upper[2] - z0;
  const rows = by * bz;
  const rowStart = new Int32Array(rows + 1);
  let runStart = new Int32Array(1024);
  let runEnd = new Int32Array(1024);
  let runs = 0;
  for (let z = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      const base = x0 + nx * (y + y0 + ny * (z + z0));
      for (let x = 0; x < bx; x++) {
        if (!mask.data[base + x]) continue;
        const start = x;
        while (x + 1 < bx && mask.data[base + x + 1]) x++;
        if (runs === runStart.length) {
          const grownStart = new Int32Array(2 * runs), grownEnd = new Int32Array(2 * runs);
          grownStart.set(runStart), grownEnd.set(runEnd);
          (runStart = grownStart), (runEnd = grownEnd);
        }
        (runStart[runs] = start), (runEnd[runs] = x), runs++;
      }
      rowStart[y + by * z + 1] = runs;
    }
  }
  const parent = new Int32Array(runs);
  for (let r = 0; r < runs; r++) parent[r] = r;
  const find = (r: number) => {
    while (parent[r] !== r) r = parent[r] = parent[parent[r]!]!;
    return r;
  };
  for (let z = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      const row = y + by * z;
      for (const [dy, dz] of PREVIOUS_ROWS) {
        const yy = y + dy, zz = z + dz;
        if (yy < 0 || yy >= by || zz < 0) continue;
        const other = yy + by * zz;
        // Two-pointer sweep: runs touch when their x ranges overlap after widening by one voxel.
        let q = rowStart[other]!;
        for (let r = rowStart[row]!; r < rowStart[row + 1]!; r++) {
          while (q < rowStart[other + 1]! && runEnd[q]! < runStart[r]! - 1) q++;
          for (let t = q; t < rowStart[other + 1]! && runStart[t]! <= runEnd[r]! + 1; t++) {
            const a = find(r), b = find(t);
            if (a !== b) parent[a > b ? a : b] = a > b ? b : a;
          }
        }
      }
    }
  }
  let count = 0;
  for (let r = 0; r < runs; r++) if (find(r) === r) count++;
  return count;
}

/** (dy, dz) of the rows scanned before a row that hold its 26-neighbours. */
const PREVIOUS_ROWS: [number, number][] = [[-1, 0], [-1, -1], [0, -1], [1, -1]];

/** Image-<prefix>_{Spacing,Size,Mean,Minimum,Maximum} over all voxels (generalinfo.addImageElements). */
function addImageElements(diag: Record<string, string | number>, image: Image3D, prefix: string): void {
  const p = `diagnostics_Image-${prefix}_`;
  if (prefix === "original") {
    diag[`${p}Hash`] = sha1(image.data);
    diag[`${p}Dimensionality`] = "3D";
  }
  diag[`${p}Spacing`] = pyTuple(image.spacing, true);
  diag[`${p}Size`] = pyTuple(image.size);
  let sum = 0, min = Infinity, max = -Infinity;
  const d = image.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  diag[`${p}Mean`] = sum / d.length;
  diag[`${p}Minimum`] = min;
  diag[`${p}Maximum`] = max;
}

/**
 * Mask-<prefix>_{Spacing,Size,BoundingBox,VoxelNum,VolumeNum,CenterOfMassIndex,CenterOfMass} and,
 * given the image, the ROI Mean/Minimum/Maximum (generalinfo.addMaskElements).
 */
function addMaskElements(diag: Record<string, string | number>, image: Image3D | null, mask: Mask3D, prefix: string, source: string, box = boundingBox(mask, source)): void {
  const p = `diagnostics_Mask-${prefix}_`;
  diag[`${p}Spacing`] = pyTuple(mask.spacing, true);
  diag[`${p}Size`] = pyTuple(mask.size);
  diag[`${p}BoundingBox`] = pyTuple([...box.lower, ...box.upper.map((u, a) => u - box.lower[a]!)]);
  const [nx, ny] = mask.size;
  let n = 0, sx = 0, sy = 0, sz = 0, sum = 0, min = Infinity, max = -Infinity;
  const d = mask.data;
  // Only the bounding box holds ROI voxels; visited in index order, so the sums are unchanged.
  for (let z = box.lower[2]; z < box.upper[2]; z++) {
    for (let y = box.lower[1]; y < box.upper[1]; y++) {
      const row = nx * (y + ny * z);
      for (let x = box.lower[0]; x < box.upper[0]; x++) {
        const i = row + x;
        if (!d[i]) continue;
        n++;
        sx += x;
        sy += y;
        sz += z;
        if (image) {
          const v = image.data[i]!;
          sum += v;
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
    }
  }
  diag[`${p}VoxelNum`] = n;
  diag[`${p}VolumeNum`] = countComponents(mask, box);
  const com: Vec3 = [sx / n, sy / n, sz / n];
  diag[`${p}CenterOfMassIndex`] = pyTuple(com, true);
  diag[`${p}CenterOfMass`] = pyTuple(indexToPoint(mask, com), true);
  if (image) {
    diag[`${p}Mean`] = sum / n;
    diag[`${p}Minimum`] = min;
    diag[`${p}Maximum`] = max;
  }
}

/**
 * PyRadiomics' normalizeImage: f(x) = s · (x − μ)/σ over ALL voxels (σ with n − 1, as ITK's
 * StatisticsImageFilter inside sitk.Normalize); with removeOutliers n, normalised values are clipped
 * to [−n, n] before scaling by s = normalizeScale.
 */
export function normalizeImage(image: Image3D, scale = 1, outliers: number | null = null): Image3D<Float64Array> {
  const d = image.data;
  const n = d.length;
  let sum = 0, sumSq = 0;
  for (let i = 0; i < n; i++) {
    const v = d[i]!;
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  const sigma = Math.sqrt((sumSq - (sum * sum) / n) / (n - 1));
  if (!(sigma > 0)) throw new InputError("normalize: the image is constant (standard deviation 0), cannot normalise");
  const out = new Float64Array(n);
  const inv = 1 / sigma;
  for (let i = 0; i < n; i++) {
    let v = (d[i]! - mean) * inv;
    if (outliers !== null) v = v > outliers ? outliers : v < -outliers ? -outliers : v;
    out[i] = v * scale;
  }
  return { ...image, data: out, size: [...image.size] as Vec3 };
}

/**
 * The resampling grid of PyRadiomics' resampleImage: spacing `target` (0 → keep the mask's; axes where the
 * ROI is one voxel thick keep theirs), covering the ROI bounding box widened by `padDistance` new voxels,
 * bounds lo = ⌊(bb₀ − ½)r − pad⌋, hi = ⌈(bb₀ + bbₙ − ½)r + pad⌉ (r = old/new spacing) clipped to
 * [0, ⌈size·r⌉ − 1], origin at the continuous old index ½(new − old)/old + lo/r.
 */
export function pyradiomicsResampleGrid(mask: Mask3D, target: number[], padDistance: number): Grid {
  const box = boundingBox(mask);
  const old = mask.spacing;
  const spacing = [0, 1, 2].map((a) => {
    const t = target[a] === 0 ? old[a]! : target[a]!;
    return box.upper[a]! - box.lower[a]! === 1 ? old[a]! : t;
  }) as Vec3;
  const size: Vec3 = [0, 0, 0];
  const originIndex: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const r = old[a]! / spacing[a]!;
    let lo = Math.floor((box.lower[a]! - 0.5) * r - padDistance);
    let hi = Math.ceil((box.upper[a]! - 0.5) * r + padDistance);
    const maxU = Math.ceil(mask.size[a]! * r) - 1;
    if (lo < 0) lo = 0;
    if (hi > maxU) hi = maxU;
    size[a] = hi - lo + 1;
    originIndex[a] = (0.5 * (spacing[a]! - old[a]!)) / old[a]! + lo / r;
  }
  return { size, spacing, origin: indexToPoint(mask, originIndex), direction: [...mask.direction] };
}

/** numpy.allclose(a, b): |a − b| ≤ 1e-8 + 1e-5·|b| elementwise. */
function allClose(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (!(Math.abs(a[i]! - b[i]!) <= 1e-8 + 1e-5 * Math.abs(b[i]!))) return false;
  return true;
}

/** Binary mask from a resampled 0/1 image. */
function toMask(img: Image3D): Mask3D {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = img.data[i]! >= 0.5 ? 1 : 0;
  return { ...img, data: out, size: [...img.size] as Vec3 };
}

/**
 * Image/mask geometry check with ITK's tolerances as PyRadiomics sets them (geometryTolerance →
 * coordinate tolerance × spacing[0] for origin and spacing, direction tolerance absolute).
 * Returns a description of the first mismatch, or null.
 */
function geometryMismatch(image: Image3D, mask: Image3D, tol: number): string | null {
  const fmt = (v: ArrayLike<number>) => `(${Array.from(v).join(", ")})`;
  if (image.size.some((s, a) => s !== mask.size[a])) return `size differs (image ${fmt(image.size)}, mask ${fmt(mask.size)})`;
  const ct = tol * image.spacing[0];
  const far = (a: ArrayLike<number>, b: ArrayLike<number>, t: number) => Array.from(a).some((v, i) => !(Math.abs(v - b[i]!) <= t));
  if (far(image.spacing, mask.spacing, ct)) return `spacing differs (image ${fmt(image.spacing)}, mask ${fmt(mask.spacing)})`;
  if (far(image.origin, mask.origin, ct)) return `origin differs (image ${fmt(image.origin)}, mask ${fmt(mask.origin)})`;
  if (far(image.direction, mask.direction, tol)) return `direction differs (image ${fmt(image.direction)}, mask ${fmt(mask.direction)})`;
  return null;
}

/**
 * PyRadiomics' _checkROI + _correctMask: the ROI's physical extent must lie inside the image (1e-3 voxel
 * tolerance); then the mask is resampled onto the image grid with nearest-neighbour interpolation.
 */
function correctMask(image: Image3D, mask: Mask3D, names: Required<CaseNames>): Mask3D {
  const box = boundingBox(mask, names.mask);
  const lo = pointToIndex(image, indexToPoint(mask, box.lower.map((v) => v - 0.5)));
  const hi = pointToIndex(image, indexToPoint(mask, box.upper.map((v) => v - 0.5)));
  for (let a = 0; a < 3; a++) {
    if (Math.min(lo[a]!, hi[a]!) < -0.5 - 1e-3 || Math.max(lo[a]!, hi[a]!) > image.size[a]! - 0.5 + 1e-3) {
      throw new InputError(`${names.mask}: the region of interest extends outside the physical space of ${names.image} (correctMask cannot fix it)`);
    }
  }
  return toMask(resampleToGrid(mask, image, "sitkNearestNeighbor"));
}

/**
 * PyRadiomics' checkMask size constraints: the ROI must span ≥ minimumROIDimensions axes with more
 * than one voxel (never a single voxel), and have more than minimumROISize voxels when that is set.
 */
function checkROI(mask: Mask3D, settings: Record<string, unknown>, source: string, box = boundingBox(mask, source)): BoundingBox {
  const minDims = setting(settings, "minimumROIDimensions", 2, isNum, "an integer 1–3");
  const minSize = setting<number | null>(settings, "minimumROISize", null, isNum, "a number");
  const ndims = [0, 1, 2].filter((a) => box.upper[a]! - box.lower[a]! > 1).length;
  if (ndims === 0) throw new InputError(`${source}: the region of interest is a single voxel; cannot extract features`);
  if (ndims < minDims) throw new InputError(`${source}: the region of interest spans ${ndims} dimension(s), minimumROIDimensions requires ${minDims}`);
  if (minSize !== null) {
    let n = 0;
    for (const v of mask.data) n += v;
    if (n <= minSize) throw new InputError(`${source}: the region of interest has ${n} voxels, minimumROISize requires more than ${minSize}`);
  }
  return box;
}

/**
 * PyRadiomics' resegmentMask: keep ROI voxels with T₁ ≤ x (≤ T₂). Thresholds are absolute, relative
 * (× ROI maximum) or sigma (μ + t·σ, population σ over the ROI). Fewer than 2 voxels left → InputError.
 */
export function resegmentMask(image: Image3D, mask: Mask3D, range: number[], mode = "absolute", source = "mask"): Mask3D {
  if (range.length < 1 || range.length > 2) throw new InputError(`setting resegmentRange: expected 1 or 2 thresholds, got ${range.length}`);
  const sorted = [...range].sort((a, b) => a - b);
  const d = image.data, m = mask.data;
  let thresholds: number[];
  if (mode === "absolute") thresholds = sorted;
  else if (mode === "relative") {
    let max = -Infinity;
    for (let i = 0; i < m.length; i++) if (m[i] && d[i]! > max) max = d[i]!;
    thresholds = sorted.map((t) => max * t);
  } else if (mode === "sigma") {
    let n = 0, sum = 0;
    for (let i = 0; i < m.length; i++) if (m[i]) (n++, (sum += d[i]!));
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < m.length; i++) if (m[i]) ss += (d[i]! - mean) ** 2;
    const sd = Math.sqrt(ss / n);
    thresholds = sorted.map((t) => mean + sd * t);
  } else throw new InputError(`setting resegmentMode: "${mode}" is not one of absolute, relative, sigma`);
  const out = new Uint8Array(m.length);
  let kept = 0;
  for (let i = 0; i < m.length; i++) {
    if (!m[i]) continue;
    const v = d[i]!;
    if (v >= thresholds[0]! && (thresholds.length < 2 || v <= thresholds[1]!)) {
      out[i] = 1;
      kept++;
    }
  }
  if (kept <= 1) throw new InputError(`${source}: resegmentation (${mode} ${JSON.stringify(range)}) left ${kept} voxel(s); cannot extract features`);
  return { ...mask, data: out, size: [...mask.size] as Vec3 };
}

/** Index of the first NaN or infinite voxel, or −1 (integer voxel types are always finite). */
function firstNonFinite(data: Image3D["data"]): number {
  if (!(data instanceof Float32Array || data instanceof Float64Array)) return -1;
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) return i;
  return -1;
}

/**
 * The preprocessing of PyRadiomics' RadiomicsFeatureExtractor.execute up to the image-type generators:
 * label selection, normalisation, resampling (crops to bbox ± padDistance) or preCrop, mask checks
 * (geometryTolerance / correctMask / minimumROIDimensions / minimumROISize), resegmentation.
 * `settings` uses PyRadiomics' names and defaults.
 */
export function prepareCase(image: Image3D, labelImage: Image3D, settings: Record<string, unknown>, caseNames: CaseNames = {}): PreparedCase {
  const names = { image: caseNames.image ?? "image", mask: caseNames.mask ?? "mask" };
  const label = setting(settings, "label", 1, isNum, "a number");
  const diag: Record<string, string | number> = {};
  addImageElements(diag, image, "original");
  // A NaN or infinite voxel makes the running sum (hence the mean) non-finite: only then look for it.
  if (!Number.isFinite(diag["diagnostics_Image-original_Mean"])) {
    const bad = firstNonFinite(image.data);
    if (bad >= 0) throw new InputError(`${names.image}: voxel ${bad} is ${image.data[bad]}; images must hold finite values`);
  }

  const selected = selectLabelWithBox(labelImage, label, names.mask);
  let mask = selected.mask;
  diag["diagnostics_Mask-original_Hash"] = sha1AsUint32(labelImage.data);
  const originalMask = mask;
  const originalBox = selected.box;
  addMaskElements(diag, null, mask, "original", names.mask, originalBox);

  let img: Image3D = image;
  if (setting(settings, "normalize", false, (v) => typeof v === "boolean", "true/false")) {
    img = normalizeImage(img, setting(settings, "normalizeScale", 1, isNum, "a number"), setting<number | null>(settings, "removeOutliers", null, isNum, "a number"));
  }

  const interpolator = setting<string | null>(settings, "interpolator", null, (v) => typeof v === "string", "a SimpleITK interpolator name");
  const spacing = setting<number[] | null>(settings, "resampledPixelSpacing", null, (v) => isNumList(v) && (v as number[]).length === 3, "a list of 3 numbers");
  const padDistance = setting(settings, "padDistance", 5, isNum, "a number");
  const tolerance = setting(settings, "geometryTolerance", 1e-6, isNum, "a number");
  if (interpolator !== null && spacing !== null) {
    if (!INTERPOLATORS.includes(interpolator as InterpolatorName)) {
      throw new InputError(`setting interpolator: "${interpolator}" is not supported (use ${INTERPOLATORS.join(", ")})`);
    }
    if (spacing.some((s) => s < 0)) throw new InputError(`setting resampledPixelSpacing: negative spacing ${JSON.stringify(spacing)}`);
    const grid = pyradiomicsResampleGrid(mask, spacing, padDistance);
    if (allClose(img.spacing, grid.spacing)) {
      // same spacing: only the mask is brought onto the image grid, then both are cropped
      if (geometryMismatch(img, mask, tolerance)) mask = toMask(resampleToGrid(mask, img, "sitkNearestNeighbor"));
      const box = boundingBox(mask, names.mask);
      img = cropToBox(img, box, padDistance);
      mask = cropToBox(mask, box, padDistance);
    } else {
      img = resampleToGrid(img, grid, interpolator as InterpolatorName);
      mask = toMask(resampleToGrid(mask, grid, "sitkNearestNeighbor"));
    }
    addImageElements(diag, img, "interpolated");
    addMaskElements(diag, img, mask, "interpolated", names.mask);
  } else if (setting(settings, "preCrop", false, (v) => typeof v === "boolean", "true/false")) {
    mask = checkedMask(img, mask, settings, tolerance, names, diag, false);
    const box = checkROI(mask, settings, names.mask);
    img = cropToBox(img, box, padDistance);
    mask = cropToBox(mask, box, padDistance);
  }

  mask = checkedMask(img, mask, settings, tolerance, names, diag, true);
  let box = checkROI(mask, settings, names.mask, mask === originalMask ? originalBox : undefined);
  let shapeMask = mask;
  const range = setting<number[] | null>(settings, "resegmentRange", null, isNumList, "a list of 1 or 2 numbers");
  if (range !== null) {
    const mode = setting(settings, "resegmentMode", "absolute", (v) => typeof v === "string", "absolute/relative/sigma");
    const reseg = resegmentMask(img, mask, range, mode, names.mask);
    box = checkROI(reseg, settings, names.mask);
    addMaskElements(diag, img, reseg, "resegmented", names.mask);
    if (setting(settings, "resegmentShape", false, (v) => typeof v === "boolean", "true/false")) shapeMask = reseg;
    mask = reseg;
  }
  const voxels = img;
  let f64: Image3D<Float64Array> | undefined = img.data instanceof Float64Array ? { ...img, data: img.data } : undefined;
  return {
    // The float64 copy costs a pass over the whole grid; the extractor crops `voxels` instead.
    get image() {
      return (f64 ??= { ...voxels, data: new Float64Array(voxels.data) });
    },
    voxels,
    mask,
    shapeMask,
    boundingBox: box,
    diagnostics: diag,
  };
}

/** Geometry check of checkMask; with correctMask the mask is resampled onto the image grid. */
function checkedMask(img: Image3D, mask: Mask3D, settings: Record<string, unknown>, tolerance: number, names: Required<CaseNames>, diag: Record<string, string | number>, record: boolean): Mask3D {
  const problem = geometryMismatch(img, mask, tolerance);
  if (!problem) return mask;
  if (!setting(settings, "correctMask", false, (v) => typeof v === "boolean", "true/false")) {
    throw new InputError(`${names.mask} does not match ${names.image}: ${problem} beyond geometryTolerance ${tolerance} (relative to the x spacing; enable correctMask to resample the mask)`);
  }
  const corrected = correctMask(img, mask, names);
  if (record) addMaskElements(diag, img, corrected, "corrected", names.mask);
  return corrected;
}

/**
 * Reads an image and a label file and runs prepareCase, with both paths named in every error.
 */
export async function prepareCaseFromFiles(imagePath: string, maskPath: string, settings: Record<string, unknown>): Promise<PreparedCase> {
  const { readImage } = await import("../io/read.js");
  const [image, mask] = [await readImage(imagePath), await readImage(maskPath, "mask")];
  return prepareCase(image, mask, settings, { image: imagePath, mask: maskPath });
}
