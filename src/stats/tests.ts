/**
 * Classical tests for a Table 1, as R's stats package computes them: wilcox.test (exact and
 * normal approximation with continuity and tie correction), t.test (Welch and pooled),
 * chisq.test (with/without Yates), fisher.test (2×2 with conditional MLE odds ratio and CI;
 * r×c by complete enumeration), cor.test (Pearson with Fisher-z CI; Spearman, t approximation).
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import { InputError } from "../errors.js";
import { pnorm, pchisqUpper, ptTwoSided, qnorm, qt, pt } from "./dist.js";
import { midranks, tieCounts, mean, variance } from "./ranks.js";
import { uniroot } from "./roots.js";
import { checkFinite, checkSameLength } from "./validate.js";

export interface TestResult {
  statistic: number;
  statisticName: string;
  df?: number;
  pValue: number;
  method: string;
  estimate?: Record<string, number>;
  confInt?: [number, number];
  stderr?: number;
}

function requireSample(v: ArrayLike<number>, what: string, min = 1): void {
  checkFinite(v, what);
  if (v.length < min) throw new InputError(`${what}: needs at least ${min} values, has ${v.length}`);
}

/**
 * Two-sample Wilcoxon rank-sum test. W = Σ ranks(x) − nₓ(nₓ+1)/2. Exact p (permutation
 * distribution of W) when exact (default: both n < 50 and no ties); otherwise normal
 * approximation z = (W − nₓn_y/2 − ½ sign)/σ, σ² = nₓn_y/12 [(N+1) − Σ(t³−t)/(N(N−1))].
 */
export function wilcoxonRankSum(x: ArrayLike<number>, y: ArrayLike<number>, opts: { exact?: boolean; correct?: boolean } = {}): TestResult {
  requireSample(x, "wilcoxon x");
  requireSample(y, "wilcoxon y");
  const nx = x.length;
  const ny = y.length;
  const all = new Float64Array(nx + ny);
  all.set(Array.from(x), 0);
  all.set(Array.from(y), nx);
  const r = midranks(all);
  let rx = 0;
  for (let i = 0; i < nx; i++) rx += r[i];
  const w = rx - (nx * (nx + 1)) / 2;
  const ties = tieCounts(all);
  const exact = opts.exact ?? (nx < 50 && ny < 50 && ties.length === 0);
  if (exact && ties.length === 0) {
    const p = w > (nx * ny) / 2 ? 1 - pwilcox(w - 1, nx, ny) : pwilcox(w, nx, ny);
    return { statistic: w, statisticName: "W", pValue: Math.min(2 * p, 1), method: "Wilcoxon rank sum exact test" };
  }
  const correct = opts.correct ?? true;
  let z = w - (nx * ny) / 2;
  const n = nx + ny;
  const tieSum = ties.reduce((s, t) => s + t * t * t - t, 0);
  const sigma = Math.sqrt(((nx * ny) / 12) * (n + 1 - tieSum / (n * (n - 1))));
  const corr = correct ? Math.sign(z) * 0.5 : 0;
  z = (z - corr) / sigma;
  return {
    statistic: w,
    statisticName: "W",
    pValue: 2 * Math.min(pnorm(z), pnorm(-z)),
    method: `Wilcoxon rank sum test${correct ? " with continuity correction" : ""}`,
  };
}

/** P(W ≤ q) under H₀ for sample sizes m, n (counts by the recursion c(m,n,u) = c(m−1,n,u−n) + c(m,n−1,u)). */
export function pwilcox(q: number, m: number, n: number): number {
  const maxU = m * n;
  const k = Math.floor(q + 1e-7);
  if (k < 0) return 0;
  if (k >= maxU) return 1;
  // dist[j][u]: counts for (j, cols) built column by column over n.
  let prev: Float64Array[] = Array.from({ length: m + 1 }, (_, j) => {
    const a = new Float64Array(j * 0 + 1);
    a[0] = 1;
    return a;
  });
  for (let cols = 1; cols <= n; cols++) {
    const cur: Float64Array[] = [];
    for (let j = 0; j <= m; j++) {
      const len = j * cols + 1;
      const a = new Float64Array(len);
      const fromLeft = prev[j]; // c(j, cols−1, u)
      for (let u = 0; u < fromLeft.length; u++) a[u] += fromLeft[u];
      if (j > 0) {
        const fromUp = cur[j - 1]; // c(j−1, cols, u − cols)
        for (let u = 0; u < fromUp.length; u++) a[u + cols] += fromUp[u];
      }
      cur.push(a);
    }
    prev = cur;
  }
  const counts = prev[m];
  let total = 0;
  let below = 0;
  for (let u = 0; u < counts.length; u++) {
    total += counts[u];
    if (u <= k) below += counts[u];
  }
  return below / total;
}

