import { test } from "node:test";
import assert from "node:assert/strict";
import { fitLogistic, LogisticRegression, univariableScreen } from "../../src/stats/logistic.js";
import { InputError } from "../../src/errors.js";
import { refCase, columns, toRows, close } from "./helpers.js";

test("glm on aSAH equals R's glm (coefficients, SE, deviance, AIC, iterations)", () => {
  const c = refCase("glm", "glm_asah");
  const [y, ...xs] = columns(c.dataset, c.rows, [c.columns.outcome, ...c.columns.predictors]);
  const fit = fitLogistic(toRows(xs), y, { names: c.columns.predictors });
  c.expected.estimate.forEach((b: number, j: number) => close(fit.coefficients[j], b, 1e-9, `beta ${j}`));
  c.expected.std_error.forEach((s: number, j: number) => close(fit.stdError[j], s, 1e-9, `se ${j}`));
  c.expected.std_error_at_final_estimate.forEach((s: number, j: number) => close(fit.stdErrorAtFinalEstimate[j], s, 1e-9));
  close(fit.aic, c.expected.aic, 1e-12);
  assert.equal(fit.iterations, c.expected.iterations);
});

test("perfect separation reproduces R's warnings and is flagged", () => {
  const c = refCase("glm", "glm_separation_rotterdam_nodes");
  const [y, x] = columns(c.dataset, c.rows, ["node_positive", "nodes"]);
  const fit = fitLogistic(toRows([x]), y, { names: ["nodes"] });
  assert.deepEqual(fit.warnings, c.expected.warnings);
  assert.equal(fit.iterations, 25);
  assert.equal(fit.separation, "complete");
  // Firth's penalised fit stays finite under separation.
  const firth = fitLogistic(toRows([x]), y, { names: ["nodes"], firth: true });
  assert.ok(firth.converged && Number.isFinite(firth.coefficients[1]) && firth.coefficients[1] > 0);
});

test("Firth on non-separated data shrinks towards zero relative to ML", () => {
  const y = [0, 0, 1, 0, 1, 1, 0, 1, 1, 0];
  const x = [[1], [2], [3], [4], [5], [6], [2.5], [7], [3.5], [4.5]];
  const ml = fitLogistic(x, y);
  const fi = fitLogistic(x, y, { firth: true });
  assert.ok(Math.abs(fi.coefficients[1]) < Math.abs(ml.coefficients[1]));
});

test("estimator face: fit/predictProba equal the fitted values", () => {
  const c = refCase("glm", "glm_sim_rows1_200");
  const [y, ...xs] = columns(c.dataset, c.rows, [c.columns.outcome, ...c.columns.predictors]);
  const m = new LogisticRegression().fit(toRows(xs), y);
  const p = m.predictProba(toRows(xs));
  assert.deepEqual(Array.from(p), Array.from(m.fitResult!.fitted));
  close(m.coefficients[1], c.expected.estimate[1], 1e-9);
  const screen = univariableScreen({ f1: xs[0], f5: xs[4] }, y);
  assert.equal(screen[0].selected, true);
});

test("bad input: one class, NaN rows, constant column, probabilities of p > n", () => {
  assert.throws(() => fitLogistic([[1], [2], [3]], [1, 1, 1]), (e: Error) => e instanceof InputError && /one class/.test(e.message));
  assert.throws(() => fitLogistic([[1], [NaN], [3], [4]], [0, 1, 0, 1], { names: ["age"] }), /age \(rows 2\)/);
  assert.throws(() => fitLogistic([[1, 5], [2, 5], [3, 5], [4, 5]], [0, 1, 0, 1], { names: ["a", "b"] }), /'b' is constant/);
  assert.throws(() => fitLogistic([[1, 2, 3], [2, 1, 3], [0, 1, 1]], [0, 1, 0]), /only 3 rows/);
  assert.throws(() => fitLogistic([[1], [2]], [0, 2]), /0 or 1/);
});
