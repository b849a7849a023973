import { InputError } from "../errors.js";
import { anglePad, buildPaddedRoi, type DiscreteRoi } from "../features/common.js";
import { FEATURE_CLASSES } from "../features/index.js";
import { SHAPE_CLASSES } from "../features/shapes.js";
import { IMAGE_TYPES } from "../filters/index.js";
import { discretize } from "../image/discretize.js";
import { cropToBox } from "../image/mask.js";
import { prepareCase } from "../image/preprocess.js";
import type { Image3D, Mask3D } from "../image/types.js";
import { readImage } from "../io/read.js";
import { DEFAULT_SETTINGS, checkSettings, loadParams, normaliseParams, type RadiomicsParams } from "./params.js";

/** Feature map in PyRadiomics column order: `diagnostics_*` first, then `<imageType>_<class>_<feature>`. */
export type FeatureMap = Map<string, number | string>;

export interface ExtractOptions {
  /** Overrides `setting.label` (the CLI's --label). */
  label?: number;
}

/**
 * PyRadiomics' RadiomicsFeatureExtractor.execute: preprocess (prepareCase: label selection, normalisation,
 * resampling, mask checks, resegmentation), shape classes on the original image, then for each enabled image
 * type (IMAGE_TYPES registry) and each derived image: crop to the ROI bounding box, discretise (binWidth /
 * binCount) and compute the enabled intensity and texture classes.
 * `params`: a params-file path, a parsed params object, or undefined (PyRadiomics defaults).
 */
export async function extractFeatures(
  image: string | Image3D,
  mask: string | Image3D,
  params?: string | Partial<RadiomicsParams> | Record<string, unknown>,
  options: ExtractOptions = {},
): Promise<FeatureMap> {
  const p = typeof params === "string" ? loadParams(params) : normaliseParams(params ?? {}, "params");
  const imageName = typeof image === "string" ? image : "image";
  const maskName = typeof mask === "string" ? mask : "mask";
  const img = typeof image === "string" ? await readImage(image) : image;
  const msk = typeof mask === "string" ? await readImage(mask, "mask") : mask;
  return computeFeatures(img, msk, p, options, { image: imageName, mask: maskName });
}

/** The synchronous core of extractFeatures for images already in memory (async only for filter generators). */
export async function computeFeatures(
  image: Image3D,
  labelImage: Image3D,
  params: RadiomicsParams,
  options: ExtractOptions = {},
  names: { image?: string; mask?: string } = {},
): Promise<FeatureMap> {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS, ...params.setting };
  if (options.label !== undefined) settings.label = options.label;
  const prepared = prepareCase(image, labelImage, settings, names);
  const out: FeatureMap = new Map();
  out.set("diagnostics_Configuration_EnabledImageTypes", JSON.stringify(params.imageType));
  out.set("diagnostics_Configuration_Settings", JSON.stringify(settings));
  for (const [k, v] of Object.entries(prepared.diagnostics)) out.set(k, v);

  const box = prepared.boundingBox;
  const roiMask = cropToBox(prepared.mask, box);
  // PyRadiomics crops the (non-resegmented) shape mask with the resegmented ROI's bounding box.
  const croppedShapeMask = cropToBox(prepared.shapeMask, box);
  const shapeImage = cropToBox(prepared.voxels, box);
  for (const [cls, shape] of Object.entries(SHAPE_CLASSES)) {
    if (!(cls in params.featureClass)) continue;
    const wanted = params.featureClass[cls] ?? shape.defaults;
    for (const [n, v] of shape.compute(shapeImage, croppedShapeMask, settings, wanted)) out.set(`original_${cls}_${n}`, v);
  }

  // prepared.voxels, not .image, where only the grid is needed: .image converts the whole grid to float64.
  const generatorInput = keepsSourceImage(image, prepared.voxels, settings) ? image : prepared.image;
  for (const [typeName, custom] of Object.entries(params.imageType)) {
    checkSettings(custom, `imageType ${typeName}`);
    const typeSettings = { ...settings, ...custom };
    const generator = IMAGE_TYPES[typeName];
    for await (const derived of generator(generatorInput, prepared.mask, typeSettings)) {
      if (!sameGrid(derived.image, prepared.voxels)) {
        throw new InputError(`image type ${typeName} (${derived.name}) changed the grid size; derived images must keep the preprocessed grid`);
      }
      computeIntensityClasses(derived.name, cropToBox(derived.image, box), roiMask, typeSettings, params, out);
    }
  }
  return out;
}

/**
 * PyRadiomics hands the filters the input image in its own voxel type unless it was normalised or
 * resampled (some filters round to that type, e.g. LBP3D); preprocessing returns a float64 copy, so the
 * source image is used when the grid is unchanged and no normalisation was applied.
 */
function keepsSourceImage(source: Image3D, prepared: Image3D, settings: Record<string, unknown>): boolean {
  if (settings.normalize === true) return false;
  return sameGrid(source, prepared) && source.origin.every((v, k) => v === prepared.origin[k]);
}

function sameGrid(a: Image3D, b: Image3D): boolean {
  return a.size[0] === b.size[0] && a.size[1] === b.size[1] && a.size[2] === b.size[2];
}

/** Discretises the ROI and computes the enabled intensity / texture classes of one derived image. */
export function computeIntensityClasses(
  prefix: string,
  image: Image3D,
  mask: Mask3D,
  settings: Record<string, unknown>,
  params: RadiomicsParams,
  out: FeatureMap,
): void {
  if (image.data.length !== mask.data.length) {
    throw new InputError(`image type ${prefix}: derived image size ${image.size.join("×")} differs from the mask ${mask.size.join("×")}`);
  }
  const classes = Object.keys(params.featureClass).filter((c) => c in FEATURE_CLASSES);
  if (classes.length === 0) return;
  const disc = discretize(image.data, mask.data, {
    binWidth: settings.binWidth as number | undefined,
    binCount: (settings.binCount as number | null | undefined) ?? undefined,
    binMinimum: (settings.binMinimum as number | null | undefined) ?? undefined,
  });
  const roi: DiscreteRoi = { size: image.size, spacing: image.spacing, levels: disc.bins, mask: mask.data };
  // One padded copy of the levels for every texture class (GLSZM needs a padding of 1, the others anglePad).
  if (classes.some((c) => c !== "firstorder")) roi.padded = buildPaddedRoi(roi, anglePad(settings, image.size));
  const input = { image, mask, roi, settings };
  for (const cls of classes) {
    const fc = FEATURE_CLASSES[cls];
    const wanted = params.featureClass[cls] ?? fc.defaults;
    for (const [n, v] of fc.compute(input, wanted)) out.set(`${prefix}_${cls}_${n}`, v);
  }
}
