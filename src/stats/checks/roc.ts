/** roc.json and roc_test.json: pROC curves, AUC, DeLong variance/CI, Youden, roc.test. */
import { roc, aucCiDelong, youdenBest, splitByResponse } from "../roc.js";
import { delongPaired, delongUnpaired } from "../delong.js";
import { CLOSED_FORM } from "../../verify/tolerances.js";
import type { TopicChecker } from "./core.js";

export const checkRoc: TopicChecker = (c, check, ctx) => {
  const cols = c.columns as { outcome: string; predictor: string };
  const [y, x] = ctx.select(c.dataset, c.rows as string, [cols.outcome, cols.predictor]);
  const e = c.expected;
  const curve = roc(y, x, (c.parameters.direction as "<") ?? "<");
  check.num("auc", curve.auc, e.auc, CLOSED_FORM);
  const ci = aucCiDelong(curve, (c.parameters.conf_level as number) ?? 0.95);
  check.num("var_delong", ci.variance!, e.var_delong, CLOSED_FORM);
  check.num("se_delong", ci.se!, e.se_delong, CLOSED_FORM);
  check.num("ci.lower", ci.lower, e.ci_auc_delong.lower, CLOSED_FORM);
  check.num("ci.upper", ci.upper, e.ci_auc_delong.upper, CLOSED_FORM);
  check.same("curve.n_points", curve.thresholds.length, e.curve.n_points);
  check.arr("curve.thresholds", curve.thresholds, e.curve.thresholds, CLOSED_FORM);
  check.arr("curve.sensitivities", curve.sensitivities, e.curve.sensitivities, CLOSED_FORM);
  check.arr("curve.specificities", curve.specificities, e.curve.specificities, CLOSED_FORM);
  const best = youdenBest(curve, (c.parameters.best_weights as [number, number]) ?? [1, 0.5]);
  const b = e.best_youden;
  check.same("best_youden.n_rows", best.length, b.n_rows);
  check.arr("best.threshold", best.map((r) => r.threshold), b.threshold, CLOSED_FORM);
  check.arr("best.sensitivity", best.map((r) => r.sensitivity), b.sensitivity, CLOSED_FORM);
  check.arr("best.specificity", best.map((r) => r.specificity), b.specificity, CLOSED_FORM);
  check.arr("best.accuracy", best.map((r) => r.accuracy), b.accuracy, CLOSED_FORM);
  check.arr("best.ppv", best.map((r) => r.ppv), b.ppv, CLOSED_FORM);
  check.arr("best.npv", best.map((r) => r.npv), b.npv, CLOSED_FORM);
  check.arr("best.youden_j", best.map((r) => r.youdenJ), b.youden_j, CLOSED_FORM);
};

export const checkRocTest: TopicChecker = (c, check, ctx) => {
  const cols = c.columns as { outcome: string; predictor1: string; predictor2: string };
  const e = c.expected;
  const paired = c.parameters.paired as boolean;
  let r;
  if (paired) {
    const [y, p1, p2] = ctx.select(c.dataset, c.rows as string, [cols.outcome, cols.predictor1, cols.predictor2]);
    r = delongPaired(y, p1, p2);
    check.num("cov_auc12", r.cov12!, e.cov_auc12, CLOSED_FORM);
  } else {
    const rows = c.rows as { roc1: string; roc2: string };
    const [y1, p1] = ctx.select(c.dataset, rows.roc1, [cols.outcome, cols.predictor1]);
    const [y2, p2] = ctx.select(c.dataset, rows.roc2, [cols.outcome, cols.predictor2]);
    const s1 = splitByResponse(y1, p1);
    const s2 = splitByResponse(y2, p2);
    r = delongUnpaired(s1.cases, s1.controls, s2.cases, s2.controls);
    check.num("df", r.df!, e.df, CLOSED_FORM);
  }
  check.same("statistic_name", r.statisticName, e.statistic_name);
  check.num("statistic", r.statistic, e.statistic, CLOSED_FORM);
  check.num("p_value", r.pValue, e.p_value, CLOSED_FORM);
  check.num("auc1", r.auc1, e.auc1, CLOSED_FORM);
  check.num("auc2", r.auc2, e.auc2, CLOSED_FORM);
  check.num("var_auc1", r.var1, e.var_auc1, CLOSED_FORM);
  check.num("var_auc2", r.var2, e.var_auc2, CLOSED_FORM);
  check.same("method", r.method, e.method);
};
