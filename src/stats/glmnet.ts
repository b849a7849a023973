/**
 * Penalised logistic regression with glmnet semantics (Friedman, Hastie & Tibshirani 2010):
 * minimise −loglik/n + λ Σⱼ [α|βⱼ| + (1−α)/2 βⱼ²] over standardised predictors (population SD,
 * divisor n; coefficients reported on the original scale), by IRLS outer loops and cyclic
 * coordinate descent inner loops with warm starts, active sets and sequential strong rules
 * (a variable enters the working set when |∇ⱼ| > α(2λₖ − λₖ₋₁); KKT is checked on all).
 * Lambda path as glmnet: λ₁ = max_j |Σᵢ (xᵢⱼ − x̄ⱼ)(yᵢ − ȳ)|/(n sdⱼ α), nlambda log-spaced values down
 * to λ₁·lambda.min.ratio; the path stops early when the deviance ratio grows by < 1e-5 or
 * exceeds 0.999. Convergence follows glmnet (thresh = 1e-7 by default, so coefficients equal
 * R's, including its distance from the exact optimum); thresh = 1e-14 gives the exact optimum.
 */
import { InputError } from "../errors.js";
import { checkBinary, checkFinite, checkOptions, checkSameLength, toRowMajor } from "./validate.js";
import { plogis } from "./dist.js";
import { Rng } from "./rng.js";
import { KernelMemory } from "./kernels/index.js";
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { RUNNING_TS, startModuleWorker } from "../threads.js";
import type { FlatGlmnetPath, GlmnetWorkerAnswer, GlmnetWorkerData } from "./glmnet-worker.js";

export interface GlmnetOptions {
  alpha?: number;
  nlambda?: number;
  /** Default 1e-4 when n ≥ p, else 0.01 (glmnet). */
  lambdaMinRatio?: number;
  /** User lambda sequence (decreasing); no early stopping then, as glmnet. */
  lambda?: number[];
  standardize?: boolean;
  /** Convergence threshold (glmnet's thresh, default 1e-7). */
  thresh?: number;
  maxit?: number;
  names?: string[];
  /**
   * How coordinate gradients are kept within a Newton step (as glmnet's type.gaussian): "naive"
   * residual updates, "covariance" updates by Gram columns, or "auto" (default) — naive, switching
   * to covariance when a step runs long. All give the same iterates up to rounding.
   */
  updates?: "auto" | "naive" | "covariance";
}

export interface GlmnetPath {
  names: string[];
  lambda: number[];
  a0: number[];
  /** beta[k] = original-scale coefficients at lambda[k]. */
  beta: Float64Array[];
  df: number[];
  devRatio: number[];
  nulldev: number;
  nobs: number;
  /** R's warnings, e.g. a lambda not converged within maxit passes (the path then stops before it). */
  warnings: string[];
}

interface Prepared {
  n: number;
  p: number;
  /** Column-major standardised predictors. */
  xs: Float64Array;
  mean: Float64Array;
  sd: Float64Array;
  /** Columns with positive variance (glmnet excludes constant ones). */
  usable: Uint8Array;
  y: Float64Array;
  names: string[];
}

function prepare(x: ArrayLike<ArrayLike<number>>, y: ArrayLike<number>, opts: GlmnetOptions): Prepared {
  const { data, n, p } = toRowMajor(x, opts.names);
  checkSameLength(x, y, "glmnet: predictors and outcome");
  checkFinite(y, "outcome");
  checkBinary(y);
  const names = opts.names ?? Array.from({ length: p }, (_, j) => `x${j + 1}`);
  const standardize = opts.standardize ?? true;
  const xs = new Float64Array(n * p);
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  const usable = new Uint8Array(p);
  for (let j = 0; j < p; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += data[i * p + j];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (data[i * p + j] - m) ** 2;
    const s = Math.sqrt(v / n);
    mean[j] = m;
    sd[j] = standardize ? s : 1;
    usable[j] = s > 1e-10 * Math.max(1, Math.abs(m)) ? 1 : 0;
    const scale = usable[j] ? sd[j] : 1;
    for (let i = 0; i < n; i++) xs[j * n + i] = (data[i * p + j] - m) / scale;
  }
  if (!usable.some((u) => u === 1)) throw new InputError("glmnet: every predictor column is constant");
  return { n, p, xs, mean, sd, usable, y: Float64Array.from(y), names };
}

/** glmnet's lambda sequence: λ₁·r^{k/(nlambda−1)}, built multiplicatively as the Fortran does. */
export function lambdaSequence(lmax: number, nlambda: number, ratio: number): number[] {
  const alf = ratio ** (1 / (nlambda - 1));
  const out = [lmax];
  for (let k = 1; k < nlambda; k++) out.push(out[k - 1] * alf);
  return out;
}

