/**
 * The simulated paper cohort: a synthetic stand-in for the 124-patient cohort of Wang et al.
 * (Front Oncol 2025; IMN metastasis from clinical factors + DCE-MRI radiomics) with a KNOWN truth,
 * so the whole pipeline (images → features → models → ROC/calibration/DCA/CV) can run end to end.
 * Everything it produces is labelled with SIMULATED_LABEL. The generating assumptions are listed in
 * docs/simulated-cohort.md; none of the numbers are the paper's data.
 *
 * Generative structure (seeded; draws in a fixed order from one Rng(seed)):
 *   1. clinical factors per patient (clinical.ts, `drawCovariates`);
 *   2. truth: η = linear predictor of the clinical truth model, β0 calibrated so mean risk =
 *      prevalence, imn_metastasis ~ Bernoulli(logistic(β0 + η));
 *   3. imaging latents given the outcome y (radiomic signal beyond the clinical factors):
 *        zEnh, zWash, zHet ~ N(δ·y, 1) independently (δ = imagingEffect, default 1.0),
 *        washIn        = clamp(1.0 + 0.25·zEnh, 0.3, 2.2)    higher wash-in if IMN+
 *        SER           = clamp(1.0 + 0.12·zWash, 0.7, 1.6)   more washout if IMN+
 *        heterogeneity = clamp(0.18 + 0.07·zHet, 0.03, 0.45) more heterogeneous enhancement if IMN+
 *        irregularity  = clamp(0.10 + 0.05·zHet, 0, 0.3)     more lobulated margin if IMN+
 *        diameterMm    = 10·tumour_size_cm·exp(0.1·N(0,1)), clamped to [6, 36] mm
 *                        (MRI size ≈ pathological size; the size–outcome link comes via the truth model);
 *   4. images per patient from its own stream Rng(patientSeed(seed, i)) (phantom.ts).
 */
import { InputError } from "../errors.js";
import { Rng } from "../stats/rng.js";
import {
  calibrateIntercept, DEFAULT_TRUTH, drawCovariates, linearPredictorNoIntercept,
  type SimClinicalRow, type SimCovariates, type TruthCoefficients,
} from "./clinical.js";
import { SIMULATED_LABEL } from "./label.js";
import { DEFAULT_IMAGE_OPTIONS, renderPatientFromSeed, type LesionParameters, type SimImageOptions, type SimPatientImages } from "./phantom.js";
import { bernoulli, clamp, logistic } from "./random.js";

export { SIMULATED_LABEL, SIMULATED_TAG } from "./label.js";
export { CLINICAL_COLUMNS, DEFAULT_TRUTH, type SimClinicalRow, type TruthCoefficients } from "./clinical.js";
export { DEFAULT_IMAGE_OPTIONS, type LesionParameters, type SimImageOptions, type SimPatientImages } from "./phantom.js";
export { writeSimulatedCohort, type WriteCohortResult } from "./write.js";

/** Options of `simulatePaperCohort` (all optional). */
export interface PaperCohortOptions {
  /** RNG seed (default 20250403, the paper's publication date). */
  seed?: number;
  /** Number of patients (default 124, as in the paper). */
  n?: number;
  /** Expected proportion with IMN metastasis (default 0.27; assumed, see docs). */
  prevalence?: number;
  /** Overrides of the truth-model coefficients (the intercept is always recalibrated). */
  truth?: Partial<Omit<TruthCoefficients, "intercept">>;
  /** δ: shift of the imaging latents in IMN-positive patients, in SD units (default 1.0; 0 = no image signal). */
  imagingEffect?: number;
  /** Image grid and noise overrides. */
  image?: Partial<SimImageOptions>;
}

/** Known truth behind one patient (NOT for modelling — the point of a simulation is to recover it). */
export interface SimPatientTruth {
  /** β0 + η: true log-odds of IMN metastasis. */
  linear_predictor: number;
  probability: number;
  z_enhancement: number;
  z_washout: number;
  z_heterogeneity: number;
}

export interface SimPatient {
  /** 0-based position in the cohort (defines the patient's image seed). */
  index: number;
  clinical: SimClinicalRow;
  truth: SimPatientTruth;
  lesion: LesionParameters;
}

export interface SimulatedCohort {
  label: string;
  seed: number;
  n: number;
  prevalence: number;
  imagingEffect: number;
  /** Truth coefficients with the calibrated intercept. */
  coefficients: TruthCoefficients;
  image: SimImageOptions;
  patients: SimPatient[];
}

/** `SIM_001` … (zero-padded to at least 3 digits). */
export function simPatientId(index: number, n: number): string {
  return `SIM_${String(index + 1).padStart(Math.max(3, String(n).length), "0")}`;
}

