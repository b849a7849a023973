/** calibration.json and dca.json: model fit on train rows, statistics on test-row predictions. */
import { fitLogistic, predictProbability } from "../logistic.js";
import { valProb, glmCalibration, hosmerLemeshow } from "../calibration.js";
import { decisionCurve } from "../dca.js";
import { CLOSED_FORM, ITERATIVE, STATED_GAPS } from "../../verify/tolerances.js";
import type { CaseChecker, CheckContext, SuiteCase, TopicChecker } from "./core.js";

/** Fits the case's glm on the train rows and predicts the test rows; checks both against R. */
export function trainTestPredictions(c: SuiteCase, check: CaseChecker, ctx: CheckContext): { y: Float64Array; p: Float64Array } {
  const cols = c.columns as { outcome: string; predictors: string[] };
  const rows = c.rows as { train: string; test: string };
  const names = [cols.outcome, ...cols.predictors];
  const [ytr, ...xtr] = ctx.select(c.dataset, rows.train, names);
  const [yte, ...xte] = ctx.select(c.dataset, rows.test, names);
  const toRows = (cs: Float64Array[]) => Array.from(cs[0], (_, i) => cs.map((col) => col[i]));
  const fit = fitLogistic(toRows(xtr), ytr, { names: cols.predictors });
  const coef = c.expected.model_coefficients as Record<string, number>;
  fit.terms.forEach((t, j) => check.num(`model_coefficients.${t}`, fit.coefficients[j], coef[t], ITERATIVE));
  const p = predictProbability(fit, toRows(xte));
  check.arr("predictions", p, c.expected.predictions, ITERATIVE);
  return { y: yte, p };
}

export const checkCalibration: TopicChecker = (c, check, ctx) => {
  const { y, p } = trainTestPredictions(c, check, ctx);
  const e = c.expected;
  const vp = valProb(p, y);
  const ev = e.val_prob as Record<string, unknown>;
  for (const k of ["R2", "D", "D:Chi-sq", "U", "U:Chi-sq", "U:p", "Q", "Brier", "Emax", "E90", "Eavg", "S:z", "S:p"] as const) {
    check.num(`val_prob.${k}`, vp[k], ev[k], ITERATIVE);
  }
  check.num("val_prob.D:p", vp["D:p"], ev["D:p"], CLOSED_FORM);
  // val.prob's own recalibration fit stops before the exact optimum (~1e-7): see conventions.
  check.num("val_prob.Intercept", vp.Intercept, ev.Intercept, ITERATIVE);
  check.num("val_prob.Slope", vp.Slope, ev.Slope, ITERATIVE);
  check.num("auc_exact", vp.aucExact, e.auc_exact, CLOSED_FORM);
  check.num("val_prob.C (ROC)", vp["C (ROC)"], ev["C (ROC)"], STATED_GAPS.valProbC);
  check.num("val_prob.Dxy", vp.Dxy, ev.Dxy, STATED_GAPS.valProbC);
  const g = glmCalibration(p, y);
  const eg = e.glm_calibration;
  check.num("glm_calibration.intercept", g.intercept, eg.intercept, ITERATIVE);
  check.num("glm_calibration.slope", g.slope, eg.slope, ITERATIVE);
  check.num("glm_calibration.intercept_se", g.interceptSe, eg.intercept_se, ITERATIVE);
  check.num("glm_calibration.slope_se", g.slopeSe, eg.slope_se, ITERATIVE);
  check.num("glm_calibration.citl", g.citl, eg.citl, ITERATIVE);
  check.num("glm_calibration.citl_se", g.citlSe, eg.citl_se, ITERATIVE);
  check.num("glm_calibration.citl_p", g.citlP, eg.citl_p, ITERATIVE);
  check.num("glm_calibration.mean_observed", g.meanObserved, eg.mean_observed, CLOSED_FORM);
  check.num("glm_calibration.mean_predicted", g.meanPredicted, eg.mean_predicted, ITERATIVE);
  const h = hosmerLemeshow(y, p, (c.parameters.hoslem_g as number) ?? 10);
  const eh = e.hoslem;
  check.num("hoslem.statistic", h.statistic, eh.statistic, ITERATIVE);
  check.same("hoslem.df", h.df, eh.df);
  check.num("hoslem.p_value", h.pValue, eh.p_value, ITERATIVE);
  check.same("hoslem.n_groups", h.nGroups, eh.n_groups);
  check.arr("hoslem.breaks", h.breaks, eh.breaks, ITERATIVE);
  check.same("hoslem.groups", h.groups, eh.groups);
  check.same("hoslem.observed_y0", h.observedY0, eh.observed_y0);
  check.same("hoslem.observed_y1", h.observedY1, eh.observed_y1);
  check.arr("hoslem.expected_yhat0", h.expectedYhat0, eh.expected_yhat0, ITERATIVE);
  check.arr("hoslem.expected_yhat1", h.expectedYhat1, eh.expected_yhat1, ITERATIVE);
  check.same("hoslem.group_n", h.groupN, eh.group_n);
};

export const checkDca: TopicChecker = (c, check, ctx) => {
  const { y, p } = trainTestPredictions(c, check, ctx);
  const e = c.expected;
  const dc = decisionCurve(y, p, e.model.threshold as number[]);
  check.num("prevalence", dc.prevalence, e.prevalence, CLOSED_FORM);
  for (const key of ["model", "all", "none"] as const) {
    check.arr(`${key}.threshold`, dc[key].threshold, e[key].threshold, CLOSED_FORM);
    check.arr(`${key}.tp_rate`, dc[key].tpRate, e[key].tp_rate, CLOSED_FORM);
    check.arr(`${key}.fp_rate`, dc[key].fpRate, e[key].fp_rate, CLOSED_FORM);
    check.arr(`${key}.net_benefit`, dc[key].netBenefit, e[key].net_benefit, CLOSED_FORM);
  }
  const r = e.rmda_check;
  const strict = decisionCurve(y, p, r.thresholds as number[], { strict: true });
  check.arr("rmda.nb_model", strict.model.netBenefit, r.nb_model, CLOSED_FORM);
  check.arr("rmda.nb_all", strict.all.netBenefit, r.nb_all, CLOSED_FORM);
  check.arr("rmda.nb_none", strict.none.netBenefit, r.nb_none, CLOSED_FORM);
};