const PATH_OPTIONS = ["alpha", "nlambda", "lambdaMinRatio", "lambda", "standardize", "thresh", "maxit", "names", "updates"] as const;
const CV_OPTIONS = [...PATH_OPTIONS, "foldid", "nfolds", "seed", "typeMeasure"] as const;

/** The path options of cross-validation options (what each fold's glmnetPath receives). */
function pathOptions(opts: GlmnetOptions): GlmnetOptions {
  return Object.fromEntries(Object.entries(opts).filter(([k]) => (PATH_OPTIONS as readonly string[]).includes(k)));
}

/** Fits the whole lambda path (glmnet(x, y, family = "binomial")). */
export function glmnetPath(x: ArrayLike<ArrayLike<number>>, y: ArrayLike<number>, opts: GlmnetOptions = {}): GlmnetPath {
  checkOptions(opts, PATH_OPTIONS, "glmnet");
  return fitPrepared(prepare(x, y, opts), opts);
}

/**
 * The path algorithm of glmnet's binomial solver (lognet2n), step for step so that its early
 * stopping at thresh (default 1e-7, on max_j xvⱼΔβⱼ² relative to the null deviance per
 * observation) is reproduced: Newton outer loops with exact weights v = q(1 − q)/n, a full
 * coordinate sweep over the strong set, then sweeps over the variables that have entered (in
 * entry order) until stable; KKT check of the remaining variables at convergence.
 */
