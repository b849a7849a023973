import type { Image3D } from "../image/types.js";
import type { DerivedImage } from "./index.js";
import { maxAbs, toFloat64, withData } from "./util.js";

/**
 * `Logarithm` (PyRadiomics getLogarithmImage): g(x) = log(x + 1) for x > 0, −log(1 − x) for x < 0,
 * then f = g · max|x| / max|g| (rescaled to the original range).
 */
export function* logarithmImage(image: Image3D): Iterable<DerivedImage> {
  const im = toFloat64(image);
  const imMax = maxAbs(im);
  for (let i = 0; i < im.length; i++) {
    const v = im[i];
    if (v > 0) im[i] = Math.log(v + 1);
    else if (v < 0) im[i] = -Math.log(-(v - 1));
  }
  const scale = imMax / maxAbs(im);
  for (let i = 0; i < im.length; i++) im[i] = im[i] * scale;
  yield { name: "logarithm", image: withData(image, im) };
}
