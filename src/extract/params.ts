import { readFileSync, existsSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { InputError } from "../errors.js";
import { FEATURE_CLASSES } from "../features/index.js";
import { SHAPE_CLASSES } from "../features/shapes.js";
import { IMAGE_TYPES } from "../filters/index.js";

/** A PyRadiomics parameter file: `setting`, `imageType` (type → custom settings), `featureClass` (class → names or null = defaults). */
export interface RadiomicsParams {
  setting: Record<string, unknown>;
  imageType: Record<string, Record<string, unknown>>;
  featureClass: Record<string, string[] | null>;
}

/** Every setting name PyRadiomics accepts (its paramSchema), plus `binMinimum` (IBSI fixed bin size lower bound). */
export const VALID_SETTINGS = [
  "minimumROIDimensions", "minimumROISize", "geometryTolerance", "correctMask", "additionalInfo", "label", "label_channel",
  "binWidth", "binCount", "binMinimum", "normalize", "normalizeScale", "removeOutliers", "resampledPixelSpacing", "interpolator",
  "padDistance", "distances", "force2D", "force2Ddimension", "resegmentRange", "resegmentMode", "resegmentShape", "preCrop",
  "sigma", "start_level", "level", "wavelet", "gradientUseSpacing", "lbp2DRadius", "lbp2DSamples", "lbp2DMethod",
  "lbp3DLevels", "lbp3DIcosphereRadius", "lbp3DIcosphereSubdivision", "voxelArrayShift", "symmetricalGLCM",
  "weightingNorm", "gldm_a", "kernelRadius", "maskedKernel", "initValue", "voxelBatch", "dtype",
];

/** PyRadiomics' defaults for the settings this project reads when they are absent. */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  minimumROIDimensions: 2,
  minimumROISize: null,
  normalize: false,
  normalizeScale: 1,
  removeOutliers: null,
  resampledPixelSpacing: null,
  interpolator: "sitkBSpline",
  preCrop: false,
  padDistance: 5,
  distances: [1],
  force2D: false,
  force2Ddimension: 0,
  resegmentRange: null,
  label: 1,
  additionalInfo: true,
  binWidth: 25,
  voxelArrayShift: 0,
  symmetricalGLCM: true,
  weightingNorm: null,
  gldm_a: 0,
};

/** All feature classes known to the extractor. */
export function featureClassNames(): string[] {
  return [...Object.keys(SHAPE_CLASSES), ...Object.keys(FEATURE_CLASSES)];
}

/** Default and optional feature names of a class. */
export function featuresOf(cls: string): { defaults: string[]; optional: string[] } {
  const c = SHAPE_CLASSES[cls] ?? FEATURE_CLASSES[cls];
  return { defaults: c.defaults, optional: c.optional };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checks setting names (InputError listing the valid ones). */
export function checkSettings(settings: Record<string, unknown>, where: string): void {
  for (const key of Object.keys(settings)) {
    if (!VALID_SETTINGS.includes(key)) {
      throw new InputError(`${where}: unknown setting '${key}'; valid settings: ${VALID_SETTINGS.join(", ")}`);
    }
  }
}

/**
 * Validates a parsed params object. Absent sections take PyRadiomics' defaults: imageType {Original: {}},
 * every feature class with its default features. Unknown settings, image types, classes or feature names
 * are InputErrors that list the valid names.
 */
export function normaliseParams(raw: unknown, source = "params"): RadiomicsParams {
  if (raw === null || raw === undefined) raw = {};
  if (!isRecord(raw)) throw new InputError(`${source}: expected a mapping with setting / imageType / featureClass`);
  for (const key of Object.keys(raw)) {
    if (!["setting", "imageType", "featureClass", "voxelSetting"].includes(key)) {
      throw new InputError(`${source}: unknown section '${key}'; valid sections: setting, imageType, featureClass, voxelSetting`);
    }
  }
  const setting = raw.setting ?? {};
  if (!isRecord(setting)) throw new InputError(`${source}: 'setting' must be a mapping`);
  checkSettings(setting, `${source} setting`);

  const imageTypeRaw = raw.imageType ?? { Original: {} };
  if (!isRecord(imageTypeRaw)) throw new InputError(`${source}: 'imageType' must be a mapping`);
  const imageType: Record<string, Record<string, unknown>> = {};
  for (const [name, custom] of Object.entries(imageTypeRaw)) {
    if (!(name in IMAGE_TYPES)) {
      throw new InputError(`${source}: unknown imageType '${name}'; valid image types: ${Object.keys(IMAGE_TYPES).join(", ")}`);
    }
    const c = custom ?? {};
    if (!isRecord(c)) throw new InputError(`${source}: imageType ${name} must map to a mapping of settings`);
    checkSettings(c, `${source} imageType ${name}`);
    imageType[name] = c;
  }

  const classesRaw = raw.featureClass ?? Object.fromEntries(featureClassNames().filter((c) => c !== "shape2D").map((c) => [c, null]));
  if (!isRecord(classesRaw)) throw new InputError(`${source}: 'featureClass' must be a mapping`);
  const featureClass: Record<string, string[] | null> = {};
  for (const [cls, names] of Object.entries(classesRaw)) {
    if (!featureClassNames().includes(cls)) {
      throw new InputError(`${source}: unknown feature class '${cls}'; valid classes: ${featureClassNames().join(", ")}`);
    }
    if (names === null || (Array.isArray(names) && names.length === 0)) {
      featureClass[cls] = null;
      continue;
    }
    if (!Array.isArray(names) || names.some((n) => typeof n !== "string")) {
      throw new InputError(`${source}: featureClass ${cls} must be null or a list of feature names`);
    }
    const { defaults, optional } = featuresOf(cls);
    for (const n of names as string[]) {
      if (!defaults.includes(n) && !optional.includes(n)) {
        throw new InputError(`${source}: unknown feature '${n}' in class ${cls}; valid features: ${[...defaults, ...optional].join(", ")}`);
      }
    }
    featureClass[cls] = names as string[];
  }
  return { setting, imageType, featureClass };
}

/** Parses params text: YAML (JSON is YAML too). */
export function parseParams(text: string, source = "params"): RadiomicsParams {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new InputError(`${source}: not valid YAML/JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return normaliseParams(raw, source);
}

/** Reads and validates a params file. */
export function loadParams(path: string): RadiomicsParams {
  if (!existsSync(path)) throw new InputError(`params file not found: ${path}`);
  return parseParams(readFileSync(path, "utf8"), path);
}

/**
 * Settings that are valid but do nothing, as warnings for the CLI to print (PyRadiomics only logs them, so
 * a run would otherwise silently lack those features). Currently: LoG without any `sigma` value.
 */
export function paramsWarnings(params: RadiomicsParams, source = "params"): string[] {
  const warnings: string[] = [];
  if ("LoG" in params.imageType) {
    const sigma = params.imageType.LoG.sigma ?? params.setting.sigma;
    if (sigma === undefined || sigma === null || (Array.isArray(sigma) && sigma.length === 0)) {
      warnings.push(`${source}: imageType LoG has no sigma values specified (setting 'sigma', e.g. [1.0, 3.0]), so no LoG features are computed`);
    }
  }
  return warnings;
}
