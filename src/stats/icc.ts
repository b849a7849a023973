/**
 * Intraclass correlation coefficients from the two-way ANOVA of an n subjects × k raters matrix
 * (Shrout & Fleiss 1979; McGraw & Wong 1996): MSr (subjects), MSc (raters), MSe (residual),
 * MSw (within subjects). irr::icc forms (oneway / twoway consistency / twoway agreement, single
 * or average, with F test against r0 = 0 and CI) and the psych::ICC table (ICC1..ICC3k).
 */
import { InputError } from "../errors.js";
import { pfUpper, qf } from "./dist.js";

export interface IccAnova {
  n: number;
  k: number;
  msr: number;
  msc: number;
  mse: number;
  msw: number;
}

/** Mean squares of the subjects × raters table (complete data required). */
export function iccAnova(ratings: ArrayLike<ArrayLike<number>>): IccAnova {
  const n = ratings.length;
  if (n < 2) throw new InputError(`ICC: need at least 2 subjects, got ${n}`);
  const k = ratings[0].length;
  if (k < 2) throw new InputError(`ICC: need at least 2 raters, got ${k}`);
  let grand = 0;
  const rowMean = new Float64Array(n);
  const colMean = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    if (ratings[i].length !== k) throw new InputError(`ICC: subject ${i + 1} has ${ratings[i].length} ratings, expected ${k}`);
    for (let j = 0; j < k; j++) {
      const v = ratings[i][j];
      if (!Number.isFinite(v)) throw new InputError(`ICC: missing rating for subject ${i + 1}, rater ${j + 1}`);
      rowMean[i] += v / k;
      colMean[j] += v / n;
      grand += v / (n * k);
    }
  }
  let sst = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) sst += (ratings[i][j] - grand) ** 2;
  let ssr = 0;
  for (const m of rowMean) ssr += k * (m - grand) ** 2;
  let ssc = 0;
  for (const m of colMean) ssc += n * (m - grand) ** 2;
  const sse = sst - ssr - ssc;
  return { n, k, msr: ssr / (n - 1), msc: ssc / (k - 1), mse: sse / ((n - 1) * (k - 1)), msw: (ssc + sse) / (n * (k - 1)) };
}

export type IccModel = "oneway" | "twoway";
export type IccType = "consistency" | "agreement";
export type IccUnit = "single" | "average";

export interface IccResult {
  name: string;
  value: number;
  F: number;
  df1: number;
  df2: number;
  pValue: number;
  lower: number;
  upper: number;
}

/** irr::icc(ratings, model, type, unit, r0 = 0, conf.level). */
export function icc(ratings: ArrayLike<ArrayLike<number>>, model: IccModel = "oneway", type: IccType = "consistency", unit: IccUnit = "single", confLevel = 0.95): IccResult {
  const { n, k, msr, msc, mse, msw } = iccAnova(ratings);
  const alpha = 1 - confLevel;
  const q = 1 - alpha / 2;
  if (model === "oneway") {
    const F = msr / msw;
    const df1 = n - 1;
    const df2 = n * (k - 1);
    const fl = F / qf(q, df1, df2);
    const fu = F * qf(q, df2, df1);
    const single = unit === "single";
    return {
      name: single ? "ICC(1)" : `ICC(${k})`,
      value: single ? (msr - msw) / (msr + (k - 1) * msw) : (msr - msw) / msr,
      F,
      df1,
      df2,
      pValue: pfUpper(F, df1, df2),
      lower: single ? (fl - 1) / (fl + (k - 1)) : 1 - 1 / fl,
      upper: single ? (fu - 1) / (fu + (k - 1)) : 1 - 1 / fu,
    };
  }
  const F = msr / mse;
  const df1 = n - 1;
  if (type === "consistency") {
    const df2 = (n - 1) * (k - 1);
    const fl = F / qf(q, df1, df2);
    const fu = F * qf(q, df2, df1);
    const single = unit === "single";
    return {
      name: single ? "ICC(C,1)" : `ICC(C,${k})`,
      value: single ? (msr - mse) / (msr + (k - 1) * mse) : (msr - mse) / msr,
      F,
      df1,
      df2,
      pValue: pfUpper(F, df1, df2),
      lower: single ? (fl - 1) / (fl + (k - 1)) : 1 - 1 / fl,
      upper: single ? (fu - 1) / (fu + (k - 1)) : 1 - 1 / fu,
    };
  }
  // Agreement: Satterthwaite df of the denominator from the estimated ICC.
  const single = unit === "single";
  const value = single ? (msr - mse) / (msr + (k - 1) * mse + (k * (msc - mse)) / n) : (msr - mse) / (msr + (msc - mse) / n);
  // irr plugs the reported coefficient (single or average) into the same Satterthwaite weights.
  const a = (k * value) / (n * (1 - value));
  const b = 1 + (k * value * (n - 1)) / (n * (1 - value));
  const v = (a * msc + b * mse) ** 2 / ((a * msc) ** 2 / (k - 1) + (b * mse) ** 2 / ((n - 1) * (k - 1)));
  const fl = qf(q, n - 1, v);
  const fu = qf(q, v, n - 1);
  const lower = single
    ? (n * (msr - fl * mse)) / (fl * (k * msc + (k * n - k - n) * mse) + n * msr)
    : (n * (msr - fl * mse)) / (fl * (msc - mse) + n * msr);
  const upper = single
    ? (n * (fu * msr - mse)) / (k * msc + (k * n - k - n) * mse + n * fu * msr)
    : (n * (fu * msr - mse)) / (msc - mse + n * fu * msr);
  return { name: single ? "ICC(A,1)" : `ICC(A,${k})`, value, F, df1, df2: v, pValue: pfUpper(F, df1, v), lower, upper };
}

