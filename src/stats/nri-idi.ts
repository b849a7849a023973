/**
 * Category-free net reclassification improvement and integrated discrimination improvement as
 * Hmisc::improveProb(x1 = p_old, x2 = p_new, y). With d = p_new − p_old:
 * NRI_events = P(d > 0 | y = 1) − P(d < 0 | y = 1), NRI_nonevents = P(d < 0 | y = 0) − P(d > 0 | y = 0),
 * variances (up + down)/n − (up − down)²/n per class; IDI = mean(d | y = 1) − mean(d | y = 0) with
 * SE √(var(d | 1)/n₁ + var(d | 0)/n₀); p = 2Φ(−|z|), CI = value ∓ z₀.₉₇₅ SE.
 */
import { pnormTwoSided, qnorm } from "./dist.js";
import { variance } from "./ranks.js";
import { checkBinary, checkProbabilities, checkSameLength } from "./validate.js";

export interface ImprovementStat {
  value: number;
  se: number;
  z: number;
  p: number;
  lower: number;
  upper: number;
}

export interface ImproveProb {
  n: number;
  nEvents: number;
  nNonEvents: number;
  pUpEvents: number;
  pUpNonEvents: number;
  pDownEvents: number;
  pDownNonEvents: number;
  nri: ImprovementStat;
  nriEvents: ImprovementStat;
  nriNonEvents: ImprovementStat;
  improveSens: number;
  improveSpec: number;
  idi: ImprovementStat;
}

function stat(value: number, se: number): ImprovementStat {
  const z = value / se;
  const q = qnorm(0.975);
  return { value, se, z, p: pnormTwoSided(z), lower: value - q * se, upper: value + q * se };
}

/** improveProb(p_old, p_new, y). */
export function improveProb(pOld: ArrayLike<number>, pNew: ArrayLike<number>, y: ArrayLike<number>): ImproveProb {
  checkSameLength(pOld, y, "NRI/IDI: old probabilities and outcome");
  checkSameLength(pNew, y, "NRI/IDI: new probabilities and outcome");
  checkProbabilities(pOld, "old model probabilities");
  checkProbabilities(pNew, "new model probabilities");
  checkBinary(y);
  const dEv: number[] = [];
  const dNe: number[] = [];
  for (let i = 0; i < y.length; i++) (y[i] === 1 ? dEv : dNe).push(pNew[i] - pOld[i]);
  const na = dEv.length;
  const nb = dNe.length;
  const frac = (d: number[], f: (v: number) => boolean) => d.filter(f).length / d.length;
  const upEv = frac(dEv, (v) => v > 0);
  const upNe = frac(dNe, (v) => v > 0);
  const downEv = frac(dEv, (v) => v < 0);
  const downNe = frac(dNe, (v) => v < 0);
  const vEv = (upEv + downEv) / na - (upEv - downEv) ** 2 / na;
  const vNe = (downNe + upNe) / nb - (downNe - upNe) ** 2 / nb;
  const sumEv = dEv.reduce((a, b) => a + b, 0);
  const sumNe = dNe.reduce((a, b) => a + b, 0);
  return {
    n: y.length,
    nEvents: na,
    nNonEvents: nb,
    pUpEvents: upEv,
    pUpNonEvents: upNe,
    pDownEvents: downEv,
    pDownNonEvents: downNe,
    nri: stat(upEv - downEv - (upNe - downNe), Math.sqrt(vEv + vNe)),
    nriEvents: stat(upEv - downEv, Math.sqrt(vEv)),
    nriNonEvents: stat(downNe - upNe, Math.sqrt(vNe)),
    improveSens: sumEv / na,
    improveSpec: -sumNe / nb,
    idi: stat(sumEv / na - sumNe / nb, Math.sqrt(variance(dEv) / na + variance(dNe) / nb)),
  };
}