/** Two-sample t-test: Welch (default) or pooled variance; CI of mean(x) − mean(y). */
export function tTest(x: ArrayLike<number>, y: ArrayLike<number>, opts: { varEqual?: boolean; confLevel?: number } = {}): TestResult {
  requireSample(x, "t-test x", 2);
  requireSample(y, "t-test y", 2);
  const nx = x.length;
  const ny = y.length;
  const mx = mean(x);
  const my = mean(y);
  const vx = variance(x);
  const vy = variance(y);
  let df: number;
  let stderr: number;
  if (opts.varEqual) {
    df = nx + ny - 2;
    const v = ((nx - 1) * vx + (ny - 1) * vy) / df;
    stderr = Math.sqrt(v * (1 / nx + 1 / ny));
  } else {
    const sx = vx / nx;
    const sy = vy / ny;
    stderr = Math.sqrt(sx + sy);
    df = (sx + sy) ** 2 / (sx ** 2 / (nx - 1) + sy ** 2 / (ny - 1));
  }
  if (!(stderr > 0)) throw new InputError("t-test: both samples are constant (zero variance)");
  const t = (mx - my) / stderr;
  const conf = opts.confLevel ?? 0.95;
  const q = qt(1 - (1 - conf) / 2, df);
  return {
    statistic: t,
    statisticName: "t",
    df,
    pValue: ptTwoSided(t, df),
    method: opts.varEqual ? " Two Sample t-test" : "Welch Two Sample t-test",
    estimate: { "mean of x": mx, "mean of y": my },
    confInt: [mx - my - q * stderr, mx - my + q * stderr],
    stderr,
  };
}

/** Contingency table of two discrete variables; levels sorted numerically. */
export function contingencyTable(rowVar: ArrayLike<number>, colVar: ArrayLike<number>): { rowLevels: number[]; colLevels: number[]; counts: number[][] } {
  checkSameLength(rowVar, colVar, "contingency table");
  checkFinite(rowVar, "table row variable");
  checkFinite(colVar, "table column variable");
  const rowLevels = Array.from(new Set(Array.from(rowVar))).sort((a, b) => a - b);
  const colLevels = Array.from(new Set(Array.from(colVar))).sort((a, b) => a - b);
  const counts = rowLevels.map(() => new Array(colLevels.length).fill(0));
  for (let i = 0; i < rowVar.length; i++) counts[rowLevels.indexOf(rowVar[i])][colLevels.indexOf(colVar[i])]++;
  return { rowLevels, colLevels, counts };
}

function margins(t: number[][]): { rows: number[]; cols: number[]; n: number } {
  const rows = t.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = t[0].map((_, j) => t.reduce((s, r) => s + r[j], 0));
  return { rows, cols, n: rows.reduce((a, b) => a + b, 0) };
}

/** Pearson χ² test of independence; Yates' correction (min(½, |O − E|)) for 2×2 when correct. */
export function chisqTest(table: number[][], opts: { correct?: boolean } = {}): TestResult & { expected: number[][] } {
  if (table.length < 2 || table[0].length < 2) throw new InputError("chi-squared test: the table needs at least 2 rows and 2 columns");
  const { rows, cols, n } = margins(table);
  const expected = rows.map((r) => cols.map((c) => (r * c) / n));
  const yates = (opts.correct ?? true) && table.length === 2 && table[0].length === 2;
  let yc = 0;
  if (yates) {
    yc = 0.5;
    table.forEach((r, i) => r.forEach((o, j) => (yc = Math.min(yc, Math.abs(o - expected[i][j])))));
  }
  let stat = 0;
  table.forEach((r, i) => r.forEach((o, j) => (stat += (Math.abs(o - expected[i][j]) - yc) ** 2 / expected[i][j])));
  const df = (table.length - 1) * (table[0].length - 1);
  return {
    statistic: stat,
    statisticName: "X-squared",
    df,
    pValue: pchisqUpper(stat, df),
    method: yates ? "Pearson's Chi-squared test with Yates' continuity correction" : "Pearson's Chi-squared test",
    expected,
  };
}