export interface PsychIccRow {
  type: string;
  ICC: number;
  F: number;
  df1: number;
  df2: number;
  p: number;
  lowerBound: number;
  upperBound: number;
}

/** psych::ICC(x, lmer = FALSE)$results: ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k with F tests and CIs. */
export function psychIcc(ratings: ArrayLike<ArrayLike<number>>, alpha = 0.05): PsychIccRow[] {
  const { n, k, msr: msb, msc: msj, mse, msw } = iccAnova(ratings);
  const icc1 = (msb - msw) / (msb + (k - 1) * msw);
  const icc2 = (msb - mse) / (msb + (k - 1) * mse + (k * (msj - mse)) / n);
  const icc3 = (msb - mse) / (msb + (k - 1) * mse);
  const icc1k = (msb - msw) / msb;
  const icc2k = (msb - mse) / (msb + (msj - mse) / n);
  const icc3k = (msb - mse) / msb;
  const f11 = msb / msw;
  const df11n = n - 1;
  const df11d = n * (k - 1);
  const p11 = pfUpper(f11, df11n, df11d);
  const f21 = msb / mse;
  const df21n = n - 1;
  const df21d = (n - 1) * (k - 1);
  const p21 = pfUpper(f21, df21n, df21d);
  const q = 1 - alpha / 2;
  const f1l = f11 / qf(q, df11n, df11d);
  const f1u = f11 * qf(q, df11d, df11n);
  const l1 = (f1l - 1) / (f1l + (k - 1));
  const u1 = (f1u - 1) / (f1u + k - 1);
  const f3l = f21 / qf(q, df21n, df21d);
  const f3u = f21 * qf(q, df21d, df21n);
  const l3 = (f3l - 1) / (f3l + k - 1);
  const u3 = (f3u - 1) / (f3u + k - 1);
  const fj = msj / mse;
  const vn = (k - 1) * (n - 1) * (k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2) ** 2;
  const vd = (n - 1) * k * k * icc2 * icc2 * fj * fj + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2;
  const v = vn / vd;
  const f2u = qf(q, n - 1, v);
  const f2l = qf(q, v, n - 1);
  const l2 = (n * (msb - f2u * mse)) / (f2u * (k * msj + (k * n - k - n) * mse) + n * msb);
  const u2 = (n * (f2l * msb - mse)) / (k * msj + (k * n - k - n) * mse + n * f2l * msb);
  const row = (type: string, value: number, F: number, df1: number, df2: number, p: number, lo: number, hi: number): PsychIccRow => ({
    type,
    ICC: value,
    F,
    df1,
    df2,
    p,
    lowerBound: lo,
    upperBound: hi,
  });
  return [
    row("ICC1", icc1, f11, df11n, df11d, p11, l1, u1),
    row("ICC2", icc2, f21, df21n, df21d, p21, l2, u2),
    row("ICC3", icc3, f21, df21n, df21d, p21, l3, u3),
    row("ICC1k", icc1k, f11, df11n, df11d, p11, 1 - 1 / f1l, 1 - 1 / f1u),
    row("ICC2k", icc2k, f21, df21n, df21d, p21, (l2 * k) / (1 + l2 * (k - 1)), (u2 * k) / (1 + u2 * (k - 1))),
    row("ICC3k", icc3k, f21, df21n, df21d, p21, 1 - 1 / f3l, 1 - 1 / f3u),
  ];
}
