/**
 * Nomogram of a logistic model as rms::nomogram(fit, fun = plogis): each predictor axis spans
 * pretty(min, max; nint) (or its distinct values when it has < 10 of them); points =
 * (βx − min βx on that axis)·s with s = maxscale / (largest βx range over predictors); total
 * points T map to lp = b₀ + Σ min βx + T/s; the probability axis labels pretty(plogis(range of
 * lp axis)) and places them by linear interpolation of plogis over a 1000-point lp grid, as rms.
 */
import { InputError } from "../errors.js";
import { fitLogistic, type LogisticFit } from "./logistic.js";
import { plogis, qlogis } from "./dist.js";

const DBL_EPSILON = 2.220446049250313e-16;

/** R's pretty(c(lo, hi), n) (R_pretty with high.u.bias = 1.5, u5.bias = 2.75, min.n = n %/% 3). */
export function pretty(lo0: number, hi0: number, n = 5): number[] {
  let lo = Math.min(lo0, hi0);
  let up = Math.max(lo0, hi0);
  const minN = Math.floor(n / 3);
  const h = 1.5;
  const h5 = 0.5 + 1.5 * h;
  const roundingEps = 1e-10;
  const dx = up - lo;
  let cell: number;
  let iSmall: boolean;
  if (dx === 0 && up === 0) {
    cell = 1;
    iSmall = true;
  } else {
    cell = Math.max(Math.abs(lo), Math.abs(up));
    const U = (1 + (h5 >= 1.5 * h + 0.5 ? 1 / (1 + h) : 1.5 / (1 + h5))) * Math.max(1, n) * DBL_EPSILON;
    iSmall = dx < cell * U * 3;
  }
  if (iSmall) {
    if (cell > 10) cell = 9 + cell / 10;
    cell *= 0.75;
    if (minN > 1) cell /= minN;
  } else {
    cell = dx;
    if (n > 1) cell /= n;
  }
  const base = 10 ** Math.floor(Math.log10(cell));
  let unit = base;
  if (2 * base - cell < h * (cell - unit)) {
    unit = 2 * base;
    if (5 * base - cell < h5 * (cell - unit)) {
      unit = 5 * base;
      if (10 * base - cell < h * (cell - unit)) unit = 10 * base;
    }
  }
  let ns = Math.floor(lo / unit + roundingEps);
  let nu = Math.ceil(up / unit - roundingEps);
  while (ns * unit > lo + roundingEps * unit) ns--;
  while (nu * unit < up - roundingEps * unit) nu++;
  let k = Math.floor(0.5 + nu - ns);
  if (k < minN) {
    k = minN - k;
    if (ns >= 0) {
      nu += k / 2;
      ns -= k / 2 + (k % 2);
    } else {
      ns -= k / 2;
      nu += k / 2 + (k % 2);
    }
    k = minN;
  }
  const from = ns * unit;
  const to = nu * unit;
  const out = seqLength(from, to, k + 1);
  const delta = (to - from) / k;
  return out.map((v) => (Math.abs(v) < 1e-14 * delta ? 0 : v));
}

/** seq.int(from, to, length.out = n): from + i·(to − from)/(n − 1), last value exactly `to`. */
export function seqLength(from: number, to: number, n: number): number[] {
  if (n === 1) return [from];
  const by = (to - from) / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? to : from + i * by));
}

/** seq(from, to, length = n) as seq.default: interior from + i·((to − from)/(n − 1)), ends exact. */
function seqDefault(from: number, to: number, n: number): number[] {
  const n1 = n - 1;
  const by = (to - from) / n1;
  return Array.from({ length: n }, (_, i) => (i === 0 ? from : i === n1 ? to : from + i * by));
}

/** approx(x, y, xout) with rule = 1 (NA outside) on increasing x. */
function approx1(x: number[], y: number[], v: number): number {
  let i = 0;
  let j = x.length - 1;
  if (v < x[i] || v > x[j]) return NaN;
  while (i < j - 1) {
    const ij = (i + j) >> 1;
    if (v < x[ij]) j = ij;
    else i = ij;
  }
  if (v === x[j]) return y[j];
  if (v === x[i]) return y[i];
  return y[i] + (y[j] - y[i]) * ((v - x[i]) / (x[j] - x[i]));
}

/** format(x) with 7 significant digits (R's default), trailing zeros dropped. */
function formatR(x: number): string {
  return String(Number(x.toPrecision(7)));
}

export interface NomogramAxis {
  name: string;
  values: number[];
  xbeta: number[];
  points: number[];
}

