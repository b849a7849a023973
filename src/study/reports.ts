/**
 * One function per study step: computes on a cohort, writes its figures/tables to results/ (with
 * provenance) and returns what the notebook shows. Notebooks stay narrative + these calls.
 */
import { nomogramFromCoefficients } from "../stats/nomogram.js";
import { calibrationPlot, cvCurvePlot, decisionCurvePlot, intervalPlot, lassoPathPlot, nomogramPlot, rocPlot } from "../report/plots.js";
import { saveFigure, saveTable, type SavedFigure, type SavedTable } from "../report/results.js";
import { show } from "../report/display.js";
import {
  calibrationAnalysis,
  decisionAnalysis,
  delongTable,
  MODEL_LABELS,
  rocAnalysis,
  rocPoints,
  validateModels,
} from "./analysis.js";
import { cohortName, cohortSubtitle, cohortTable1Input, resultSpec } from "./notebook.js";
import { DEFAULT_SETTINGS, type ModelKind, type PaperModelSettings } from "./paper-model.js";
import { developedModels, studyCohort, validation, VALIDATION, type CohortId } from "./study.js";
import { table1, table1Test } from "./table1.js";

export type Shown = SavedFigure | SavedTable | string;

/** Input records without repeats (cohorts share the params file, datasets). */
export function uniqueInputs<T extends { dataset: string; file: string }>(inputs: T[]): T[] {
  const seen = new Set<string>();
  return inputs.filter((i) => !seen.has(`${i.dataset}/${i.file}`) && Boolean(seen.add(`${i.dataset}/${i.file}`)));
}

/** Shows every item (figures, tables, Markdown) in order. */
export function showAll(items: Shown[]): void {
  for (const item of items) show(item);
}

/** Table 1 of a study cohort by outcome, with p-values (Welch t, χ², Fisher). */
export async function table1Report(id: CohortId, notebook = "01-first-look"): Promise<Shown[]> {
  const c = await studyCohort(id);
  const { rows, variables } = cohortTable1Input(c);
  const t = table1(rows, { group: "outcome", groups: [[0, "Negative"], [1, "Positive"]], variables, test: table1Test });
  return [
    `**${cohortName(c)}** — ${cohortSubtitle(c)}; ${c.excluded.length} patients excluded (unknown outcome or missing values).`,
    saveTable(`${notebook.slice(0, 2)}-${id}-table1`, t.rows, resultSpec(notebook, c, "Table 1 by outcome with p-values")),
  ];
}

/** Selection funnel, LASSO path and CV curve, and the rad-score formula of the full-cohort fit. */
export async function selectionReport(id: CohortId, notebook = "05-selection"): Promise<Shown[]> {
  const d = await developedModels(id);
  const c = d.cohort;
  const rs = d.models.radiomics!.radscore!;
  const lasso = rs.lasso!;
  const spec = (what: string) => resultSpec(notebook, c, what, { ...d.settings });
  const funnel = saveTable(`05-${id}-selection-funnel`, [
    { step: "features extracted", features: c.layout.radiomics.length },
    { step: `Mann–Whitney U, p < ${d.settings.uAlpha}`, features: rs.afterU.length },
    { step: `Spearman redundancy, |ρ| ≤ ${d.settings.corrThreshold}`, features: rs.afterCorr.length },
    { step: `LASSO (${rs.lambdaRule}, ${d.settings.lassoFolds}-fold CV)`, features: rs.selected.length },
  ], spec("feature-selection funnel (z-scores fitted on the cohort; the same steps are refitted inside every CV fold)"));
  const everSelected = lasso.fit.names.filter((_, j) => lasso.fit.beta.some((b) => b[j] !== 0));
  const shown = everSelected.slice(0, 40);
  const path = lassoPathPlot(
    {
      lambda: lasso.fit.lambda,
      coefficients: Object.fromEntries(shown.map((name) => [name, lasso.fit.beta.map((b) => b[lasso.fit.names.indexOf(name)])])),
      lambdaMin: lasso.lambdaMin,
      lambda1se: lasso.lambda1se,
    },
    { title: `${cohortName(c)}: LASSO coefficient paths`, subtitle: `${cohortSubtitle(c)} · z-scored features after filtering · dashed: λmin, dotted: λ1se`, yLabel: "Coefficient (per SD of feature)" },
  );
  const cv = cvCurvePlot(lasso, { title: `${cohortName(c)}: LASSO ${d.settings.lassoFolds}-fold cross-validation`, subtitle: `${cohortSubtitle(c)} · mean ± 1 SE; numbers: non-zero coefficients; dashed: λmin, dotted: λ1se` });
  const formula = rs.formula();
  const formulaRows = formula.terms.map((t) => ({ feature: t.feature, coefficient: t.coefficient, train_mean: t.mean, train_sd: t.sd }));
  const text = rs.selected.length
    ? `rad-score = ${formula.intercept.toFixed(4)}` +
      formula.terms.map((t) => ` ${t.coefficient < 0 ? "−" : "+"} ${Math.abs(t.coefficient).toFixed(4)} × z(${t.feature})`).join("") +
      `, where z(x) = (x − mean)/SD with the cohort's mean and SD (λ = ${rs.lambdaUsed.toPrecision(4)}, ${rs.lambdaRule}).`
    : `**No radiomics signature**: the LASSO's cross-validation selects no feature at λ_1se or λ_min on this cohort, so the radiomics model predicts the prevalence for everyone (AUC 0.5); the combined model reduces to the clinical one.`;
  return [
    funnel,
    await saveFigure(`05-${id}-lasso-path`, path, spec("LASSO coefficient paths against log(lambda)")),
    await saveFigure(`05-${id}-lasso-cv`, cv, spec("LASSO cross-validated deviance against log(lambda)")),
    saveTable(`05-${id}-radscore-formula`, formulaRows, spec("rad-score formula: LASSO coefficients of the selected features"), { digits: 4 }),
    text,
  ];
}

