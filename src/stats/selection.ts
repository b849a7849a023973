/**
 * Feature-selection steps for radiomics pipelines. Every step learns only from the rows it is
 * fitted on (`fit(X, y)`) and applies that to any rows (`transform(X)`), so when used inside
 * a Pipeline and cross-validation nothing from held-out rows leaks into the selection.
 * X is n rows × p features (plain number arrays).
 */
import { InputError } from "../errors.js";
import { wilcoxonRankSum, tTest, pearson } from "./tests.js";
import { midranks, mean } from "./ranks.js";
import { delongPlacements } from "./delong.js";
import { checkBinary } from "./validate.js";
import { cvGlmnet } from "./glmnet.js";

export type Matrix = ArrayLike<ArrayLike<number>>;

/** A fit/transform step; `selected` gives the kept input columns (by index) after fit. */
export interface Transformer {
  fit(x: Matrix, y: ArrayLike<number>): this;
  transform(x: Matrix): number[][];
  /** Names of the output columns for the given input names. */
  outputNames(names: string[]): string[];
}

function column(x: Matrix, j: number): Float64Array {
  return Float64Array.from({ length: x.length }, (_, i) => x[i][j]);
}

function width(x: Matrix): number {
  if (x.length === 0) throw new InputError("feature matrix has no rows");
  return x[0].length;
}

function selectColumns(x: Matrix, keep: number[]): number[][] {
  return Array.from(x, (row) => keep.map((j) => row[j]));
}

/**
 * z-scoring with mean and SD (n − 1) learnt on the fitted rows only; constant training
 * columns are centred but not scaled (SD taken as 1) so they become 0.
 */
export class StandardScaler implements Transformer {
  mean: Float64Array = new Float64Array(0);
  sd: Float64Array = new Float64Array(0);

  fit(x: Matrix): this {
    const p = width(x);
    const n = x.length;
    this.mean = new Float64Array(p);
    this.sd = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      const col = column(x, j);
      const m = mean(col);
      let s = 0;
      for (const v of col) s += (v - m) ** 2;
      const sd = n > 1 ? Math.sqrt(s / (n - 1)) : 0;
      this.mean[j] = m;
      this.sd[j] = sd > 0 ? sd : 1;
    }
    return this;
  }

  transform(x: Matrix): number[][] {
    if (this.mean.length === 0) throw new InputError("StandardScaler: transform() before fit()");
    return Array.from(x, (row) => Array.from(row, (v, j) => (v - this.mean[j]) / this.sd[j]));
  }

  outputNames(names: string[]): string[] {
    return names;
  }
}

/** Indices kept by a selector, applied by column subsetting. */
abstract class Selector implements Transformer {
  keep: number[] = [];
  abstract fit(x: Matrix, y: ArrayLike<number>): this;
  transform(x: Matrix): number[][] {
    return selectColumns(x, this.keep);
  }
  outputNames(names: string[]): string[] {
    return this.keep.map((j) => names[j]);
  }
}

/**
 * Univariate filter: keeps features whose two-group test (Mann–Whitney U by default, or
 * Welch t-test) between outcome classes has p < alpha; if none does, keeps the `minKeep`
 * features with the smallest p so that a model can still be fitted.
 */
export class UnivariateFilter extends Selector {
  pValues: number[] = [];
  constructor(readonly opts: { test?: "mannwhitney" | "ttest"; alpha?: number; minKeep?: number } = {}) {
    super();
  }

  fit(x: Matrix, y: ArrayLike<number>): this {
    checkBinary(y);
    const p = width(x);
    const alpha = this.opts.alpha ?? 0.05;
    this.pValues = [];
    for (let j = 0; j < p; j++) {
      const col = column(x, j);
      const a = col.filter((_, i) => y[i] === 0);
      const b = col.filter((_, i) => y[i] === 1);
      let pv: number;
      try {
        pv = this.opts.test === "ttest" ? tTest(a, b).pValue : wilcoxonRankSum(a, b, { exact: false }).pValue;
      } catch {
        pv = 1; // constant feature: no evidence
      }
      this.pValues.push(Number.isFinite(pv) ? pv : 1);
    }
    const order = this.pValues.map((v, j) => [v, j]).sort((s, t) => s[0] - t[0] || s[1] - t[1]).map((e) => e[1]);
    this.keep = order.filter((j) => this.pValues[j] < alpha).sort((s, t) => s - t);
    if (this.keep.length === 0) this.keep = order.slice(0, this.opts.minKeep ?? 1).sort((s, t) => s - t);
    return this;
  }
}

