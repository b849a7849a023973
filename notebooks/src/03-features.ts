// %% [markdown]
// # 03 · Feature extraction
//
// The paper extracted its radiomics features with PyRadiomics. This project computes them with its own
// TypeScript extractor, so before using any feature this notebook shows that the extractor **is**
// PyRadiomics (and IBSI-compliant) on the reference data, then extracts the study's features from the real
// STS cohort:
//
// 1. the extraction settings (PyRadiomics params files) and what they enable;
// 2. parity with PyRadiomics' own baseline values (brain1, breast1 test cases, every feature class);
// 3. IBSI-1 compliance (digital phantom and CT phantom configurations);
// 4. the STS cohort's feature table (batch engine, cached under `.cache/features`).

// %%
import { saveDocument, saveTable, show, toMarkdown } from "../dist/report/index.js";
import { featureCounts, featureRows, ibsiComplianceMarkdown, ibsiRuns, ibsiSummaryRows, paramsPlan, parityByClass, paritySkips, pyradiomicsInputs, readParamsFile } from "../dist/study/extraction.js";
import { studyCohort, STUDY_PARAMS } from "../dist/study/study.js";
import { pyradiomicsParity } from "../dist/study/extraction.js";
const PRODUCER = "notebooks/03-features.ipynb";

// %% [markdown]
// ## 1 · Extraction settings
// Settings are PyRadiomics params files (YAML: `setting`, `imageType`, `featureClass`), read and validated by
// the same rules as PyRadiomics (unknown settings, image types, classes or feature names are errors).
// `params/default.yaml` spells out PyRadiomics' defaults. The study uses `params/study-mr.yaml`:

// %%
const studyParams = readParamsFile(STUDY_PARAMS);
const defaultParams = readParamsFile("params/default.yaml");
show("```yaml\n" + studyParams.text.trim() + "\n```");

// %% [markdown]
// **Image types** are the images features are computed on: `Original` is the image itself; `LoG` is the
// Laplacian-of-Gaussian filtered image at each σ (mm), which highlights blobs and edges at that scale (σ = 1 mm:
// fine texture, σ = 3 mm: coarse). **Feature classes**: `shape` (3-D size and form of the mask — computed once,
// independent of the image type), `firstorder` (intensity histogram statistics inside the ROI) and five texture
// classes computed on the discretised ROI (fixed bin width 25): `glcm` (grey-level co-occurrence), `glrlm`
// (run lengths), `glszm` (size zones), `gldm` (dependence), `ngtdm` (neighbourhood tone difference).
// The plan below counts what each file enables.

// %%
const plan = [
  ...paramsPlan(studyParams.params).map((r) => ({ params: STUDY_PARAMS, ...r })),
  ...paramsPlan(defaultParams.params).map((r) => ({ params: "params/default.yaml", ...r })),
];
show(saveTable("extraction-params-plan", plan, {
  producedBy: PRODUCER,
  description: "Features enabled by the study and default params files, per image type and feature class",
  inputs: [studyParams, defaultParams].map((p) => ({ dataset: "file", file: p.path, sha256: p.sha256 })),
}));
for (const p of [studyParams, defaultParams]) {
  console.log(`${p.path}: ${paramsPlan(p.params).reduce((s, r) => s + r.features, 0)} features per ROI`);
}

// %% [markdown]
// ## 2 · Parity with PyRadiomics
// PyRadiomics ships baseline feature values for its test cases (brain1, breast1) under several settings
// (default, 2-D, bin count, weighting, normalisation, resampling, resegmentation …). `verifyPyradiomics` runs our
// extractor with each baseline column's own settings and compares every value: agreement means
// |Δ| ≤ 10⁻⁶·|reference| (or ≤ 10⁻¹⁰ near zero). Any failure would be listed here.

// %%
const parity = await pyradiomicsParity();
show(saveTable("pyradiomics-parity-by-class", parityByClass(parity), {
  producedBy: PRODUCER,
  description: "Our extractor against PyRadiomics' baseline values (brain1, breast1), per feature class",
  inputs: pyradiomicsInputs(),
  settings: { tolerance: "|Δ| ≤ 1e-6·|ref| or ≤ 1e-10", columns: "every baseline column whose image and label are shipped" },
}));
console.log(`${parity.passed} passed, ${parity.failed} failed, ${parity.knownDifferences} known version differences, ${parity.skipped} skipped (not compared).`);
for (const r of parity.rows.filter((x) => x.status === "failed").slice(0, 20)) console.log(`FAILED ${r.column} ${r.featureClass}_${r.feature}: expected ${r.expected}, got ${r.actual}`);
for (const r of parity.rows.filter((x) => x.status === "known-difference")) console.log(`known difference ${r.column} ${r.featureClass}_${r.feature}: baseline ${r.expected}, ours ${r.actual}`);