function fitPrepared(d: Prepared, opts: GlmnetOptions): GlmnetPath {
  const { n, p, y } = d;
  const alpha = opts.alpha ?? 1;
  if (!(alpha >= 0 && alpha <= 1)) throw new InputError(`glmnet: alpha must be in [0, 1], got ${alpha}`);
  const userLambda = opts.lambda !== undefined;
  const nlam = userLambda ? opts.lambda!.length : opts.nlambda ?? 100;
  const flmin = opts.lambdaMinRatio ?? (n >= p ? 1e-4 : 0.01);
  const thr = opts.thresh ?? 1e-7;
  const maxit = opts.maxit ?? 100000;
  const updates = opts.updates ?? "auto";
  if (!["auto", "naive", "covariance"].includes(updates)) throw new InputError(`glmnet: updates must be "auto", "naive" or "covariance", got ${JSON.stringify(updates)}`);
  // Auto keeps to naive updates when a full Gram matrix would not fit in 1 GiB (p above ~11,000).
  const naiveOnly = updates === "naive" || (updates === "auto" && 8 * p * (p + 3) > 2 ** 30);
  const pmin = 1e-9;
  const fmax = Math.log(1 / pmin - 1);
  const vmin = (1 + pmin) * pmin * (1 - pmin);
  const big = 9.9e35;
  const bta = alpha;
  const omb = 1 - alpha;
  const wi = 1 / n;
  let q0 = 0;
  for (const v of y) q0 += wi * v;
  const bz = Math.log(q0 / (1 - q0));
  const b = new Float64Array(p + 1);
  const bs = new Float64Array(p + 1);
  b[0] = bz;
  const q = new Float64Array(n).fill(q0);
  // The vectors the kernels read live in one WebAssembly memory (element offsets below), columns
  // padded with zeros to an even length nn: X (column j at X + j·nn), residuals R, weights V, four
  // weighted columns VX, the strong set's gradient GS and intercept coupling CS, a tile's output,
  // and last the growable Gram columns.
  const nn = n + (n & 1);
  const K = new KernelMemory((p + 6) * nn + 2 * p + 16);
  const X = K.alloc(p * nn);
  const R = K.alloc(nn);
  const V = K.alloc(nn);
  const VX = K.alloc(4 * nn);
  const GS = K.alloc(p);
  const CS = K.alloc(p);
  const TILE = K.alloc(8);
  const GRAM = K.alloc(0);
  {
    const F = K.f64;
    for (let j = 0; j < p; j++) F.set(d.xs.subarray(j * n, (j + 1) * n), X + j * nn);
    for (let i = 0; i < n; i++) {
      F[V + i] = q0 * (1 - q0) * wi;
      F[R + i] = wi * (y[i] - q0);
    }
  }
  let xmz = q0 * (1 - q0);
  const dev1 = -(bz * q0 + Math.log(1 - q0));
  const dev0 = dev1;
  const alf = userLambda ? 1 : Math.max(1e-6, flmin) ** (1 / (nlam - 1));
  const shr = thr * dev0;
  const xv = new Float64Array(p);
  const eta = new Float64Array(n);
  const ga = new Float64Array(p);
  const ixx = new Uint8Array(p);
  const mm = new Int32Array(p);
  const m: number[] = [];
  for (let j = 0; j < p; j++) if (d.usable[j]) ga[j] = Math.abs(K.dot(R, X + j * nn, nn));
  let nlp = 0;
  let al = 0;
  const alm: number[] = [];
  const out: GlmnetPath = { names: d.names, lambda: [], a0: [], beta: [], df: [], devRatio: [], nulldev: 2 * n * dev0, nobs: n, warnings: [] };
  // Two exact ways to keep the coordinate gradients within one Newton step (same iterates up to
  // rounding; the weights v are fixed during the step):
  // - naive (glmnet's own): residuals r, each visit gₖ = Σᵢ rᵢxᵢₖ, each change r −= Δβₖ·v·xₖ;
  // - covariance: the strong set's gradient gS[t] = Σᵢ rᵢ x_{i,S_t} moves by −H[t, k]·Δβₖ
  //   (H = XᵀVX) and by −c[t]·Δβ₀ for the intercept (c = Xᵀv): O(|S|) a change, after paying for
  //   H's columns of the moved variables.
  // A step starts naive (most steps converge in a few sweeps) and switches to covariance once
  // its naive work reaches the cost of the Gram columns, or from the start when the same step of
  // the previous lambda needed the switch (the first steps of a lambda are the long ones).
  const strong = new Int32Array(p);
  const pos = new Int32Array(p).fill(-1);
  let ns = 0;
  let rsum = 0;
  const slot = new Int32Array(p).fill(-1);
  const slotVar = new Int32Array(p);
  let nslots = 0;
  const rows = new Int32Array(p);
  let cov = false;
  /** Naive work of the current step (see `work` below) and the switch point. */
  let work = 0;
  let switchAt = 0;
  let stepOfLambda = 0;
  const switchedAtStep: boolean[] = [];
  /**
   * Gram columns H[S, j] = Σᵢ vᵢ xᵢₛ xᵢⱼ for the variables js, in new slots (slot s at
   * GRAM + s·ns). H is symmetric: rows of variables that already have a column are copied from
   * it; the rest are computed in 2 × 4 tiles (four columns share each pass over the rows).
   */
  const addGramColumns = (js: ArrayLike<number>): void => {
    // Three spare columns: the last tile of 4 may be partly empty.
    K.reserve(GRAM + (nslots + js.length + 3) * ns);
    const F = K.f64;
    for (let q = 0; q < js.length; q += 4) {
      const w = Math.min(4, js.length - q);
      const base = nslots;
      for (let u = 0; u < w; u++) {
        slot[js[q + u]] = base + u;
        slotVar[base + u] = js[q + u];
      }
      for (let u = 0; u < 4; u++) {
        const col = X + js[q + Math.min(u, w - 1)] * nn;
        const o = VX + u * nn;
        for (let i = 0; i < n; i++) F[o + i] = F[V + i] * F[col + i];
      }
      for (let u = 0; u < w; u++) {
        const o = GRAM + (base + u) * ns;
        const pj = GRAM + pos[js[q + u]];
        for (let sl = 0; sl < base; sl++) F[o + pos[slotVar[sl]]] = F[pj + sl * ns];
      }
      let nr = 0;
      for (let t = 0; t < ns; t++) {
        const sv = slot[strong[t]];
        if (sv < 0 || sv >= base) rows[nr++] = t;
      }
      const b0 = GRAM + base * ns;
      const b1 = b0 + ns;
      const b2 = b1 + ns;
      const b3 = b2 + ns;
      for (let e = 0; e < nr; e += 2) {
        const t0 = rows[e];
        const t1 = rows[Math.min(e + 1, nr - 1)];
        K.tile2x4(X + strong[t0] * nn, X + strong[t1] * nn, VX, nn, TILE);
        F[b0 + t0] = F[TILE];
        F[b1 + t0] = F[TILE + 1];
        F[b2 + t0] = F[TILE + 2];
        F[b3 + t0] = F[TILE + 3];
        F[b0 + t1] = F[TILE + 4];
        F[b1 + t1] = F[TILE + 5];
        F[b2 + t1] = F[TILE + 6];
        F[b3 + t1] = F[TILE + 7];
      }
      nslots = base + w;
    }
  };
  /** Naive → covariance within a step: gradients of the strong set from the current residuals. */
  const switchToCovariance = (): void => {
    for (let t = 0; t < ns; t++) pos[strong[t]] = -1;
    for (let sl = 0; sl < nslots; sl++) slot[slotVar[sl]] = -1;
    nslots = 0;
    ns = 0;
    for (let j = 0; j < p; j++) if (ixx[j]) strong[ns++] = j;
    for (let t = 0; t < ns; t++) pos[strong[t]] = t;
    const F = K.f64;
    rsum = 0;
    for (let i = 0; i < n; i++) rsum += F[R + i];
    for (let t = 0; t < ns; t++) {
      const col = X + strong[t] * nn;
      F[GS + t] = K.dot(R, col, nn);
      F[CS + t] = K.dot(V, col, nn);
    }
    if (m.length) addGramColumns(m);
    cov = true;
  };
  const beginNewtonStep = (): void => {
    cov = false;
    work = 0;
    let count = 0;
    for (let j = 0; j < p; j++) if (ixx[j]) count++;
    switchAt = naiveOnly ? Infinity : (m.length * count) / 2 + 2 * count;
    if (updates === "covariance" || switchedAtStep[stepOfLambda] === true) switchToCovariance();
  };
  /** glmnet's coordinate update from the gradient g: soft-threshold, then shrink. */
  const update = (k: number, g: number, al1: number, al2: number): number => {
    const u = g + xv[k] * b[k + 1];
    const au = Math.abs(u) - al1;
    return au <= 0 ? 0 : (u < 0 ? -au : au) / (xv[k] + al2);
  };
  // `work` counts what naive updates cost (or would have cost) in units of nn multiply-adds:
  // one a visit, one a change, two an intercept step; it decides the switch and its prediction.
  const naiveCoordinate = (k: number, al1: number, al2: number): number => {
    const col = X + k * nn;
    const bk = b[k + 1];
    const nb = update(k, K.dot(R, col, nn), al1, al2);
    b[k + 1] = nb;
    const dd = nb - bk;
    work++;
    if (dd === 0) return 0;
    K.axpyWeighted(R, V, col, nn, dd);
    work++;
    return xv[k] * dd * dd;
  };
  const covarianceCoordinate = (k: number, al1: number, al2: number): number => {
    const tk = pos[k];
    const bk = b[k + 1];
    const nb = update(k, K.f64[GS + tk], al1, al2);
    b[k + 1] = nb;
    const dd = nb - bk;
    work++;
    if (dd === 0) return 0;
    work++;
    if (slot[k] < 0) addGramColumns([k]);
    K.axpy(GS, GRAM + slot[k] * ns, ns, dd);
    rsum -= dd * K.f64[CS + tk];
    return xv[k] * dd * dd;
  };
  const coordinate = (k: number, al1: number, al2: number): number => {
    if (cov) return covarianceCoordinate(k, al1, al2);
    const ch = naiveCoordinate(k, al1, al2);
    if (work > switchAt) switchToCovariance();
    return ch;
  };
  const interceptStep = (): number => {
    if (cov) {
      const dd = rsum / xmz;
      work += 2;
      if (dd === 0) return 0;
      b[0] += dd;
      K.axpy(GS, CS, ns, dd);
      rsum -= dd * xmz;
      return xmz * dd * dd;
    }
    const F = K.f64;
    let s = 0;
    for (let i = 0; i < n; i++) s += F[R + i];
    const dd = s / xmz;
    work++;
    if (dd === 0) return 0;
    b[0] += dd;
    K.axpy(R, V, nn, dd);
    work++;
    return xmz * dd * dd;
  };
  // glmnet counts passes over the data for the whole path; past maxit it returns the lambdas
  // done so far, and R warns.
  const tick = (): boolean => ++nlp > maxit;
  let unconverged = -1;
  lambdas: for (let ilm = 0; ilm < nlam; ilm++) {
    let al0 = al;
    if (userLambda) al = opts.lambda![ilm];
    else if (ilm > 1) al *= alf;
    else if (ilm === 0) al = big;
    else {
      al0 = 0;
      for (let j = 0; j < p; j++) if (d.usable[j]) al0 = Math.max(al0, ga[j]);
      al0 /= Math.max(bta, 1e-3);
      al = alf * al0;
    }
    const al2 = al * omb;
    const al1 = al * bta;
    const tlam = bta * (2 * al - al0);
    stepOfLambda = 0;
    for (let k = 0; k < p; k++) if (!ixx[k] && d.usable[k] && ga[k] > tlam) ixx[k] = 1;
    outer: for (;;) {
      bs[0] = b[0];
      for (const k of m) bs[k + 1] = b[k + 1];
      {
        const F = K.f64;
        for (let j = 0; j < p; j++) {
          if (!ixx[j]) continue;
          let s = 0;
          const col = X + j * nn;
          for (let i = 0; i < n; i++) s += F[V + i] * F[col + i] * F[col + i];
          xv[j] = s;
        }
      }
      beginNewtonStep();
      for (;;) {
        if (tick()) {
          unconverged = ilm;
          break lambdas;
        }
        let dlx = 0;
        for (let k = 0; k < p; k++) {
          if (!ixx[k]) continue;
          const ch = coordinate(k, al1, al2);
          if (ch === 0) continue;
          dlx = Math.max(dlx, ch);
          if (!mm[k]) {
            m.push(k);
            mm[k] = m.length;
          }
        }
        dlx = Math.max(dlx, interceptStep());
        if (dlx < shr) break;
        for (;;) {
          if (tick()) {
            unconverged = ilm;
            break lambdas;
          }
          let dl = 0;
          for (const k of m) dl = Math.max(dl, coordinate(k, al1, al2));
          dl = Math.max(dl, interceptStep());
          if (dl < shr) break;
        }
      }
      // The same step of the next lambda starts with covariance updates when naive ones would have
      // switched here.
      switchedAtStep[stepOfLambda++] = work > switchAt;
      xmz = 0;
      // Linear predictor accumulated column by column (contiguous memory).
      const F = K.f64;
      eta.fill(b[0]);
      for (const k of m) {
        const bk = b[k + 1];
        if (bk === 0) continue;
        const col = X + k * nn;
        for (let i = 0; i < n; i++) eta[i] += bk * F[col + i];
      }
      for (let i = 0; i < n; i++) {
        const fi = eta[i];
        q[i] = fi < -fmax ? 0 : fi > fmax ? 1 : 1 / (1 + Math.exp(-fi));
        const vi = wi * q[i] * (1 - q[i]);
        F[V + i] = vi;
        xmz += vi;
        F[R + i] = wi * (y[i] - q[i]);
      }
      if (xmz <= vmin) break;
      if (xmz * (b[0] - bs[0]) ** 2 < shr) {
        let ix = false;
        for (const k of m) {
          if (xv[k] * (b[k + 1] - bs[k + 1]) ** 2 >= shr) {
            ix = true;
            break;
          }
        }
        if (!ix) {
          for (let k = 0; k < p; k++) {
            if (ixx[k] || !d.usable[k]) continue;
            ga[k] = Math.abs(K.dot(R, X + k * nn, nn));
            if (ga[k] > al1) {
              ixx[k] = 1;
              ix = true;
            }
          }
          if (ix) continue outer;
          break;
        }
      }
    }
    alm.push(al);
    const devi = dev2(y, q, pmin) * wi;
    const ratio = (dev1 - devi) / dev0;
    const orig = new Float64Array(p);
    let a0 = b[0];
    let df = 0;
    for (let j = 0; j < p; j++) {
      if (b[j + 1] === 0 || !d.usable[j]) continue;
      orig[j] = b[j + 1] / d.sd[j];
      a0 -= orig[j] * d.mean[j];
      df++;
    }
    out.a0.push(a0);
    out.beta.push(orig);
    out.df.push(df);
    out.devRatio.push(ratio);
    if (xmz <= vmin) break;
    if (ilm < Math.min(5, nlam) - 1 || userLambda) continue;
    if (ratio > 0.999) break;
    if (ratio - out.devRatio[ilm - 1] < 1e-5) break;
  }
  if (unconverged >= 0) {
    if (alm.length === 0) throw new InputError(`glmnet: the first lambda did not converge within maxit = ${maxit} passes`);
    out.warnings.push(`Convergence for ${unconverged + 1}th lambda value not reached after maxit=${maxit} iterations; solutions for larger lambdas returned`);
  }
  out.lambda = userLambda ? alm : fixFirstLambda(alm);
  return out;
}

