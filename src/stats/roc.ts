/**
 * ROC analysis with pROC semantics. Direction '<': controls have lower values and a subject is
 * test-positive when predictor > threshold. Thresholds are −Inf, the midpoints between
 * consecutive distinct predictor values, and +Inf (increasing). AUC is the Mann–Whitney
 * probability P(case > control) + ½ P(tie).
 */
import { InputError } from "../errors.js";
import { argsort, quantile7 } from "./ranks.js";
import { delongPlacements, placementsFromOrder, type Placements } from "./delong.js";
import { qnorm } from "./dist.js";
import { Rng } from "./rng.js";
import { checkBinary, checkFinite, checkSameLength } from "./validate.js";

export type Direction = "<" | ">" | "auto";

export interface RocCurve {
  direction: "<" | ">";
  thresholds: number[];
  sensitivities: number[];
  specificities: number[];
  auc: number;
  /** Predictor values of cases (outcome 1) and controls (outcome 0). */
  cases: Float64Array;
  controls: Float64Array;
  /** DeLong placement values of this curve (reused by the CI). */
  placements?: Placements;
}

/** Splits a predictor by a 0/1 response into cases and controls after validation. */
export function splitByResponse(response: ArrayLike<number>, predictor: ArrayLike<number>): { cases: Float64Array; controls: Float64Array } {
  checkSameLength(response, predictor, "ROC: response and predictor");
  checkFinite(predictor, "ROC predictor");
  checkBinary(response, "ROC response");
  let m = 0;
  for (let i = 0; i < response.length; i++) if (response[i] === 1) m++;
  const cases = new Float64Array(m);
  const controls = new Float64Array(response.length - m);
  let ic = 0;
  let io = 0;
  for (let i = 0; i < response.length; i++) {
    if (response[i] === 1) cases[ic++] = predictor[i];
    else controls[io++] = predictor[i];
  }
  return { cases, controls };
}

/** pROC's automatic direction: '<' when median(controls) ≤ median(cases). */
function autoDirection(cases: Float64Array, controls: Float64Array): "<" | ">" {
  const med = (v: Float64Array) => quantile7(Float64Array.from(v).sort(), 0.5);
  return med(controls) <= med(cases) ? "<" : ">";
}

/**
 * Builds the ROC curve and AUC (pROC::roc with the given direction). The default is '<' (cases
 * expected higher, as for a model's risk), not pROC's "auto", so a reversed predictor shows an
 * AUC below 0.5 instead of being flipped silently; pass "auto" for pROC's rule.
 */
export function roc(response: ArrayLike<number>, predictor: ArrayLike<number>, direction: Direction = "<"): RocCurve {
  const { cases, controls } = splitByResponse(response, predictor);
  const dir = direction === "auto" ? autoDirection(cases, controls) : direction;
  const m = cases.length;
  const n = controls.length;
  const pooled = new Float64Array(m + n);
  pooled.set(cases, 0);
  pooled.set(controls, m);
  const order = argsort(pooled);
  // Thresholds between consecutive distinct values; ic/io = cases/controls at or below each.
  const thresholds: number[] = [-Infinity];
  const sensitivities: number[] = [];
  const specificities: number[] = [];
  const point = (ic: number, io: number): void => {
    sensitivities.push(dir === "<" ? (m - ic) / m : ic / m);
    specificities.push(dir === "<" ? io / n : (n - io) / n);
  };
  point(0, 0);
  let ic = 0;
  let io = 0;
  let k = 0;
  while (k < order.length) {
    const x = pooled[order[k]];
    while (k < order.length && pooled[order[k]] === x) {
      if (order[k] < m) ic++;
      else io++;
      k++;
    }
    thresholds.push(k < order.length ? (x + pooled[order[k]]) / 2 : Infinity);
    point(ic, io);
  }
  const placements = placementsFromOrder(pooled, order, m, dir);
  return { direction: dir, thresholds, sensitivities, specificities, auc: placements.auc, cases, controls, placements };
}

export interface AucCi {
  lower: number;
  estimate: number;
  upper: number;
  variance?: number;
  se?: number;
}

/** A confidence level is a probability (0.95, not 95). */
function checkConfLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new InputError(`confidence level must be in (0, 1) (e.g. 0.95), got ${level}`);
}

