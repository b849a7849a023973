/** nomogram.json: rms::lrm + rms::nomogram(fun = plogis) axes and scaling. */
import { nomogram, nomogramFromCoefficients } from "../nomogram.js";
import { CLOSED_FORM, ITERATIVE, STATED_GAPS } from "../../verify/tolerances.js";
import type { TopicChecker } from "./core.js";

export const checkNomogram: TopicChecker = (c, check, ctx) => {
  const cols = c.columns as { outcome: string; predictors: string[] };
  const [y, ...xs] = ctx.select(c.dataset, c.rows as string, [cols.outcome, ...cols.predictors]);
  const columns = Object.fromEntries(cols.predictors.map((p, j) => [p, xs[j]]));
  const opts = { maxscale: c.parameters.maxscale as number, nint: c.parameters.nint as number };
  const e = c.expected;
  // Our fit equals lrm's within the iterative tolerance; the nomogram itself is a closed form of
  // the coefficients, checked tightly from R's lrm coefficients (lrm stops ~1e-7 short of the
  // exact MLE, which small point differences would otherwise amplify).
  const own = nomogram(columns, y, opts);
  check.num("lrm.Intercept", own.fit.coefficients[0], e.lrm_coefficients.Intercept, ITERATIVE);
  cols.predictors.forEach((p, j) => check.num(`lrm.${p}`, own.fit.coefficients[j + 1], e.lrm_coefficients[p], ITERATIVE));
  const coefs = [e.lrm_coefficients.Intercept, ...cols.predictors.map((p) => e.lrm_coefficients[p] as number)];
  const nom = nomogramFromCoefficients(coefs, columns, opts);
  const T = CLOSED_FORM;
  cols.predictors.forEach((p, j) => {
    const col = Array.from(xs[j]);
    check.num(`datadist.${p}.Low`, Math.min(...col), e.datadist_limits[p].Low, T);
    check.num(`datadist.${p}.High`, Math.max(...col), e.datadist_limits[p].High, T);
    const axis = nom.axes[j];
    const ep = e.predictors[p];
    check.arr(`predictors.${p}.values`, axis.values, ep.values, T);
    check.arr(`predictors.${p}.xbeta`, axis.xbeta, ep.xbeta, T);
    check.arr(`predictors.${p}.points`, axis.points, ep.points, T);
  });
  const s = e.scaling;
  check.num("points_per_lp_unit", nom.pointsPerLpUnit, s.points_per_lp_unit, T);
  check.num("lp_at_zero_total_points", nom.lpAtZeroTotalPoints, s.lp_at_zero_total_points, T);
  check.arr("total_points_axis", nom.totalPointsAxis, e.total_points_axis, T);
  check.arr("lp_axis.lp", nom.lpAxis.lp, e.lp_axis.lp, T);
  check.arr("lp_axis.points", nom.lpAxis.points, e.lp_axis.points, T);
  const pa = e.probability_axis;
  check.arr("probability_axis.probability", nom.probabilityAxis.probability, pa.probability, T);
  check.same("probability_axis.labels", nom.probabilityAxis.labels, pa.labels);
  // rms's own interpolated placement is reproduced, and the exact inverse is checked too.
  check.arr("probability_axis.total_points", nom.probabilityAxis.totalPoints, pa.total_points, T);
  check.arr("probability_axis.total_points_exact_inverse", nom.probabilityAxis.totalPointsExactInverse, pa.total_points_exact_inverse, T);
  nom.probabilityAxis.totalPoints.forEach((t, i) =>
    check.num(`probability_axis.interpolation_gap[${i}]`, t, pa.total_points_exact_inverse[i], STATED_GAPS.nomogramAxis),
  );
  const ex = e.example_subjects;
  (ex.rows_of_used_data as number[]).forEach((r, i) => {
    const row = xs.map((col) => col[r - 1]);
    const t = nom.totalPoints(row);
    check.num(`example.total_points[${i}]`, t, ex.total_points[i], T);
    check.num(`example.probability[${i}]`, nom.probability(t), ex.probability[i], T);
  });
};
