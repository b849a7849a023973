import { test } from "node:test";
import assert from "node:assert/strict";
import { cvGlmnet, cvGlmnetParallel, glmnetPath, glmnetCoefficients, stratifiedFolds, radScore, selectedFeatures } from "../../src/stats/glmnet.js";
import { Rng } from "../../src/stats/rng.js";
import { InputError } from "../../src/errors.js";
import { refCase, columns, toRows, close } from "./helpers.js";

for (const updates of ["auto", "naive", "covariance"] as const) test(`cv.glmnet on the sim cohort equals R (lambda path, cvm, lambda.min/1se, coefficients), ${updates} updates`, () => {
  const c = refCase("glmnet", "glmnet_sim_rows1_200");
  const [y, ...xs] = columns(c.dataset, c.rows, [c.columns.outcome, ...c.columns.predictors]);
  const cv = cvGlmnet(toRows(xs), y, { foldid: c.parameters.foldid, names: c.columns.predictors, updates });
  assert.equal(cv.lambda.length, c.expected.n_lambda);
  cv.cvm.forEach((v, k) => close(v, c.expected.cvm[k], 1e-8, `cvm ${k}`));
  assert.equal(cv.indexMin + 1, c.expected.index_min);
  assert.equal(cv.index1se + 1, c.expected.index_1se);
  const coef = glmnetCoefficients(cv.fit, cv.indexMin);
  close(coef.f1, c.expected.coef_lambda_min.f1, 1e-8);
  assert.equal(coef.f5, 0);
  assert.deepEqual(selectedFeatures(cv.fit, cv.index1se), ["f1", "f2", "f3", "f4"]);
  const rs = radScore(cv.fit, toRows(xs), cv.indexMin);
  assert.equal(rs.length, 200);
});

test("thresh = 1e-14 reaches R's exact optimum", () => {
  const c = refCase("glmnet", "glmnet_asah");
  const [y, ...xs] = columns(c.dataset, c.rows, [c.columns.outcome, ...c.columns.predictors]);
  const fit = glmnetPath(toRows(xs), y, { lambda: [0.03], thresh: 1e-14, maxit: 1e7, names: c.columns.predictors });
  const coef = glmnetCoefficients(fit, 0);
  for (const [k, v] of Object.entries(c.expected.fixed_lambda_fit_tight.coefficients)) close(coef[k], v as number, 1e-7, k);
});

test("p > n: the penalised path still fits; constant columns stay at zero", () => {
  const rng = new Rng(11);
  const n = 40;
  const p = 120;
  const x = Array.from({ length: n }, () => Array.from({ length: p }, () => rng.normal()));
  x.forEach((row) => (row[5] = 3));
  const y = x.map((row) => (row[0] + 0.5 * rng.normal() > 0 ? 1 : 0));
  const path = glmnetPath(x, y);
  assert.ok(path.lambda.length > 5);
  assert.ok(path.beta.every((b) => b[5] === 0));
  assert.ok(path.beta[path.beta.length - 1][0] > 0);
  const cv = cvGlmnet(x, y, { nfolds: 5, seed: 3 });
  assert.ok(cv.cvm[cv.indexMin] < cv.cvm[0]);
});

test("stratified folds: every fold has both classes; impossible stratification is an InputError", () => {
  const y = Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? 1 : 0));
  const f = stratifiedFolds(y, 10, 1);
  for (let k = 1; k <= 10; k++) assert.equal(y.filter((_, i) => f[i] === k && y[i] === 1).length, 1);
  assert.throws(() => stratifiedFolds([1, 1, 0, 0, 0, 0, 0, 0], 5), (e: Error) => e instanceof InputError && /only 2 subjects with outcome 1/.test(e.message));
});

test("naive, covariance and auto updates give the same path (odd n, correlated predictors, near-separated tail)", () => {
  const rng = new Rng(5);
  const n = 151;
  const p = 40;
  const x = Array.from({ length: n }, () => {
    const z = rng.normal();
    return Array.from({ length: p }, (_, j) => (j % 4 === 0 ? z : 0) + rng.normal());
  });
  const y = x.map((row) => (row[0] - row[1] + 0.5 * row[2] + 0.3 * rng.normal() > 0 ? 1 : 0));
  const paths = (["naive", "covariance", "auto"] as const).map((updates) => glmnetPath(x, y, { updates }));
  const [naive, ...others] = paths;
  assert.ok(naive.lambda.length > 30);
  assert.ok(naive.df[naive.df.length - 1] > 20, "the tail is reached");
  for (const o of others) {
    assert.equal(o.lambda.length, naive.lambda.length);
    o.lambda.forEach((l, k) => close(l, naive.lambda[k], 1e-12, `lambda ${k}`));
    o.beta.forEach((b, k) => b.forEach((v, j) => assert.ok(Math.abs(v - naive.beta[k][j]) <= 1e-9 * (1 + Math.abs(naive.beta[k][j])), `beta[${k}][${j}] ${v} vs ${naive.beta[k][j]}`)));
    o.devRatio.forEach((r, k) => close(r, naive.devRatio[k], 1e-10, `dev.ratio ${k}`));
  }
  assert.throws(() => glmnetPath(x, y, { updates: "fast" as never }), (e: unknown) => e instanceof InputError && /updates must be/.test(e.message));
});

