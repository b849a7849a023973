import type { Image3D, Mask3D } from "../image/types.js";
import { SHAPE_FEATURES, shapeFeatures } from "./shape.js";
import { SHAPE2D_FEATURES, shape2DFeatures } from "./shape2D.js";

/** Shape classes: computed once per case on the original (non-filtered) ROI. */
export interface ShapeClass {
  defaults: string[];
  optional: string[];
  compute(image: Image3D, mask: Mask3D, settings: Record<string, unknown>, names: string[]): Map<string, number>;
}

export const SHAPE_CLASSES: Record<string, ShapeClass> = {
  shape: {
    defaults: Object.keys(SHAPE_FEATURES),
    optional: [],
    compute: (image, mask, _settings, names) => shapeFeatures(image, mask, names),
  },
  shape2D: {
    defaults: Object.keys(SHAPE2D_FEATURES),
    optional: [],
    compute: (image, mask, settings, names) => shape2DFeatures(image, mask, (settings.force2Ddimension as number | undefined) ?? 0, names),
  },
};
