/**
 * Binary logistic regression reproducing R's glm(family = binomial) (glm.fit IRLS):
 * start μ = (y + 0.5)/2, Fisher scoring with working response z = η + (y − μ)/μ'(η) and weights
 * w = μ'(η)²/(μ(1 − μ)), stop when |dev − dev_old|/(|dev| + 0.1) < ε (ε = 1e-8, maxit = 25).
 * Standard errors as summary.glm: from the weights of the last IRLS iteration; the inverse
 * information at the final estimate is also returned. Optional Firth bias reduction.
 */
import { InputError } from "../errors.js";
import { cholesky, cholInverse, cholSolve, weightedCrossprod } from "./linalg.js";
import { pnormTwoSided, qnorm } from "./dist.js";
import { checkBinary, checkFinite, checkSameLength, toRowMajor } from "./validate.js";

const DBL_EPSILON = 2.220446049250313e-16;
const THRESH = 30;

/** R's logit link inverse (binomial()$linkinv): clamps |η| > 30 to avoid 0/1. */
export function logitLinkinv(eta: number): number {
  const t = eta < -THRESH ? DBL_EPSILON : eta > THRESH ? 1 / DBL_EPSILON : Math.exp(eta);
  return t / (1 + t);
}

/** R's dμ/dη for the logit link: e^η/(1+e^η)², floored at DBL_EPSILON beyond |η| > 30. */
export function logitMuEta(eta: number): number {
  if (eta > THRESH || eta < -THRESH) return DBL_EPSILON;
  const e = Math.exp(eta);
  const op = 1 + e;
  return e / (op * op);
}

/** Binomial unit deviance 2[y log(y/μ) + (1−y) log((1−y)/(1−μ))]. */
export function binomialDevResid(y: number, mu: number): number {
  const a = y !== 0 ? y * Math.log(y / mu) : 0;
  const b = 1 - y !== 0 ? (1 - y) * Math.log((1 - y) / (1 - mu)) : 0;
  return 2 * (a + b);
}

/** Total binomial deviance Σ d(yᵢ, μᵢ). */
export function binomialDeviance(y: ArrayLike<number>, mu: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) d += binomialDevResid(y[i], mu[i]);
  return d;
}

export interface LogisticOptions {
  /** Names of the predictor columns (default x1..xp). */
  names?: string[];
  /** Include an intercept (default true). */
  intercept?: boolean;
  /** Offset added to the linear predictor. */
  offset?: ArrayLike<number>;
  /** Convergence tolerance ε of glm.control (default 1e-8). */
  epsilon?: number;
  /** Maximum IRLS iterations (default 25). */
  maxit?: number;
  /** Confidence level of the Wald CIs (default 0.95). */
  ciLevel?: number;
  /** Firth's bias-reduced (Jeffreys-penalised) likelihood instead of plain ML. */
  firth?: boolean;
}

export type Separation = "none" | "complete" | "quasi-complete";

export interface LogisticFit {
  terms: string[];
  coefficients: number[];
  stdError: number[];
  stdErrorAtFinalEstimate: number[];
  zValue: number[];
  pValue: number[];
  oddsRatio: number[];
  orCiLower: number[];
  orCiUpper: number[];
  nullDeviance: number;
  deviance: number;
  dfNull: number;
  dfResidual: number;
  aic: number;
  logLik: number;
  iterations: number;
  converged: boolean;
  /** R's warnings, verbatim ("glm.fit: algorithm did not converge", …). */
  warnings: string[];
  separation: Separation;
  fitted: Float64Array;
  linearPredictor: Float64Array;
  /** Covariance matrix (row-major p × p) used for stdError. */
  vcov: Float64Array;
}

/**
 * Fits y ~ X by maximum likelihood (glm.fit semantics). X is n rows × p predictors.
 * Throws InputError for NaN, non-binary/one-class outcomes, constant or collinear columns.
 */
