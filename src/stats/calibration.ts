/**
 * Calibration of predicted probabilities p against outcomes y:
 * rms::val.prob statistics, glm calibration intercept/slope and calibration-in-the-large,
 * ResourceSelection::hoslem.test, binned and lowess calibration curves, and bootstrap
 * optimism-corrected calibration (rms::calibrate style).
 */
import { fitLogistic, binomialDeviance } from "./logistic.js";
import { lowess, smoothAtPoints, interpolate } from "./lowess.js";
import { pnormTwoSided, pchisqUpper, qnorm } from "./dist.js";
import { quantile7, mean } from "./ranks.js";
import { delongPlacements } from "./delong.js";
import { checkBinary, checkProbabilities, checkSameLength } from "./validate.js";
import { Rng } from "./rng.js";
import { InputError } from "../errors.js";

function checkInputs(p: ArrayLike<number>, y: ArrayLike<number>): void {
  checkSameLength(p, y, "calibration: probabilities and outcome");
  checkProbabilities(p);
  checkBinary(y);
}

/** Concordance AUC of p for y (Mann–Whitney, ties ½). */
function concordance(p: ArrayLike<number>, y: ArrayLike<number>): number {
  const cases: number[] = [];
  const controls: number[] = [];
  for (let i = 0; i < y.length; i++) (y[i] === 1 ? cases : controls).push(p[i]);
  return delongPlacements(Float64Array.from(cases), Float64Array.from(controls), "<", false).auc;
}

export interface ValProb {
  Dxy: number;
  "C (ROC)": number;
  R2: number;
  D: number;
  "D:Chi-sq": number;
  "D:p": number;
  U: number;
  "U:Chi-sq": number;
  "U:p": number;
  Q: number;
  Brier: number;
  Intercept: number;
  Slope: number;
  Emax: number;
  E90: number;
  Eavg: number;
  "S:z": number;
  "S:p": number;
  /** Exact concordance (pROC AUC) of p; val.prob's C bins p first (see cBinned). */
  aucExact: number;
}

/**
 * rms::val.prob(p, y). With L₀ the null deviance, L₀₁ = −2 log L at (intercept 0, slope 1) and
 * L the deviance of the logistic recalibration y ~ logit(p):
 * D = (L₀ − L₀₁ − 1)/n, U = (L₀₁ − L − 2)/n, Q = D − U, R2 = Nagelkerke (1 − e^{−(L₀−L₀₁)/n})/(1 − e^{−L₀/n}),
 * Brier = mean (p − y)², Spiegelhalter z = Σ(y − p)(1 − 2p)/√Σ(1 − 2p)² p(1 − p),
 * Eavg/Emax/E90 = mean/max/90th percentile of |p − lowess(p, y, iter = 0)(p)|.
 * C and Dxy follow rms (probabilities binned as ⌊5000 p⌋ before counting concordant pairs).
 */
export function valProb(p: ArrayLike<number>, y: ArrayLike<number>): ValProb {
  checkInputs(p, y);
  const n = p.length;
  const logit = Float64Array.from(p, (v) => Math.log(v / (1 - v)));
  if (logit.some((v) => !Number.isFinite(v))) throw new InputError("val.prob: probabilities of exactly 0 or 1 have no logit");
  const recal = fitLogistic(Array.from(logit, (v) => [v]), y, { names: ["logit"] });
  const L0 = recal.nullDeviance;
  const L = recal.deviance;
  let L01 = 0;
  for (let i = 0; i < n; i++) L01 -= 2 * (y[i] * logit[i] - Math.log1p(Math.exp(logit[i])));
  const dChi = L0 - L01;
  const uChi = L01 - L;
  const D = (dChi - 1) / n;
  const U = (uChi - 2) / n;
  // rms reports R2 of the fixed (0, 1) fit, i.e. from the D chi-square, not the recalibrated one.
  const R2 = (1 - Math.exp(-dChi / n)) / (1 - Math.exp(-L0 / n));
  let brier = 0;
  let sNum = 0;
  let sDen = 0;
  for (let i = 0; i < n; i++) {
    brier += (p[i] - y[i]) ** 2;
    sNum += (y[i] - p[i]) * (1 - 2 * p[i]);
    sDen += (1 - 2 * p[i]) ** 2 * p[i] * (1 - p[i]);
  }
  const sz = sNum / Math.sqrt(sDen);
  const err = smoothErrors(p, y);
  const c = concordance(Float64Array.from(p, (v) => Math.floor(5000 * v)), y);
  return {
    Dxy: 2 * c - 1,
    "C (ROC)": c,
    R2,
    D,
    "D:Chi-sq": dChi,
    "D:p": NaN,
    U,
    "U:Chi-sq": uChi,
    "U:p": pchisqUpper(uChi, 2),
    Q: D - U,
    Brier: brier / n,
    Intercept: recal.coefficients[0],
    Slope: recal.coefficients[1],
    Emax: err.emax,
    E90: err.e90,
    Eavg: err.eavg,
    "S:z": sz,
    "S:p": pnormTwoSided(sz),
    aucExact: concordance(p, y),
  };
}

