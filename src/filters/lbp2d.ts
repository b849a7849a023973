import { InputError } from "../errors.js";
import type { Image3D, VoxelArray } from "../image/types.js";
import type { DerivedImage } from "./index.js";
import { force2DAxis, integerSetting, numberSetting, withData } from "./util.js";

/** Neighbour offsets of scikit-image's LBP: rp = round(−R sin(2πp/P), 5), cp = round(R cos(2πp/P), 5). */
export function lbpOffsets(P: number, R: number): { rp: Float64Array; cp: Float64Array } {
  const rp = new Float64Array(P);
  const cp = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    const angle = (2 * Math.PI * p) / P;
    rp[p] = Math.round(-R * Math.sin(angle) * 1e5) / 1e5;
    cp[p] = Math.round(R * Math.cos(angle) * 1e5) / 1e5;
  }
  return { rp, cp };
}

/**
 * scikit-image `local_binary_pattern` on one 2D slice (rows × cols, row-major), methods 'default' and
 * 'uniform'. Each neighbour is bilinearly interpolated (constant 0 outside), s_p = [g_p − g_c ≥ 0];
 * uniform: Σ s_p if the (non-cyclic) number of 0/1 changes along p is ≤ 2, else P + 1; default: Σ s_p 2^p.
 */
export function localBinaryPattern(
  img: Float64Array,
  rows: number,
  cols: number,
  P: number,
  R: number,
  method: "uniform" | "default",
  out: Float64Array,
): void {
  const { rp, cp } = lbpOffsets(P, R);
  const signed = new Uint8Array(P);
  const pixel = (r: number, c: number): number => (r >= 0 && r < rows && c >= 0 && c < cols ? img[r * cols + c] : 0);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const center = img[r * cols + c];
      for (let p = 0; p < P; p++) {
        const rr = r + rp[p];
        const cc = c + cp[p];
        const minr = Math.floor(rr);
        const minc = Math.floor(cc);
        const maxr = Math.ceil(rr);
        const maxc = Math.ceil(cc);
        const dr = rr - minr;
        const dc = cc - minc;
        const top = (1 - dc) * pixel(minr, minc) + dc * pixel(minr, maxc);
        const bottom = (1 - dc) * pixel(maxr, minc) + dc * pixel(maxr, maxc);
        const texture = (1 - dr) * top + dr * bottom;
        signed[p] = texture - center >= 0 ? 1 : 0;
      }
      let lbp = 0;
      if (method === "uniform") {
        let changes = 0;
        for (let p = 0; p < P - 1; p++) if (signed[p] !== signed[p + 1]) changes++;
        if (changes <= 2) for (let p = 0; p < P; p++) lbp += signed[p];
        else lbp = P + 1;
      } else {
        for (let p = 0; p < P; p++) lbp += signed[p] * 2 ** p;
      }
      out[r * cols + c] = lbp;
    }
  }
}

/**
 * `LBP2D` (PyRadiomics getLBP2DImage): LBP of every slice orthogonal to force2Ddimension (0: axial
 * slices, rows = y, cols = x; 1: rows = z, cols = x; 2: rows = y, cols = z), written back into an array
 * of the input's type (PyRadiomics assigns into the image's numpy array). Settings lbp2DRadius (1),
 * lbp2DSamples (8), lbp2DMethod ('uniform'), force2Ddimension (0).
 */
export function* lbp2DImage(image: Image3D, _mask: unknown, settings: Record<string, unknown>): Iterable<DerivedImage> {
  const R = numberSetting(settings, "lbp2DRadius", 1, "LBP2D");
  const P = integerSetting(settings, "lbp2DSamples", 8, "LBP2D", 1);
  const method = settings.lbp2DMethod ?? "uniform";
  if (method !== "uniform" && method !== "default") {
    throw new InputError(`LBP2D: lbp2DMethod '${String(method)}' is not supported (supported: uniform, default)`);
  }
  const sliceAxis = force2DAxis(settings, "LBP2D");
  const [rowAxis, colAxis] = sliceAxis === 2 ? [1, 0] : sliceAxis === 1 ? [2, 0] : [1, 2];
  const size = image.size;
  const strides = [1, size[0], size[0] * size[1]];
  const rows = size[rowAxis];
  const cols = size[colAxis];
  const src = image.data as ArrayLike<number>;
  const Ctor = image.data.constructor as new (n: number) => VoxelArray;
  const result = new Ctor(src.length);
  const slice = new Float64Array(rows * cols);
  const lbp = new Float64Array(rows * cols);
  for (let s = 0; s < size[sliceAxis]; s++) {
    const base = s * strides[sliceAxis];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) slice[r * cols + c] = src[base + r * strides[rowAxis] + c * strides[colAxis]];
    }
    localBinaryPattern(slice, rows, cols, P, R, method, lbp);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) result[base + r * strides[rowAxis] + c * strides[colAxis]] = lbp[r * cols + c];
    }
  }
  yield { name: "lbp-2D", image: withData(image, result) };
}
