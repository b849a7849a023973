/**
 * The paper's analyses on a study cohort: develop the three models, then ROC with DeLong CIs,
 * pairwise DeLong tests, calibration, decision curves and internal validation (repeated stratified
 * k-fold CV and bootstrap optimism correction, the whole development refitted in every resample).
 */
import { InputError } from "../errors.js";
import { binnedCalibration, glmCalibration, hosmerLemeshow, smoothCalibration, valProb } from "../stats/calibration.js";
import { decisionCurve, type DecisionCurves } from "../stats/dca.js";
import { delongPaired } from "../stats/delong.js";
import { aucCiDelong, roc, youdenBest, type RocCurve } from "../stats/roc.js";
import { bootstrapOptimism, repeatedCv, type CvResult, type OptimismResult } from "../stats/validation.js";
import type { StudyCohort } from "./cohorts.js";
import { DEFAULT_SETTINGS, PaperModel, type ModelKind, type PaperModelSettings } from "./paper-model.js";

export const MODEL_LABELS: Record<ModelKind, string> = {
  clinical: "Clinical",
  radiomics: "Radiomics",
  combined: "Clinical–radiomics",
};

/** Models a cohort supports: clinical needs clinical factors, radiomics needs features, combined both. */
export function modelKinds(c: StudyCohort): ModelKind[] {
  const hasC = c.layout.clinical.length > 0;
  const hasR = c.layout.radiomics.length > 0;
  return [...(hasC ? (["clinical"] as const) : []), ...(hasR ? (["radiomics"] as const) : []), ...(hasC && hasR ? (["combined"] as const) : [])];
}

export interface Developed {
  cohort: StudyCohort;
  settings: PaperModelSettings;
  models: Partial<Record<ModelKind, PaperModel>>;
  /** Apparent predicted probabilities of each model on the development cohort. */
  predictions: Partial<Record<ModelKind, Float64Array>>;
}

/** Fits every supported model on the whole cohort. */
export function developModels(c: StudyCohort, settings: PaperModelSettings = DEFAULT_SETTINGS): Developed {
  const out: Developed = { cohort: c, settings, models: {}, predictions: {} };
  for (const kind of modelKinds(c)) {
    const model = new PaperModel(kind, c.layout, settings).fit(c.x, c.y);
    out.models[kind] = model;
    out.predictions[kind] = model.predictProba(c.x);
  }
  return out;
}

export interface RocRow {
  model: string;
  n: number;
  events: number;
  auc: number;
  ci_lower: number;
  ci_upper: number;
  cutoff: number;
  sensitivity: number;
  specificity: number;
  accuracy: number;
  ppv: number;
  npv: number;
}

/** ROC curve, AUC with DeLong 95% CI and the Youden cut-off of each model (apparent). */
export function rocAnalysis(d: Developed): { rows: RocRow[]; curves: { kind: ModelKind; curve: RocCurve }[] } {
  const y = d.cohort.y;
  const events = y.filter((v) => v === 1).length;
  const curves = (Object.keys(d.predictions) as ModelKind[]).map((kind) => ({ kind, curve: roc(y, d.predictions[kind]!, "<") }));
  const rows = curves.map(({ kind, curve }) => {
    const ci = aucCiDelong(curve);
    const best = youdenBest(curve)[0];
    return {
      model: MODEL_LABELS[kind],
      n: y.length,
      events,
      auc: curve.auc,
      ci_lower: ci.lower,
      ci_upper: ci.upper,
      cutoff: best.threshold,
      sensitivity: best.sensitivity,
      specificity: best.specificity,
      accuracy: best.accuracy,
      ppv: best.ppv,
      npv: best.npv,
    };
  });
  return { rows, curves };
}

/** The ROC points (1 − specificity, sensitivity) in plotting order. */
export function rocPoints(curve: RocCurve): { fpr: number[]; tpr: number[] } {
  return { fpr: curve.specificities.map((s) => 1 - s).reverse(), tpr: [...curve.sensitivities].reverse() };
}

/** Pairwise paired DeLong tests (pROC::roc.test) between the models. */
export function delongTable(d: Developed): { model_1: string; model_2: string; auc_1: number; auc_2: number; z: number; p: number }[] {
  const kinds = Object.keys(d.predictions) as ModelKind[];
  const out = [];
  for (let a = 0; a < kinds.length; a++) {
    for (let b = a + 1; b < kinds.length; b++) {
      const t = delongPaired(d.cohort.y, d.predictions[kinds[a]]!, d.predictions[kinds[b]]!);
      out.push({ model_1: MODEL_LABELS[kinds[a]], model_2: MODEL_LABELS[kinds[b]], auc_1: t.auc1, auc_2: t.auc2, z: t.statistic, p: t.pValue });
    }
  }
  return out;
}

