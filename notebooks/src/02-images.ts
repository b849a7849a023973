// %% [markdown]
// # 02 · Images
//
// The paper extracted radiomics from breast DCE-MRI. This notebook looks at the images themselves, with the
// project's own DICOM reader and DCE functions:
//
// 1. **a real breast DCE exam** (UCSF-BR-06, TCIA Breast-MRI-NACT-Pilot): its three time points, the
//    subtraction image (early post-contrast − pre-contrast), percent enhancement (PE) and signal enhancement
//    ratio (SER) maps, their agreement with the maps stored by the scanner software in the exam itself, and
//    the exam's DICOM SEG region;
// 2. **the STS cohort** (soft-tissue sarcoma T1 MRI, the cohort whose radiomics later notebooks model): the
//    tumour masks on the slice through each tumour's largest cross-section.
//
// Every figure and table is written to `results/` with its provenance (input SHA-256s, settings).

// %%
import { dceMaps, subtract } from "../dist/image/dce.js";
import { saveFigure, saveTable, show, toMarkdown } from "../dist/report/index.js";
import {
  busiestSliceIndex, dceInputs, percentileWindow, loadDceExam, mapAgreement, panelFigure, phaseTable, readStsCase, slicePanel, stsCaseInputs, stsExamples, voxelCount,
} from "../dist/study/images.js";
const PRODUCER = "notebooks/02-images.ipynb";

// %% [markdown]
// ## 1 · The DCE exam UCSF-BR-06
// The exam's 180 DICOM files are one series (sagittal 3-D fast gradient echo). `readDicomPhases` groups them
// into time points by their temporal tags and orders them by time; here the ContentTime separates the three
// phases (the AcquisitionNumber alone, 1, 2, 2, could not). Each phase must contain all 60 slice positions.

// %%
const exam = await loadDceExam();
const examInputs = dceInputs();
const phases = phaseTable(exam);
show(saveTable("dce-phases", phases, {
  producedBy: PRODUCER,
  description: `UCSF-BR-06 (${exam.seriesDescription}): the three DCE time points, timing and voxel grid`,
  inputs: examInputs,
  settings: { reader: "readDicomPhases (temporal tags: TemporalPositionIdentifier, TriggerTime, AcquisitionTime, ContentTime, AcquisitionNumber)" },
}));

// %% [markdown]
// S0 is the pre-contrast phase, S1 the early and S2 the late post-contrast phase (≈ 7 and 13 minutes after
// S0). From them:
//
// * **subtraction** S1 − S0: the contrast uptake, the image the paper's radiomics were computed on;
// * **PE** = 100·(S1 − S0)/S0 (percent enhancement, early);
// * **SER** = (S1 − S0)/(S2 − S0) (signal enhancement ratio: > 1 means wash-out, the malignant kinetic pattern).
//
// The exam carries the scanner software's own PE1 and SER maps. `dceMaps` reproduces them with the conventions
// found in them (background S0 < 35 set to 0; PE truncated and negatives set to 0; SER only on the enhancing
// region PE ≥ 70 % with at least 4 of 26 enhancing neighbours, capped at 3). The table compares every voxel.

// %%
const { rows: agreement, maps } = mapAgreement(exam);
show(saveTable("dce-map-agreement", agreement, {
  producedBy: PRODUCER,
  description: "UCSF-BR-06: our PE and SER maps (dceMaps) against the exam's own PE1 and SER maps, every voxel",
  inputs: examInputs,
  settings: { minS0: 35, minPE: 70, minNeighbors: 4, maxSER: 3, serStoredAs: "integer × 0.001 (RescaleSlope)" },
}, { digits: 4 }));
console.log(`PE: ${agreement[0].agree} of ${agreement[0].voxels} voxels identical. SER: ${agreement[1].agree} voxels in both regions, ` +
  `${agreement[1].only_ours} only ours, ${agreement[1].only_exam} only the exam's; largest SER difference ${Number(agreement[1].max_abs_difference).toFixed(4)} ` +
  `(the exam stores SER rounded to 0.001).`);

