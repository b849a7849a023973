import { test } from "node:test";
import assert from "node:assert/strict";
import { valProb, glmCalibration, hosmerLemeshow, binnedCalibration, smoothCalibration, bootstrapCalibration, formatG } from "../../src/stats/calibration.js";
import { decisionCurve, thresholdGrid } from "../../src/stats/dca.js";
import { fitLogistic, predictProbability } from "../../src/stats/logistic.js";
import { InputError } from "../../src/errors.js";
import { refCase, columns, toRows, close } from "./helpers.js";

const cal = refCase("calibration", "calib_asah_70_43");
const p = Float64Array.from(cal.expected.predictions as number[]);
const [y] = columns(cal.dataset, cal.rows.test, ["outcome"]);

test("val.prob statistics on R's test predictions (aSAH, tied predictions)", () => {
  const v = valProb(p, y);
  for (const k of ["D", "U", "Q", "Brier", "Eavg", "Emax", "E90", "S:z", "R2"] as const) close(v[k], cal.expected.val_prob[k], 1e-8, k);
  close(v.aucExact, cal.expected.auc_exact, 1e-12);
  assert.ok(Number.isNaN(v["D:p"]));
});

test("calibration-in-the-large and Hosmer–Lemeshow equal R", () => {
  const g = glmCalibration(p, y);
  close(g.citl, cal.expected.glm_calibration.citl, 1e-8);
  close(g.slopeSe, cal.expected.glm_calibration.slope_se, 1e-8);
  const h = hosmerLemeshow(y, p);
  close(h.statistic, cal.expected.hoslem.statistic, 1e-10);
  assert.deepEqual(h.groups, cal.expected.hoslem.groups);
  assert.equal(formatG(0.000012345, 3), "1.23e-05");
  assert.equal(formatG(0.1, 3), "0.1");
});

test("binned and smooth calibration curves are well-formed", () => {
  const bins = binnedCalibration(p, y);
  assert.equal(bins.reduce((s, b) => s + b.n, 0), p.length);
  const sm = smoothCalibration(p, y, [0.2, 0.5]);
  assert.equal(sm.observed.length, 2);
  assert.ok(sm.observed.every((v) => v >= 0 && v <= 1.2));
});

test("bootstrap optimism-corrected calibration is seeded and corrects towards the diagonal", () => {
  const c = refCase("glm", "glm_sim_rows1_200");
  const [yy, ...xs] = columns(c.dataset, c.rows, [c.columns.outcome, ...c.columns.predictors]);
  const X = toRows(xs);
  const fp = (train: Int32Array) => {
    const fit = fitLogistic(Array.from(train, (i) => X[i]), Array.from(train, (i) => yy[i]));
    return (rows: Int32Array) => predictProbability(fit, Array.from(rows, (i) => X[i]));
  };
  const a = bootstrapCalibration(yy, fp, { nBoot: 20, seed: 3, grid: [0.2, 0.5, 0.8] });
  const b = bootstrapCalibration(yy, fp, { nBoot: 20, seed: 3, grid: [0.2, 0.5, 0.8] });
  assert.deepEqual(a.corrected, b.corrected);
  assert.equal(a.nBoot, 20);
  // 8 predictors on 200 rows overfit: optimism is positive at high predicted risk.
  assert.ok(a.optimism[2] < 0.2 && Number.isFinite(a.corrected[1]));
});

test("decision curve equals dcurves on the aSAH in-sample model", () => {
  const c = refCase("dca", "dca_asah_wfns_insample");
  const risk = Float64Array.from(c.expected.predictions as number[]);
  const [yy] = columns(c.dataset, c.rows.test, ["outcome"]);
  const dc = decisionCurve(yy, risk, thresholdGrid());
  assert.equal(dc.model.threshold.length, 99);
  dc.model.netBenefit.forEach((v, i) => close(v, c.expected.model.net_benefit[i], 1e-10, `nb ${i}`));
  dc.all.netBenefit.forEach((v, i) => close(v, c.expected.all.net_benefit[i], 1e-10, `all ${i}`));
});

test("bad input: probabilities outside [0, 1] name the rows", () => {
  assert.throws(() => valProb([0.2, 1.3, 0.5], [0, 1, 1]), (e: Error) => e instanceof InputError && /rows 2/.test(e.message));
  assert.throws(() => decisionCurve([0, 1], [NaN, 0.5]), /rows 1/);
});
