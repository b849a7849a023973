import type { Image3D, Mask3D } from "../image/types.js";
import type { DiscreteRoi, TextureSettings } from "./common.js";
import { FIRSTORDER_FEATURES, FIRSTORDER_OPTIONAL, firstOrderFeatures } from "./firstorder.js";
import { GLCM_FEATURES, computeGlcm, glcmFeatures } from "./glcm.js";
import { GLDM_FEATURES, computeGldm, gldmFeatures } from "./gldm.js";
import { GLRLM_FEATURES, computeGlrlm, glrlmFeatures } from "./glrlm.js";
import { GLSZM_FEATURES, computeGlszm, glszmFeatures } from "./glszm.js";
import { NGTDM_FEATURES, computeNgtdm, ngtdmFeatures } from "./ngtdm.js";

/** What an intensity / texture class receives: the cropped image and ROI, and the discretised ROI. */
export interface ClassInput {
  image: Image3D;
  mask: Mask3D;
  roi: DiscreteRoi;
  settings: Record<string, unknown> & TextureSettings;
}

export interface FeatureClass {
  /** Features computed when the class is enabled without a list (PyRadiomics' non-deprecated ones). */
  defaults: string[];
  /** Features computed only when asked for by name. */
  optional: string[];
  compute(input: ClassInput, names: string[]): Map<string, number>;
}

/** Voxel volume in mm³ (product of the spacing). */
function voxelVolume(image: Image3D): number {
  return image.spacing[0] * image.spacing[1] * image.spacing[2];
}

/** ROI intensities and bin indices, in grid order. */
function roiValues(input: ClassInput): { values: Float64Array; bins: Int32Array } {
  const m = input.mask.data;
  let n = 0;
  for (let i = 0; i < m.length; i++) if (m[i]) n++;
  const values = new Float64Array(n);
  const bins = new Int32Array(n);
  for (let i = 0, k = 0; i < m.length; i++) {
    if (!m[i]) continue;
    values[k] = input.image.data[i];
    bins[k++] = input.roi.levels[i];
  }
  return { values, bins };
}

/** Intensity and texture classes by PyRadiomics name (shape classes are handled by the extractor). */
export const FEATURE_CLASSES: Record<string, FeatureClass> = {
  firstorder: {
    defaults: Object.keys(FIRSTORDER_FEATURES),
    optional: Object.keys(FIRSTORDER_OPTIONAL),
    compute: (input, names) =>
      firstOrderFeatures(
        {
          ...roiValues(input),
          voxelVolume: voxelVolume(input.image),
          voxelArrayShift: (input.settings.voxelArrayShift as number | undefined) ?? 0,
        },
        names,
      ),
  },
  glcm: {
    defaults: Object.keys(GLCM_FEATURES),
    optional: [],
    compute: (input, names) => glcmFeatures(computeGlcm(input.roi, input.settings), names),
  },
  glrlm: {
    defaults: Object.keys(GLRLM_FEATURES),
    optional: [],
    compute: (input, names) => glrlmFeatures(computeGlrlm(input.roi, input.settings), names),
  },
  glszm: {
    defaults: Object.keys(GLSZM_FEATURES),
    optional: [],
    compute: (input, names) => glszmFeatures(computeGlszm(input.roi, input.settings), names),
  },
  gldm: {
    defaults: Object.keys(GLDM_FEATURES),
    optional: [],
    compute: (input, names) => gldmFeatures(computeGldm(input.roi, input.settings), names),
  },
  ngtdm: {
    defaults: Object.keys(NGTDM_FEATURES),
    optional: [],
    compute: (input, names) => ngtdmFeatures(computeNgtdm(input.roi, input.settings), names),
  },
};
