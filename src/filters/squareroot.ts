import type { Image3D } from "../image/types.js";
import type { DerivedImage } from "./index.js";
import { maxAbs, toFloat64, withData } from "./util.js";

/**
 * `SquareRoot` (PyRadiomics getSquareRootImage): f(x) = √(c·x) for x > 0, −√(−c·x) for x < 0, c = max|x|;
 * zero stays zero.
 */
export function* squareRootImage(image: Image3D): Iterable<DerivedImage> {
  const im = toFloat64(image);
  const coeff = maxAbs(im);
  for (let i = 0; i < im.length; i++) {
    const v = im[i];
    if (v > 0) im[i] = Math.sqrt(v * coeff);
    else if (v < 0) im[i] = -Math.sqrt(-v * coeff);
  }
  yield { name: "squareroot", image: withData(image, im) };
}