/** R's glmnet replaces the internal first lambda (∞) by exp(2 log λ₂ − log λ₃). */
function fixFirstLambda(alm: number[]): number[] {
  const lam = [...alm];
  if (lam.length > 2) lam[0] = Math.exp(2 * Math.log(lam[1]) - Math.log(lam[2]));
  return lam;
}

/** −Σ [y log p + (1 − y) log(1 − p)] with p clipped to [pmin, 1 − pmin] (glmnet's dev2). */
function dev2(y: Float64Array, q: Float64Array, pmin: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const pi = Math.min(Math.max(pmin, q[i]), 1 - pmin);
    s -= y[i] * Math.log(pi) + (1 - y[i]) * Math.log(1 - pi);
  }
  return s;
}

/** Linear predictor a0 + xβ of new rows at path index k. */
export function glmnetLinearPredictor(path: GlmnetPath, x: ArrayLike<ArrayLike<number>>, k: number): Float64Array {
  const b = path.beta[k];
  return Float64Array.from({ length: x.length }, (_, i) => {
    let s = path.a0[k];
    const row = x[i];
    for (let j = 0; j < b.length; j++) if (b[j] !== 0) s += b[j] * row[j];
    return s;
  });
}

/**
 * Coefficients at an arbitrary lambda s as predict.glmnet (lambda.interp): linear interpolation
 * in λ between the neighbouring path points; s outside the path is clamped to its ends.
 */