export interface Nomogram {
  fit: Pick<LogisticFit, "coefficients" | "linearPredictor">;
  axes: NomogramAxis[];
  pointsPerLpUnit: number;
  lpAtZeroTotalPoints: number;
  totalPointsAxis: number[];
  lpAxis: { points: number[]; lp: number[] };
  probabilityAxis: { totalPoints: number[]; probability: number[]; labels: string[]; totalPointsExactInverse: number[] };
  /** Total points of a subject (values in predictor order). */
  totalPoints(row: ArrayLike<number>): number;
  /** Probability from total points: plogis(lp₀ + T/s). */
  probability(totalPoints: number): number;
}

export interface NomogramOptions {
  maxscale?: number;
  nint?: number;
  funAt?: number[];
}

/** Fits the logistic model and builds its nomogram (maxscale 100, nint 10, fun = plogis). */
export function nomogram(columns: Record<string, ArrayLike<number>>, y: ArrayLike<number>, opts: NomogramOptions = {}): Nomogram {
  const names = Object.keys(columns);
  if (names.length === 0) throw new InputError("nomogram: no predictors");
  const x = Array.from(y, (_, i) => names.map((nm) => columns[nm][i]));
  const fit = fitLogistic(x, y, { names });
  return nomogramFromCoefficients(fit.coefficients, columns, opts);
}

/**
 * Builds the nomogram for given coefficients [b₀, b₁..b_p] (in the order of `columns`); the
 * columns supply the axis ranges and the linear-predictor range of the data.
 */
export function nomogramFromCoefficients(coefficients: number[], columns: Record<string, ArrayLike<number>>, opts: NomogramOptions = {}): Nomogram {
  const names = Object.keys(columns);
  if (coefficients.length !== names.length + 1) throw new InputError(`nomogram: ${coefficients.length} coefficients for ${names.length} predictors (+ intercept)`);
  const maxscale = opts.maxscale ?? 100;
  const nint = opts.nint ?? 10;
  const n = columns[names[0]].length;
  const lp = new Float64Array(n).fill(coefficients[0]);
  names.forEach((nm, j) => {
    const col = columns[nm];
    for (let i = 0; i < n; i++) lp[i] += coefficients[j + 1] * col[i];
  });
  const fit = { coefficients, linearPredictor: lp };
  const axes: NomogramAxis[] = names.map((nm, j) => {
    const col = Array.from(columns[nm]);
    const distinct = Array.from(new Set(col)).sort((a, b) => a - b);
    const values = distinct.length < 10 ? distinct : pretty(distinct[0], distinct[distinct.length - 1], nint);
    const b = fit.coefficients[j + 1];
    return { name: nm, values, xbeta: values.map((v) => b * v), points: [] };
  });
  const ranges = axes.map((a) => [Math.min(...a.xbeta), Math.max(...a.xbeta)]);
  const sc = maxscale / Math.max(...ranges.map(([lo, hi]) => hi - lo));
  axes.forEach((a, j) => (a.points = a.xbeta.map((v) => (v - ranges[j][0]) * sc)));
  const intercept = fit.coefficients[0] + ranges.reduce((s, [lo]) => s + lo, 0);
  let lpMin = Infinity;
  let lpMax = -Infinity;
  for (const v of lp) {
    lpMin = Math.min(lpMin, v);
    lpMax = Math.max(lpMax, v);
  }
  const lpAt = pretty(lpMin, lpMax, nint);
  const sumMax = names.length === 1 ? maxscale : Math.max(maxscale, sc * (Math.max(...lpAt) - intercept));
  const totalPointsAxis = pretty(0, sumMax, nint);
  const fat = opts.funAt ?? pretty(plogis(Math.min(...lpAt)), plogis(Math.max(...lpAt)), nint);
  const xseq = seqDefault(Math.min(...lpAt), Math.max(...lpAt), 1000);
  const fu = xseq.map(plogis);
  const placed = fat.map((f) => ({ f, w: approx1(fu, xseq, f) })).filter((o) => !Number.isNaN(o.w));
  return {
    fit,
    axes,
    pointsPerLpUnit: sc,
    lpAtZeroTotalPoints: intercept,
    totalPointsAxis,
    lpAxis: { points: lpAt.map((v) => (v - intercept) * sc), lp: lpAt },
    probabilityAxis: {
      totalPoints: placed.map((o) => (o.w - intercept) * sc),
      probability: placed.map((o) => o.f),
      labels: placed.map((o) => formatR(o.f)),
      totalPointsExactInverse: placed.map((o) => (qlogis(o.f) - intercept) * sc),
    },
    totalPoints(row) {
      let t = 0;
      axes.forEach((_, j) => (t += (fit.coefficients[j + 1] * row[j] - ranges[j][0]) * sc));
      return t;
    },
    probability(t) {
      return plogis(intercept + t / sc);
    },
  };
}
