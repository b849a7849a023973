/** stepaic.json: MASS::stepAIC backward elimination. */
import { stepAicBackward } from "../stepaic.js";
import { ITERATIVE } from "../../verify/tolerances.js";
import type { TopicChecker } from "./core.js";

export const checkStepAic: TopicChecker = (c, check, ctx) => {
  const cols = c.columns as { outcome: string; predictors: string[] };
  const [y, ...xs] = ctx.select(c.dataset, c.rows as string, [cols.outcome, ...cols.predictors]);
  const columns = Object.fromEntries(cols.predictors.map((p, j) => [p, xs[j]]));
  const r = stepAicBackward(columns, y, (c.parameters.k as number) ?? 2);
  const e = c.expected;
  check.num("full_aic", r.fullAic, e.full_aic, ITERATIVE);
  check.same("removed_sequence", r.removedSequence, e.removed_sequence);
  check.same("selected_terms", r.selectedTerms, e.selected_terms);
  check.num("final_aic", r.finalFit.aic, e.final_aic, ITERATIVE);
  check.num("final_deviance", r.finalFit.deviance, e.final_deviance, ITERATIVE);
  r.finalFit.terms.forEach((t, j) => check.num(`final_coefficients.${t}`, r.finalFit.coefficients[j], e.final_coefficients[t], ITERATIVE));
  check.same("anova.step", r.anova.step, e.anova.step);
  check.same("anova.df", r.anova.df, e.anova.df);
  // Deviance changes are differences of two fits, so compare them on the deviance scale.
  r.anova.deviance.forEach((d, i) => {
    if (d === null) check.same(`anova.deviance[${i}]`, d, e.anova.deviance[i]);
    else check.num(`anova.deviance[${i}]`, d, e.anova.deviance[i], { rel: ITERATIVE.rel, abs: ITERATIVE.rel * r.anova.residDev[i] });
  });
  check.same("anova.resid_df", r.anova.residDf, e.anova.resid_df);
  check.arr("anova.resid_dev", r.anova.residDev, e.anova.resid_dev, ITERATIVE);
  check.arr("anova.aic", r.anova.aic, e.anova.aic, ITERATIVE);
  check.same("steps.length", r.steps.length, e.steps.length);
  r.steps.forEach((s, i) => {
    const es = e.steps[i];
    if (!es) return;
    check.same(`steps[${i}].current_terms`, s.currentTerms, es.current_terms);
    check.num(`steps[${i}].current_aic`, s.currentAic, es.current_aic, ITERATIVE);
    check.same(`steps[${i}].candidates.drop`, s.candidates.drop, es.candidates.drop);
    check.same(`steps[${i}].candidates.df`, s.candidates.df, es.candidates.df);
    check.arr(`steps[${i}].candidates.deviance`, s.candidates.deviance, es.candidates.deviance, ITERATIVE);
    check.arr(`steps[${i}].candidates.aic`, s.candidates.aic, es.candidates.aic, ITERATIVE);
    check.same(`steps[${i}].removed`, s.removed, es.removed ?? null);
  });
};
