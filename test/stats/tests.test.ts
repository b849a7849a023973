import { test } from "node:test";
import assert from "node:assert/strict";
import { wilcoxonRankSum, pwilcox, tTest, chisqTest, fisherTest, contingencyTable, pearsonTest, spearmanTest } from "../../src/stats/tests.js";
import { uniroot } from "../../src/stats/roots.js";
import { refCase, columns, close } from "./helpers.js";

const split = (v: Float64Array, g: Float64Array) => [v.filter((_, i) => g[i] === 0), v.filter((_, i) => g[i] === 1)];

test("exact Wilcoxon on aSAH rows 1-20 equals R", () => {
  const c = refCase("tests", "wilcox_exact_asah_ndka_rows1_20");
  const [x, y] = split(...(columns(c.dataset, c.rows, ["ndka", "outcome"]) as [Float64Array, Float64Array]));
  const r = wilcoxonRankSum(x, y, { exact: true });
  assert.equal(r.statistic, 36);
  close(r.pValue, c.expected.p_value, 1e-12);
  // The null distribution sums to 1 and is symmetric: P(W ≤ 2) for m = n = 2 is 3/6 (0, 1, 1 of 0..4).
  close(pwilcox(1, 2, 2), 2 / 6, 1e-15);
});

test("Welch t-test and tied Wilcoxon on Rotterdam age equal R", () => {
  const c = refCase("tests", "ttest_welch_rotterdam_age");
  const [x, y] = split(...(columns(c.dataset, c.rows, ["age", "node_positive"]) as [Float64Array, Float64Array]));
  const t = tTest(x, y);
  close(t.df!, c.expected.parameter.df, 1e-12);
  close(t.confInt![0], c.expected.conf_int.lower, 1e-10);
  const w = wilcoxonRankSum(x, y);
  close(w.pValue, refCase("tests", "wilcox_normal_rotterdam_age").expected.p_value, 1e-10);
});

test("chi-squared with Yates, Fisher 2×2 (MLE OR, CI) and 3×2 equal R", () => {
  const c = refCase("tests", "fisher_2x2_rotterdam_meno");
  const [a, b] = columns(c.dataset, c.rows, ["meno", "node_positive"]);
  const tab = contingencyTable(a, b).counts;
  close(chisqTest(tab).statistic, refCase("tests", "chisq_yates_rotterdam_meno").expected.statistic, 1e-12);
  const f = fisherTest(tab);
  close(f.estimate!["odds ratio"], c.expected.estimate["odds ratio"], 1e-9);
  close(f.confInt![1], c.expected.conf_int.upper, 1e-9);
  const c3 = refCase("tests", "fisher_3x2_rotterdam_size");
  const [s, nb] = columns(c3.dataset, c3.rows, ["size_cat", "node_positive"]);
  close(fisherTest(contingencyTable(s, nb).counts).pValue, c3.expected.p_value, 1e-8);
});

test("Pearson and Spearman tests equal R", () => {
  const c = refCase("tests", "cor_spearman_rotterdam_er_pgr");
  const [x, y] = columns(c.dataset, c.rows, ["er", "pgr"]);
  const s = spearmanTest(x, y);
  close(s.statistic, c.expected.statistic, 1e-12);
  close(s.pValue, c.expected.p_value, 1e-8);
  const p = pearsonTest(...(columns(c.dataset, c.rows, ["age", "er"]) as [Float64Array, Float64Array]));
  close(p.pValue, refCase("tests", "cor_pearson_rotterdam_age_er").expected.p_value, 1e-8);
});

test("uniroot finds roots like R's Brent zeroin", () => {
  close(uniroot((x) => x * x - 2, 0, 2, 1e-12), Math.SQRT2, 1e-11);
  assert.throws(() => uniroot((x) => x * x + 1, 0, 1), /same sign/);
});
