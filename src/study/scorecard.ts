/**
 * The replication scorecard: each number the paper reports beside the same quantity on every cohort
 * here, computed by the same procedure. No public cohort is the paper's: the comparison shows whether
 * the design behaves alike, not whether the paper's numbers are reproduced.
 */
import { saveDocument, saveTable, toMarkdown, type Row } from "../report/results.js";
import { delongTable, MODEL_LABELS, rocAnalysis } from "./analysis.js";
import { cohortName } from "./notebook.js";
import { uniqueInputs } from "./reports.js";
import type { ModelKind } from "./paper-model.js";
import { developedModels, studyCohort, validation, VALIDATION, type CohortId } from "./study.js";

/** The paper's reported values (Wang et al., Front Oncol 2025, abstract and results). */
export const PAPER = {
  n: 124,
  auc: { clinical: 0.913, radiomics: 0.831, combined: 0.964 } as Record<ModelKind, number>,
  combinedCi: [0.935, 0.993] as [number, number],
  delongClinicalVsCombined: "p < 0.05",
  cvAccuracy: { mean: 0.9023, sd: 0.0845 },
  calibrationSlope: 1.08,
};

const f3 = (v: number) => v.toFixed(3);
const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
const pval = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`);

/** Builds the scorecard rows (metric, paper, one column per cohort) and writes results/scorecard.md + CSV. */
export async function scorecard(ids: CohortId[], notebook = "12-scorecard"): Promise<{ rows: Row[]; markdown: string }> {
  const cohorts = await Promise.all(ids.map(studyCohort));
  const names = cohorts.map(cohortName);
  const metric = (label: string, paper: string, values: string[]): Row => ({ metric: label, paper, ...Object.fromEntries(names.map((n, k) => [n, values[k]])) });
  const na = "n/a";
  const perCohort = await Promise.all(
    ids.map(async (id) => {
      const d = await developedModels(id);
      const roc = rocAnalysis(d);
      const v = await validation(id);
      return { d, roc, delong: delongTable(d), v };
    }),
  );
  const auc = (kind: ModelKind) =>
    perCohort.map(({ roc }) => {
      const r = roc.rows.find((x) => x.model === MODEL_LABELS[kind]);
      return r ? `${f3(r.auc)} (${f3(r.ci_lower)}–${f3(r.ci_upper)})` : na;
    });
  const rows: Row[] = [
    metric("patients (events)", `${PAPER.n}`, cohorts.map((c) => `${c.y.length} (${c.y.filter((y) => y === 1).length})`)),
    metric("AUC clinical model (95% CI)", f3(PAPER.auc.clinical), auc("clinical")),
    metric("AUC radiomics model (95% CI)", f3(PAPER.auc.radiomics), auc("radiomics")),
    metric("AUC clinical–radiomics model (95% CI)", `${f3(PAPER.auc.combined)} (${f3(PAPER.combinedCi[0])}–${f3(PAPER.combinedCi[1])})`, auc("combined")),
    metric(
      "DeLong clinical vs clinical–radiomics",
      PAPER.delongClinicalVsCombined,
      perCohort.map(({ delong }) => {
        const t = delong.find((r) => r.model_1 === MODEL_LABELS.clinical && r.model_2 === MODEL_LABELS.combined);
        return t ? pval(t.p) : na;
      }),
    ),
    metric(
      "repeated k-fold CV accuracy, combined model (else the cohort's only model), mean ± SD",
      `${pct(PAPER.cvAccuracy.mean)} ± ${pct(PAPER.cvAccuracy.sd)} (combined)`,
      perCohort.map(({ v }, k) => {
        const r = v.rows.find((x) => x.model === MODEL_LABELS.combined) ?? v.rows[v.rows.length - 1];
        const s = VALIDATION[ids[k]];
        return `${pct(r.cv_accuracy_mean)} ± ${pct(r.cv_accuracy_sd)} (${r.model.toLowerCase()}, ${s.k}-fold × ${s.repeats})`;
      }),
    ),
    metric(
      "calibration slope, combined model (else the only model)",
      `${PAPER.calibrationSlope} (combined)`,
      perCohort.map(({ v }) => {
        const r = v.rows.find((x) => x.model === MODEL_LABELS.combined) ?? v.rows[v.rows.length - 1];
        const slope = Math.abs(r.cv_calibration_slope) < 0.005 ? 0 : r.cv_calibration_slope;
        return `${slope.toFixed(2)} (pooled out-of-fold predictions of one k-fold split; apparent slope is 1 by construction)`;
      }),
    ),
    metric(
      "bootstrap optimism-corrected AUC, combined model (else the only model)",
      "not reported",
      perCohort.map(({ v }) => {
        const r = v.rows.find((x) => x.model === MODEL_LABELS.combined) ?? v.rows[v.rows.length - 1];
        return Number.isFinite(r.corrected_auc) ? `${f3(r.corrected_auc)} (optimism ${f3(r.optimism)})` : "not run (cost)";
      }),
    ),
  ];
  const inputs = cohorts.flatMap((c) => c.inputs);
  const spec = {
    producedBy: `notebooks/${notebook}.ipynb`,
    description: "replication scorecard: the paper's reported numbers beside the same quantities on every cohort",
    inputs: uniqueInputs(inputs),
    settings: { cohorts: ids, validation: Object.fromEntries(ids.map((i) => [i, VALIDATION[i]])), models: perCohort[0].d.settings },
    seed: VALIDATION[ids[0]].seed,
  };
  saveTable("12-scorecard", rows, spec);
  const markdown = [
    "# Replication scorecard",
    "",
    "Wang et al., *Clinical–radiomics model for predicting internal mammary lymph node metastasis in operable breast",
    "cancer patients*, Front Oncol 2025 — reported values beside the same quantities computed here by the same design",
    "(clinical screen + stepwise AIC; z-score → Mann–Whitney U → Spearman redundancy → LASSO rad-score; logistic models;",
    "DeLong; repeated stratified k-fold CV with the whole development refitted in every fold).",
    "",
    "**Caveat.** The paper's 124 patients are private; no public cohort here is the paper's. Duke predicts axillary nodal",
    "status (N ≥ 1) from published DCE-MRI features, STS predicts lung metastasis of sarcoma (radiomics only), Rotterdam",
    "is clinical only, and the simulated cohort is synthetic data generated to follow the paper's design. Agreement or",
    "disagreement with the paper's numbers says how the design behaves on these data, not whether the paper is right.",
    "AUCs, CIs and DeLong tests are apparent (development) values, as in the paper. One step of the paper's design is",
    "not in these models: the ICC filter on segmentation robustness (notebook 04 measures it on STS only).",
    "",
    toMarkdown(rows),
  ].join("\n");
  saveDocument("scorecard", markdown, spec);
  return { rows, markdown };
}