// %% [markdown]
// ### The DICOM SEG region
// The exam's segmentation object is placed frame by frame onto S0's grid (`readDicomSeg`, frames matched
// through their own ImagePositionPatient). Its segment is "VOI Breast Tissue Segmentation" — the trial's
// **fibroglandular-tissue mask** (pre-contrast background threshold inside the analysis volume of interest), not
// a tumour outline. The tumour is the strongly enhancing, wash-out (high SER) tissue seen in the maps.

// %%
const segVoxels = voxelCount(exam.seg);
const enhancing = voxelCount(maps.region);
let enhancingInSeg = 0;
for (let i = 0; i < exam.seg.data.length; i++) enhancingInSeg += exam.seg.data[i] & maps.region.data[i];
const voxelMl = (exam.s0.spacing[0] * exam.s0.spacing[1] * exam.s0.spacing[2]) / 1000;
show(saveTable("dce-regions", [
  { region: "DICOM SEG (fibroglandular-tissue mask)", voxels: segVoxels, volume_ml: segVoxels * voxelMl },
  { region: "enhancing region (PE ≥ 70 %, S0 ≥ 35, 4-of-26 filter)", voxels: enhancing, volume_ml: enhancing * voxelMl },
  { region: "enhancing region inside the SEG", voxels: enhancingInSeg, volume_ml: enhancingInSeg * voxelMl },
], {
  producedBy: PRODUCER,
  description: "UCSF-BR-06: sizes of the DICOM SEG region and of the enhancing region",
  inputs: examInputs,
  settings: { seg: "mask/1-1.dcm, union of segments, FRACTIONAL threshold 0.5", voxel_ml: voxelMl },
}, { digits: 2 }));

// %% [markdown]
// ### Slices
// One native sagittal slice through the enhancing lesion (the slice with the most enhancing voxels), shown as
// the three phases, the subtraction and the two maps. The red outline is the DICOM SEG region; the three phases
// share one grey-level window (1st–99.5th percentile of S1 on this slice), each window is given in its caption.

// %%
const slice = busiestSliceIndex(maps.region, 2);
const sub = subtract(exam.s1, exam.s0);
const plane = "sagittal" as const;
const win = (a: number, b: number): [number, number] => [a, b];
const anatomy = percentileWindow(exam.s1, plane, slice.index);
const subWindow = percentileWindow(sub, plane, slice.index);
const panels = [
  slicePanel(exam.s0, exam.seg, `S0 pre-contrast\nsignal ${anatomy[0]}–${anatomy[1]}`, { plane: plane, index: slice.index, window: anatomy }),
  slicePanel(exam.s1, exam.seg, `S1 early post-contrast\nsignal ${anatomy[0]}–${anatomy[1]}`, { plane: plane, index: slice.index, window: anatomy }),
  slicePanel(exam.s2, exam.seg, `S2 late post-contrast\nsignal ${anatomy[0]}–${anatomy[1]}`, { plane: plane, index: slice.index, window: anatomy }),
  slicePanel(sub, exam.seg, `Subtraction S1 − S0\nsignal ${subWindow[0]}–${subWindow[1]}`, { plane: plane, index: slice.index, window: subWindow }),
  slicePanel(maps.pe, null, "PE (ours)\n0–200 %", { plane: plane, index: slice.index, window: win(0, 200) }),
  slicePanel(maps.ser, null, "SER (ours) on the enhancing region\n0–2 (white: wash-out)", { plane: plane, index: slice.index, window: win(0, 2) }),
];
show(await saveFigure("dce-ucsf-br-06-slices", panelFigure(panels, {
  title: `UCSF-BR-06 breast DCE-MRI, sagittal slice ${slice.index + 1} of ${exam.s0.size[2]}`,
  subtitle: `slice with the most enhancing voxels (${slice.voxels}); pixel ${exam.s0.spacing[0].toFixed(2)} mm, slice thickness ${exam.s0.spacing[2].toFixed(1)} mm`,
  columns: 3,
  legend: [{ color: "#ff3b30", text: "DICOM SEG region (fibroglandular-tissue mask of the analysis VOI)" }],
  scaleBarMm: 50,
}), {
  producedBy: PRODUCER,
  description: "UCSF-BR-06: three DCE phases, subtraction, PE and SER on one sagittal slice with the DICOM SEG outline",
  inputs: examInputs,
  settings: { plane: plane, slice: slice.index, windows: { phases: anatomy, subtraction: subWindow, pe: [0, 200], ser: [0, 2] } },
}));

