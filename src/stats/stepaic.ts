/**
 * Backward stepwise selection by AIC as MASS::stepAIC(direction = "backward", k): at each step
 * every remaining term is dropped in turn (dropterm); the drop giving the lowest
 * AIC = deviance + k·(number of coefficients) is made if it is below the current model's AIC.
 */
import { fitLogistic, type LogisticFit } from "./logistic.js";

export interface DropCandidates {
  drop: string[];
  df: (number | null)[];
  deviance: number[];
  aic: number[];
}

export interface StepRecord {
  step: number;
  currentTerms: string[];
  currentAic: number;
  currentDeviance: number;
  candidates: DropCandidates;
  removed: string | null;
}

export interface StepAicResult {
  fullAic: number;
  removedSequence: string[];
  selectedTerms: string[];
  finalFit: LogisticFit;
  steps: StepRecord[];
  anova: { step: string[]; df: (number | null)[]; deviance: (number | null)[]; residDf: number[]; residDev: number[]; aic: number[] };
}

/** stepAIC backward from the full logistic model y ~ all columns. */
export function stepAicBackward(columns: Record<string, ArrayLike<number>>, y: ArrayLike<number>, k = 2): StepAicResult {
  const fit = (terms: string[]): LogisticFit => {
    const x = Array.from(y, (_, i) => terms.map((t) => columns[t][i]));
    return fitLogistic(x, y, { names: terms });
  };
  const aicOf = (f: LogisticFit) => f.deviance + k * f.coefficients.length;
  let terms = Object.keys(columns);
  let current = fit(terms);
  const fullAic = aicOf(current);
  const steps: StepRecord[] = [];
  const removed: string[] = [];
  const anova = { step: [""], df: [null] as (number | null)[], deviance: [null] as (number | null)[], residDf: [current.dfResidual], residDev: [current.deviance], aic: [fullAic] };
  for (let s = 1; terms.length > 0; s++) {
    const curAic = aicOf(current);
    const cand: DropCandidates = { drop: ["<none>"], df: [null], deviance: [current.deviance], aic: [curAic] };
    const fits: LogisticFit[] = [];
    for (const t of terms) {
      const f = fit(terms.filter((u) => u !== t));
      fits.push(f);
      cand.drop.push(t);
      cand.df.push(1);
      cand.deviance.push(f.deviance);
      cand.aic.push(aicOf(f));
    }
    let best = 0;
    for (let i = 1; i < cand.aic.length; i++) if (cand.aic[i] < cand.aic[best]) best = i;
    // MASS stops unless the best drop improves AIC by more than 1e-7.
    const improves = best > 0 && cand.aic[best] < curAic - 1e-7;
    const record: StepRecord = { step: s, currentTerms: [...terms], currentAic: curAic, currentDeviance: current.deviance, candidates: cand, removed: improves ? cand.drop[best] : null };
    steps.push(record);
    if (!improves) break;
    const next = fits[best - 1];
    anova.step.push(`- ${cand.drop[best]}`);
    anova.df.push(1);
    anova.deviance.push(next.deviance - current.deviance);
    anova.residDf.push(next.dfResidual);
    anova.residDev.push(next.deviance);
    anova.aic.push(aicOf(next));
    removed.push(cand.drop[best]);
    terms = terms.filter((t) => t !== cand.drop[best]);
    current = next;
  }
  return { fullAic, removedSequence: removed, selectedTerms: terms, finalFit: current, steps, anova };
}
