// %% [markdown]
// # 01 · First look at the real cohorts
//
// This notebook runs the study's first steps end to end on **real public data**, with the project's own
// image reader, mask checks, PyRadiomics-style first-order features, logistic regression and ROC analysis:
//
// 1. verify the datasets against the registry (`data/datasets.json`: SHA-256, source, licence);
// 2. **STS** (soft-tissue sarcoma, 51 patients): read every T1 MRI + tumour mask, compute simple features
//    inside the tumour, fit a small logistic model for lung metastasis, draw its ROC curve;
// 3. **Duke** (922 breast cancer patients): read the clinical sheet, derive node-positive (N ≥ 1), and
//    summarise the preoperative characteristics by nodal status.
//
// Everything written to `results/` carries a provenance record (inputs' SHA-256, settings, package version,
// git commit). Later notebooks deepen each step; this one is the first look.

// %%
import * as tsr from "../dist/index.js";
const PRODUCER = "notebooks/01-first-look.ipynb";

// %% [markdown]
// ## 1 · Data
// The registry finds the data under `$TSRADIOMICS_DATA` (default `../shared/data`) and checks every file's
// SHA-256. A missing or altered file stops here with the dataset, the path and where to get it.

// %%
const checks = tsr.checkAll();
const byDataset = tsr.loadRegistry().datasets.map((d) => {
  const mine = checks.filter((c) => c.dataset === d.id);
  return { dataset: d.id, files: mine.length, verified: mine.filter((c) => c.status === "ok").length, licence: d.licence };
});
tsr.show(tsr.toMarkdown(byDataset));
if (checks.some((c) => c.status !== "ok")) throw new Error("some dataset files are missing or altered: run `tsradiomics data check`");

// %% [markdown]
// ## 2 · STS: images, masks and outcome
// `outcome.csv` lists 51 patients; two of them have no T1 image. They are reported, not silently dropped.

// %%
const sts = tsr.loadStsCohort();
const events = sts.cases.filter((c) => c.lungMetastasis === 1).length;
console.log(`${sts.cases.length} complete image + mask pairs (${events} with lung metastasis).`);
for (const p of sts.incomplete) console.log(`incomplete: ${p.patientId} lacks ${p.missing.join(", ")}`);

// %% [markdown]
// For each patient: read the image and the mask (itk-wasm), select label 1, check that both share one
// geometry, then compute inside the tumour the voxel volume and first-order statistics exactly as
// PyRadiomics defines them (`original_shape_VoxelVolume` = N·Δx·Δy·Δz; `Energy` = Σ x²).

// %%
const features = await tsr.stsSimpleFeatures(sts);
const featureTable = tsr.saveTable("sts-simple-features", features, {
  producedBy: PRODUCER,
  description: "STS: simple features inside the tumour mask (label 1), one row per complete patient",
  inputs: tsr.stsInputs(sts),
  settings: { label: 1, binWidth: 25, voxelArrayShift: 0, image: "MR_T1_image.nii.gz", mask: "MR_T1_mask.nii.gz" },
});
tsr.show(tsr.toMarkdown(features.slice(0, 8), 4));
console.log(`… ${features.length} rows written to ${featureTable.paths.map((p) => p.replace(/^.*results\//, "results/")).join(" and ")}`);

// %% [markdown]
// ### A first model
// Logistic regression of lung metastasis on log tumour volume and intensity heterogeneity (SD). The AUC here
// is **apparent** — measured on the patients the model was fitted to — and therefore optimistic; notebook 10
// validates models by repeated cross-validation.

// %%
const model = tsr.firstModel(features, [
  { column: "original_shape_VoxelVolume", transform: "log" },
  { column: "original_firstorder_StandardDeviation" },
]);
const coefficients = model.fit.terms.map((term, j) => ({
  term,
  estimate: model.fit.coefficients[j],
  std_error: model.fit.stdError[j],
  z: model.fit.zValue[j],
  p: model.fit.pValue[j],
  odds_ratio: model.fit.oddsRatio[j],
  or_ci_lower: model.fit.orCiLower[j],
  or_ci_upper: model.fit.orCiUpper[j],
}));
const modelSettings = { outcome: "lung_metastasis", predictors: model.predictors, fit: "glm binomial (IRLS)", ci: "DeLong 95%" };
tsr.show(tsr.saveTable("sts-first-model-coefficients", coefficients, {
  producedBy: PRODUCER,
  description: "STS: logistic regression of lung metastasis on log(volume) and SD inside the tumour",
  inputs: tsr.stsInputs(sts),
  settings: modelSettings,
}));
console.log(`AUC ${model.curve.auc.toFixed(3)} (95% CI ${model.ci.lower.toFixed(3)}–${model.ci.upper.toFixed(3)}, DeLong), n = ${features.length}, ${events} events`);

