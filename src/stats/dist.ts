/**
 * Distribution functions used by the statistics core, all from @stdlib (no hand-written
 * special functions). Upper tails are computed directly (not 1 − cdf) where R does so, so that
 * tiny p-values keep their relative precision.
 */
import normal from "@stdlib/stats-base-dists-normal";
import chisquare from "@stdlib/stats-base-dists-chisquare";
import studentT from "@stdlib/stats-base-dists-t";
import fCdf from "@stdlib/stats-base-dists-f-cdf";
import fQuantile from "@stdlib/stats-base-dists-f-quantile";
import betainc from "@stdlib/math-base-special-betainc";

/** Standard normal cdf Φ(x). */
export function pnorm(x: number): number {
  return normal.cdf(x, 0, 1);
}

/** Standard normal quantile Φ⁻¹(p). */
export function qnorm(p: number): number {
  return normal.quantile(p, 0, 1);
}

/** Two-sided normal p-value 2Φ(−|z|). */
export function pnormTwoSided(z: number): number {
  return 2 * normal.cdf(-Math.abs(z), 0, 1);
}

/** Upper tail of χ²(df): P(X > x). For df = 1 and 2 exact forms keep tiny p precise. */
export function pchisqUpper(x: number, df: number): number {
  if (!(x > 0)) return 1;
  if (df === 1) return 2 * normal.cdf(-Math.sqrt(x), 0, 1);
  if (df === 2) return Math.exp(-x / 2);
  return 1 - chisquare.cdf(x, df);
}

/** Lower tail of Student t(df). */
export function pt(x: number, df: number): number {
  return studentT.cdf(x, df);
}

/** Two-sided Student t p-value P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2). */
export function ptTwoSided(t: number, df: number): number {
  if (!Number.isFinite(df)) return pnormTwoSided(t);
  return betainc(df / (df + t * t), df / 2, 0.5, true, false);
}

/** Student t quantile. */
export function qt(p: number, df: number): number {
  return studentT.quantile(p, df);
}

/** Upper tail of F(d1, d2): P(F > f) = I_{d2/(d2+d1 f)}(d2/2, d1/2). */
export function pfUpper(f: number, d1: number, d2: number): number {
  if (!(f > 0)) return 1;
  return betainc(d2 / (d2 + d1 * f), d2 / 2, d1 / 2, true, false);
}

/** F cdf. */
export function pf(f: number, d1: number, d2: number): number {
  return fCdf(f, d1, d2);
}

/** F quantile. */
export function qf(p: number, d1: number, d2: number): number {
  return fQuantile(p, d1, d2);
}

/** Logistic function plogis(x) = 1/(1+e^−x). */
export function plogis(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Logit qlogis(p) = log(p/(1−p)). */
export function qlogis(p: number): number {
  return Math.log(p / (1 - p));
}