export function glmnetInterpolate(path: GlmnetPath, s: number): { a0: number; beta: Float64Array } {
  const lam = path.lambda;
  const k = lam.length;
  if (k === 1) return { a0: path.a0[0], beta: path.beta[0] };
  const sc = Math.min(Math.max(s, lam[k - 1]), lam[0]);
  const span = lam[0] - lam[k - 1];
  const sfrac = (lam[0] - sc) / span;
  const pos = lam.map((l) => (lam[0] - l) / span);
  let coord = 0;
  for (let i = 0; i < k - 1; i++) {
    if (sfrac >= pos[i] && sfrac <= pos[i + 1]) {
      coord = pos[i + 1] === pos[i] ? i : i + (sfrac - pos[i]) / (pos[i + 1] - pos[i]);
      break;
    }
    coord = k - 1;
  }
  const left = Math.floor(coord);
  const right = Math.ceil(coord);
  let frac = left === right ? 1 : (sfrac - pos[right]) / (pos[left] - pos[right]);
  if (Math.abs(pos[left] - pos[right]) < 2.220446049250313e-16) frac = 1;
  const beta = path.beta[left].map((b, j) => frac * b + (1 - frac) * path.beta[right][j]);
  return { a0: frac * path.a0[left] + (1 - frac) * path.a0[right], beta };
}

