import type { Image3D } from "../image/types.js";
import type { DerivedImage } from "./index.js";
import { maxAbs, toFloat64, withData } from "./util.js";

/**
 * `Square` (PyRadiomics getSquareImage): f(x) = (c·x)², c = 1/√max|x|, so the range stays that of the
 * original image. Computed in float64 as numpy does: (coeff * im) ** 2.
 */
export function* squareImage(image: Image3D): Iterable<DerivedImage> {
  const im = toFloat64(image);
  const coeff = 1 / Math.sqrt(maxAbs(im));
  for (let i = 0; i < im.length; i++) {
    const v = coeff * im[i];
    im[i] = v * v;
  }
  yield { name: "square", image: withData(image, im) };
}