// %% [markdown]
// **About mesh-shape failures.** PyRadiomics' brain1 `default` baseline column was written by PyRadiomics
// 2.0.1b1, before the current mesh definition (its `diagnostics_Versions_PyRadiomics`); the other columns hold
// current-release mesh values. brain1's four mesh-based shape values (MeshVolume, SurfaceArea, SurfaceVolumeRatio,
// Sphericity) in that column are therefore listed above as *known version differences* — compared and shown,
// neither passed nor failed — with the evidence in `test/features/shape-mesh.test.ts`: our SurfaceArea equals
// the value PyRadiomics' own earlier baseline recorded for brain1 (6438.82), and the current-release columns match.
//
// Values not compared, and why (never counted as passed). Baseline columns whose image files PyRadiomics does
// not ship (the single-slice 2-D label files) cannot be compared; features the extractor does not compute are
// listed with the reason.

// %%
show(toMarkdown(paritySkips(parity)));

// %% [markdown]
// ## 3 · IBSI-1 compliance
// The Image Biomarker Standardisation Initiative publishes consensus values for a digital phantom (no image
// processing) and a CT phantom under fixed processing configurations. IBSI defines some features differently
// from PyRadiomics, so these are computed by the IBSI feature families of `src/features/ibsi`; a value matches
// when it lies within IBSI's tolerance. The compliance report is written to `results/ibsi-compliance.md`.
//
// The CT phantom's 3D configurations C, D and E (2 mm isotropic trilinear or tricubic-spline interpolation,
// range and μ ± 3σ re-segmentation) are implemented as well, but their reference files are not part of the
// project's data (`../shared/data` holds the digital phantom's and configurations A and B): with IBSI's CSV,
// `npx tsradiomics verify ibsi --config C --reference ibsi_1_reference_values_config_C.csv --image … --mask …`
// checks every tag, and the test suite checks key published values of each (docs/features.md).

// %%
const ibsi = await ibsiRuns();
show(saveTable("ibsi-compliance-summary", ibsiSummaryRows(ibsi), {
  producedBy: PRODUCER,
  description: "IBSI-1: reference values matched per phantom / configuration",
  inputs: ibsi.flatMap((r) => r.inputs),
  settings: { tolerance: "IBSI tolerance, at least half a unit of the 3rd significant digit" },
}));
const reportPath = saveDocument("ibsi-compliance", ibsiComplianceMarkdown(ibsi), {
  producedBy: PRODUCER,
  description: "IBSI-1 compliance report: per phantom/configuration and feature family, matched / total",
  inputs: ibsi.flatMap((r) => r.inputs),
});
console.log(`written: ${reportPath.replace(/^.*results\//, "results/")}`);

// %% [markdown]
// ## 4 · The STS cohort's features
// `studyCohort("sts")` extracts every complete STS patient's T1 image and tumour mask with the study params
// through the batch engine (worker processes; each case cached by the SHA-256 of image, mask and params, so a
// rerun extracts nothing). Any failed case would stop here with its error.

// %%
const sts = await studyCohort("sts");
const counts = featureCounts(sts.layout.radiomics);
show(saveTable("sts-feature-counts", counts, {
  producedBy: PRODUCER,
  description: "STS: radiomics features extracted per image type and feature class (study params)",
  inputs: sts.inputs,
  settings: { params: STUDY_PARAMS },
}));
console.log(`${sts.ids.length} patients × ${sts.layout.radiomics.length} features; outcome: ${sts.outcome} ` +
  `(${sts.y.filter((v) => v === 1).length} events). Not extracted: ${sts.excluded.map((e) => `${e.id} (${e.reason})`).join("; ") || "none"}; failures: 0.`);

// %%
const rows = featureRows(sts);
const saved = saveTable("sts-features", rows, {
  producedBy: PRODUCER,
  description: "STS: the feature table (one row per patient: id, lung metastasis, every radiomics feature)",
  inputs: sts.inputs,
  settings: { params: STUDY_PARAMS, outcome: "lung_metastasis" },
});
console.log(`written: ${saved.paths.map((p) => p.replace(/^.*results\//, "results/")).join(", ")}`);
show(toMarkdown(rows.slice(0, 5).map((r) => ({
  patient_id: r.patient_id,
  outcome: r.outcome,
  "shape Volume (mm³)": r.original_shape_VoxelVolume,
  "firstorder Mean": r.original_firstorder_Mean,
  "glcm Contrast": r.original_glcm_Contrast,
  "LoG σ3 firstorder Entropy": r["log-sigma-3-0-mm-3D_firstorder_Entropy"],
})), 4));