function checkOptions(o: PaperCohortOptions): void {
  const fail = (what: string): never => {
    throw new InputError(`simulatePaperCohort: ${what}`);
  };
  if (o.seed !== undefined && !Number.isInteger(o.seed)) fail(`seed must be an integer, got ${o.seed}`);
  if (o.n !== undefined && (!Number.isInteger(o.n) || o.n < 1 || o.n > 99999)) fail(`n must be an integer in 1..99999, got ${o.n}`);
  if (o.prevalence !== undefined && !(o.prevalence > 0 && o.prevalence < 1)) fail(`prevalence must be in (0, 1), got ${o.prevalence}`);
  if (o.imagingEffect !== undefined && !Number.isFinite(o.imagingEffect)) fail(`imagingEffect must be a finite number, got ${o.imagingEffect}`);
  for (const [k, v] of Object.entries(o.truth ?? {})) if (!Number.isFinite(v)) fail(`truth.${k} must be a finite number, got ${v}`);
  const img = o.image ?? {};
  if (img.size && !(img.size.length === 3 && img.size.every((s) => Number.isInteger(s) && s >= 8))) fail(`image.size must be 3 integers ≥ 8, got ${img.size}`);
  if (img.spacing && !(img.spacing.length === 3 && img.spacing.every((s) => s > 0))) fail(`image.spacing must be 3 positive numbers, got ${img.spacing}`);
  if (img.noiseSd !== undefined && !(img.noiseSd >= 0)) fail(`image.noiseSd must be ≥ 0, got ${img.noiseSd}`);
}

/** Maps the outcome-dependent latents to lesion parameters (formulas in the module comment). */
export function lesionFromLatents(zEnh: number, zWash: number, zHet: number, diameterMm: number): LesionParameters {
  return {
    diameterMm: clamp(diameterMm, 6, 36),
    washIn: clamp(1.0 + 0.25 * zEnh, 0.3, 2.2),
    ser: clamp(1.0 + 0.12 * zWash, 0.7, 1.6),
    heterogeneity: clamp(0.18 + 0.07 * zHet, 0.03, 0.45),
    irregularity: clamp(0.1 + 0.05 * zHet, 0, 0.3),
  };
}

/**
 * Simulates the cohort's tabular part (clinical rows, truth, lesion parameters); deterministic in
 * the options. Images are rendered on demand by `simulatePatientImages` (each from its own seed).
 */
export function simulatePaperCohort(options: PaperCohortOptions = {}): SimulatedCohort {
  checkOptions(options);
  const seed = options.seed ?? 20250403;
  const n = options.n ?? 124;
  const prevalence = options.prevalence ?? 0.27;
  const delta = options.imagingEffect ?? 1.0;
  const image: SimImageOptions = { ...DEFAULT_IMAGE_OPTIONS, ...options.image };
  const rng = new Rng(seed);
  const covariates: SimCovariates[] = [];
  for (let i = 0; i < n; i++) covariates.push(drawCovariates(rng));
  const coef: TruthCoefficients = { ...DEFAULT_TRUTH, ...options.truth, intercept: 0 };
  const eta = Float64Array.from(covariates, (c) => linearPredictorNoIntercept(c, coef));
  coef.intercept = calibrateIntercept(eta, prevalence);
  const outcomes = covariates.map((_, i) => bernoulli(rng, logistic(coef.intercept + eta[i])));
  const patients = covariates.map((c, i): SimPatient => {
    const y = outcomes[i];
    const zEnh = delta * y + rng.normal();
    const zWash = delta * y + rng.normal();
    const zHet = delta * y + rng.normal();
    const diameter = 10 * c.tumour_size_cm * Math.exp(0.1 * rng.normal());
    const lp = coef.intercept + eta[i];
    return {
      index: i,
      clinical: { patient_id: simPatientId(i, n), imn_metastasis: y, ...c },
      truth: { linear_predictor: lp, probability: logistic(lp), z_enhancement: zEnh, z_washout: zWash, z_heterogeneity: zHet },
      lesion: lesionFromLatents(zEnh, zWash, zHet, diameter),
    };
  });
  return { label: SIMULATED_LABEL, seed, n, prevalence, imagingEffect: delta, coefficients: coef, image, patients };
}

/** Renders patient `index`'s images (phases S0–S2, subtraction S1 − S0, mask) from its own seed. */
export function simulatePatientImages(cohort: SimulatedCohort, index: number): SimPatientImages {
  const p = cohort.patients[index];
  if (!p) throw new InputError(`simulatePatientImages: no patient at index ${index} (cohort has ${cohort.patients.length})`);
  return renderPatientFromSeed(cohort.seed, index, p.lesion, cohort.image);
}
