/**
 * Simulated clinical factors and the logistic truth model of IMN metastasis.
 *
 * ASSUMPTIONS (not the paper's data): the marginal distributions and dependencies below are round
 * numbers typical of operable-breast-cancer cohorts in IMN / sentinel-node studies (median age ≈ 50,
 * median size ≈ 2 cm, ~70 % ER-positive, ~20 % HER2-positive, ALN metastasis ≈ 40 %, inner/central
 * quadrant ≈ 40 %). The outcome depends on the factors reported as IMN risk factors in the
 * literature — ALN metastasis (strongest), ≥ 4 positive ALN, inner/central location, tumour size,
 * young age (< 40), lymphovascular invasion — and NOT on grade, ER, PR, HER2, Ki-67 or menopausal
 * status (those are realistic "noise" candidates for variable selection).
 */
import { Rng } from "../stats/rng.js";
import { bernoulli, clamp, logistic } from "./random.js";

/** One simulated patient's clinical row (0/1 codes; `aln_positive_category` 0 = none, 1 = 1–3, 2 = ≥ 4). */
export interface SimClinicalRow {
  patient_id: string;
  imn_metastasis: 0 | 1;
  age: number;
  menopausal_post: 0 | 1;
  tumour_size_cm: number;
  location_inner_central: 0 | 1;
  aln_metastasis: 0 | 1;
  aln_positive_category: 0 | 1 | 2;
  histologic_grade: 1 | 2 | 3;
  er_positive: 0 | 1;
  pr_positive: 0 | 1;
  her2_positive: 0 | 1;
  ki67_high: 0 | 1;
  lvi: 0 | 1;
}

/** The clinical columns in CSV order. */
export const CLINICAL_COLUMNS: readonly (keyof SimClinicalRow)[] = [
  "patient_id", "imn_metastasis", "age", "menopausal_post", "tumour_size_cm", "location_inner_central",
  "aln_metastasis", "aln_positive_category", "histologic_grade", "er_positive", "pr_positive",
  "her2_positive", "ki67_high", "lvi",
];

/**
 * Log-odds coefficients of the truth model
 *   logit P(IMN = 1) = β0 + βALN·ALN + βN4·[≥ 4 ALN] + βloc·inner/central + βsize·(size − 2 cm)
 *                      + βyoung·[age < 40] + βLVI·LVI,
 * with β0 solved per cohort so the mean risk equals the requested prevalence. Sizes chosen so the
 * apparent AUC of the true linear predictor is ≈ 0.88–0.91 (paper's clinical model: 0.913).
 */
export interface TruthCoefficients {
  intercept: number;
  aln: number;
  alnFourPlus: number;
  innerCentral: number;
  sizePerCm: number;
  youngAge: number;
  lvi: number;
}

/** Default coefficients (assumed; see docs/simulated-cohort.md). `intercept` is recalibrated. */
export const DEFAULT_TRUTH: TruthCoefficients = {
  intercept: 0,
  aln: 2.4,
  alnFourPlus: 1.4,
  innerCentral: 1.8,
  sizePerCm: 0.6,
  youngAge: 1.0,
  lvi: 0.8,
};

/** Clinical factors without the outcome (the outcome is drawn after β0 is calibrated). */
export type SimCovariates = Omit<SimClinicalRow, "patient_id" | "imn_metastasis">;

/** Draws one patient's clinical factors; the order of draws is fixed (determinism). */
export function drawCovariates(rng: Rng): SimCovariates {
  const age = Math.round(clamp(51 + 10 * rng.normal(), 26, 80));
  // Menopause: smooth step centred at 50 years.
  const menopausal_post = bernoulli(rng, logistic((age - 50) / 2.5));
  const histologic_grade = drawGrade(rng);
  const g3 = histologic_grade === 3 ? 1 : 0;
  const er_positive = bernoulli(rng, 0.72 - 0.2 * g3);
  const pr_positive = bernoulli(rng, er_positive ? 0.8 : 0.1);
  const her2_positive = bernoulli(rng, 0.22);
  const ki67_high = bernoulli(rng, logistic(-0.4 + 1.4 * g3 + 0.6 * (1 - er_positive)));
  // Size: log-normal, median 2.0 cm (grade-3 tumours slightly larger), 0.5–6 cm, reported to 0.1 cm.
  const logSize = Math.log(2.0) + 0.12 * (histologic_grade - 2) + 0.4 * rng.normal();
  const tumour_size_cm = Math.round(clamp(Math.exp(logSize), 0.5, 6) * 10) / 10;
  const location_inner_central = bernoulli(rng, 0.4);
  const lvi = bernoulli(rng, logistic(-1.3 + 0.7 * g3 + 0.35 * (tumour_size_cm - 2)));
  const aln_metastasis = bernoulli(rng, logistic(-0.9 + 0.55 * (tumour_size_cm - 2) + 1.6 * lvi + 0.3 * g3));
  const fourPlus = aln_metastasis ? bernoulli(rng, logistic(-0.8 + 0.5 * (tumour_size_cm - 2) + 0.6 * lvi)) : 0;
  const aln_positive_category = (aln_metastasis ? 1 + fourPlus : 0) as 0 | 1 | 2;
  return {
    age, menopausal_post, tumour_size_cm, location_inner_central, aln_metastasis, aln_positive_category,
    histologic_grade, er_positive, pr_positive, her2_positive, ki67_high, lvi,
  };
}

/** Histologic grade 1/2/3 with probabilities 0.15 / 0.50 / 0.35. */
function drawGrade(rng: Rng): 1 | 2 | 3 {
  const u = rng.uniform();
  return u < 0.15 ? 1 : u < 0.65 ? 2 : 3;
}

/** The truth model's linear predictor without the intercept (see `TruthCoefficients`). */
export function linearPredictorNoIntercept(c: SimCovariates, b: TruthCoefficients): number {
  return (
    b.aln * c.aln_metastasis +
    b.alnFourPlus * (c.aln_positive_category === 2 ? 1 : 0) +
    b.innerCentral * c.location_inner_central +
    b.sizePerCm * (c.tumour_size_cm - 2) +
    b.youngAge * (c.age < 40 ? 1 : 0) +
    b.lvi * c.lvi
  );
}

/**
 * The intercept β0 with mean_i logistic(β0 + η_i) = prevalence (bisection on a monotone function;
 * 200 halvings of [−30, 30] reach double precision).
 */
export function calibrateIntercept(eta: Float64Array, prevalence: number): number {
  let lo = -30;
  let hi = 30;
  for (let it = 0; it < 200 && hi - lo > 1e-13; it++) {
    const mid = (lo + hi) / 2;
    let s = 0;
    for (let i = 0; i < eta.length; i++) s += logistic(mid + eta[i]);
    if (s / eta.length < prevalence) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