function orRows(fit: { terms: string[]; coefficients: number[]; stdError: number[]; oddsRatio: number[]; orCiLower: number[]; orCiUpper: number[]; pValue: number[] }, labels: Record<string, string>) {
  return fit.terms.map((term, j) => ({
    term: labels[term] ?? term,
    coefficient: fit.coefficients[j],
    std_error: fit.stdError[j],
    odds_ratio: fit.oddsRatio[j],
    or_95ci: `${fit.orCiLower[j].toPrecision(3)}–${fit.orCiUpper[j].toPrecision(3)}`,
    p: fit.pValue[j],
  }));
}

/** Clinical univariable screen, multivariable models (OR tables) and the combined model's nomogram. */
export async function modelsReport(id: CohortId, notebook = "06-models"): Promise<Shown[]> {
  const d = await developedModels(id);
  const c = d.cohort;
  const labels: Record<string, string> = { ...c.labels, rad_score: "Rad-score" };
  const spec = (what: string) => resultSpec(notebook, c, what, { ...d.settings });
  const out: Shown[] = [];
  const clinical = d.models.clinical?.clinical;
  if (clinical) {
    out.push(
      "**Univariable logistic regression** of each clinical factor (Wald p; factors with p < " + `${d.settings.clinicalP} enter the multivariable model):`,
      saveTable(`06-${id}-clinical-univariable`, clinical.screen.map((r) => ({
        factor: labels[r.name] ?? r.name,
        odds_ratio: r.oddsRatio,
        or_95ci: `${r.orCiLower.toPrecision(3)}–${r.orCiUpper.toPrecision(3)}`,
        p: r.pValue,
        selected: r.selected ? "yes" : "",
      })), spec("univariable logistic screen of clinical factors")),
    );
    if (clinical.step) out.push(`Backward stepwise AIC removed: ${clinical.step.removedSequence.join(", ") || "nothing"}.`);
    if (clinical.note) out.push(`Note: ${clinical.note}.`);
  }
  for (const kind of ["clinical", "radiomics", "combined"] as ModelKind[]) {
    const m = d.models[kind];
    if (!m?.fitResult) continue;
    out.push(`**${MODEL_LABELS[kind]} model** (multivariable logistic regression):`, saveTable(`06-${id}-${kind}-model`, orRows(m.fitResult, labels), spec(`${MODEL_LABELS[kind]} model coefficients and odds ratios`)));
  }
  const final = d.models.combined ?? d.models.clinical ?? d.models.radiomics;
  if (final?.fitResult && final.predictors.length > 0) {
    const cols = final.designColumns(c.x);
    const nom = nomogramFromCoefficients(final.fitResult.coefficients, cols);
    const fig = nomogramPlot(
      {
        axes: nom.axes.map((a) => ({ label: labels[a.name] ?? a.name, values: a.values, points: a.points })),
        totalPointsAxis: nom.totalPointsAxis,
        probabilityAxis: { totalPoints: nom.probabilityAxis.totalPoints, labels: nom.probabilityAxis.labels },
      },
      { title: `${cohortName(c)}: nomogram of the ${MODEL_LABELS[final.kind].toLowerCase()} model`, subtitle: `${cohortSubtitle(c)} · probability of ${c.outcome}` },
    );
    out.push(await saveFigure(`06-${id}-nomogram`, fig, spec(`nomogram of the ${MODEL_LABELS[final.kind]} model (rms point scales)`)));
  }
  return out;
}