function lchoose(n: number, k: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}

/**
 * Fisher's exact test. 2×2: p = Σ P(tables with prob ≤ P_obs·(1 + 1e-7)) under the
 * hypergeometric; conditional MLE odds ratio and its CI from the non-central hypergeometric
 * (roots found with R's uniroot). r×c: complete enumeration of tables with the observed margins.
 */
export function fisherTest(table: number[][], opts: { confLevel?: number } = {}): TestResult {
  if (table.length === 2 && table[0].length === 2) return fisher2x2(table, opts.confLevel ?? 0.95);
  return { statistic: NaN, statisticName: "", pValue: fisherRxC(table), method: "Fisher's Exact Test for Count Data" };
}

function fisher2x2(t: number[][], conf: number): TestResult {
  const m = t[0][0] + t[1][0];
  const n = t[0][1] + t[1][1];
  const k = t[0][0] + t[0][1];
  const x = t[0][0];
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const support: number[] = [];
  for (let s = lo; s <= hi; s++) support.push(s);
  const logdc = support.map((s) => lchoose(m, s) + lchoose(n, k - s) - lchoose(m + n, k));
  const dnhyper = (ncp: number): number[] => {
    const d = logdc.map((l, i) => l + Math.log(ncp) * support[i]);
    const mx = Math.max(...d);
    const e = d.map((v) => Math.exp(v - mx));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  };
  const mnhyper = (ncp: number): number => {
    if (ncp === 0) return lo;
    if (ncp === Infinity) return hi;
    return dnhyper(ncp).reduce((s, d, i) => s + support[i] * d, 0);
  };
  const pnhyper = (q: number, ncp: number, upper = false): number => {
    if (ncp === 0) return Number(upper ? q <= lo : q >= lo);
    if (ncp === Infinity) return Number(upper ? q <= hi : q >= hi);
    const d = dnhyper(ncp);
    let s = 0;
    support.forEach((v, i) => {
      if (upper ? v >= q : v <= q) s += d[i];
    });
    return s;
  };
  const d1 = dnhyper(1);
  const relErr = 1 + 1e-7;
  const dobs = d1[x - lo];
  const p = Math.min(1, d1.reduce((s, d) => (d <= dobs * relErr ? s + d : s), 0));
  const mle = (): number => {
    if (x === lo) return 0;
    if (x === hi) return Infinity;
    const mu = mnhyper(1);
    if (mu > x) return uniroot((tt) => mnhyper(tt) - x, 0, 1);
    if (mu < x) return 1 / uniroot((tt) => mnhyper(1 / tt) - x, 2.220446049250313e-16, 1);
    return 1;
  };
  const alpha = (1 - conf) / 2;
  const ncpU = (): number => {
    if (x === hi) return Infinity;
    const pp = pnhyper(x, 1);
    if (pp < alpha) return uniroot((tt) => pnhyper(x, tt) - alpha, 0, 1);
    if (pp > alpha) return 1 / uniroot((tt) => pnhyper(x, 1 / tt) - alpha, 2.220446049250313e-16, 1);
    return 1;
  };
  const ncpL = (): number => {
    if (x === lo) return 0;
    const pp = pnhyper(x, 1, true);
    if (pp > alpha) return uniroot((tt) => pnhyper(x, tt, true) - alpha, 0, 1);
    if (pp < alpha) return 1 / uniroot((tt) => pnhyper(x, 1 / tt, true) - alpha, 2.220446049250313e-16, 1);
    return 1;
  };
  return {
    statistic: NaN,
    statisticName: "",
    pValue: p,
    method: "Fisher's Exact Test for Count Data",
    estimate: { "odds ratio": mle() },
    confInt: [ncpL(), ncpU()],
  };
}

