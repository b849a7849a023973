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
import { checkBinary, checkFinite, checkSameLength, toRowMajor } from "./validate.js";
import { plogis } from "./dist.js";
import { Rng } from "./rng.js";

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

/** Fits the whole lambda path (glmnet(x, y, family = "binomial")). */
export function glmnetPath(x: ArrayLike<ArrayLike<number>>, y: ArrayLike<number>, opts: GlmnetOptions = {}): GlmnetPath {
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
  const { n, p, xs, y } = d;
  const alpha = opts.alpha ?? 1;
  if (!(alpha >= 0 && alpha <= 1)) throw new InputError(`glmnet: alpha must be in [0, 1], got ${alpha}`);
  const userLambda = opts.lambda !== undefined;
  const nlam = userLambda ? opts.lambda!.length : opts.nlambda ?? 100;
  const flmin = opts.lambdaMinRatio ?? (n >= p ? 1e-4 : 0.01);
  const thr = opts.thresh ?? 1e-7;
  const maxit = opts.maxit ?? 100000;
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
  const v = new Float64Array(n).fill(q0 * (1 - q0) * wi);
  const r = Float64Array.from(y, (yi) => wi * (yi - q0));
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
  const dot = (a: Float64Array, j: number): number => {
    let s = 0;
    const col = j * n;
    for (let i = 0; i < n; i++) s += a[i] * xs[col + i];
    return s;
  };
  for (let j = 0; j < p; j++) if (d.usable[j]) ga[j] = Math.abs(dot(r, j));
  let nlp = 0;
  let al = 0;
  const alm: number[] = [];
  const out: GlmnetPath = { names: d.names, lambda: [], a0: [], beta: [], df: [], devRatio: [], nulldev: 2 * n * dev0, nobs: n };
  // Covariance updates (exact, same iterates as glmnet's residual updates): within one Newton step
  // the weights v are fixed, so the gradient gS[t] = Σᵢ rᵢ x_{i,S_t} over the strong set S changes
  // by −H[t, k]·Δβₖ when βₖ moves (H = XᵀVX) and by −c[t]·Δβ₀ when the intercept moves
  // (c = Xᵀv). Columns of H are computed only for variables that move, in cache-friendly tiles.
  const strong = new Int32Array(p);
  const pos = new Int32Array(p).fill(-1);
  let ns = 0;
  const gS = new Float64Array(p);
  const cS = new Float64Array(p);
  let rsum = 0;
  const slot = new Int32Array(p).fill(-1);
  const slotVar = new Int32Array(p);
  let nslots = 0;
  let gram = new Float64Array(0);
  const vx = new Float64Array(n * 4);
  const rows = new Int32Array(p);
  /**
   * Gram columns H[S, j] = Σᵢ vᵢ xᵢₛ xᵢⱼ for the variables js, in new slots. H is symmetric: rows
   * of variables that already have a column are copied from it; the rest are computed in 2 × 4
   * tiles (four columns share each pass over the rows).
   */
  const addGramColumns = (js: ArrayLike<number>): void => {
    // Three spare columns: the last tile of 4 may be partly empty.
    const need = (nslots + js.length + 3) * ns;
    if (gram.length < need) {
      const grown = new Float64Array(Math.max(need, 2 * gram.length));
      grown.set(gram.subarray(0, nslots * ns));
      gram = grown;
    }
    for (let q = 0; q < js.length; q += 4) {
      const w = Math.min(4, js.length - q);
      const base = nslots;
      for (let u = 0; u < w; u++) {
        slot[js[q + u]] = base + u;
        slotVar[base + u] = js[q + u];
      }
      for (let u = 0; u < 4; u++) {
        const col = js[q + Math.min(u, w - 1)] * n;
        const o = u * n;
        for (let i = 0; i < n; i++) vx[o + i] = v[i] * xs[col + i];
      }
      for (let u = 0; u < w; u++) {
        const o = (base + u) * ns;
        const pj = pos[js[q + u]];
        for (let sl = 0; sl < base; sl++) gram[o + pos[slotVar[sl]]] = gram[sl * ns + pj];
      }
      let nr = 0;
      for (let t = 0; t < ns; t++) {
        const sv = slot[strong[t]];
        if (sv < 0 || sv >= base) rows[nr++] = t;
      }
      const b0 = base * ns;
      const b1 = b0 + ns;
      const b2 = b1 + ns;
      const b3 = b2 + ns;
      let e = 0;
      for (; e + 1 < nr; e += 2) {
        const t0 = rows[e];
        const t1 = rows[e + 1];
        const r0 = strong[t0] * n;
        const r1 = strong[t1] * n;
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        for (let i = 0; i < n; i++) {
          const x0 = xs[r0 + i];
          const x1 = xs[r1 + i];
          const v0 = vx[i];
          const v1 = vx[n + i];
          const v2 = vx[2 * n + i];
          const v3 = vx[3 * n + i];
          s00 += x0 * v0; s01 += x0 * v1; s02 += x0 * v2; s03 += x0 * v3;
          s10 += x1 * v0; s11 += x1 * v1; s12 += x1 * v2; s13 += x1 * v3;
        }
        gram[b0 + t0] = s00; gram[b1 + t0] = s01; gram[b2 + t0] = s02; gram[b3 + t0] = s03;
        gram[b0 + t1] = s10; gram[b1 + t1] = s11; gram[b2 + t1] = s12; gram[b3 + t1] = s13;
      }
      if (e < nr) {
        const t0 = rows[e];
        const r0 = strong[t0] * n;
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
        for (let i = 0; i < n; i++) {
          const x0 = xs[r0 + i];
          s00 += x0 * vx[i]; s01 += x0 * vx[n + i]; s02 += x0 * vx[2 * n + i]; s03 += x0 * vx[3 * n + i];
        }
        gram[b0 + t0] = s00; gram[b1 + t0] = s01; gram[b2 + t0] = s02; gram[b3 + t0] = s03;
      }
      nslots = base + w;
    }
  };
  /** Starts a Newton step: strong set, gradient, intercept coupling; H columns of the moved variables. */
  const beginNewtonStep = (): void => {
    for (let t = 0; t < ns; t++) pos[strong[t]] = -1;
    ns = 0;
    for (let j = 0; j < p; j++) if (ixx[j]) strong[ns++] = j;
    for (let t = 0; t < ns; t++) pos[strong[t]] = t;
    rsum = 0;
    for (let i = 0; i < n; i++) rsum += r[i];
    for (let t = 0; t < ns; t++) {
      const col = strong[t] * n;
      let g = 0;
      let c = 0;
      for (let i = 0; i < n; i++) {
        g += r[i] * xs[col + i];
        c += v[i] * xs[col + i];
      }
      gS[t] = g;
      cS[t] = c;
    }
    for (const j of m) slot[j] = -1;
    nslots = 0;
    if (m.length) addGramColumns(m);
  };
  const coordinate = (k: number, al1: number, al2: number): number => {
    const tk = pos[k];
    const bk = b[k + 1];
    const u = gS[tk] + xv[k] * bk;
    const au = Math.abs(u) - al1;
    const nb = au <= 0 ? 0 : (u < 0 ? -au : au) / (xv[k] + al2);
    b[k + 1] = nb;
    const dd = nb - bk;
    if (dd === 0) return 0;
    if (slot[k] < 0) addGramColumns([k]);
    // Locals: closure variables are re-read from the context on every iteration otherwise.
    const len = ns;
    const o = slot[k] * len;
    const h = gram;
    const g = gS;
    for (let t = 0; t < len; t++) g[t] -= dd * h[o + t];
    rsum -= dd * cS[tk];
    return xv[k] * dd * dd;
  };
  const interceptStep = (): number => {
    const dd = rsum / xmz;
    if (dd === 0) return 0;
    b[0] += dd;
    const len = ns;
    for (let t = 0; t < len; t++) gS[t] -= dd * cS[t];
    rsum -= dd * xmz;
    return xmz * dd * dd;
  };
  const tick = (ilm: number): void => {
    if (++nlp > maxit) throw new InputError(`glmnet: no convergence at lambda index ${ilm + 1} within maxit = ${maxit} passes`);
  };
  for (let ilm = 0; ilm < nlam; ilm++) {
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
    for (let k = 0; k < p; k++) if (!ixx[k] && d.usable[k] && ga[k] > tlam) ixx[k] = 1;
    outer: for (;;) {
      bs[0] = b[0];
      for (const k of m) bs[k + 1] = b[k + 1];
      for (let j = 0; j < p; j++) {
        if (!ixx[j]) continue;
        let s = 0;
        const col = j * n;
        for (let i = 0; i < n; i++) s += v[i] * xs[col + i] * xs[col + i];
        xv[j] = s;
      }
      beginNewtonStep();
      for (;;) {
        tick(ilm);
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
          tick(ilm);
          let dl = 0;
          for (const k of m) dl = Math.max(dl, coordinate(k, al1, al2));
          dl = Math.max(dl, interceptStep());
          if (dl < shr) break;
        }
      }
      xmz = 0;
      // Linear predictor accumulated column by column (contiguous memory).
      eta.fill(b[0]);
      for (const k of m) {
        const bk = b[k + 1];
        if (bk === 0) continue;
        const col = k * n;
        for (let i = 0; i < n; i++) eta[i] += bk * xs[col + i];
      }
      for (let i = 0; i < n; i++) {
        const fi = eta[i];
        q[i] = fi < -fmax ? 0 : fi > fmax ? 1 : 1 / (1 + Math.exp(-fi));
        v[i] = wi * q[i] * (1 - q[i]);
        xmz += v[i];
        r[i] = wi * (y[i] - q[i]);
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
            ga[k] = Math.abs(dot(r, k));
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
  const full = prepare(x, y, opts);
  const fit = fitPrepared(full, opts);
  const n = full.n;
  const foldid = opts.foldid ? Int32Array.from(opts.foldid) : stratifiedFolds(full.y, opts.nfolds ?? 10, opts.seed ?? 1);
  if (foldid.length !== n) throw new InputError(`cv.glmnet: foldid has ${foldid.length} entries for ${n} rows`);
  const ids = Array.from(new Set(foldid)).sort((a, b) => a - b);
  if (ids.length < 3) throw new InputError(`cv.glmnet: need at least 3 folds, got ${ids.length}`);
  const measure = opts.typeMeasure ?? "deviance";
  const rows = Array.from(x, (r) => r);
  const nl = fit.lambda.length;
  const raw: Float64Array[] = [];
  const weights: number[] = [];
  const lengths: number[] = [];
  for (const f of ids) {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    for (let i = 0; i < n; i++) (foldid[i] === f ? testIdx : trainIdx).push(i);
    const yTrain = trainIdx.map((i) => full.y[i]);
    const yTest = testIdx.map((i) => full.y[i]);
    if (!yTrain.includes(1) || !yTrain.includes(0)) throw new InputError(`cv.glmnet: training rows outside fold ${f} contain only one class`);
    // As cv.glmnet (glmnet ≥ 4): each fold computes its own lambda sequence (unless the user
    // gave one); predictions at the full-data lambdas interpolate its coefficients.
    const path = glmnetPath(trainIdx.map((i) => rows[i]), yTrain, opts);
    lengths.push(path.lambda.length);
    const testRows = testIdx.map((i) => rows[i]);
    const vals = new Float64Array(nl);
    for (let k = 0; k < nl; k++) {
      const eta = glmnetLinearPredictorAt(path, testRows, fit.lambda[k]);
      vals[k] = measure === "auc" ? foldAuc(yTest, eta) : foldDeviance(yTest, eta);
    }
    raw.push(vals);
    weights.push(testIdx.length);
  }
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
  };
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
