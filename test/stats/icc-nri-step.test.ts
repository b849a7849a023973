import { test } from "node:test";
import assert from "node:assert/strict";
import { icc, psychIcc } from "../../src/stats/icc.js";
import { improveProb } from "../../src/stats/nri-idi.js";
import { stepAicBackward } from "../../src/stats/stepaic.js";
import { InputError } from "../../src/errors.js";
import { refCase, columns, toRows, close } from "./helpers.js";

test("ICC forms on the 8 × 4 matrix equal irr and psych", () => {
  const c = refCase("icc", "icc_8x4");
  const r = toRows(columns(c.dataset, c.rows, c.columns.raters));
  const a = icc(r, "twoway", "agreement", "average");
  const e = c.expected.irr.twoway_agreement_average;
  close(a.value, e.value, 1e-12);
  close(a.df2, e.df2, 1e-10);
  close(a.lower, e.lower, 1e-9);
  const one = icc(r, "oneway", "consistency", "single");
  close(one.upper, c.expected.irr.oneway_single.upper, 1e-9);
  const ps = psychIcc(r);
  ps.forEach((row, i) => close(row.lowerBound, c.expected.psych.lower_bound[i], 1e-9, row.type));
  assert.throws(() => icc([[1, NaN], [2, 3]]), (err: Error) => err instanceof InputError && /subject 1, rater 2/.test(err.message));
});

test("NRI/IDI from R's probabilities equal Hmisc::improveProb", () => {
  const c = refCase("nri_idi", "nri_asah");
  const [y] = columns(c.dataset, c.rows, ["outcome"]);
  const r = improveProb(c.expected.p_old, c.expected.p_new, y);
  close(r.nri.value, c.expected.nri.total, 1e-12);
  close(r.nri.se, c.expected.nri.se, 1e-12);
  close(r.idi.p, c.expected.idi.p, 1e-9);
  close(r.nriNonEvents.z, c.expected.nri_nonevents.z, 1e-12);
  assert.throws(() => improveProb([0.1, 1.2], [0.2, 0.3], [0, 1]), /outside \[0, 1\]/);
});

test("stepAIC backward on aSAH reproduces MASS's path", () => {
  const c = refCase("stepaic", "stepaic_asah");
  const [y, ...xs] = columns(c.dataset, c.rows, [c.columns.outcome, ...c.columns.predictors]);
  const cols = Object.fromEntries(c.columns.predictors.map((p: string, j: number) => [p, xs[j]]));
  const r = stepAicBackward(cols, y);
  assert.deepEqual(r.removedSequence, c.expected.removed_sequence);
  assert.deepEqual(r.selectedTerms, c.expected.selected_terms);
  close(r.finalFit.aic, c.expected.final_aic, 1e-10);
});
