/**
 * Leakage-free model validation. A Pipeline chains fit/transform steps and a final estimator;
 * cross-validation and bootstrap build a fresh pipeline (from a factory) for every training
 * set, so scaling and feature selection never see held-out rows.
 * - Repeated stratified k-fold CV: accuracy (cut-off 0.5) and AUC per fold; mean ± SD.
 * - Bootstrap optimism correction (Harrell): corrected = apparent − mean(boot-on-boot − boot-on-original).
 * All randomness comes from the seeded xoshiro128** generator (src/stats/rng.ts).
 */
import { InputError } from "../errors.js";
import { LogisticRegression, type LogisticOptions } from "./logistic.js";
import { delongPlacements } from "./delong.js";
import { stratifiedFolds } from "./glmnet.js";
import { Rng } from "./rng.js";
import { mean } from "./ranks.js";
import { checkBinary } from "./validate.js";
import type { Matrix, Transformer } from "./selection.js";

/** The final estimator of a pipeline. */
export interface Estimator {
  fit(x: Matrix, y: ArrayLike<number>): this;
  predictProba(x: Matrix): Float64Array;
}

/** Logistic regression estimator (glm-exact fit) usable as a pipeline's last step. */
export class LogisticEstimator implements Estimator {
  private model: LogisticRegression;
  constructor(opts: LogisticOptions = {}) {
    this.model = new LogisticRegression(opts);
  }
  fit(x: Matrix, y: ArrayLike<number>): this {
    this.model.fit(x, y);
    return this;
  }
  predictProba(x: Matrix): Float64Array {
    return this.model.predictProba(x);
  }
}

/** Steps applied in order, then the estimator; fit learns every step from the same rows. */
export class Pipeline implements Estimator {
  fitted = false;
  constructor(readonly steps: Transformer[], readonly estimator: Estimator) {}

  fit(x: Matrix, y: ArrayLike<number>): this {
    let cur: Matrix = x;
    for (const s of this.steps) cur = s.fit(cur, y).transform(cur);
    this.estimator.fit(cur, y);
    this.fitted = true;
    return this;
  }

  transform(x: Matrix): number[][] {
    if (!this.fitted) throw new InputError("Pipeline: transform() before fit()");
    let cur: number[][] = Array.from(x, (r) => Array.from(r));
    for (const s of this.steps) cur = s.transform(cur);
    return cur;
  }

  predictProba(x: Matrix): Float64Array {
    return this.estimator.predictProba(this.transform(x));
  }

  /** Names of the features reaching the estimator. */
  selectedNames(names: string[]): string[] {
    return this.steps.reduce((n, s) => s.outputNames(n), names);
  }
}

/** AUC of scores for a 0/1 outcome (Mann–Whitney). */
export function auc(y: ArrayLike<number>, score: ArrayLike<number>): number {
  const cases: number[] = [];
  const controls: number[] = [];
  for (let i = 0; i < y.length; i++) (y[i] === 1 ? cases : controls).push(score[i]);
  if (!cases.length || !controls.length) return NaN;
  return delongPlacements(Float64Array.from(cases), Float64Array.from(controls), "<", false).auc;
}

/** Accuracy at a probability cut-off (default 0.5, positive when p ≥ cut-off). */
export function accuracy(y: ArrayLike<number>, p: ArrayLike<number>, cutoff = 0.5): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) ok += (p[i] >= cutoff ? 1 : 0) === y[i] ? 1 : 0;
  return ok / y.length;
}

/** Brier score mean (p − y)². */
export function brier(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (p[i] - y[i]) ** 2;
  return s / y.length;
}

function sd(v: number[]): number {
  const m = mean(v);
  return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
}

function rowsOf(x: Matrix, idx: ArrayLike<number>): number[][] {
  return Array.from(idx, (i) => Array.from(x[i]));
}

export interface CvResult {
  /** Per fold (repeat-major): AUC and accuracy on the held-out fold. */
  foldAuc: number[];
  foldAccuracy: number[];
  /** Per repeat: mean over its folds. */
  repeatAuc: number[];
  repeatAccuracy: number[];
  auc: { mean: number; sd: number };
  accuracy: { mean: number; sd: number };
  /** Out-of-fold predicted probabilities of the first repeat (every row predicted by a model not fitted on it). */
  outOfFold: Float64Array;
}