/** Linear predictor at an arbitrary lambda (interpolated as predict.glmnet). */
export function glmnetLinearPredictorAt(path: GlmnetPath, x: ArrayLike<ArrayLike<number>>, s: number): Float64Array {
  const { a0, beta } = glmnetInterpolate(path, s);
  return Float64Array.from({ length: x.length }, (_, i) => {
    let v = a0;
    const row = x[i];
    for (let j = 0; j < beta.length; j++) if (beta[j] !== 0) v += beta[j] * row[j];
    return v;
  });
}

/** Coefficients at path index k as a name → value record ((Intercept) first). */
export function glmnetCoefficients(path: GlmnetPath, k: number): Record<string, number> {
  const out: Record<string, number> = { "(Intercept)": path.a0[k] };
  path.names.forEach((nm, j) => (out[nm] = path.beta[k][j]));
  return out;
}

export interface CvGlmnet {
  lambda: number[];
  cvm: number[];
  cvsd: number[];
  cvup: number[];
  cvlo: number[];
  nzero: number[];
  lambdaMin: number;
  lambda1se: number;
  /** 0-based indices into lambda. */
  indexMin: number;
  index1se: number;
  /** Length of each fold's own lambda path. */
  foldPathLengths: number[];
  /** Number of full-data lambdas at which each fold's held-out predictions were made. */
  foldPredictionCounts: number[];
  fit: GlmnetPath;
  measure: "deviance" | "auc";
  /** Warnings of the full-data fit and of each fold's fit ("fold k: …"). */
  warnings: string[];
}

export interface CvOptions extends GlmnetOptions {
  /** Fold of each row, 1..K (as cv.glmnet's foldid). */
  foldid?: ArrayLike<number>;
  nfolds?: number;
  seed?: number;
  typeMeasure?: "deviance" | "auc";
}

/** Stratified fold assignment (1..K) so every fold has events and non-events; seeded. */
export function stratifiedFolds(y: ArrayLike<number>, k: number, seed = 1): Int32Array {
  const rng = new Rng(seed);
  const folds = new Int32Array(y.length);
  for (const cls of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) idx.push(i);
    if (idx.length < k) {
      throw new InputError(`cannot stratify into ${k} folds: only ${idx.length} subjects with outcome ${cls} (each fold needs at least one)`);
    }
    rng.shuffle(idx);
    const offset = rng.int(k);
    idx.forEach((row, r) => (folds[row] = ((r + offset) % k) + 1));
  }
  return folds;
}

/**
 * cv.glmnet: each fold is fit on the other folds (own lambda sequence, predictions interpolated at
 * the full-data lambdas as glmnet ≥ 4 does); measure =
 * mean binomial deviance in the held-out fold (probabilities clipped to [1e-5, 1 − 1e-5]) or AUC;
 * cvm = fold-size-weighted mean over folds, cvsd = √(weighted variance/(K − 1));
 * lambda.min = argmin cvm (largest λ on ties), lambda.1se = largest λ with cvm ≤ min + cvsd[min].
 */
