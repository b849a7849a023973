// %% [markdown]
// # 04 · Reliability of the features under segmentation variability
//
// A tumour outline drawn by another reader, or on another day, is never the same. Radiomics studies (the paper
// included) therefore keep only features that are **reproducible**: the intraclass correlation coefficient
// (ICC) of each feature across repeated segmentations must be ≥ 0.75. Without repeated expert contours for the
// public STS cohort, this notebook simulates the variability a reader introduces, on each tumour mask:
//
// * **eroded**: one voxel removed from the outline in-plane (a tighter contour);
// * **dilated**: one voxel added in-plane (a looser contour);
// * **shifted**: the whole contour moved by one voxel (≈ 1 mm) in-plane.
//
// The perturbations are in-plane only (4-neighbour cross on each slice): the STS voxels are ≈ 1 × 1 × 3.3 mm,
// and a reader redraws a contour slice by slice. The original-image features (shape, first order, texture;
// study settings) are re-extracted on each mask version, and the ICC per feature is computed over the four
// versions (the expert mask and its three perturbations) as raters.

// %%
import * as Plot from "@observablehq/plot";
import { extractCohort } from "../dist/batch/cohort.js";
import { loadParams } from "../dist/extract/params.js";
import { plotToSvg, progress, saveFigure, saveTable, show, toMarkdown, withTitle, PALETTE } from "../dist/report/index.js";
import { readStsCase, stsCaseInputs, stsExamples } from "../dist/study/images.js";
import { featureIccs, iccSummary, PERTURBATIONS, writeMaskVersions } from "../dist/study/reliability.js";
import { cacheDir, featureColumns, STUDY_PARAMS } from "../dist/study/study.js";
import { registeredHash } from "../dist/data/registry.js";
import { sha256File, projectRoot } from "../dist/data/registry.js";
const PRODUCER = "notebooks/04-reliability.ipynb";
const ICC_THRESHOLD = 0.75;

// %% [markdown]
// ## 1 · Patients and mask versions
// To keep the notebook within its time budget (4 extractions per patient), the analysis uses a **subset of 16
// of the 49 patients**: the first 8 with and the first 8 without lung metastasis, in patient order (no
// selection on the images). The perturbed masks are written once under `.cache/reliability/<mask SHA-256>/`
// and their extractions are cached by the batch engine.

// %%
const subset = stsExamples(8);
const records = [];
for (const c of subset) {
  const { mask } = await readStsCase(c);
  const sha = registeredHash("sts", `nifti/${c.patientId}/MR_T1_mask.nii.gz`);
  records.push(...(await writeMaskVersions(c.patientId, c.imagePath, mask, cacheDir("reliability", sha.slice(0, 16)))));
}
const versionRows = subset.map((c) => {
  const mine = records.filter((r) => r.patient_id === c.patientId);
  const n = (v: string) => mine.find((r) => r.version === v)!.voxels;
  const pct = (v: string) => (100 * (n(v) - n("original"))) / n("original");
  return { patient: c.patientId, lung_metastasis: c.lungMetastasis, original_voxels: n("original"), eroded_change_pct: pct("eroded"), dilated_change_pct: pct("dilated"), shifted_change_pct: pct("shifted") };
});
show(saveTable("reliability-mask-versions", versionRows, {
  producedBy: PRODUCER,
  description: "STS reliability subset: tumour mask voxels and the change (%) made by each one-voxel perturbation",
  inputs: stsCaseInputs(subset),
  settings: { perturbations: ["in-plane erosion, 4-neighbour cross", "in-plane dilation, 4-neighbour cross", "shift +1 voxel along x"], subset: "first 8 per outcome in patient order" },
}, { digits: 1 }));

// %% [markdown]
// ## 2 · Re-extraction
// The study params restricted to the original image (`imageType: Original`), all seven classes; the batch
// engine runs the 64 extractions in worker processes.

// %%
const studyParams = loadParams(`${projectRoot()}/${STUDY_PARAMS}`);
const originalOnly = { ...studyParams, imageType: { Original: {} } };
const bar = progress("reliability: extraction", records.length);
let done = 0;
const table = await extractCohort(records.map(({ Image, Mask, patient_id, version }) => ({ Image, Mask, patient_id, version })), originalOnly, {
  cacheDir: cacheDir("features"),
  onProgress: (p) => {
    while (done < p.done) (done++, bar.tick());
  },
});
bar.done();
if (table.failures?.length) throw new Error(`extraction failed for ${table.failures.length} mask version(s): ${table.failures[0].error}`);
const names = featureColumns(table);
console.log(`${table.numRows()} extractions (${subset.length} patients × ${PERTURBATIONS.length} mask versions), ${names.length} original-image features each.`);

// %% [markdown]
// ## 3 · ICC per feature
// ICC(2,1) — two-way random effects, **absolute agreement**, single rater (Shrout & Fleiss ICC(2,1), McGraw &
// Wong ICC(A,1), as `irr::icc(model = "twoway", type = "agreement")`): the mask versions are raters, so a
// feature that shifts systematically with the contour (erosion shrinks every tumour) is penalised, not only one
// that reorders patients. Features with ICC ≥ 0.75 are kept as robust.