export function fitLogistic(x: ArrayLike<ArrayLike<number>>, y: ArrayLike<number>, opts: LogisticOptions = {}): LogisticFit {
  const { data, n, p } = toRowMajor(x, opts.names);
  checkSameLength(x, y, "logistic regression: predictors and outcome");
  checkFinite(y, "outcome");
  checkBinary(y);
  const names = opts.names ?? Array.from({ length: p }, (_, j) => `x${j + 1}`);
  if (names.length !== p) throw new InputError(`logistic regression: ${names.length} names for ${p} predictor columns`);
  checkConstantColumns(data, n, p, names);
  const intercept = opts.intercept ?? true;
  const design = buildDesign(data, n, p, intercept);
  const k = p + (intercept ? 1 : 0);
  if (k > n) throw new InputError(`logistic regression: ${k} coefficients but only ${n} rows (use a penalised fit, e.g. glmnet)`);
  const offset = opts.offset ? Float64Array.from(opts.offset) : new Float64Array(n);
  if (opts.offset) checkFinite(offset, "offset");
  const terms = intercept ? ["(Intercept)", ...names] : [...names];
  const yy = Float64Array.from(y);
  const core = opts.firth
    ? firthCore(design, n, k, yy, offset, opts.maxit ?? 100, opts.epsilon ?? 1e-8)
    : irlsCore(design, n, k, yy, offset, opts.maxit ?? 25, opts.epsilon ?? 1e-8);
  const nullDeviance = nullDevianceOf(yy, offset, intercept, !!opts.offset);
  return summarise(core, design, n, k, yy, terms, nullDeviance, intercept, opts.ciLevel ?? 0.95);
}

interface CoreResult {
  beta: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
  deviance: number;
  iterations: number;
  converged: boolean;
  lastWeights: Float64Array;
  warnings: string[];
}

/** glm.fit's IRLS loop. */
function irlsCore(
  design: Float64Array,
  n: number,
  k: number,
  y: Float64Array,
  offset: Float64Array,
  maxit: number,
  epsilon: number,
): CoreResult {
  const mu = new Float64Array(n);
  const eta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mu[i] = (y[i] + 0.5) / 2;
    eta[i] = Math.log(mu[i] / (1 - mu[i]));
  }
  let devold = binomialDeviance(y, mu);
  const z = new Float64Array(n);
  const w = new Float64Array(n);
  let beta = new Float64Array(k);
  let converged = false;
  let iter = 0;
  let dev = devold;
  for (iter = 1; iter <= maxit; iter++) {
    for (let i = 0; i < n; i++) {
      const me = logitMuEta(eta[i]);
      z[i] = eta[i] - offset[i] + (y[i] - mu[i]) / me;
      w[i] = (me * me) / (mu[i] * (1 - mu[i]));
    }
    beta = weightedLeastSquares(design, n, k, w, z);
    linearPredict(design, n, k, beta, offset, eta);
    for (let i = 0; i < n; i++) mu[i] = logitLinkinv(eta[i]);
    dev = binomialDeviance(y, mu);
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devold = dev;
  }
  if (iter > maxit) iter = maxit;
  const warnings: string[] = [];
  if (!converged) warnings.push("glm.fit: algorithm did not converge");
  const eps = 10 * DBL_EPSILON;
  if (mu.some((m) => m > 1 - eps || m < eps)) warnings.push("glm.fit: fitted probabilities numerically 0 or 1 occurred");
  return { beta, eta, mu, deviance: dev, iterations: iter, converged, lastWeights: w, warnings };
}

/**
 * Firth (1993) penalised likelihood ℓ(β) + ½ log|I(β)|: Newton steps on the modified score
 * Xᵀ(y − μ + h(½ − μ)) with h the hat diagonal, halving steps that lower the penalised likelihood.
 */
function firthCore(
  design: Float64Array,
  n: number,
  k: number,
  y: Float64Array,
  offset: Float64Array,
  maxit: number,
  epsilon: number,
): CoreResult {
  let beta = new Float64Array(k);
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  const w = new Float64Array(n);
  const penalised = (b: Float64Array): { pl: number; l: Float64Array } => {
    linearPredict(design, n, k, b, offset, eta);
    let ll = 0;
    for (let i = 0; i < n; i++) {
      mu[i] = 1 / (1 + Math.exp(-eta[i]));
      w[i] = mu[i] * (1 - mu[i]);
      ll += y[i] === 1 ? Math.log(mu[i]) : Math.log(1 - mu[i]);
    }
    const l = cholesky(weightedCrossprod(design, n, k, w).xtwx, k, "Firth information matrix");
    let logdet = 0;
    for (let j = 0; j < k; j++) logdet += 2 * Math.log(l[j * k + j]);
    return { pl: ll + 0.5 * logdet, l };
  };
  let cur = penalised(beta);
  let converged = false;
  let iter = 0;
  for (iter = 1; iter <= maxit; iter++) {
    const inv = cholInverse(cur.l, k);
    const score = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const row = i * k;
      let h = 0;
      for (let a = 0; a < k; a++) {
        let s = 0;
        for (let b = 0; b < k; b++) s += inv[a * k + b] * design[row + b];
        h += design[row + a] * s;
      }
      h *= w[i];
      const r = y[i] - mu[i] + h * (0.5 - mu[i]);
      for (let a = 0; a < k; a++) score[a] += design[row + a] * r;
    }
    const step = cholSolve(cur.l, k, score);
    let maxStep = 0;
    for (const s of step) maxStep = Math.max(maxStep, Math.abs(s));
    let scale = 1;
    let next = beta.map((b, j) => b + step[j]);
    let cand = penalised(next);
    for (let h = 0; h < 25 && cand.pl < cur.pl - 1e-12; h++) {
      scale /= 2;
      next = beta.map((b, j) => b + scale * step[j]);
      cand = penalised(next);
    }
    beta = next;
    cur = cand;
    if (maxStep * scale < epsilon) {
      converged = true;
      break;
    }
  }
  if (iter > maxit) iter = maxit;
  penalised(beta);
  return {
    beta,
    eta: Float64Array.from(eta),
    mu: Float64Array.from(mu),
    deviance: binomialDeviance(y, mu),
    iterations: iter,
    converged,
    lastWeights: Float64Array.from(w),
    warnings: converged ? [] : ["firth: algorithm did not converge"],
  };
}

