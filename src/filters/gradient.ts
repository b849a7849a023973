import type { Image3D } from "../image/types.js";
import type { DerivedImage } from "./index.js";
import { withData } from "./util.js";

/**
 * Gradient magnitude as ITK GradientMagnitudeImageFilter: per axis the central difference
 * g_d = −½/s_d · I[i−1] + ½/s_d · I[i+1] (s_d = spacing, or 1 when useSpacing is false), edges
 * replicated (zero-flux Neumann); result √(Σ_d g_d²) in float64.
 */
export function gradientMagnitude(image: Image3D, useSpacing = true): Float64Array {
  const [nx, ny, nz] = image.size;
  const src = image.data as ArrayLike<number>;
  const out = new Float64Array(nx * ny * nz);
  const strides = [1, nx, nx * ny];
  const coef = [0, 1, 2].map((d) => {
    const s = useSpacing ? 1.0 / image.spacing[d] : 1.0;
    return [-0.5 * s, 0.5 * s];
  });
  const pos = [0, 0, 0];
  for (let z = 0; z < nz; z++) {
    pos[2] = z;
    for (let y = 0; y < ny; y++) {
      pos[1] = y;
      for (let x = 0; x < nx; x++) {
        pos[0] = x;
        const i = x + nx * (y + ny * z);
        let a = 0;
        for (let d = 0; d < 3; d++) {
          const n = image.size[d];
          const lo = pos[d] > 0 ? i - strides[d] : i;
          const hi = pos[d] < n - 1 ? i + strides[d] : i;
          const g = coef[d][0] * src[lo] + coef[d][1] * src[hi];
          a += g * g;
        }
        out[i] = Math.sqrt(a);
      }
    }
  }
  return out;
}

/** `Gradient` (PyRadiomics getGradientImage): gradient magnitude; setting gradientUseSpacing (true). */
export function* gradientImage(image: Image3D, _mask: unknown, settings: Record<string, unknown>): Iterable<DerivedImage> {
  const useSpacing = settings.gradientUseSpacing === undefined ? true : Boolean(settings.gradientUseSpacing);
  yield { name: "gradient", image: withData(image, gradientMagnitude(image, useSpacing)) };
}