// %%
const pid = table.array("patient_id") as ArrayLike<string>;
const ver = table.array("version") as ArrayLike<string>;
const rowOf = new Map<string, number>();
for (let r = 0; r < table.numRows(); r++) rowOf.set(`${pid[r]}|${ver[r]}`, r);
const values = names.map((f) => {
  const col = table.array(f) as ArrayLike<number>;
  return subset.map((c) => PERTURBATIONS.map((v) => col[rowOf.get(`${c.patientId}|${v}`)!]));
});
const iccs = featureIccs(names, values, { model: "twoway", type: "agreement", threshold: ICC_THRESHOLD });
const summary = iccSummary(iccs).map(({ image_type: _t, ...r }) => r);
const iccInputs = [...stsCaseInputs(subset), { dataset: "file", file: STUDY_PARAMS, sha256: sha256File(`${projectRoot()}/${STUDY_PARAMS}`) }];
const iccSettings = { icc: "ICC(2,1) two-way random, absolute agreement, single (irr::icc twoway/agreement)", threshold: ICC_THRESHOLD, raters: PERTURBATIONS, patients: subset.map((c) => c.patientId), imageType: "Original", params: STUDY_PARAMS };
show(saveTable("reliability-icc-by-class", summary, {
  producedBy: PRODUCER,
  description: "STS reliability: original-image features kept (ICC(2,1) ≥ 0.75) and dropped per feature class",
  inputs: iccInputs,
  settings: iccSettings,
}));
const kept = iccs.filter((r) => r.robust).length;
console.log(`${kept} of ${iccs.length} features robust (ICC ≥ ${ICC_THRESHOLD}); ${iccs.filter((r) => Number.isNaN(r.icc)).length} undefined (constant).`);

// %%
const classes = [...new Set(iccs.map((r) => r.featureClass))];
const lowest = Math.min(0.5, ...iccs.map((r) => r.icc).filter(Number.isFinite));
const pts = iccs.filter((r) => Number.isFinite(r.icc));

const xLow = Math.floor(lowest * 10) / 10;
const legendX = (i: number) => xLow + (1 - xLow) * (0.01 + 0.12 * i);
// A strip per class: every feature a dot, jittered deterministically within its class band.
const stripRows = pts.map((r) => {
  const k = iccs.indexOf(r);
  return { ...r, jitter: ((k * 0.618034) % 1) - 0.5 };
});
const strip = plotToSvg({
  width: 760,
  height: 90 + 52 * classes.length,
  marginLeft: 90,
  marginBottom: 46,
  marginTop: 30,
  x: { domain: [Math.floor(lowest * 10) / 10, 1], label: "ICC(2,1) across the four mask versions", labelAnchor: "center", labelArrow: "none", grid: true },
  y: { domain: [-0.5, classes.length - 0.5], ticks: classes.map((_, i) => i), tickFormat: (i: number) => classes[i], label: null, reverse: true },
  marks: [
    Plot.ruleX([ICC_THRESHOLD], { stroke: "black", strokeDasharray: "5,3", strokeWidth: 1.5 }),
    Plot.dot(stripRows, { x: "icc", y: (d: { featureClass: string; jitter: number }) => classes.indexOf(d.featureClass) + 0.7 * d.jitter, fill: (d: { robust: boolean }) => (d.robust ? PALETTE[2] : PALETTE[1]), r: 4, stroke: "white", strokeWidth: 0.5 }),
    Plot.text([{ x: ICC_THRESHOLD, t: `ICC = ${ICC_THRESHOLD}` }], { x: "x", text: "t", frameAnchor: "top", dy: -14, dx: -4, textAnchor: "end", fontSize: 11 }),
    Plot.dot([{ t: "robust" }, { t: "dropped" }], { x: (_: unknown, i: number) => legendX(i), frameAnchor: "top", dy: -14, fill: (_: unknown, i: number) => PALETTE[i === 0 ? 2 : 1], r: 5 }),
    Plot.text([{ t: "robust" }, { t: "dropped" }], { x: (_: unknown, i: number) => legendX(i), text: "t", frameAnchor: "top", dy: -14, dx: 9, textAnchor: "start", fontSize: 11 }),
    Plot.frame(),
  ],
});
show(await saveFigure("reliability-icc-by-class", withTitle(strip,
  "Feature reliability under one-voxel contour perturbations (STS T1, original image)",
  `${subset.length} patients × 4 mask versions (expert, eroded, dilated, shifted); ${kept} of ${iccs.length} features with ICC ≥ ${ICC_THRESHOLD}`), {
  producedBy: PRODUCER,
  description: "STS reliability: ICC(2,1) of each original-image feature across four mask versions, by feature class, with the 0.75 threshold",
  inputs: iccInputs,
  settings: iccSettings,
}));

// %% [markdown]
// ## 4 · The robust feature list
// Every original-image feature with its ICC and 95% CI, sorted by class and ICC; `robust` marks the features a
// model should be allowed to use. Later notebooks can restrict feature selection to this list.

// %%
const list = [...iccs].sort((a, b) => a.featureClass.localeCompare(b.featureClass) || b.icc - a.icc).map((r) => ({
  feature: r.feature, feature_class: r.featureClass, icc: r.icc, ci_lower: r.lower, ci_upper: r.upper, robust: r.robust ? 1 : 0,
}));
const savedList = saveTable("reliability-robust-features", list, {
  producedBy: PRODUCER,
  description: "STS reliability: ICC(2,1) per original-image feature and whether it is robust (ICC ≥ 0.75)",
  inputs: iccInputs,
  settings: iccSettings,
});
console.log(`written: ${savedList.paths.map((p) => p.replace(/^.*results\//, "results/")).join(", ")}`);
show(toMarkdown(list.filter((r) => !r.robust), 3));

// %% [markdown]
// **Reading the result.** One-voxel contour changes move the tumour volume by about 4–14 % (table in §1), and
// almost every original-image feature keeps ICC ≥ 0.75: first-order and shape features are the most stable,
// the zone- and run-based texture features (GLSZM, GLRLM) the least. This is a lower bound on real
// inter-reader variability (no second expert contour is public for this cohort) on 16 of the 49 patients, so
// the list is a filter against fragile features, not a proof of reproducibility; LoG-filtered features were not
// perturbed here.
