import type { Image3D } from "../image/types.js";
import type { DerivedImage } from "./index.js";
import { maxAbs, toFloat64, withData } from "./util.js";

/** `Exponential` (PyRadiomics getExponentialImage): f(x) = exp(c·x), c = log(max|x|) / max|x|. */
export function* exponentialImage(image: Image3D): Iterable<DerivedImage> {
  const im = toFloat64(image);
  const imMax = maxAbs(im);
  const coeff = Math.log(imMax) / imMax;
  for (let i = 0; i < im.length; i++) im[i] = Math.exp(coeff * im[i]);
  yield { name: "exponential", image: withData(image, im) };
}
