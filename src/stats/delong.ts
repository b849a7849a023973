/**
 * DeLong et al. (1988) AUC variance with the fast O(n log n) algorithm of Sun & Xu (2014):
 * placement values V10ᵢ = (R_combined(caseᵢ) − R_cases(caseᵢ))/n_controls and
 * V01ⱼ = 1 − (R_combined(controlⱼ) − R_controls(controlⱼ))/n_cases from mid-ranks (one sort);
 * AUC = mean V10, var = var(V10)/m + var(V01)/n. Tests as pROC::roc.test(method = "delong").
 */
import { argsort, mean, variance, covariance } from "./ranks.js";
import { pnormTwoSided, ptTwoSided } from "./dist.js";
import { InputError } from "../errors.js";

export interface Placements {
  auc: number;
  variance: number;
  v10: Float64Array;
  v01: Float64Array;
}

/** Placement values, AUC and DeLong variance (direction '<': cases expected higher). */
export function delongPlacements(cases: Float64Array, controls: Float64Array, direction: "<" | ">" = "<", withVariance = true): Placements {
  const pooled = new Float64Array(cases.length + controls.length);
  pooled.set(cases, 0);
  pooled.set(controls, cases.length);
  return placementsFromOrder(pooled, argsort(pooled), cases.length, direction, withVariance);
}

/**
 * Placements from the pooled values (cases first, then controls) and their ascending order. In
 * mid-rank terms V10ᵢ = (R_pooled − R_cases)/n_controls = (controls below + ½ controls tied)/n
 * and V01ⱼ = 1 − (cases below + ½ cases tied)/m, "below" meaning in the direction's order: one
 * walk over the tie groups.
 */
export function placementsFromOrder(pooled: Float64Array, order: Int32Array, m: number, direction: "<" | ">" = "<", withVariance = true): Placements {
  const n = pooled.length - m;
  if (m === 0 || n === 0) throw new InputError(`DeLong: need both cases and controls (have ${m} cases, ${n} controls)`);
  const up = direction === "<";
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let casesBefore = 0;
  let controlsBefore = 0;
  let lo = 0;
  while (lo < pooled.length) {
    const x = pooled[order[lo]];
    let hi = lo;
    let c = 0;
    while (hi < pooled.length && pooled[order[hi]] === x) {
      if (order[hi] < m) c++;
      hi++;
    }
    const d = hi - lo - c;
    const controlsBelow = up ? controlsBefore : n - controlsBefore - d;
    const casesBelow = up ? casesBefore : m - casesBefore - c;
    const p10 = (controlsBelow + d / 2) / n;
    const p01 = 1 - (casesBelow + c / 2) / m;
    for (let k = lo; k < hi; k++) {
      const i = order[k];
      if (i < m) v10[i] = p10;
      else v01[i - m] = p01;
    }
    casesBefore += c;
    controlsBefore += d;
    lo = hi;
  }
  const auc = mean(v10);
  const v = withVariance ? variance(v10) / m + variance(v01) / n : NaN;
  return { auc, variance: v, v10, v01 };
}

export interface RocTestResult {
  statisticName: "Z" | "D";
  statistic: number;
  pValue: number;
  df?: number;
  auc1: number;
  auc2: number;
  var1: number;
  var2: number;
  cov12?: number;
  method: string;
}

/**
 * Paired DeLong test of two ROC curves on the same subjects:
 * Z = (A₁ − A₂)/√(V₁ + V₂ − 2C), C = cov(V10¹, V10²)/m + cov(V01¹, V01²)/n; p = 2Φ(−|Z|).
 */
export function delongPaired(response: ArrayLike<number>, pred1: ArrayLike<number>, pred2: ArrayLike<number>, dir1: "<" | ">" = "<", dir2: "<" | ">" = "<"): RocTestResult {
  if (pred1.length !== response.length || pred2.length !== response.length) {
    throw new InputError("paired DeLong test: both predictors must have one value per subject");
  }
  const split = (p: ArrayLike<number>) => {
    const c: number[] = [];
    const k: number[] = [];
    for (let i = 0; i < response.length; i++) (response[i] === 1 ? c : k).push(p[i]);
    return [Float64Array.from(c), Float64Array.from(k)] as const;
  };
  const [c1, k1] = split(pred1);
  const [c2, k2] = split(pred2);
  const a = delongPlacements(c1, k1, dir1);
  const b = delongPlacements(c2, k2, dir2);
  const m = c1.length;
  const n = k1.length;
  const cov = covariance(a.v10, b.v10) / m + covariance(a.v01, b.v01) / n;
  const z = (a.auc - b.auc) / Math.sqrt(a.variance + b.variance - 2 * cov);
  return {
    statisticName: "Z",
    statistic: z,
    pValue: pnormTwoSided(z),
    auc1: a.auc,
    auc2: b.auc,
    var1: a.variance,
    var2: b.variance,
    cov12: cov,
    method: "DeLong's test for two correlated ROC curves",
  };
}

/**
 * Unpaired DeLong test: D = (A₁ − A₂)/√(V₁ + V₂), df = (V₁ + V₂)²/(V₁²/(N₁ − 1) + V₂²/(N₂ − 1))
 * with Nₖ the number of subjects of curve k (pROC); two-sided p from t(df).
 */
export function delongUnpaired(cases1: Float64Array, controls1: Float64Array, cases2: Float64Array, controls2: Float64Array, dir1: "<" | ">" = "<", dir2: "<" | ">" = "<"): RocTestResult {
  const a = delongPlacements(cases1, controls1, dir1);
  const b = delongPlacements(cases2, controls2, dir2);
  const d = (a.auc - b.auc) / Math.sqrt(a.variance + b.variance);
  const n1 = cases1.length + controls1.length;
  const n2 = cases2.length + controls2.length;
  const df = (a.variance + b.variance) ** 2 / (a.variance ** 2 / (n1 - 1) + b.variance ** 2 / (n2 - 1));
  return {
    statisticName: "D",
    statistic: d,
    pValue: ptTwoSided(d, df),
    df,
    auc1: a.auc,
    auc2: b.auc,
    var1: a.variance,
    var2: b.variance,
    method: "DeLong's test for two ROC curves",
  };
}