/** Solves the weighted normal equations (XᵀWX) β = XᵀWz. */
function weightedLeastSquares(design: Float64Array, n: number, k: number, w: Float64Array, z: Float64Array): Float64Array {
  const { xtwx, xtwz } = weightedCrossprod(design, n, k, w, z);
  const l = cholesky(xtwx, k, "logistic regression design (XᵀWX)");
  return cholSolve(l, k, xtwz);
}

function linearPredict(design: Float64Array, n: number, k: number, beta: Float64Array, offset: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = offset[i];
    for (let j = 0; j < k; j++) s += design[i * k + j] * beta[j];
    out[i] = s;
  }
}

function buildDesign(data: Float64Array, n: number, p: number, intercept: boolean): Float64Array {
  if (!intercept) return data;
  const k = p + 1;
  const d = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    d[i * k] = 1;
    for (let j = 0; j < p; j++) d[i * k + j + 1] = data[i * p + j];
  }
  return d;
}

function checkConstantColumns(data: Float64Array, n: number, p: number, names: string[]): void {
  for (let j = 0; j < p; j++) {
    const first = data[j];
    let constant = true;
    for (let i = 1; i < n && constant; i++) if (data[i * p + j] !== first) constant = false;
    if (constant) throw new InputError(`logistic regression: predictor '${names[j]}' is constant (${first}) in all ${n} rows`);
  }
}

/** Null deviance: deviance of the intercept-only model (with the offset, if any, as R does). */
function nullDevianceOf(y: Float64Array, offset: Float64Array, intercept: boolean, hasOffset: boolean): number {
  const n = y.length;
  if (!intercept) {
    const mu = offset.map((o) => logitLinkinv(o));
    return binomialDeviance(y, mu);
  }
  if (!hasOffset) {
    let m = 0;
    for (const v of y) m += v;
    m /= n;
    return binomialDeviance(y, new Float64Array(n).fill(m));
  }
  const ones = new Float64Array(n).fill(1);
  return irlsCore(ones, n, 1, y, offset, 25, 1e-8).deviance;
}

/** Detects separation from a fit whose probabilities hit 0/1: does η order the classes? */
export function detectSeparation(eta: ArrayLike<number>, y: ArrayLike<number>): Separation {
  let max0 = -Infinity;
  let min1 = Infinity;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) min1 = Math.min(min1, eta[i]);
    else max0 = Math.max(max0, eta[i]);
  }
  if (max0 < min1) return "complete";
  return "none";
}