export function cvGlmnet(x: ArrayLike<ArrayLike<number>>, y: ArrayLike<number>, opts: CvOptions = {}): CvGlmnet {
  checkOptions(opts, CV_OPTIONS, "cv.glmnet");
  const plan = cvPlan(x, y, opts);
  const fitOpts = pathOptions(opts);
  const fit = fitPrepared(plan.full, fitOpts);
  // As cv.glmnet (glmnet ≥ 4): each fold computes its own lambda sequence (unless the user gave
  // one); predictions at the full-data lambdas interpolate its coefficients.
  const paths = plan.folds.map((f) => glmnetPath(f.trainIdx.map((i) => plan.rows[i]), f.yTrain, fitOpts));
  return cvFromPaths(plan, fit, paths, opts);
}

/**
 * cvGlmnet with the full-data path and the fold paths fitted on worker threads (as cv.glmnet's
 * parallel = TRUE): the same paths, so the same result as cvGlmnet, in about 1/cores the time.
 */
export async function cvGlmnetParallel(x: ArrayLike<ArrayLike<number>>, y: ArrayLike<number>, opts: CvOptions & { workers?: number } = {}): Promise<CvGlmnet> {
  checkOptions(opts, [...CV_OPTIONS, "workers"], "cv.glmnet");
  const plan = cvPlan(x, y, opts);
  const fitOpts = pathOptions(opts);
  const workers = opts.workers;
  const tasks = [Array.from({ length: plan.full.n }, (_, i) => i), ...plan.folds.map((f) => f.trainIdx)];
  const [fit, ...paths] = await fitPathsOnWorkers(plan.rows, plan.full.y, tasks, fitOpts, workers ?? availableParallelism());
  return cvFromPaths(plan, fit, paths, opts);
}

interface CvPlan {
  full: Prepared;
  rows: ArrayLike<number>[];
  folds: { id: number; trainIdx: number[]; testIdx: number[]; yTrain: number[]; yTest: number[] }[];
}

/** Validated data and fold split of a cross-validation (foldid given, or stratified folds). */
function cvPlan(x: ArrayLike<ArrayLike<number>>, y: ArrayLike<number>, opts: CvOptions): CvPlan {
  if (opts.typeMeasure !== undefined && opts.typeMeasure !== "deviance" && opts.typeMeasure !== "auc") {
    throw new InputError(`cv.glmnet: typeMeasure must be "deviance" or "auc" (binomial), got ${JSON.stringify(opts.typeMeasure)}`);
  }
  const full = prepare(x, y, opts);
  const n = full.n;
  const foldid = opts.foldid ? Int32Array.from(opts.foldid) : stratifiedFolds(full.y, opts.nfolds ?? 10, opts.seed ?? 1);
  if (foldid.length !== n) throw new InputError(`cv.glmnet: foldid has ${foldid.length} entries for ${n} rows`);
  const ids = Array.from(new Set(foldid)).sort((a, b) => a - b);
  if (ids.length < 3) throw new InputError(`cv.glmnet: need at least 3 folds, got ${ids.length}`);
  const folds = ids.map((id) => {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    for (let i = 0; i < n; i++) (foldid[i] === id ? testIdx : trainIdx).push(i);
    const yTrain = trainIdx.map((i) => full.y[i]);
    if (!yTrain.includes(1) || !yTrain.includes(0)) throw new InputError(`cv.glmnet: training rows outside fold ${id} contain only one class`);
    return { id, trainIdx, testIdx, yTrain, yTest: testIdx.map((i) => full.y[i]) };
  });
  return { full, rows: Array.from(x, (r) => r), folds };
}

/** Held-out measures of the fold paths at the full-data lambdas, then cv.glmnet's summaries. */
function cvFromPaths(plan: CvPlan, fit: GlmnetPath, paths: GlmnetPath[], opts: CvOptions): CvGlmnet {
  const measure = opts.typeMeasure ?? "deviance";
  const ids = plan.folds.map((f) => f.id);
  const nl = fit.lambda.length;
  const raw: Float64Array[] = [];
  const weights: number[] = [];
  const lengths: number[] = [];
  const warnings = [...fit.warnings];
  plan.folds.forEach((f, j) => {
    const path = paths[j];
    for (const w of path.warnings) warnings.push(`fold ${f.id}: ${w}`);
    lengths.push(path.lambda.length);
    const testRows = f.testIdx.map((i) => plan.rows[i]);
    const vals = new Float64Array(nl);
    for (let k = 0; k < nl; k++) {
      const eta = glmnetLinearPredictorAt(path, testRows, fit.lambda[k]);
      vals[k] = measure === "auc" ? foldAuc(f.yTest, eta) : foldDeviance(f.yTest, eta);
    }
    raw.push(vals);
    weights.push(f.testIdx.length);
  });
  const wsum = weights.reduce((a, b) => a + b, 0);
  const cvm: number[] = [];
  const cvsd: number[] = [];
  for (let k = 0; k < nl; k++) {
    let m = 0;
    raw.forEach((v, f) => (m += (weights[f] * v[k]) / wsum));
    let s = 0;
    raw.forEach((v, f) => (s += (weights[f] * (v[k] - m) ** 2) / wsum));
    cvm.push(m);
    cvsd.push(Math.sqrt(s / (ids.length - 1)));
  }
  const sign = measure === "auc" ? -1 : 1;
  let best = sign * cvm[0];
  for (const v of cvm) best = Math.min(best, sign * v);
  const indexMin = cvm.findIndex((v) => sign * v <= best);
  const limit = best + cvsd[indexMin];
  const index1se = cvm.findIndex((v) => sign * v <= limit);
  return {
    lambda: fit.lambda,
    cvm,
    cvsd,
    cvup: cvm.map((v, k) => v + cvsd[k]),
    cvlo: cvm.map((v, k) => v - cvsd[k]),
    nzero: fit.df,
    lambdaMin: fit.lambda[indexMin],
    lambda1se: fit.lambda[index1se],
    indexMin,
    index1se,
    foldPathLengths: lengths,
    foldPredictionCounts: lengths.map(() => nl),
    fit,
    measure,
    warnings,
  };
}

