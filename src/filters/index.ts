import type { Image3D, Mask3D } from "../image/types.js";
import { exponentialImage } from "./exponential.js";
import { gradientImage } from "./gradient.js";
import { lbp2DImage } from "./lbp2d.js";
import { lbp3DImages } from "./lbp3d.js";
import { logImages } from "./log.js";
import { logarithmImage } from "./logarithm.js";
import { squareImage } from "./square.js";
import { squareRootImage } from "./squareroot.js";
import { waveletImages } from "./wavelet.js";

/**
 * Image types (PyRadiomics `imageType` section). Each generator yields derived images with the
 * PyRadiomics prefix of their feature names (`original`, `log-sigma-3-0-mm-3D`, `wavelet-LLH`, …).
 * The extractor façade (src/extract) loops over the enabled types and computes the enabled feature
 * classes on each yielded image with the same mask. Filters live one module per type in this folder.
 */
export interface DerivedImage {
  /** Feature-name prefix, e.g. `original`, `wavelet-HLL`, `log-sigma-1-0-mm-3D`. */
  name: string;
  image: Image3D;
}

export type ImageTypeGenerator = (
  image: Image3D,
  mask: Mask3D,
  settings: Record<string, unknown>,
) => Iterable<DerivedImage> | AsyncIterable<DerivedImage>;

/** `Original`: the (preprocessed) image itself. */
export function* originalImage(image: Image3D): Iterable<DerivedImage> {
  yield { name: "original", image };
}

/** Registry keyed by PyRadiomics' imageType names. Filter modules add their entries here. */
export const IMAGE_TYPES: Record<string, ImageTypeGenerator> = {
  Original: originalImage,
  LoG: logImages,
  Wavelet: waveletImages,
  Square: squareImage,
  SquareRoot: squareRootImage,
  Logarithm: logarithmImage,
  Exponential: exponentialImage,
  Gradient: gradientImage,
  LBP2D: lbp2DImage,
  LBP3D: lbp3DImages,
};