function summarise(
  core: CoreResult,
  design: Float64Array,
  n: number,
  k: number,
  y: Float64Array,
  terms: string[],
  nullDeviance: number,
  intercept: boolean,
  ciLevel: number,
): LogisticFit {
  const vcov = cholInverse(cholesky(weightedCrossprod(design, n, k, core.lastWeights).xtwx, k), k);
  const wFinal = core.mu.map((m) => m * (1 - m));
  let atFinal: number[];
  try {
    const vf = cholInverse(cholesky(weightedCrossprod(design, n, k, wFinal).xtwx, k), k);
    atFinal = Array.from({ length: k }, (_, j) => Math.sqrt(vf[j * k + j]));
  } catch {
    atFinal = new Array(k).fill(NaN);
  }
  const q = qnorm(1 - (1 - ciLevel) / 2);
  const coefficients = Array.from(core.beta);
  const stdError = coefficients.map((_, j) => Math.sqrt(vcov[j * k + j]));
  const zValue = coefficients.map((b, j) => b / stdError[j]);
  let logLik = 0;
  for (let i = 0; i < n; i++) logLik += y[i] === 1 ? Math.log(core.mu[i]) : Math.log(1 - core.mu[i]);
  let separation: Separation = "none";
  if (core.warnings.length && !core.converged) separation = detectSeparation(core.eta, y);
  if (separation === "none" && core.warnings.some((w) => w.includes("numerically 0 or 1"))) separation = "quasi-complete";
  return {
    terms,
    coefficients,
    stdError,
    stdErrorAtFinalEstimate: atFinal,
    zValue,
    pValue: zValue.map((z) => pnormTwoSided(z)),
    oddsRatio: coefficients.map(Math.exp),
    orCiLower: coefficients.map((b, j) => Math.exp(b - q * stdError[j])),
    orCiUpper: coefficients.map((b, j) => Math.exp(b + q * stdError[j])),
    nullDeviance,
    deviance: core.deviance,
    dfNull: n - (intercept ? 1 : 0),
    dfResidual: n - k,
    aic: -2 * logLik + 2 * k,
    logLik,
    iterations: core.iterations,
    converged: core.converged,
    warnings: core.warnings,
    separation,
    fitted: core.mu,
    linearPredictor: core.eta,
    vcov,
  };
}

/** Linear predictor b₀ + Σ bⱼ xⱼ for new rows from a fit with an intercept. */
export function predictLinear(fit: Pick<LogisticFit, "coefficients" | "terms">, x: ArrayLike<ArrayLike<number>>): Float64Array {
  const hasIntercept = fit.terms[0] === "(Intercept)";
  const off = hasIntercept ? 1 : 0;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let s = hasIntercept ? fit.coefficients[0] : 0;
    const row = x[i];
    if (row.length !== fit.coefficients.length - off) {
      throw new InputError(`predict: row ${i + 1} has ${row.length} values, model expects ${fit.coefficients.length - off}`);
    }
    for (let j = 0; j < row.length; j++) s += fit.coefficients[j + off] * row[j];
    out[i] = s;
  }
  return out;
}

/** Predicted probabilities plogis(Xβ) for new rows. */
export function predictProbability(fit: Pick<LogisticFit, "coefficients" | "terms">, x: ArrayLike<ArrayLike<number>>): Float64Array {
  return predictLinear(fit, x).map(logitLinkinv);
}

/** scikit-learn-like face over fitLogistic: `new LogisticRegression().fit(X, y).predictProba(X)`. */
export class LogisticRegression {
  fitResult: LogisticFit | undefined;
  constructor(readonly options: LogisticOptions = {}) {}

  fit(x: ArrayLike<ArrayLike<number>>, y: ArrayLike<number>): this {
    this.fitResult = fitLogistic(x, y, this.options);
    return this;
  }

  private get model(): LogisticFit {
    if (!this.fitResult) throw new InputError("LogisticRegression: call fit() before predicting");
    return this.fitResult;
  }

  /** P(y = 1 | x) per row. */
  predictProba(x: ArrayLike<ArrayLike<number>>): Float64Array {
    return predictProbability(this.model, x);
  }

  /** Linear predictor per row. */
  decisionFunction(x: ArrayLike<ArrayLike<number>>): Float64Array {
    return predictLinear(this.model, x);
  }

  /** Class labels with cut-off 0.5 (or the given one). */
  predict(x: ArrayLike<ArrayLike<number>>, cutoff = 0.5): Uint8Array {
    return Uint8Array.from(this.predictProba(x), (p) => (p >= cutoff ? 1 : 0));
  }

  get coefficients(): number[] {
    return this.model.coefficients;
  }
}

export interface ScreenRow {
  name: string;
  oddsRatio: number;
  orCiLower: number;
  orCiUpper: number;
  pValue: number;
  selected: boolean;
}

/** Univariable screening: one logistic fit per column; selected when Wald p < pThreshold (default 0.05). */
export function univariableScreen(
  columns: Record<string, ArrayLike<number>>,
  y: ArrayLike<number>,
  pThreshold = 0.05,
): ScreenRow[] {
  return Object.entries(columns).map(([name, col]) => {
    const fit = fitLogistic(Array.from(col, (v) => [v]), y, { names: [name] });
    return {
      name,
      oddsRatio: fit.oddsRatio[1],
      orCiLower: fit.orCiLower[1],
      orCiUpper: fit.orCiUpper[1],
      pValue: fit.pValue[1],
      selected: fit.pValue[1] < pThreshold,
    };
  });
}
