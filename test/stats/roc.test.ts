import { test } from "node:test";
import assert from "node:assert/strict";
import { roc, aucCiDelong, aucCiBootstrap, youdenBest } from "../../src/stats/roc.js";
import { delongPaired } from "../../src/stats/delong.js";
import { refCase, columns, close } from "./helpers.js";

test("pROC curve, AUC, DeLong CI and Youden for aSAH s100b", () => {
  const c = refCase("roc", "roc_asah_s100b");
  const [y, x] = columns(c.dataset, c.rows, ["outcome", "s100b"]);
  const r = roc(y, x, "<");
  close(r.auc, c.expected.auc, 1e-12);
  const ci = aucCiDelong(r);
  close(ci.variance!, c.expected.var_delong, 1e-10);
  close(ci.lower, c.expected.ci_auc_delong.lower, 1e-10);
  assert.equal(r.thresholds.length, c.expected.curve.n_points);
  assert.equal(r.thresholds[0], -Infinity);
  const best = youdenBest(r);
  close(best[0].threshold, c.expected.best_youden.threshold[0], 1e-12);
  close(best[0].npv, c.expected.best_youden.npv[0], 1e-12);
});

test("AUC below 0.5 with forced direction; both extreme thresholds tie for Youden", () => {
  const c = refCase("roc", "roc_sim_f2_auc_below_half");
  const [y, x] = columns(c.dataset, c.rows, ["y", "f2"]);
  const r = roc(y, x, "<");
  assert.ok(r.auc < 0.5);
  close(r.auc, c.expected.auc, 1e-12);
  assert.equal(youdenBest(r).length, 2);
  // 'auto' flips the direction so that the AUC is ≥ 0.5.
  const auto = roc(y, x, "auto");
  assert.equal(auto.direction, ">");
  close(auto.auc, 1 - c.expected.auc, 1e-12);
});

test("paired DeLong test equals pROC::roc.test", () => {
  const c = refCase("roc_test", "roctest_paired_asah_s100b_wfns");
  const [y, a, b] = columns(c.dataset, c.rows, ["outcome", "s100b", "wfns"]);
  const t = delongPaired(y, a, b);
  close(t.statistic, c.expected.statistic, 1e-10);
  close(t.pValue, c.expected.p_value, 1e-10);
});

test("stratified bootstrap CI is seeded, brackets the AUC and agrees with DeLong roughly", () => {
  const c = refCase("roc", "roc_asah_s100b");
  const [y, x] = columns(c.dataset, c.rows, ["outcome", "s100b"]);
  const r = roc(y, x);
  const b1 = aucCiBootstrap(r, { nBoot: 500, seed: 7 });
  const b2 = aucCiBootstrap(r, { nBoot: 500, seed: 7 });
  assert.deepEqual(b1.replicates, b2.replicates);
  assert.ok(b1.lower < r.auc && r.auc < b1.upper);
  assert.ok(Math.abs(b1.lower - c.expected.ci_auc_delong.lower) < 0.05);
});

test("DeLong is O(n log n): n = 100,000 under 1 s", () => {
  const n = 100_000;
  const y = new Float64Array(n);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 3 === 0 ? 1 : 0;
    x[i] = ((i * 7919) % 1000) / 1000 + y[i] * 0.3;
  }
  const t0 = performance.now();
  const ci = aucCiDelong(roc(y, x));
  assert.ok(performance.now() - t0 < 1000);
  assert.ok(ci.estimate > 0.6 && ci.se! > 0);
});
