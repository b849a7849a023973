/** glm.json: glm(family = binomial) summaries, and R's warnings for separated data. */
import { fitLogistic } from "../logistic.js";
import { CLOSED_FORM, ITERATIVE } from "../../verify/tolerances.js";
import type { TopicChecker } from "./core.js";

export const checkGlm: TopicChecker = (c, check, ctx) => {
  const cols = c.columns as { outcome: string; predictors: string[] };
  const [y, ...xs] = ctx.select(c.dataset, c.rows as string, [cols.outcome, ...cols.predictors]);
  const x = Array.from(y, (_, i) => xs.map((col) => col[i]));
  const e = c.expected;
  const fit = fitLogistic(x, y, { names: cols.predictors });
  if (e.warnings?.length && !("estimate" in e)) {
    check.same("warnings", fit.warnings, e.warnings);
    check.same("converged", fit.converged, e.converged);
    check.same("iterations", fit.iterations, e.iterations);
    check.same("separation detected", fit.separation !== "none", true);
    return;
  }
  check.same("terms", fit.terms, e.terms);
  check.arr("estimate", fit.coefficients, e.estimate, ITERATIVE);
  check.arr("std_error", fit.stdError, e.std_error, ITERATIVE);
  check.arr("std_error_at_final_estimate", fit.stdErrorAtFinalEstimate, e.std_error_at_final_estimate, ITERATIVE);
  check.arr("z_value", fit.zValue, e.z_value, ITERATIVE);
  check.arr("p_value", fit.pValue, e.p_value, ITERATIVE);
  check.arr("odds_ratio", fit.oddsRatio, e.odds_ratio, ITERATIVE);
  check.arr("or_ci_lower", fit.orCiLower, e.or_ci_lower, ITERATIVE);
  check.arr("or_ci_upper", fit.orCiUpper, e.or_ci_upper, ITERATIVE);
  check.num("null_deviance", fit.nullDeviance, e.null_deviance, CLOSED_FORM);
  check.num("residual_deviance", fit.deviance, e.residual_deviance, ITERATIVE);
  check.num("aic", fit.aic, e.aic, ITERATIVE);
  check.num("loglik", fit.logLik, e.loglik, ITERATIVE);
  check.same("df_null", fit.dfNull, e.df_null);
  check.same("df_residual", fit.dfResidual, e.df_residual);
  check.same("iterations", fit.iterations, e.iterations);
  check.same("converged", fit.converged, e.converged);
  check.same("warnings", fit.warnings, e.warnings);
};