// %%
const rocSvg = tsr.rocPlot(
  [{ label: "log(volume) + SD", fpr: model.curve.specificities.map((s) => 1 - s).reverse(), tpr: [...model.curve.sensitivities].reverse(), auc: model.curve.auc, ci: [model.ci.lower, model.ci.upper] }],
  { title: "STS: lung metastasis, first model", subtitle: `T1 MRI, n = ${features.length} (${events} events), apparent performance` },
);
tsr.show(await tsr.saveFigure("sts-first-model-roc", rocSvg, {
  producedBy: PRODUCER,
  description: "STS: ROC curve of the first logistic model (apparent), AUC with DeLong 95% CI",
  inputs: tsr.stsInputs(sts),
  settings: modelSettings,
}));

// %% [markdown]
// ## 3 · Duke: clinical table and nodal status
// The clinical sheet has a 3-row header (group, name, coding legend). It is read into tidy `snake_case`
// columns; `node_positive` = N stage ≥ 1 (Nx, coded −1, is unknown, not negative). The sheet's N stage is the
// staging at diagnosis (the post-neoadjuvant pathologic stage is a separate ypN column); where it was assigned
// clinically it may rest partly on imaging, so "MRI: suspicious nodes" sits close to the label — read the
// clinical model's strength with that in mind.

// %%
const duke = await tsr.loadDukeClinical();
const dukeRows = duke.table.objects() as Record<string, tsr.Value>[];
const known = dukeRows.filter((r) => r.node_positive != null);
console.log(`${dukeRows.length} patients; nodal status known for ${known.length}: ${known.filter((r) => r.node_positive === 1).length} node-positive, ${known.filter((r) => r.node_positive === 0).length} node-negative.`);

// %% [markdown]
// Table 1 uses only characteristics known **before surgery**; p-values from Welch's t-test (continuous),
// χ² with Yates' correction for 2×2 tables, or Fisher's exact test when an expected count is below 5. Columns that leak the label (staging, surgical
// pathology, treatment decided with the nodal status, follow-up) are excluded; the list and reasons are below.

// %%
const t1 = tsr.table1(dukeRows, {
  group: "node_positive",
  groups: [[0, "Node-negative"], [1, "Node-positive"]],
  variables: tsr.DUKE_TABLE1_VARIABLES,
  test: tsr.table1Test,
});
tsr.show(tsr.saveTable("duke-table1-by-nodal-status", t1.rows, {
  producedBy: PRODUCER,
  description: "Duke: preoperative characteristics by nodal status (N ≥ 1) with p-values (Welch t, χ², Fisher), patients with known N stage",
  inputs: [{ dataset: "duke-clinical", file: "Clinical_and_Other_Features.xlsx", sha256: tsr.registeredHash("duke-clinical", "Clinical_and_Other_Features.xlsx") }],
  settings: { group: "node_positive = (N stage >= 1)", excluded_unknown_N: t1.excluded },
}));
console.log(`${t1.excluded} patients with unknown N stage are not in the table.`);

// %%
tsr.show(tsr.toMarkdown(tsr.dukeExcludedColumns(duke).filter((c) => c.role === "leak")));

// %% [markdown]
// ## 4 · Table 1 of the other study cohorts
// The simulated paper cohort (synthetic: clinical factors generated from a documented truth model — see
// `docs/simulated-cohort.md`) and Rotterdam (clinical factors, node-positive = any positive node).

// %%
tsr.showAll(await tsr.table1Report("simulated"));

// %%
tsr.showAll(await tsr.table1Report("rotterdam"));