test("maxit reached: as R, the path keeps the lambdas done so far and warns (no error)", () => {
  const rng = new Rng(8);
  const x = Array.from({ length: 120 }, () => Array.from({ length: 30 }, () => rng.normal()));
  const y = x.map((row) => (row[0] + row[1] + 0.4 * rng.normal() > 0 ? 1 : 0));
  const full = glmnetPath(x, y);
  assert.deepEqual(full.warnings, []);
  const short = glmnetPath(x, y, { maxit: 60 });
  const k = short.lambda.length;
  assert.ok(k > 2 && k < full.lambda.length, `stopped at ${k} of ${full.lambda.length}`);
  assert.deepEqual(short.warnings, [`Convergence for ${k + 1}th lambda value not reached after maxit=60 iterations; solutions for larger lambdas returned`]);
  for (let i = 0; i < k; i++) {
    assert.equal(short.lambda[i], full.lambda[i]);
    assert.deepEqual(short.beta[i], full.beta[i]);
  }
  assert.throws(() => glmnetPath(x, y, { maxit: 0 }), (e: unknown) => e instanceof InputError && /first lambda/.test(e.message));
});

test("cvGlmnetParallel (worker threads) gives exactly cvGlmnet's result; worker InputErrors stay InputErrors", async () => {
  const rng = new Rng(21);
  const x = Array.from({ length: 160 }, () => Array.from({ length: 25 }, () => rng.normal()));
  const y = x.map((row) => (row[0] - row[3] + 0.8 * rng.normal() > 0 ? 1 : 0));
  const opts = { nfolds: 5, seed: 3 };
  const serial = cvGlmnet(x, y, opts);
  const parallel = await cvGlmnetParallel(x, y, { ...opts, workers: 2 });
  assert.deepEqual(parallel.lambda, serial.lambda);
  assert.deepEqual(parallel.cvm, serial.cvm);
  assert.deepEqual(parallel.cvsd, serial.cvsd);
  assert.deepEqual(parallel.foldPathLengths, serial.foldPathLengths);
  assert.equal(parallel.indexMin, serial.indexMin);
  assert.equal(parallel.index1se, serial.index1se);
  assert.deepEqual(parallel.warnings, serial.warnings);
  assert.deepEqual(parallel.fit.beta, serial.fit.beta);
  assert.deepEqual(parallel.fit.a0, serial.fit.a0);
  await assert.rejects(cvGlmnetParallel(x, y, { ...opts, alpha: 2, workers: 2 }), (e: unknown) => e instanceof InputError && /alpha must be in \[0, 1\]/.test(e.message));
  await assert.rejects(cvGlmnetParallel(x, y, { ...opts, workers: 0 }), (e: unknown) => e instanceof InputError && /workers must be a positive integer/.test(e.message));
  // maxit reached in the workers: the same truncated paths and R warnings as serially.
  const few = { ...opts, maxit: 40 };
  const serialShort = cvGlmnet(x, y, few);
  const parallelShort = await cvGlmnetParallel(x, y, { ...few, workers: 2 });
  assert.ok(serialShort.warnings.length > 0);
  assert.deepEqual(parallelShort.warnings, serialShort.warnings);
  assert.deepEqual(parallelShort.cvm, serialShort.cvm);
});

test("misspelt options and unknown measures are InputErrors, not silently ignored", () => {
  const rng = new Rng(2);
  const x = Array.from({ length: 60 }, () => Array.from({ length: 4 }, () => rng.normal()));
  const y = x.map((row) => (row[0] + rng.normal() > 0 ? 1 : 0));
  assert.throws(() => glmnetPath(x, y, { nLambda: 10 } as never), (e: unknown) => e instanceof InputError && /glmnet: unknown option nLambda \(valid: alpha, nlambda/.test(e.message));
  assert.throws(() => cvGlmnet(x, y, { nFolds: 5 } as never), (e: unknown) => e instanceof InputError && /cv\.glmnet: unknown option nFolds/.test(e.message));
  assert.throws(() => cvGlmnet(x, y, { typeMeasure: "mse" } as never), (e: unknown) => e instanceof InputError && /typeMeasure must be "deviance" or "auc"/.test(e.message));
  // cv options reach the fold fits without tripping the path's own check.
  assert.equal(cvGlmnet(x, y, { nfolds: 3, seed: 4, typeMeasure: "auc" }).measure, "auc");
});