/** |p − lowess(p, y, iter = 0) at p| summarised as mean, max and 90th percentile (type 7). */
function smoothErrors(p: ArrayLike<number>, y: ArrayLike<number>): { eavg: number; emax: number; e90: number } {
  const sm = lowess(p, y, 2 / 3, 0);
  const cal = smoothAtPoints(sm, p);
  const er = Float64Array.from(p, (v, i) => Math.abs(v - cal[i]));
  const sorted = Float64Array.from(er).sort();
  return { eavg: mean(er), emax: sorted[sorted.length - 1], e90: quantile7(sorted, 0.9) };
}

export interface GlmCalibration {
  intercept: number;
  slope: number;
  interceptSe: number;
  slopeSe: number;
  /** Calibration-in-the-large: intercept of y ~ offset(logit p). */
  citl: number;
  citlSe: number;
  citlP: number;
  meanObserved: number;
  meanPredicted: number;
}

/** Calibration intercept/slope (glm y ~ logit p) and calibration-in-the-large (glm y ~ offset(logit p)). */
export function glmCalibration(p: ArrayLike<number>, y: ArrayLike<number>): GlmCalibration {
  checkInputs(p, y);
  const lo = Float64Array.from(p, (v) => Math.log(v / (1 - v)));
  const fit = fitLogistic(Array.from(lo, (v) => [v]), y, { names: ["lo"] });
  const citl = fitLogistic(Array.from(lo, () => []), y, { names: [], offset: lo });
  return {
    intercept: fit.coefficients[0],
    slope: fit.coefficients[1],
    interceptSe: fit.stdError[0],
    slopeSe: fit.stdError[1],
    citl: citl.coefficients[0],
    citlSe: citl.stdError[0],
    citlP: citl.pValue[0],
    meanObserved: mean(y),
    meanPredicted: mean(p),
  };
}

export interface HosmerLemeshow {
  statistic: number;
  df: number;
  pValue: number;
  nGroups: number;
  breaks: number[];
  groups: string[];
  observedY0: number[];
  observedY1: number[];
  expectedYhat0: number[];
  expectedYhat1: number[];
  groupN: number[];
}

/**
 * Hosmer–Lemeshow test as ResourceSelection::hoslem.test(y, p, g): groups cut at
 * unique(quantile(p, 0:g/g)) (type 7, include.lowest); X² = Σ_groups Σ_{y∈{0,1}} (O − E)²/E,
 * df = non-empty groups − 2.
 */
export function hosmerLemeshow(y: ArrayLike<number>, p: ArrayLike<number>, g = 10): HosmerLemeshow {
  checkInputs(p, y);
  const sorted = Float64Array.from(p).sort();
  const breaks = Array.from(new Set(Array.from({ length: g + 1 }, (_, k) => quantile7(sorted, k / g))));
  const k = breaks.length - 1;
  if (k < 1) throw new InputError("Hosmer–Lemeshow: all predicted probabilities are equal; no groups can be formed");
  const o0 = new Array(k).fill(0);
  const o1 = new Array(k).fill(0);
  const e0 = new Array(k).fill(0);
  const e1 = new Array(k).fill(0);
  const cnt = new Array(k).fill(0);
  for (let i = 0; i < p.length; i++) {
    const gi = groupOf(breaks, p[i]);
    cnt[gi]++;
    if (y[i] === 1) o1[gi]++;
    else o0[gi]++;
    e1[gi] += p[i];
    e0[gi] += 1 - p[i];
  }
  let stat = 0;
  let nonEmpty = 0;
  for (let j = 0; j < k; j++) {
    if (cnt[j] === 0) continue;
    nonEmpty++;
    stat += (o0[j] - e0[j]) ** 2 / e0[j] + (o1[j] - e1[j]) ** 2 / e1[j];
  }
  const df = nonEmpty - 2;
  return {
    statistic: stat,
    df,
    pValue: pchisqUpper(stat, df),
    nGroups: nonEmpty,
    breaks,
    groups: cutLabels(breaks),
    observedY0: o0,
    observedY1: o1,
    expectedYhat0: e0,
    expectedYhat1: e1,
    groupN: cnt,
  };
}

/** Interval index of v for cut(breaks, include.lowest = TRUE): (b_{k−1}, b_k], first closed. */
function groupOf(breaks: number[], v: number): number {
  for (let j = 1; j < breaks.length; j++) if (v <= breaks[j]) return j - 1;
  return breaks.length - 2;
}

