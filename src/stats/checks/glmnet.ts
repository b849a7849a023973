/** glmnet.json: cv.glmnet path, CV curve, lambda.min/1se, and fixed-lambda fits. */
import { cvGlmnet, glmnetPath, glmnetCoefficients } from "../glmnet.js";
import { GLMNET_PATH, ITERATIVE } from "../../verify/tolerances.js";
import type { CaseChecker, TopicChecker } from "./core.js";

function coefs(check: CaseChecker, name: string, actual: Record<string, number>, expected: Record<string, number>, tol = GLMNET_PATH): void {
  for (const [k, v] of Object.entries(expected)) check.num(`${name}.${k}`, actual[k], v, tol);
}

export const checkGlmnet: TopicChecker = (c, check, ctx) => {
  const cols = c.columns as { outcome: string; predictors: string[] };
  const [y, ...xs] = ctx.select(c.dataset, c.rows as string, [cols.outcome, ...cols.predictors]);
  const x = Array.from(y, (_, i) => xs.map((col) => col[i]));
  const e = c.expected;
  const par = c.parameters as { alpha: number; foldid: number[]; fixed_lambda: number };
  const cv = cvGlmnet(x, y, { alpha: par.alpha, names: cols.predictors, foldid: par.foldid });
  check.same("n_lambda", cv.lambda.length, e.n_lambda);
  check.arr("lambda", cv.lambda, e.lambda, GLMNET_PATH);
  check.arr("cvm", cv.cvm, e.cvm, GLMNET_PATH);
  check.arr("cvsd", cv.cvsd, e.cvsd, GLMNET_PATH);
  check.arr("cvup", cv.cvup, e.cvup, GLMNET_PATH);
  check.arr("cvlo", cv.cvlo, e.cvlo, GLMNET_PATH);
  check.same("nzero", cv.nzero, e.nzero);
  // R records n_lambda for every fold although fold paths have their own (shorter or longer)
  // sequences, whose predictions are interpolated at the full-data lambdas: its value is the
  // number of prediction columns per fold, which is what is compared here.
  check.same("fold_path_lengths", cv.foldPredictionCounts, e.fold_path_lengths);
  check.same("index_min", cv.indexMin + 1, e.index_min);
  check.same("index_1se", cv.index1se + 1, e.index_1se);
  check.num("lambda_min", cv.lambdaMin, e.lambda_min, GLMNET_PATH);
  check.num("lambda_1se", cv.lambda1se, e.lambda_1se, GLMNET_PATH);
  coefs(check, "coef_lambda_min", glmnetCoefficients(cv.fit, cv.indexMin), e.coef_lambda_min);
  coefs(check, "coef_lambda_1se", glmnetCoefficients(cv.fit, cv.index1se), e.coef_lambda_1se);
  const fp = e.full_data_path;
  check.arr("full_data_path.a0", cv.fit.a0, fp.a0, GLMNET_PATH);
  cols.predictors.forEach((nm, j) => check.arr(`full_data_path.beta.${nm}`, cv.fit.beta.map((b) => b[j]), fp.beta[nm], GLMNET_PATH));
  check.same("full_data_path.df", cv.fit.df, fp.df);
  check.arr("full_data_path.dev_ratio", cv.fit.devRatio, fp.dev_ratio, GLMNET_PATH);
  check.num("full_data_path.nulldev", cv.fit.nulldev, fp.nulldev, ITERATIVE);
  const fixed = glmnetPath(x, y, { alpha: par.alpha, names: cols.predictors, lambda: [par.fixed_lambda] });
  coefs(check, "fixed_lambda_fit", glmnetCoefficients(fixed, 0), e.fixed_lambda_fit.coefficients);
  check.num("fixed_lambda_fit.dev_ratio", fixed.devRatio[0], e.fixed_lambda_fit.dev_ratio, GLMNET_PATH);
  check.same("fixed_lambda_fit.df", fixed.df[0], e.fixed_lambda_fit.df);
  // The exact optimum (thresh = 1e-14), to be matched tightly.
  const tight = glmnetPath(x, y, { alpha: par.alpha, names: cols.predictors, lambda: [par.fixed_lambda], thresh: 1e-14, maxit: 1e7 });
  coefs(check, "fixed_lambda_fit_tight", glmnetCoefficients(tight, 0), e.fixed_lambda_fit_tight.coefficients, ITERATIVE);
  check.num("fixed_lambda_fit_tight.dev_ratio", tight.devRatio[0], e.fixed_lambda_fit_tight.dev_ratio, ITERATIVE);
  check.same("fixed_lambda_fit_tight.df", tight.df[0], e.fixed_lambda_fit_tight.df);
};