/** r×c Fisher p-value by enumerating all tables with the observed margins (work-limited). */
function fisherRxC(t: number[][]): number {
  const { rows, cols, n } = margins(t);
  const r = rows.length;
  const c = cols.length;
  const lfact = (v: number) => gammaln(v + 1);
  const constant = rows.reduce((s, v) => s + lfact(v), 0) + cols.reduce((s, v) => s + lfact(v), 0) - lfact(n);
  const logProb = (cells: number[][]) => constant - cells.reduce((s, row) => s + row.reduce((a, v) => a + lfact(v), 0), 0);
  const obs = logProb(t);
  const threshold = obs + Math.log1p(1e-7);
  let total = 0;
  let work = 0;
  const cells = rows.map(() => new Array(c).fill(0));
  const colLeft = [...cols];
  // Fill row by row; the last row is determined by the column remainders.
  const fillRow = (i: number): void => {
    if (++work > 5e7) throw new InputError("Fisher's exact test: table too large for exact enumeration; use the chi-squared test");
    if (i === r - 1) {
      for (let j = 0; j < c; j++) cells[i][j] = colLeft[j];
      const lp = logProb(cells);
      if (lp <= threshold) total += Math.exp(lp);
      return;
    }
    const rec = (j: number, left: number): void => {
      if (j === c - 1) {
        if (left > colLeft[j]) return;
        cells[i][j] = left;
        colLeft[j] -= left;
        fillRow(i + 1);
        colLeft[j] += left;
        return;
      }
      let rest = 0;
      for (let jj = j + 1; jj < c; jj++) rest += colLeft[jj];
      const from = Math.max(0, left - rest);
      const to = Math.min(left, colLeft[j]);
      for (let v = from; v <= to; v++) {
        cells[i][j] = v;
        colLeft[j] -= v;
        rec(j + 1, left - v);
        colLeft[j] += v;
      }
    };
    rec(0, rows[i]);
  };
  fillRow(0);
  return Math.min(1, total);
}

/** Pearson correlation test: t = r√(n−2)/√(1−r²), CI by Fisher's z (atanh r ± z/√(n−3)). */
export function pearsonTest(x: ArrayLike<number>, y: ArrayLike<number>, confLevel = 0.95): TestResult {
  checkSameLength(x, y, "Pearson correlation");
  requireSample(x, "correlation x", 3);
  requireSample(y, "correlation y", 3);
  const n = x.length;
  const r = pearson(x, y);
  const df = n - 2;
  const t = Math.sqrt(df) * r / Math.sqrt(1 - r * r);
  const z = Math.atanh(r);
  const sigma = 1 / Math.sqrt(n - 3);
  const q = qnorm(1 - (1 - confLevel) / 2);
  return {
    statistic: t,
    statisticName: "t",
    df,
    pValue: ptTwoSided(t, df),
    method: "Pearson's product-moment correlation",
    estimate: { cor: r },
    confInt: [Math.tanh(z - sigma * q), Math.tanh(z + sigma * q)],
  };
}

/** Spearman test with the t approximation (exact = FALSE): S = (n³ − n)(1 − ρ)/6. */
export function spearmanTest(x: ArrayLike<number>, y: ArrayLike<number>): TestResult {
  checkSameLength(x, y, "Spearman correlation");
  requireSample(x, "correlation x", 3);
  requireSample(y, "correlation y", 3);
  const n = x.length;
  const rho = pearson(midranks(x), midranks(y));
  const s = ((n * n * n - n) * (1 - rho)) / 6;
  const den = (n * (n * n - 1)) / 6;
  const r = 1 - s / den;
  const tstat = r / Math.sqrt((1 - r * r) / (n - 2));
  const upper = pt(-tstat, n - 2);
  const lower = pt(tstat, n - 2);
  // Two-sided: 2·min(tails); the small tail via the incomplete beta keeps its precision.
  const p = Math.min(1, Math.min(upper, lower) < 1e-3 ? ptTwoSided(tstat, n - 2) : 2 * Math.min(upper, lower));
  return { statistic: s, statisticName: "S", pValue: p, method: "Spearman's rank correlation rho", estimate: { rho } };
}

/** Pearson correlation coefficient (centred two-pass). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) throw new InputError("correlation: a variable is constant");
  return sxy / Math.sqrt(sxx * syy);
}
