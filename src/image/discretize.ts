import { InputError } from "../errors.js";

/** Discretisation settings with PyRadiomics' names; `binMinimum` gives IBSI's fixed bin size with a lower bound. */
export interface DiscretizeOptions {
  /** Fixed bin width W (PyRadiomics default 25); ignored when binCount is set. */
  binWidth?: number;
  /** Fixed number of bins N_b. */
  binCount?: number;
  /** IBSI FBS: edges start at this value instead of ⌊min/W⌋·W (ROI values below it are an error). */
  binMinimum?: number;
}

export interface Discretized {
  /** Bin index per voxel: 1-based inside the ROI, 0 outside. */
  bins: Int32Array;
  /** Bin edges e₀ < e₁ < …; bin k covers [e_{k−1}, e_k). */
  edges: Float64Array;
  /** Largest bin index occurring in the ROI. */
  maxBin: number;
}

/** Python's float modulo (result has the divisor's sign). */
function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/** numpy.arange(start, stop, step) for floats: length ⌈(stop − start)/step⌉, element i = start + i·(e₁ − e₀). */
function arange(start: number, stop: number, step: number): Float64Array {
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const out = new Float64Array(n);
  const delta = start + step - start;
  for (let i = 0; i < n; i++) out[i] = start + i * delta;
  return out;
}

/** numpy.linspace(a, b, n + 1) as numpy.histogram builds equal-width edges: e_i = i·(b − a)/n + a, last = b. */
function linspaceEdges(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n + 1);
  const step = (b - a) / n;
  for (let i = 0; i <= n; i++) out[i] = i * step + a;
  out[n] = b;
  return out;
}

/**
 * PyRadiomics' getBinEdges.
 * Fixed width W: edges from L = min − (min mod W) (= ⌊min/W⌋·W) up to max + 2W in steps of W, so that
 * X_b = ⌊X/W⌋ − ⌊min/W⌋ + 1; a single edge becomes [e − ½, e + ½].
 * Fixed count N_b: numpy.histogram's N_b equal bins over [min, max] (flat ROI: [min − ½, max + ½]),
 * last edge + 1 so the maximum falls in bin N_b.
 * IBSI FBS (binMinimum = L): edges L, L + W, … regardless of the ROI minimum.
 */
export function binEdges(values: ArrayLike<number>, opts: DiscretizeOptions = {}): Float64Array {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(min <= max)) throw new InputError("discretize: no finite values in the region of interest");
  if (opts.binCount !== undefined && opts.binCount !== null) {
    const n = opts.binCount;
    if (!(Number.isInteger(n) && n > 0)) throw new InputError(`setting binCount: expected a positive integer, got ${n}`);
    const edges = min === max ? linspaceEdges(min - 0.5, max + 0.5, n) : linspaceEdges(min, max, n);
    edges[n] = edges[n]! + 1;
    return edges;
  }
  const w = opts.binWidth ?? 25;
  if (!(w > 0)) throw new InputError(`setting binWidth: expected a positive number, got ${w}`);
  let low: number;
  if (opts.binMinimum !== undefined && opts.binMinimum !== null) {
    low = opts.binMinimum;
    if (min < low) throw new InputError(`discretize: ROI minimum ${min} is below binMinimum ${low} (resegment first)`);
  } else low = min - pyMod(min, w);
  const edges = arange(low, max + 2 * w, w);
  return edges.length === 1 ? Float64Array.of(edges[0]! - 0.5, edges[0]! + 0.5) : edges;
}

/** numpy.digitize for increasing edges: the i with edges[i−1] ≤ x < edges[i] (0 below, len above). */
export function digitize(x: number, edges: Float64Array): number {
  let lo = 0, hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Discretises the ROI voxels (mask ≠ 0) of `values` into 1-based bins with PyRadiomics' edges
 * (binImage: numpy.digitize against getBinEdges); voxels outside the ROI get 0.
 */
export function discretize(values: ArrayLike<number>, mask: ArrayLike<number>, opts: DiscretizeOptions = {}): Discretized {
  if (values.length !== mask.length) throw new InputError(`discretize: ${values.length} values but ${mask.length} mask voxels`);
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) n++;
  if (n === 0) throw new InputError("discretize: the mask is empty");
  const roi = new Float64Array(n);
  for (let i = 0, k = 0; i < mask.length; i++) if (mask[i]) roi[k++] = values[i]!;
  const edges = binEdges(roi, opts);
  const bins = new Int32Array(values.length);
  let maxBin = 0;
  // The edges are (nearly) equally spaced: guess the bin arithmetically, then step to the exact digitize
  // answer (the number of edges ≤ x) by comparing with the edges themselves.
  const last = edges.length;
  const e0 = edges[0]!;
  const inv = (last - 1) / (edges[last - 1]! - e0);
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const x = values[i]!;
    let b = Math.floor((x - e0) * inv) + 1;
    if (!(b >= 0)) b = 0;
    else if (b > last) b = last;
    while (b > 0 && edges[b - 1]! > x) b--;
    while (b < last && edges[b]! <= x) b++;
    bins[i] = b;
    if (b > maxBin) maxBin = b;
  }
  return { bins, edges, maxBin };
}
