/**
 * Decision-curve analysis (Vickers & Elkin 2006) as dcurves::dca: at threshold t,
 * NB(t) = TP/N − FP/N · t/(1 − t); treat-all uses every subject as positive, treat-none has NB 0.
 * A subject is positive when risk ≥ t (dcurves) or risk > t (rmda, `strict: true`).
 */
import { checkBinary, checkProbabilities, checkSameLength } from "./validate.js";

export interface NetBenefitCurve {
  threshold: number[];
  tpRate: number[];
  fpRate: number[];
  netBenefit: number[];
}

export interface DecisionCurves {
  prevalence: number;
  model: NetBenefitCurve;
  all: NetBenefitCurve;
  none: NetBenefitCurve;
}

/** dcurves' default grid seq(0.01, 0.99, 0.01) (computed as R's seq does: from + i·by). */
export function thresholdGrid(from = 0.01, to = 0.99, by = 0.01): number[] {
  const n = Math.floor((to - from) / by + 1e-10);
  return Array.from({ length: n + 1 }, (_, i) => from + i * by);
}

/** Net benefit of a risk score, treat-all and treat-none over thresholds. */
export function decisionCurve(y: ArrayLike<number>, risk: ArrayLike<number>, thresholds = thresholdGrid(), opts: { strict?: boolean } = {}): DecisionCurves {
  checkSameLength(y, risk, "decision curve: outcome and risk");
  checkProbabilities(risk, "decision curve risk");
  checkBinary(y);
  const n = y.length;
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i];
  const prevalence = events / n;
  const model: NetBenefitCurve = { threshold: [], tpRate: [], fpRate: [], netBenefit: [] };
  const all: NetBenefitCurve = { threshold: [], tpRate: [], fpRate: [], netBenefit: [] };
  const none: NetBenefitCurve = { threshold: [], tpRate: [], fpRate: [], netBenefit: [] };
  for (const t of thresholds) {
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < n; i++) {
      const pos = opts.strict ? risk[i] > t : risk[i] >= t;
      if (!pos) continue;
      if (y[i] === 1) tp++;
      else fp++;
    }
    push(model, t, tp / n, fp / n);
    push(all, t, events / n, (n - events) / n);
    push(none, t, 0, 0);
  }
  return { prevalence, model, all, none };
}

function push(c: NetBenefitCurve, t: number, tpRate: number, fpRate: number): void {
  c.threshold.push(t);
  c.tpRate.push(tpRate);
  c.fpRate.push(fpRate);
  c.netBenefit.push(tpRate - fpRate * (t / (1 - t)));
}
