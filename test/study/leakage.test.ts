import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateModels } from "../../src/study/analysis.ts";
import type { StudyCohort } from "../../src/study/cohorts.ts";
import { DEFAULT_SETTINGS, PaperModel } from "../../src/study/paper-model.ts";
import { Rng } from "../../src/stats/rng.ts";
import { auc } from "../../src/stats/validation.ts";

/** n patients, 3 clinical + p radiomics columns of noise; with `signal`, y depends on clinical_1 and feature_1..3. */
function syntheticCohort(n: number, p: number, seed: number, signal: boolean): StudyCohort {
  const rng = new Rng(seed);
  const normal = () => rng.normal();
  const x = Array.from({ length: n }, () => Array.from({ length: 3 + p }, normal));
  const y = x.map((r) => {
    const lp = signal ? 1.5 * r[0] + 1.2 * r[3] - 1.0 * r[4] + 0.8 * r[5] : 0;
    return rng.uniform() < 1 / (1 + Math.exp(-lp)) ? 1 : 0;
  });
  return {
    id: "synthetic",
    title: "synthetic",
    simulated: true,
    outcome: "y",
    ids: x.map((_, i) => `P${i}`),
    y,
    x,
    layout: { clinical: ["clinical_1", "clinical_2", "clinical_3"], radiomics: Array.from({ length: p }, (_, j) => `feature_${j + 1}`) },
    labels: {},
    excluded: [],
    inputs: [],
  };
}

describe("no leakage: selection and scaling are refitted inside every fold", () => {
  const cv = { k: 5, repeats: 2, nBoot: 0, seed: 7 };

  it("a label-shuffled cohort gives cross-validated AUC near 0.5, although the apparent AUC is optimistic", () => {
    // A cohort with a real signal whose labels are then shuffled: X keeps its structure, y carries none of it.
    const c = syntheticCohort(120, 150, 11, true);
    new Rng(3).shuffle(c.y);
    const apparentModel = new PaperModel("radiomics", c.layout, DEFAULT_SETTINGS).fit(c.x, c.y);
    const apparent = auc(c.y, apparentModel.predictProba(c.x));
    const v = validateModels(c, DEFAULT_SETTINGS, cv, ["radiomics", "combined"]);
    for (const row of v.rows) {
      assert.ok(Math.abs(row.cv_auc_mean - 0.5) < 0.1, `${row.model}: CV AUC ${row.cv_auc_mean} on pure noise`);
    }
    // Selecting on all rows before validating would inherit this optimism; the in-fold pipeline does not.
    assert.ok(apparent > v.rows[0].cv_auc_mean + 0.1, `apparent ${apparent} vs CV ${v.rows[0].cv_auc_mean}`);
  });

  it("recovers a real signal (CV AUC well above chance) and its clinical factor", () => {
    const c = syntheticCohort(150, 40, 5, true);
    const v = validateModels(c, DEFAULT_SETTINGS, cv);
    const combined = v.rows.find((r) => r.model === "Clinical–radiomics")!;
    // Every patient gets an out-of-fold prediction from a model fitted without them (first repeat).
    assert.ok(v.cv.combined!.outOfFold.every((p) => p > 0 && p < 1));
    assert.ok(combined.cv_calibration_slope > 0.3 && combined.cv_calibration_slope < 2, `CV slope ${combined.cv_calibration_slope}`);
    assert.ok(combined.cv_auc_mean > 0.8, `combined CV AUC ${combined.cv_auc_mean}`);
    const m = new PaperModel("clinical", c.layout, DEFAULT_SETTINGS).fit(c.x, c.y);
    assert.deepEqual(m.predictors, ["clinical_1"]);
    const r = new PaperModel("radiomics", c.layout, DEFAULT_SETTINGS).fit(c.x, c.y);
    for (const f of ["feature_1", "feature_2", "feature_3"]) assert.ok(r.radscore!.selected.includes(f), `${f} not selected: ${r.radscore!.selected}`);
  });
});
