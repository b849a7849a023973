import { test } from "node:test";
import assert from "node:assert/strict";
import { StandardScaler, UnivariateFilter, CorrelationFilter, Mrmr, LassoSelector, aucRelevance, correlation } from "../../src/stats/selection.js";
import { Pipeline, LogisticEstimator, repeatedCv, bootstrapOptimism } from "../../src/stats/validation.js";
import { Rng } from "../../src/stats/rng.js";
import { InputError } from "../../src/errors.js";
import { refCase, columns, toRows } from "./helpers.js";

const sim = refCase("glm", "glm_sim_rows1_200");
const [ySim, ...xsSim] = columns(sim.dataset, "all", [sim.columns.outcome, ...sim.columns.predictors]);
const XSim = toRows(xsSim);

test("z-scoring uses the training rows' mean and SD only", () => {
  const s = new StandardScaler().fit([[1], [3]]);
  assert.deepEqual(s.transform([[5]]), [[(5 - 2) / Math.SQRT2]]);
  assert.deepEqual(new StandardScaler().fit([[4], [4]]).transform([[4], [5]]), [[0], [1]]);
});

test("Mann–Whitney filter keeps the true signals f1, f2, f3 of the sim cohort", () => {
  const f = new UnivariateFilter({ alpha: 0.001 }).fit(XSim, ySim);
  assert.deepEqual(f.outputNames(sim.columns.predictors), ["f1", "f2", "f3"]);
});

test("redundancy filter keeps the more relevant of two correlated features", () => {
  const rng = new Rng(5);
  // Columns 0 and 1 are noisy copies of f3 (|r| > 0.9); column 2 is f5 (unrelated).
  const x = XSim.map((r) => [r[2] + 0.1 * rng.normal(), r[2] + 0.1 * rng.normal(), r[4]]);
  const rel = aucRelevance(x, ySim);
  const cf = new CorrelationFilter({ threshold: 0.9 }).fit(x, ySim);
  assert.deepEqual(cf.keep, [rel[0] >= rel[1] ? 0 : 1, 2]);
  assert.deepEqual(new CorrelationFilter({ threshold: 0.999 }).fit(x, ySim).keep, [0, 1, 2]);
});

test("mRMR picks the most relevant first and skips a redundant copy", () => {
  const x = XSim.map((r) => [r[0], r[0] * 1.0001 + 1e-3, r[1], r[5]]);
  const rel = [0, 1, 2, 3].map((j) => Math.abs(correlation(x.map((r) => r[j]), ySim, "pearson")));
  const m = new Mrmr({ k: 3 }).fit(x, ySim);
  assert.equal(m.order[0], rel.indexOf(Math.max(...rel)));
  assert.ok(!(m.order.includes(0) && m.order.includes(1)), `order ${m.order}`);
  assert.deepEqual(m.order.slice().sort(), [0, 2, 3]);
});

function noise(seed: number, n: number, p: number): { x: number[][]; y: number[] } {
  const rng = new Rng(seed);
  const x = Array.from({ length: n }, () => Array.from({ length: p }, () => rng.normal()));
  const y = Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 : 0));
  rng.shuffle(y);
  return { x, y };
}

test("no leakage: selection inside folds gives CV AUC ≈ 0.5 on label-shuffled data; selecting first does not", () => {
  const { x, y } = noise(42, 80, 150);
  const make = () => new Pipeline([new StandardScaler(), new UnivariateFilter({ alpha: 0.05 }), new Mrmr({ k: 3 })], new LogisticEstimator());
  const cv = repeatedCv(x, y, make, { k: 5, repeats: 3, seed: 9 });
  assert.equal(cv.foldAuc.length, 15);
  assert.ok(Math.abs(cv.auc.mean - 0.5) < 0.1, `honest CV AUC ${cv.auc.mean}`);
  // The leaky protocol (features chosen on all rows, then CV) is optimistic on the same data.
  const chosen = new Mrmr({ k: 3 }).fit(new UnivariateFilter({ alpha: 0.05 }).fit(x, y).transform(x), y);
  const pre = new UnivariateFilter({ alpha: 0.05 }).fit(x, y);
  const leakyX = chosen.transform(pre.transform(x));
  const leaky = repeatedCv(leakyX, y, () => new LogisticEstimator(), { k: 5, repeats: 3, seed: 9 });
  assert.ok(leaky.auc.mean > cv.auc.mean + 0.1, `leaky ${leaky.auc.mean} vs honest ${cv.auc.mean}`);
});

test("repeated CV is seeded and works on the sim cohort; bootstrap optimism lowers the apparent AUC", () => {
  const make = () => new Pipeline([new StandardScaler()], new LogisticEstimator());
  const a = repeatedCv(XSim, ySim, make, { k: 5, repeats: 2, seed: 1 });
  const b = repeatedCv(XSim, ySim, make, { k: 5, repeats: 2, seed: 1 });
  assert.deepEqual(a.foldAuc, b.foldAuc);
  assert.ok(a.auc.mean > 0.75 && a.auc.sd > 0);
  const boot = bootstrapOptimism(XSim, ySim, make, { nBoot: 20, seed: 2 });
  assert.ok(boot.optimism.auc > 0 && boot.corrected.auc < boot.apparent.auc);
});

test("a fold without events is impossible to avoid → InputError", () => {
  const x = Array.from({ length: 20 }, (_, i) => [i]);
  const y = x.map((_, i) => (i < 3 ? 1 : 0));
  assert.throws(() => repeatedCv(x, y, () => new LogisticEstimator(), { k: 5, repeats: 1 }), (e: Error) => e instanceof InputError && /stratify/.test(e.message));
});

test("LASSO selector (cv.glmnet, lambda.1se) keeps the true signals of the sim cohort", () => {
  const sel = new LassoSelector({ nfolds: 5, seed: 4 }).fit(XSim, ySim);
  const kept = sel.outputNames(sim.columns.predictors);
  for (const f of ["f1", "f2", "f3"]) assert.ok(kept.includes(f), `kept ${kept}`);
  assert.ok(kept.length <= 5 && sel.lambda > 0);
});