/**
 * Fits glmnetPath on each task's training rows over a pool of worker threads (glmnet-worker.ts);
 * the paths come back in task order. When tasks fail, the error of the lowest task index is
 * thrown (as the serial loop would), an InputError as an InputError; a worker that dies or exits
 * with tasks outstanding fails the call instead of leaving it waiting.
 */
async function fitPathsOnWorkers(rows: ArrayLike<number>[], y: Float64Array, tasks: number[][], opts: GlmnetOptions, workers: number): Promise<GlmnetPath[]> {
  if (!(Number.isInteger(workers) && workers >= 1)) throw new InputError(`cv.glmnet: workers must be a positive integer, got ${workers}`);
  const n = rows.length;
  const p = n ? rows[0].length : 0;
  const flat = new Float64Array(new SharedArrayBuffer(8 * n * p));
  rows.forEach((r, i) => flat.set(r, i * p));
  const data: GlmnetWorkerData = { rows: flat, p, y, opts };
  const entry = new URL(`./glmnet-worker${RUNNING_TS ? ".ts" : ".js"}`, import.meta.url);
  const out: GlmnetPath[] = new Array(tasks.length);
  const failures = new Map<number, Error>();
  let next = 0;
  const pool: Worker[] = [];
  try {
    for (let w = 0; w < Math.min(workers, tasks.length); w++) pool.push(startModuleWorker(entry, data));
    await Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let current = -1;
            const send = (): void => {
              if (next >= tasks.length) {
                current = -1;
                return resolve();
              }
              current = next++;
              w.postMessage({ task: current, rows: tasks[current] });
            };
            w.on("message", (a: GlmnetWorkerAnswer) => {
              try {
                if (a.error) failures.set(a.task, a.error.input ? new InputError(a.error.message) : new Error(`glmnet worker: ${a.error.message}`));
                else out[a.task] = unflattenPath(a.path!, p);
                send();
              } catch (err) {
                reject(err);
              }
            });
            w.on("error", reject);
            w.on("exit", (code) => {
              if (current >= 0) reject(new Error(`glmnet worker exited (code ${code}) during task ${current}`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  if (failures.size) throw failures.get(Math.min(...failures.keys()))!;
  return out;
}

/** A path as sent by a worker (coefficients in one flat array, p per lambda) back to GlmnetPath. */
function unflattenPath(path: FlatGlmnetPath, p: number): GlmnetPath {
  const { beta, ...rest } = path;
  return { ...rest, beta: Array.from({ length: rest.lambda.length }, (_, k) => beta.slice(k * p, (k + 1) * p)) };
}

function foldDeviance(y: number[], eta: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const p = Math.min(Math.max(plogis(eta[i]), 1e-5), 1 - 1e-5);
    s += -2 * (y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p));
  }
  return s / y.length;
}

function foldAuc(y: number[], score: Float64Array): number {
  let conc = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      conc += score[i] > score[j] ? 1 : score[i] === score[j] ? 0.5 : 0;
    }
  }
  return pairs ? conc / pairs : NaN;
}

/** Rad-score: the linear predictor of the selected (non-zero) features at path index k. */
export function radScore(path: GlmnetPath, x: ArrayLike<ArrayLike<number>>, k: number): Float64Array {
  return glmnetLinearPredictor(path, x, k);
}

/** Names of the features with non-zero coefficients at path index k. */
export function selectedFeatures(path: GlmnetPath, k: number): string[] {
  return path.names.filter((_, j) => path.beta[k][j] !== 0);
}