/** C's %.{d}g formatting (R's formatC(x, digits = d, width = 1)). */
export function formatG(x: number, d: number): string {
  if (x === 0) return "0";
  const exp = Math.floor(Math.log10(Math.abs(x)));
  let s = x.toPrecision(d);
  if (exp < -4 || exp >= d) {
    const [m, e] = x.toExponential(d - 1).split("e");
    const mant = m.includes(".") ? m.replace(/\.?0+$/, "") : m;
    const ev = Number(e);
    return `${mant}e${ev < 0 ? "-" : "+"}${String(Math.abs(ev)).padStart(2, "0")}`;
  }
  if (s.includes("e")) s = x.toFixed(Math.max(0, d - 1 - exp));
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** Labels of cut(..., include.lowest = TRUE, dig.lab = 3): digits grow until adjacent labels differ. */
export function cutLabels(breaks: number[]): string[] {
  let labels: string[] = [];
  for (let dig = 3; dig <= 12; dig++) {
    labels = breaks.map((b) => formatG(b, dig));
    let distinct = true;
    for (let j = 1; j < labels.length; j++) if (labels[j] === labels[j - 1]) distinct = false;
    if (distinct) break;
  }
  return labels.slice(1).map((hi, j) => `${j === 0 ? "[" : "("}${labels[j]},${hi}]`);
}

export interface CalibrationBin {
  meanPredicted: number;
  observed: number;
  n: number;
  lower: number;
  upper: number;
}

/** Binned calibration curve: quantile groups of p (as Hosmer–Lemeshow), observed rate with Wald CI. */
export function binnedCalibration(p: ArrayLike<number>, y: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const hl = hosmerLemeshow(y, p, bins);
  const z = qnorm(0.975);
  const out: CalibrationBin[] = [];
  hl.groupN.forEach((n, j) => {
    if (n === 0) return;
    const obs = hl.observedY1[j] / n;
    const se = Math.sqrt((obs * (1 - obs)) / n);
    out.push({ meanPredicted: hl.expectedYhat1[j] / n, observed: obs, n, lower: Math.max(0, obs - z * se), upper: Math.min(1, obs + z * se) });
  });
  return out;
}

/** Smooth (lowess, iter = 0 as val.prob) calibration curve evaluated on a grid of predicted probabilities. */
export function smoothCalibration(p: ArrayLike<number>, y: ArrayLike<number>, grid?: ArrayLike<number>): { predicted: Float64Array; observed: Float64Array } {
  checkInputs(p, y);
  const sm = lowess(p, y, 2 / 3, 0);
  const at = smoothAtPoints(sm, sm.x);
  const xs = Array.from(new Set(sm.x));
  const ys = xs.map((v) => at[sm.x.indexOf(v)]);
  const g = grid ? Float64Array.from(grid) : Float64Array.from(xs);
  return { predicted: g, observed: Float64Array.from(g, (v) => interpolate(xs, ys, v)) };
}

export interface OptimismCalibration {
  predicted: Float64Array;
  apparent: Float64Array;
  optimism: Float64Array;
  corrected: Float64Array;
  nBoot: number;
}

/**
 * Bootstrap optimism-corrected calibration curve (rms::calibrate, method "boot"): on a grid of
 * predicted probabilities, apparent = smooth calibration of the model on its training data;
 * optimism = mean over bootstrap refits of (calibration in the bootstrap sample − calibration of
 * the bootstrap model on the original data); corrected = apparent − optimism.
 * `fitPredict(trainRows)` must refit the whole pipeline on those rows and return a predictor
 * of probabilities for any rows.
 */
export function bootstrapCalibration(
  y: ArrayLike<number>,
  fitPredict: (trainRows: Int32Array) => (rows: Int32Array) => Float64Array,
  opts: { nBoot?: number; seed?: number; grid?: ArrayLike<number> } = {},
): OptimismCalibration {
  const n = y.length;
  checkBinary(y);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const pApp = fitPredict(all)(all);
  const grid = Float64Array.from(opts.grid ?? seqGrid(pApp));
  const apparent = smoothCalibration(pApp, y, grid).observed;
  const nBoot = opts.nBoot ?? 200;
  const rng = new Rng(opts.seed ?? 1);
  const opt = new Float64Array(grid.length);
  let used = 0;
  for (let b = 0; b < nBoot; b++) {
    const rows = Int32Array.from({ length: n }, () => rng.int(n));
    const yb = Float64Array.from(rows, (i) => y[i]);
    if (yb.every((v) => v === yb[0])) continue;
    let predict;
    try {
      predict = fitPredict(rows);
    } catch {
      continue;
    }
    const calBoot = smoothCalibration(predict(rows), yb, grid).observed;
    const calOrig = smoothCalibration(predict(all), y, grid).observed;
    for (let k = 0; k < grid.length; k++) opt[k] += calBoot[k] - calOrig[k];
    used++;
  }
  for (let k = 0; k < grid.length; k++) opt[k] /= used;
  return { predicted: grid, apparent, optimism: opt, corrected: apparent.map((a, k) => a - opt[k]), nBoot: used };
}

function seqGrid(p: ArrayLike<number>): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < p.length; i++) {
    lo = Math.min(lo, p[i]);
    hi = Math.max(hi, p[i]);
  }
  return Array.from({ length: 50 }, (_, k) => lo + ((hi - lo) * k) / 49);
}

/** Binomial deviance of probabilities (for reporting). */
export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  return binomialDeviance(y, p) / (2 * y.length);
}
