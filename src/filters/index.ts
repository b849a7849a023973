import type { Image3D, Mask3D } from "../image/types.js";

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
};
