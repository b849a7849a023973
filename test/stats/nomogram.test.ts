import { test } from "node:test";
import assert from "node:assert/strict";
import { nomogram, pretty } from "../../src/stats/nomogram.js";
import { refCase, columns, close } from "./helpers.js";

test("R's pretty()", () => {
  assert.deepEqual(pretty(25, 83, 10), [25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85]);
  assert.deepEqual(pretty(0, 137.98, 10), [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140]);
  assert.deepEqual(pretty(1, 5), [1, 2, 3, 4, 5]);
});

test("nomogram of the sim cohort model: axes, points and probability scale as rms", () => {
  const c = refCase("nomogram", "nomogram_sim_rows1_200");
  const [y, ...xs] = columns(c.dataset, c.rows, [c.columns.outcome, ...c.columns.predictors]);
  const nom = nomogram(Object.fromEntries(c.columns.predictors.map((p: string, j: number) => [p, xs[j]])), y);
  assert.deepEqual(nom.axes[0].values, c.expected.predictors.f1.values);
  nom.axes[1].points.forEach((v, i) => close(v, c.expected.predictors.f2.points[i], 1e-6));
  assert.deepEqual(nom.totalPointsAxis, c.expected.total_points_axis);
  assert.deepEqual(nom.probabilityAxis.labels, c.expected.probability_axis.labels);
  const t = nom.totalPoints(xs.map((col) => col[0]));
  close(t, c.expected.example_subjects.total_points[0], 1e-6);
  close(nom.probability(t), c.expected.example_subjects.probability[0], 1e-6);
});