/** ROC curves of the models with DeLong CIs, the ROC table and pairwise DeLong tests. */
export async function rocReport(id: CohortId, notebook = "07-roc"): Promise<Shown[]> {
  const d = await developedModels(id);
  const c = d.cohort;
  const spec = (what: string) => resultSpec(notebook, c, what, { ...d.settings, ci: "DeLong 95%", cutoff: "Youden" });
  const { rows, curves } = rocAnalysis(d);
  const fig = rocPlot(
    curves.map(({ kind, curve }, k) => ({ label: MODEL_LABELS[kind], ...rocPoints(curve), auc: curve.auc, ci: [rows[k].ci_lower, rows[k].ci_upper] as [number, number] })),
    { title: `${cohortName(c)}: ROC curves`, subtitle: `${cohortSubtitle(c)} · apparent (development) performance` },
  );
  const out: Shown[] = [await saveFigure(`07-${id}-roc`, fig, spec("ROC curves of the models (apparent), AUC with DeLong 95% CI")), saveTable(`07-${id}-roc`, rows, spec("AUC (DeLong 95% CI) and Youden cut-off metrics"))];
  if (curves.length > 1) out.push("**DeLong tests** (paired, pROC::roc.test):", saveTable(`07-${id}-delong`, delongTable(d), spec("pairwise paired DeLong tests")));
  return out;
}

/** Calibration curves and statistics (slope, intercept, Brier, Hosmer–Lemeshow). */
export async function calibrationReport(id: CohortId, notebook = "08-calibration"): Promise<Shown[]> {
  const d = await developedModels(id);
  const c = d.cohort;
  const spec = (what: string) => resultSpec(notebook, c, what, { ...d.settings, hosmerLemeshowGroups: 10 });
  const { rows, curves } = calibrationAnalysis(d);
  const fig = calibrationPlot(curves, {
    title: `${cohortName(c)}: calibration (apparent)`,
    subtitle: `${cohortSubtitle(c)} · deciles of predicted risk (95% CI), lowess, dashed: ideal`,
  });
  return [await saveFigure(`08-${id}-calibration`, fig, spec("calibration curves (apparent)")), saveTable(`08-${id}-calibration`, rows, spec("calibration statistics: glm slope/intercept, CITL, val.prob Brier/Emax/Eavg, Hosmer–Lemeshow"))];
}

/** Decision curves: net benefit of each model, treat-all and treat-none. */
export async function dcaReport(id: CohortId, notebook = "09-dca"): Promise<Shown[]> {
  const d = await developedModels(id);
  const c = d.cohort;
  const dcas = decisionAnalysis(d);
  const fig = decisionCurvePlot(
    dcas.map(({ kind, curves }) => ({ label: MODEL_LABELS[kind], threshold: curves.model.threshold, netBenefit: curves.model.netBenefit })),
    { label: "Treat all", threshold: dcas[0].curves.all.threshold, netBenefit: dcas[0].curves.all.netBenefit },
    { title: `${cohortName(c)}: decision curves (apparent)`, subtitle: `${cohortSubtitle(c)} · prevalence ${dcas[0].curves.prevalence.toFixed(2)}` },
  );
  const at = [0.1, 0.2, 0.3, 0.4, 0.5];
  const rows = at.map((t) => {
    const i = dcas[0].curves.all.threshold.findIndex((x) => Math.abs(x - t) < 1e-9);
    return {
      threshold: t,
      treat_all: dcas[0].curves.all.netBenefit[i],
      ...Object.fromEntries(dcas.map(({ kind, curves }) => [MODEL_LABELS[kind], curves.model.netBenefit[i]])),
    };
  });
  const spec = (what: string) => resultSpec(notebook, c, what, { ...d.settings, thresholds: "0.01–0.99 by 0.01" });
  return [await saveFigure(`09-${id}-dca`, fig, spec("decision curves")), saveTable(`09-${id}-net-benefit`, rows, spec("net benefit at selected thresholds"), { digits: 4 })];
}