export interface CalibrationRow {
  model: string;
  intercept: number;
  slope: number;
  citl: number;
  brier: number;
  emax: number;
  eavg: number;
  hl_chi2: number;
  hl_df: number;
  hl_p: number;
}

/** Calibration statistics (rms::val.prob, glm slope/intercept, Hosmer–Lemeshow g = 10) and curves. */
export function calibrationAnalysis(d: Developed) {
  const y = d.cohort.y;
  const kinds = Object.keys(d.predictions) as ModelKind[];
  const rows: CalibrationRow[] = [];
  // A model without predictors (no radiomics signature) predicts one value for everyone: nothing to calibrate.
  const varying = kinds.filter((kind) => d.predictions[kind]!.some((v) => v !== d.predictions[kind]![0]));
  const curves = varying.map((kind) => {
    const p = d.predictions[kind]!;
    const vp = valProb(p, y);
    const glm = glmCalibration(p, y);
    const hl = hosmerLemeshow(y, p, 10);
    rows.push({
      model: MODEL_LABELS[kind],
      intercept: glm.intercept,
      slope: glm.slope,
      citl: glm.citl,
      brier: vp.Brier,
      emax: vp.Emax,
      eavg: vp.Eavg,
      hl_chi2: hl.statistic,
      hl_df: hl.df,
      hl_p: hl.pValue,
    });
    const grid = Array.from({ length: 99 }, (_, i) => (i + 1) / 100).filter((g) => g >= Math.min(...p) && g <= Math.max(...p));
    return {
      kind,
      label: MODEL_LABELS[kind],
      bins: binnedCalibration(p, y, 10),
      smooth: smoothCalibration(p, y, grid),
      note: `HL p ${hl.pValue < 0.001 ? "< 0.001" : hl.pValue.toFixed(3)}, Brier ${vp.Brier.toFixed(3)}`,
    };
  });
  return { rows, curves };
}

/** Decision curves (dcurves semantics) of each model. */
export function decisionAnalysis(d: Developed): { kind: ModelKind; curves: DecisionCurves }[] {
  return (Object.keys(d.predictions) as ModelKind[]).map((kind) => ({ kind, curves: decisionCurve(d.cohort.y, d.predictions[kind]!) }));
}

export interface ValidationSettings {
  k: number;
  repeats: number;
  nBoot: number;
  seed: number;
}

export interface ValidationRow {
  model: string;
  cv_accuracy_mean: number;
  cv_accuracy_sd: number;
  cv_auc_mean: number;
  cv_auc_sd: number;
  /** Calibration slope of pooled out-of-fold predictions (the first k-fold split): < 1 means overfitted. */
  cv_calibration_slope: number;
  apparent_auc: number;
  optimism: number;
  corrected_auc: number;
}

/** Keeps probabilities inside (0, 1) so their logit is finite (a perfectly separated fold gives 0 or 1). */
function clipProbabilities(p: Float64Array): Float64Array {
  return p.map((v) => Math.min(1 - 1e-12, Math.max(1e-12, v)));
}

/** Repeated stratified k-fold CV and bootstrap optimism of every model, development refitted each time. */
export function validateModels(
  c: StudyCohort,
  settings: PaperModelSettings = DEFAULT_SETTINGS,
  v: ValidationSettings = { k: 10, repeats: 10, nBoot: 100, seed: 2025 },
  kinds: ModelKind[] = modelKinds(c),
): { rows: ValidationRow[]; cv: Partial<Record<ModelKind, CvResult>>; boot: Partial<Record<ModelKind, OptimismResult>> } {
  const rows: ValidationRow[] = [];
  const cv: Partial<Record<ModelKind, CvResult>> = {};
  const boot: Partial<Record<ModelKind, OptimismResult>> = {};
  for (const kind of kinds) {
    const make = () => new PaperModel(kind, c.layout, settings);
    const r = repeatedCv(c.x, c.y, make, { k: v.k, repeats: v.repeats, seed: v.seed });
    const b = v.nBoot > 0 ? bootstrapOptimism(c.x, c.y, make, { nBoot: v.nBoot, seed: v.seed }) : undefined;

    cv[kind] = r;
    if (b) boot[kind] = b;
    rows.push({
      model: MODEL_LABELS[kind],
      cv_accuracy_mean: r.accuracy.mean,
      cv_accuracy_sd: r.accuracy.sd,
      cv_auc_mean: r.auc.mean,
      cv_auc_sd: r.auc.sd,
      cv_calibration_slope: glmCalibration(clipProbabilities(r.outOfFold), c.y).slope,
      apparent_auc: b?.apparent.auc ?? NaN,
      optimism: b?.optimism.auc ?? NaN,
      corrected_auc: b?.corrected.auc ?? NaN,
    });
  }
  if (rows.length === 0) throw new InputError(`${c.id}: no model to validate`);
  return { rows, cv, boot };
}