// %% [markdown]
// Our maps against the exam's own maps on the same slice: they are the same images (table above).

// %%
show(await saveFigure("dce-ucsf-br-06-maps-vs-exam", panelFigure([
  slicePanel(maps.pe, null, "PE, ours (dceMaps)\n0–200 %", { plane: plane, index: slice.index, window: win(0, 200) }),
  slicePanel(exam.peMap, null, "PE1, stored in the exam\n0–200 %", { plane: plane, index: slice.index, window: win(0, 200) }),
  slicePanel(maps.ser, null, "SER, ours (dceMaps)\n0–2", { plane: plane, index: slice.index, window: win(0, 2) }),
  slicePanel(exam.serMap, null, "SER, stored in the exam\n0–2", { plane: plane, index: slice.index, window: win(0, 2) }),
], {
  title: "UCSF-BR-06: PE and SER maps, ours vs the exam's",
  subtitle: `sagittal slice ${slice.index + 1}; every voxel compared in the agreement table`,
  columns: 4,
  scaleBarMm: 50,
}), {
  producedBy: PRODUCER,
  description: "UCSF-BR-06: our PE/SER maps next to the maps stored in the exam, same slice and windows",
  inputs: examInputs,
  settings: { plane: plane, slice: slice.index, minS0: 35, minPE: 70, minNeighbors: 4, maxSER: 3 },
}));

// %% [markdown]
// ## 2 · STS: tumour masks on T1 MRI
// The soft-tissue sarcoma cohort (T1-weighted MRI, axial, ≈ 1 × 1 × 3.3 mm voxels) is the real image cohort
// whose radiomics the later notebooks extract and model; its outcome is lung metastasis. Shown: the first two
// patients with and the first two without lung metastasis (patient order, no selection), each on the axial
// slice through the tumour's largest cross-section, with the expert tumour mask outlined.

// %%
const examples = stsExamples(2);
const stsPanels = [];
const stsRows = [];
for (const c of examples) {
  const { image, mask } = await readStsCase(c);
  const s = busiestSliceIndex(mask, 2);
  const tumour = voxelCount(mask);
  const vol = (tumour * image.spacing[0] * image.spacing[1] * image.spacing[2]) / 1000;
  stsPanels.push(slicePanel(image, mask, `${c.patientId} · ${c.lungMetastasis ? "lung metastasis" : "no metastasis"}\nslice ${s.index + 1}/${image.size[2]}, tumour ${vol.toFixed(0)} ml`, { plane: "axial", index: s.index, width: 260, color: "#ffd400" }));
  stsRows.push({ patient: c.patientId, lung_metastasis: c.lungMetastasis, grid: image.size.join(" × "), spacing_mm: image.spacing.map((v) => +v.toFixed(3)).join(" × "), tumour_voxels: tumour, tumour_ml: vol, slice: s.index + 1, cross_section_cm2: (s.voxels * image.spacing[0] * image.spacing[1]) / 100 });
}
show(toMarkdown(stsRows, 2));
show(await saveFigure("sts-tumour-slices", panelFigure(stsPanels, {
  title: "Soft-tissue sarcoma, T1 MRI: tumour masks",
  subtitle: "axial slice through each tumour's largest cross-section; grey window: 1st–99th percentile of the slice",
  columns: 4,
  legend: [{ color: "#ffd400", text: "expert tumour mask (label 1)" }],
  scaleBarMm: 50,
}), {
  producedBy: PRODUCER,
  description: "STS: T1 slices through the largest tumour cross-section with the tumour mask, two patients with and two without lung metastasis",
  inputs: stsCaseInputs(examples),
  settings: { plane: "axial", slice: "most mask voxels", selection: "first 2 per outcome in patient order", window: "1st–99th percentile" },
}));