/** DeLong CI of the AUC: auc ∓ z_{1−α/2} √var, clipped to [0, 1] as pROC does. */
export function aucCiDelong(curve: RocCurve, confLevel = 0.95): AucCi {
  checkConfLevel(confLevel);
  const { auc, variance } = curve.placements ?? delongPlacements(curve.cases, curve.controls, curve.direction);
  const se = Math.sqrt(variance);
  const z = qnorm(1 - (1 - confLevel) / 2);
  return { lower: Math.max(0, auc - z * se), estimate: auc, upper: Math.min(1, auc + z * se), variance, se };
}

/**
 * Stratified bootstrap CI of the AUC (pROC ci.auc method 'bootstrap'): cases and controls are
 * resampled separately (seeded xoshiro128**), percentile interval (quantile type 7).
 */
export function aucCiBootstrap(curve: RocCurve, opts: { nBoot?: number; seed?: number; confLevel?: number } = {}): AucCi & { replicates: Float64Array } {
  const nBoot = opts.nBoot ?? 2000;
  const rng = new Rng(opts.seed ?? 1);
  const a = curve.cases;
  const b = curve.controls;
  const ra = new Float64Array(a.length);
  const rb = new Float64Array(b.length);
  const reps = new Float64Array(nBoot);
  for (let r = 0; r < nBoot; r++) {
    for (let i = 0; i < a.length; i++) ra[i] = a[rng.int(a.length)];
    for (let i = 0; i < b.length; i++) rb[i] = b[rng.int(b.length)];
    reps[r] = delongPlacements(ra, rb, curve.direction, false).auc;
  }
  const sorted = Float64Array.from(reps).sort();
  checkConfLevel(opts.confLevel ?? 0.95);
  const alpha = 1 - (opts.confLevel ?? 0.95);
  return { lower: quantile7(sorted, alpha / 2), estimate: curve.auc, upper: quantile7(sorted, 1 - alpha / 2), replicates: reps };
}

export interface CutoffRow {
  threshold: number;
  sensitivity: number;
  specificity: number;
  accuracy: number;
  ppv: number;
  npv: number;
  youdenJ: number;
}

/**
 * Youden-optimal cut-offs (pROC coords(x = "best", best.method = "youden")): maximise
 * sens + r·spec with r = (1 − prevalence weight)/(cost · prevalence weight) = 1 for the default
 * best.weights c(1, 0.5). All tied optima are returned.
 */
export function youdenBest(curve: RocCurve, bestWeights: [number, number] = [1, 0.5]): CutoffRow[] {
  const r = (1 - bestWeights[1]) / (bestWeights[0] * bestWeights[1]);
  const crit = curve.sensitivities.map((s, i) => s + r * curve.specificities[i]);
  const max = Math.max(...crit);
  const nCases = curve.cases.length;
  const nControls = curve.controls.length;
  const rows: CutoffRow[] = [];
  crit.forEach((c, i) => {
    if (c !== max) return;
    rows.push(cutoffRow(curve.thresholds[i], curve.sensitivities[i], curve.specificities[i], nCases, nControls));
  });
  return rows;
}

/** Confusion-matrix statistics at one threshold from sens/spec and class sizes. */
export function cutoffRow(threshold: number, sens: number, spec: number, nCases: number, nControls: number): CutoffRow {
  const tp = sens * nCases;
  const tn = spec * nControls;
  const fp = nControls - tn;
  const fn = nCases - tp;
  return {
    threshold,
    sensitivity: sens,
    specificity: spec,
    accuracy: (tp + tn) / (nCases + nControls),
    ppv: tp / (tp + fp),
    npv: tn / (tn + fn),
    youdenJ: sens + spec - 1,
  };
}

/** Guard used by callers that require distinct classes in a subset (e.g. a CV fold). */
export function requireBothClasses(y: ArrayLike<number>, what: string): void {
  let e = 0;
  for (let i = 0; i < y.length; i++) e += y[i] === 1 ? 1 : 0;
  if (e === 0 || e === y.length) throw new InputError(`${what}: needs both events and non-events (has ${e} of ${y.length})`);
}