/**
 * Repeated stratified k-fold cross-validation of a pipeline factory. Folds are stratified by
 * outcome (seeded; InputError when a class has fewer than k subjects). mean ± SD are over all
 * k × repeats held-out folds.
 */
export function repeatedCv(x: Matrix, y: ArrayLike<number>, makeModel: () => Estimator, opts: { k?: number; repeats?: number; seed?: number } = {}): CvResult {
  checkBinary(y);
  if (x.length !== y.length) throw new InputError(`cross-validation: ${x.length} feature rows for ${y.length} outcomes`);
  const k = opts.k ?? 10;
  const repeats = opts.repeats ?? 10;
  const rng = new Rng(opts.seed ?? 1);
  const foldAuc: number[] = [];
  const foldAccuracy: number[] = [];
  const repeatAuc: number[] = [];
  const repeatAccuracy: number[] = [];
  const outOfFold = new Float64Array(y.length);
  for (let r = 0; r < repeats; r++) {
    const folds = stratifiedFolds(y, k, rng.nextUint32());
    const aucs: number[] = [];
    const accs: number[] = [];
    for (let f = 1; f <= k; f++) {
      const train: number[] = [];
      const test: number[] = [];
      for (let i = 0; i < y.length; i++) (folds[i] === f ? test : train).push(i);
      const yTrain = train.map((i) => y[i]);
      const yTest = test.map((i) => y[i]);
      const model = makeModel().fit(rowsOf(x, train), yTrain);
      const p = model.predictProba(rowsOf(x, test));
      if (r === 0) test.forEach((i, j) => (outOfFold[i] = p[j]));
      aucs.push(auc(yTest, p));
      accs.push(accuracy(yTest, p));
    }
    foldAuc.push(...aucs);
    foldAccuracy.push(...accs);
    repeatAuc.push(mean(aucs));
    repeatAccuracy.push(mean(accs));
  }
  return {
    foldAuc,
    foldAccuracy,
    repeatAuc,
    repeatAccuracy,
    auc: { mean: mean(foldAuc), sd: sd(foldAuc) },
    accuracy: { mean: mean(foldAccuracy), sd: sd(foldAccuracy) },
    outOfFold,
  };
}

export interface OptimismResult {
  apparent: { auc: number; accuracy: number; brier: number };
  optimism: { auc: number; accuracy: number; brier: number };
  corrected: { auc: number; accuracy: number; brier: number };
  nBoot: number;
}

/**
 * Bootstrap optimism correction (Harrell 2015, §5.3): the whole pipeline is refitted in each
 * bootstrap sample; optimism = mean(metric on the bootstrap sample − metric on the original
 * data); corrected = apparent − optimism. Samples with a single class are redrawn.
 */
export function bootstrapOptimism(x: Matrix, y: ArrayLike<number>, makeModel: () => Estimator, opts: { nBoot?: number; seed?: number } = {}): OptimismResult {
  checkBinary(y);
  const n = y.length;
  const all = Array.from({ length: n }, (_, i) => i);
  const X = rowsOf(x, all);
  const Y = Array.from(y);
  const metrics = (yy: ArrayLike<number>, p: ArrayLike<number>) => ({ auc: auc(yy, p), accuracy: accuracy(yy, p), brier: brier(yy, p) });
  const apparent = metrics(Y, makeModel().fit(X, Y).predictProba(X));
  const nBoot = opts.nBoot ?? 200;
  const rng = new Rng(opts.seed ?? 1);
  const opt = { auc: 0, accuracy: 0, brier: 0 };
  for (let b = 0; b < nBoot; b++) {
    let idx: number[];
    let yb: number[];
    do {
      idx = Array.from({ length: n }, () => rng.int(n));
      yb = idx.map((i) => Y[i]);
    } while (yb.every((v) => v === yb[0]));
    const xb = idx.map((i) => X[i]);
    const model = makeModel().fit(xb, yb);
    const onBoot = metrics(yb, model.predictProba(xb));
    const onOrig = metrics(Y, model.predictProba(X));
    opt.auc += (onBoot.auc - onOrig.auc) / nBoot;
    opt.accuracy += (onBoot.accuracy - onOrig.accuracy) / nBoot;
    opt.brier += (onBoot.brier - onOrig.brier) / nBoot;
  }
  return {
    apparent,
    optimism: opt,
    corrected: { auc: apparent.auc - opt.auc, accuracy: apparent.accuracy - opt.accuracy, brier: apparent.brier - opt.brier },
    nBoot,
  };
}
