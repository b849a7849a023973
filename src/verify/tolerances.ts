/**
 * Tolerances of `verify stats`, written once. A value passes when
 * |actual − expected| ≤ max(abs, rel · |expected|). The abs floors only matter for expected
 * values at or near zero (e.g. lasso coefficients that are exactly 0, p-values that underflow).
 */
export interface Tolerance {
  rel: number;
  abs: number;
}

/** Closed-form statistics (AUC, DeLong, tests, NRI/IDI, ICC, net benefit, HL). */
export const CLOSED_FORM: Tolerance = { rel: 1e-8, abs: 1e-13 };

/** Iterative fits (glm IRLS, calibration fits, stepAIC deviances, tight glmnet optimum). */
export const ITERATIVE: Tolerance = { rel: 1e-6, abs: 1e-9 };

/** glmnet path quantities (lambda sequence, cvm/cvsd, deviance ratios). */
export const GLMNET_PATH: Tolerance = { rel: 1e-4, abs: 1e-7 };

/**
 * Gaps stated by the suite's conventions where R's printed value is not the exact optimum;
 * the exact recorded value is matched with the tight tolerance, R's value within these.
 */
export const STATED_GAPS = {
  /** glmnet default thresh = 1e-7: coefficients up to ~1e-3 relative off the optimum. */
  glmnetDefaultThresh: { rel: 1e-3, abs: 1e-4 } as Tolerance,
  /** rms val.prob 'C (ROC)'/Dxy: probabilities binned at width 0.0002, ~1e-4 from the exact AUC. */
  valProbC: { rel: 0, abs: 2e-4 } as Tolerance,
  /** rms nomogram probability axis placed by linear interpolation: ~1e-3 points. */
  nomogramAxis: { rel: 0, abs: 1e-3 } as Tolerance,
  /** summary.glm SE from the previous IRLS iterate vs inverse information at the estimate. */
  glmSeAtPreviousIterate: { rel: 1e-4, abs: 0 } as Tolerance,
};
