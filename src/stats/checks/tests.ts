/** tests.json: wilcox.test, t.test, chisq.test, fisher.test, cor.test. */
import { wilcoxonRankSum, tTest, contingencyTable, chisqTest, fisherTest, pearsonTest, spearmanTest } from "../tests.js";
import { CLOSED_FORM, ITERATIVE } from "../../verify/tolerances.js";
import type { TopicChecker } from "./core.js";

export const checkTests: TopicChecker = (c, check, ctx) => {
  const cols = c.columns as Record<string, string>;
  const par = c.parameters as Record<string, unknown>;
  const e = c.expected;
  const rows = c.rows as string;
  const kind = String(par.test);
  if (kind.startsWith("wilcox") || kind.startsWith("t.test")) {
    const [v, g] = ctx.select(c.dataset, rows, [cols.variable, cols.group]);
    const x = v.filter((_, i) => g[i] === 0);
    const y = v.filter((_, i) => g[i] === 1);
    const r = kind.startsWith("wilcox")
      ? wilcoxonRankSum(x, y, { exact: par.exact === true ? true : undefined, correct: par.correct as boolean })
      : tTest(x, y, { varEqual: par["var.equal"] as boolean, confLevel: par.conf_level as number });
    check.num("statistic", r.statistic, e.statistic, CLOSED_FORM);
    check.num("p_value", r.pValue, e.p_value, CLOSED_FORM);
    check.same("method", r.method, e.method);
    if (r.df !== undefined) check.num("df", r.df, e.parameter.df, CLOSED_FORM);
    if (e.estimate) for (const [k, val] of Object.entries(e.estimate)) check.num(`estimate.${k}`, r.estimate![k], val, CLOSED_FORM);
    if (e.conf_int) {
      check.num("conf_int.lower", r.confInt![0], e.conf_int.lower, CLOSED_FORM);
      check.num("conf_int.upper", r.confInt![1], e.conf_int.upper, CLOSED_FORM);
    }
    if (e.stderr !== undefined) check.num("stderr", r.stderr!, e.stderr, CLOSED_FORM);
    return;
  }
  if (kind.startsWith("chisq") || kind.startsWith("fisher")) {
    const [a, b] = ctx.select(c.dataset, rows, [cols.row_variable, cols.column_variable]);
    const tab = contingencyTable(a, b);
    check.same("observed.counts_by_row", tab.counts, e.observed.counts_by_row);
    check.same("observed.row_levels", tab.rowLevels.map(String), e.observed.row_levels);
    if (kind.startsWith("chisq")) {
      const r = chisqTest(tab.counts, { correct: par.correct as boolean });
      check.num("statistic", r.statistic, e.statistic, CLOSED_FORM);
      check.num("df", r.df!, e.parameter.df, CLOSED_FORM);
      check.num("p_value", r.pValue, e.p_value, CLOSED_FORM);
      check.same("method", r.method, e.method);
      r.expected.forEach((row, i) => check.arr(`expected_counts_by_row[${i}]`, row, e.expected_counts_by_row[i], CLOSED_FORM));
    } else {
      const r = fisherTest(tab.counts);
      check.num("p_value", r.pValue, e.p_value, CLOSED_FORM);
      check.same("method", r.method, e.method);
      if (e.estimate) {
        // R finds these roots with uniroot (tol ε^0.25); the same Brent iteration is used here.
        check.num("estimate.odds ratio", r.estimate!["odds ratio"], e.estimate["odds ratio"], ITERATIVE);
        check.num("conf_int.lower", r.confInt![0], e.conf_int.lower, ITERATIVE);
        check.num("conf_int.upper", r.confInt![1], e.conf_int.upper, ITERATIVE);
      }
    }
    return;
  }
  if (kind.startsWith("cor.test")) {
    const [x, y] = ctx.select(c.dataset, rows, [cols.x, cols.y]);
    const r = par.method === "spearman" ? spearmanTest(x, y) : pearsonTest(x, y);
    check.num("statistic", r.statistic, e.statistic, CLOSED_FORM);
    check.num("p_value", r.pValue, e.p_value, CLOSED_FORM);
    check.same("method", r.method, e.method);
    for (const [k, val] of Object.entries(e.estimate)) check.num(`estimate.${k}`, r.estimate![k], val, CLOSED_FORM);
    if (e.conf_int) {
      check.num("conf_int.lower", r.confInt![0], e.conf_int.lower, CLOSED_FORM);
      check.num("conf_int.upper", r.confInt![1], e.conf_int.upper, CLOSED_FORM);
    }
    if (r.df !== undefined) check.num("df", r.df, e.parameter.df, CLOSED_FORM);
    return;
  }
  check.fail(`unknown test '${kind}'`);
};