/** Internal validation: repeated stratified k-fold CV (accuracy, AUC) and bootstrap optimism of each model. */
export async function validationReport(ids: CohortId[], notebook = "10-validation"): Promise<Shown[]> {
  const rows: Record<string, unknown>[] = [];
  const intervals: { label: string; group: string; estimate: number; lower: number; upper: number }[] = [];
  const out: Shown[] = [];
  for (const id of ids) {
    const c = await studyCohort(id);
    const v = VALIDATION[id];
    const res = await validation(id);
    for (const r of res.rows) {
      rows.push({ cohort: cohortName(c), folds: `${v.k}-fold × ${v.repeats}`, bootstrap: v.nBoot, ...r });
      intervals.push({ label: `${cohortName(c)} · ${r.model}`, group: r.model, estimate: r.cv_auc_mean, lower: r.cv_auc_mean - r.cv_auc_sd, upper: Math.min(1, r.cv_auc_mean + r.cv_auc_sd) });
    }
  }
  const cohorts = await Promise.all(ids.map(studyCohort));
  const first = await developedModels(ids[0]);
  const spec = {
    producedBy: `notebooks/${notebook}.ipynb`,
    description: "internal validation of every cohort's models: repeated stratified k-fold CV (accuracy, AUC mean ± SD), bootstrap optimism-corrected AUC, cross-validated calibration slope",
    inputs: uniqueInputs(cohorts.flatMap((c) => c.inputs)),
    settings: { cohorts: Object.fromEntries(cohorts.map((c) => [c.id, { n: c.y.length, excluded: c.excluded.length }])), validation: Object.fromEntries(ids.map((i) => [i, VALIDATION[i]])), models: first.settings },
    seed: VALIDATION[ids[0]].seed,
  };
  out.push(saveTable("10-validation", rows, spec));
  const fig = intervalPlot(intervals, { title: "Cross-validated AUC (mean ± SD over folds)", subtitle: "whole development pipeline refitted inside every training fold; SIMULATED cohort labelled", xLabel: "AUC", domain: [0.3, 1], reference: 0.5 });
  out.push(await saveFigure("10-validation-auc", fig, { ...spec, description: "cross-validated AUC (mean ± SD over held-out folds) of every cohort's models" }));
  return out;
}


/** A named variation of the radiomics pipeline: a feature subset and/or other selection settings. */
export interface Alternative {
  name: string;
  features?: (name: string) => boolean;
  settings?: Partial<PaperModelSettings>;
}

export const ALTERNATIVES: Alternative[] = [
  { name: "Original + LoG 1, 3 mm (study default)" },
  { name: "Original image only", features: (f) => f.startsWith("original_") },
  { name: "LoG-filtered only", features: (f) => f.startsWith("log-sigma") },
  { name: "Shape + first-order only", features: (f) => /_(shape|firstorder)_/.test(f) },
  { name: "Texture only (GLCM, GLRLM, GLSZM, GLDM, NGTDM)", features: (f) => /_(glcm|glrlm|glszm|gldm|ngtdm)_/.test(f) },
  { name: "LASSO at λmin instead of λ1se", settings: { lambda: "min" } },
  { name: "Stricter filters: U p < 0.01, |ρ| ≤ 0.8", settings: { uAlpha: 0.01, corrThreshold: 0.8 } },
];

/** Cross-validated AUC of the radiomics model under each alternative feature set / selection setting. */
export async function alternativesReport(id: CohortId, cv = { k: 5, repeats: 2, nBoot: 0, seed: 2025 }, notebook = "11-alternatives"): Promise<Shown[]> {
  const base = await studyCohort(id);
  const rows: Record<string, unknown>[] = [];
  for (const alt of ALTERNATIVES) {
    const keep = base.layout.radiomics.map((f, j) => [f, j] as const).filter(([f]) => !alt.features || alt.features(f));
    const offset = base.layout.clinical.length;
    const cohort = {
      ...base,
      layout: { clinical: base.layout.clinical, radiomics: keep.map(([f]) => f) },
      x: base.x.map((r) => [...r.slice(0, offset), ...keep.map(([, j]) => r[offset + j])]),
    };
    const settings = { ...DEFAULT_SETTINGS, ...alt.settings };
    const v = validateModels(cohort, settings, cv, ["radiomics"]);
    rows.push({ variant: alt.name, features: keep.length, cv_auc_mean: v.rows[0].cv_auc_mean, cv_auc_sd: v.rows[0].cv_auc_sd, cv_accuracy_mean: v.rows[0].cv_accuracy_mean });
  }
  const spec = resultSpec(notebook, base, "radiomics model under alternative feature sets and selection settings (repeated stratified CV)", { cv }, cv.seed);
  const fig = intervalPlot(
    rows.map((r) => ({ label: String(r.variant), estimate: Number(r.cv_auc_mean), lower: Number(r.cv_auc_mean) - Number(r.cv_auc_sd), upper: Math.min(1, Number(r.cv_auc_mean) + Number(r.cv_auc_sd)) })),
    { title: `${cohortName(base)}: radiomics model, alternative feature sets`, subtitle: `${cohortSubtitle(base)} · CV AUC mean ± SD (${cv.k}-fold × ${cv.repeats})`, xLabel: "Cross-validated AUC", domain: [0.3, 1], reference: 0.5 },
  );
  return [saveTable(`11-${id}-alternatives`, rows, spec), await saveFigure(`11-${id}-alternatives`, fig, spec)];
}