/** Relevance of each feature to the outcome: |AUC − 0.5| (direction-free, rank based). */
export function aucRelevance(x: Matrix, y: ArrayLike<number>): number[] {
  checkBinary(y);
  return Array.from({ length: width(x) }, (_, j) => {
    const col = column(x, j);
    const cases = col.filter((_, i) => y[i] === 1);
    const controls = col.filter((_, i) => y[i] === 0);
    return Math.abs(delongPlacements(cases, controls, "<", false).auc - 0.5);
  });
}

/** Pearson or Spearman correlation of two columns (0 when either is constant). */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>, method: "pearson" | "spearman"): number {
  try {
    return method === "spearman" ? pearson(midranks(a), midranks(b)) : pearson(a, b);
  } catch {
    return 0;
  }
}

/**
 * Redundancy filter: for every pair with |r| > threshold (Pearson or Spearman), the feature
 * with the lower relevance (|AUC − 0.5| on the fitted rows) is dropped; pairs are visited in
 * order of decreasing relevance so the most relevant representative of a cluster survives.
 */
export class CorrelationFilter extends Selector {
  constructor(readonly opts: { threshold?: number; method?: "pearson" | "spearman" } = {}) {
    super();
  }

  fit(x: Matrix, y: ArrayLike<number>): this {
    const p = width(x);
    const thr = this.opts.threshold ?? 0.9;
    const method = this.opts.method ?? "spearman";
    const rel = aucRelevance(x, y);
    const cols = Array.from({ length: p }, (_, j) => (method === "spearman" ? midranks(column(x, j)) : column(x, j)));
    const order = rel.map((r, j) => [r, j]).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map((e) => e[1]);
    const kept: number[] = [];
    for (const j of order) {
      if (kept.every((k) => Math.abs(correlation(cols[j], cols[k], "pearson")) <= thr)) kept.push(j);
    }
    this.keep = kept.sort((a, b) => a - b);
    return this;
  }
}

/**
 * Minimum-redundancy maximum-relevance (Peng et al. 2005, difference criterion) with
 * correlation measures: relevance = |point-biserial r(x, y)|, redundancy = mean |r(x, s)| over
 * already selected s; greedily selects `k` features maximising relevance − redundancy.
 */
export class Mrmr extends Selector {
  order: number[] = [];
  constructor(readonly opts: { k: number }) {
    super();
  }

  fit(x: Matrix, y: ArrayLike<number>): this {
    checkBinary(y);
    const p = width(x);
    const k = Math.min(this.opts.k, p);
    const cols = Array.from({ length: p }, (_, j) => column(x, j));
    const rel = cols.map((c) => Math.abs(correlation(c, y, "pearson")));
    const redSum = new Float64Array(p);
    const chosen: number[] = [];
    const used = new Uint8Array(p);
    while (chosen.length < k) {
      let best = -1;
      let bestScore = -Infinity;
      for (let j = 0; j < p; j++) {
        if (used[j]) continue;
        const score = rel[j] - (chosen.length ? redSum[j] / chosen.length : 0);
        if (score > bestScore) {
          bestScore = score;
          best = j;
        }
      }
      chosen.push(best);
      used[best] = 1;
      for (let j = 0; j < p; j++) if (!used[j]) redSum[j] += Math.abs(correlation(cols[j], cols[best], "pearson"));
    }
    this.order = chosen;
    this.keep = [...chosen].sort((a, b) => a - b);
    return this;
  }
}

/**
 * LASSO selection step: cv.glmnet (binomial, deviance, stratified seeded folds) on the fitted
 * rows; keeps the features with non-zero coefficients at lambda.1se (or lambda.min). If none
 * is selected, keeps the first feature to enter the path so a model can still be fitted.
 */
export class LassoSelector extends Selector {
  lambda = NaN;
  constructor(readonly opts: { nfolds?: number; seed?: number; rule?: "1se" | "min"; nlambda?: number } = {}) {
    super();
  }

  fit(x: Matrix, y: ArrayLike<number>): this {
    const cv = cvGlmnet(x, y, { nfolds: this.opts.nfolds ?? 10, seed: this.opts.seed ?? 1, nlambda: this.opts.nlambda ?? 100 });
    const k = this.opts.rule === "min" ? cv.indexMin : cv.index1se;
    this.lambda = cv.lambda[k];
    const beta = cv.fit.beta[k];
    this.keep = [];
    beta.forEach((b, j) => {
      if (b !== 0) this.keep.push(j);
    });
    if (this.keep.length === 0) {
      const first = cv.fit.beta.findIndex((bk) => bk.some((b) => b !== 0));
      if (first >= 0) this.keep = [cv.fit.beta[first].findIndex((b) => b !== 0)];
      else this.keep = [0];
    }
    return this;
  }
}
