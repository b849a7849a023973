import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError } from "../../src/errors.js";
import { calibrateIntercept } from "../../src/sim/clinical.js";
import { lesionFromLatents, SIMULATED_LABEL, simulatePaperCohort } from "../../src/sim/paper-cohort.js";
import { groupMean, mannWhitneyAuc, mean } from "./helpers.js";

const outcomes = (c: ReturnType<typeof simulatePaperCohort>) => c.patients.map((p) => p.clinical.imn_metastasis);

test("same seed gives identical data, another seed different data", () => {
  const a = simulatePaperCohort();
  const b = simulatePaperCohort({ seed: 20250403, n: 124 });
  assert.deepEqual(a, b);
  const c = simulatePaperCohort({ seed: 20250404 });
  assert.notDeepEqual(a.patients.map((p) => p.clinical), c.patients.map((p) => p.clinical));
  assert.equal(a.label, SIMULATED_LABEL);
  assert.match(SIMULATED_LABEL, /SIMULATED/);
});

test("default cohort: 124 patients SIM_001…SIM_124 with valid clinical codes", () => {
  const c = simulatePaperCohort();
  assert.equal(c.patients.length, 124);
  assert.equal(c.patients[0].clinical.patient_id, "SIM_001");
  assert.equal(c.patients[123].clinical.patient_id, "SIM_124");
  for (const { clinical: r } of c.patients) {
    assert.ok(Number.isInteger(r.age) && r.age >= 26 && r.age <= 80, `age ${r.age}`);
    assert.ok(r.tumour_size_cm >= 0.5 && r.tumour_size_cm <= 6, `size ${r.tumour_size_cm}`);
    assert.equal(Math.round(r.tumour_size_cm * 10) / 10, r.tumour_size_cm);
    assert.ok([1, 2, 3].includes(r.histologic_grade));
    // Positive-node category is 0 exactly when the axilla is negative.
    assert.equal(r.aln_positive_category === 0, r.aln_metastasis === 0);
    for (const k of ["imn_metastasis", "menopausal_post", "location_inner_central", "er_positive", "pr_positive", "her2_positive", "ki67_high", "lvi"] as const) {
      assert.ok(r[k] === 0 || r[k] === 1, `${k}=${r[k]}`);
    }
  }
});

test("calibrated intercept: mean true risk equals the target prevalence", () => {
  for (const prevalence of [0.27, 0.1, 0.5]) {
    const c = simulatePaperCohort({ prevalence });
    assert.ok(Math.abs(mean(c.patients.map((p) => p.truth.probability)) - prevalence) < 1e-9);
    for (const p of c.patients) assert.ok(Math.abs(p.truth.probability - 1 / (1 + Math.exp(-p.truth.linear_predictor))) < 1e-15);
  }
  // Hand value: equal η = 0 for everyone → β0 = logit(0.25) = −ln 3.
  assert.ok(Math.abs(calibrateIntercept(new Float64Array(10), 0.25) + Math.log(3)) < 1e-10);
});

test("observed prevalence within binomial range (default) and ≈ 0.27 in a large cohort", () => {
  const y = outcomes(simulatePaperCohort());
  const k = y.reduce((s, v) => s + v, 0);
  // Expected 124·0.27 = 33.5; the SD of a sum of Bernoulli(p_i) is below √(124·0.27·0.73) = 4.94.
  assert.ok(Math.abs(k - 33.48) <= 3.5 * 4.94, `positives ${k}`);
  const big = outcomes(simulatePaperCohort({ n: 3000, seed: 11 }));
  const prev = mean(big);
  assert.ok(Math.abs(prev - 0.27) < 0.03, `prevalence ${prev}`);
});

test("apparent AUC of the true clinical linear predictor is ≈ 0.9 (documented range)", () => {
  const c = simulatePaperCohort();
  const auc = mannWhitneyAuc(c.patients.map((p) => p.truth.linear_predictor), outcomes(c));
  assert.ok(auc >= 0.85 && auc <= 0.95, `default-seed AUC ${auc}`);
  const big = simulatePaperCohort({ n: 3000, seed: 12 });
  const aucBig = mannWhitneyAuc(big.patients.map((p) => p.truth.linear_predictor), outcomes(big));
  assert.ok(aucBig >= 0.87 && aucBig <= 0.93, `n=3000 AUC ${aucBig}`);
});

test("risk factors act in the documented direction; imaging latents shift by δ in IMN+", () => {
  const c = simulatePaperCohort({ n: 3000, seed: 13 });
  const y = outcomes(c);
  const by = (f: (r: (typeof c.patients)[number]["clinical"]) => number) => c.patients.map((p) => f(p.clinical));
  const aln = by((r) => r.aln_metastasis);
  const inner = by((r) => r.location_inner_central);
  assert.ok(groupMean(y, aln, 1) > groupMean(y, aln, 0) + 0.2, "IMN rate higher if ALN+");
  assert.ok(groupMean(y, inner, 1) > groupMean(y, inner, 0) + 0.1, "IMN rate higher if inner/central");
  for (const key of ["z_enhancement", "z_washout", "z_heterogeneity"] as const) {
    const z = c.patients.map((p) => p.truth[key]);
    const d = groupMean(z, y, 1) - groupMean(z, y, 0);
    assert.ok(Math.abs(d - 1.0) < 0.15, `${key} shift ${d}`);
  }
  const none = simulatePaperCohort({ n: 3000, seed: 13, imagingEffect: 0 });
  const z0 = none.patients.map((p) => p.truth.z_enhancement);
  const d0 = groupMean(z0, outcomes(none), 1) - groupMean(z0, outcomes(none), 0);
  assert.ok(Math.abs(d0) < 0.15, `δ = 0 shift ${d0}`);
});

test("lesion parameters follow the documented latent mapping", () => {
  assert.deepEqual(lesionFromLatents(0, 0, 0, 20), { diameterMm: 20, washIn: 1, ser: 1, heterogeneity: 0.18, irregularity: 0.1 });
  const up = lesionFromLatents(1, 1, 1, 20);
  assert.ok(Math.abs(up.washIn - 1.25) < 1e-12 && Math.abs(up.ser - 1.12) < 1e-12);
  assert.ok(Math.abs(up.heterogeneity - 0.25) < 1e-12 && Math.abs(up.irregularity - 0.15) < 1e-12);
  const clamped = lesionFromLatents(-10, 10, -10, 80);
  assert.deepEqual(clamped, { diameterMm: 36, washIn: 0.3, ser: 1.6, heterogeneity: 0.03, irregularity: 0 });
});

test("bad options are InputErrors naming the setting", () => {
  assert.throws(() => simulatePaperCohort({ n: 0 }), (e: Error) => e instanceof InputError && /n must be/.test(e.message));
  assert.throws(() => simulatePaperCohort({ prevalence: 1 }), (e: Error) => e instanceof InputError && /prevalence/.test(e.message));
  assert.throws(() => simulatePaperCohort({ seed: 1.5 }), (e: Error) => e instanceof InputError && /seed/.test(e.message));
  assert.throws(() => simulatePaperCohort({ truth: { aln: Number.NaN } }), (e: Error) => e instanceof InputError && /truth\.aln/.test(e.message));
});
