/**
 * Notebook 01 ("first look"): simple first-order features of every complete STS image/mask pair,
 * computed with the project's own reader, mask checks, PyRadiomics discretisation and firstorder
 * class, then a small logistic model and its ROC curve.
 */
import { loadStsCohort, type StsCase, type StsCohort } from "../cohorts/sts.js";
import { registeredHash } from "../data/registry.js";
import { firstOrderFeatures } from "../features/firstorder.js";
import { discretize } from "../image/discretize.js";
import { checkGeometry, selectLabel } from "../image/mask.js";
import { readImage } from "../io/read.js";
import { progress } from "../report/progress.js";
import type { InputRecord } from "../report/provenance.js";
import { fitLogistic, predictProbability, type LogisticFit } from "../stats/logistic.js";
import { aucCiDelong, roc, type AucCi, type RocCurve } from "../stats/roc.js";

/** The features of the first look, with PyRadiomics column names. */
export const SIMPLE_FEATURES = [
  "original_shape_VoxelVolume",
  "original_firstorder_Mean",
  "original_firstorder_StandardDeviation",
  "original_firstorder_Minimum",
  "original_firstorder_Maximum",
  "original_firstorder_Energy",
] as const;

export interface SimpleFeatureRow {
  patient_id: string;
  lung_metastasis: number;
  [feature: string]: string | number;
}

/** VoxelVolume = Np·Δx·Δy·Δz; first-order values as PyRadiomics (binWidth 25, no shift) on the label-1 ROI. */
export async function simpleFeatures(c: StsCase): Promise<SimpleFeatureRow> {
  const image = await readImage(c.imagePath);
  const mask = selectLabel(await readImage(c.maskPath), 1, c.maskPath);
  checkGeometry(image, mask, 1e-3, { image: c.imagePath, mask: c.maskPath });
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) n += mask.data[i];
  const values = new Float64Array(n);
  for (let i = 0, k = 0; i < mask.data.length; i++) if (mask.data[i]) values[k++] = image.data[i];
  const { bins } = discretize(values, new Uint8Array(n).fill(1), { binWidth: 25 });
  const voxelVolume = image.spacing[0] * image.spacing[1] * image.spacing[2];
  const fo = firstOrderFeatures({ values, bins, voxelVolume }, ["Mean", "StandardDeviation", "Minimum", "Maximum", "Energy"]);
  return {
    patient_id: c.patientId,
    lung_metastasis: c.lungMetastasis,
    original_shape_VoxelVolume: n * voxelVolume,
    original_firstorder_Mean: fo.get("Mean")!,
    original_firstorder_StandardDeviation: fo.get("StandardDeviation")!,
    original_firstorder_Minimum: fo.get("Minimum")!,
    original_firstorder_Maximum: fo.get("Maximum")!,
    original_firstorder_Energy: fo.get("Energy")!,
  };
}

/** Simple features of every complete pair, in patient order (with a progress line). */
export async function stsSimpleFeatures(cohort: StsCohort = loadStsCohort()): Promise<SimpleFeatureRow[]> {
  const rows: SimpleFeatureRow[] = [];
  const bar = progress("STS simple features", cohort.cases.length);
  for (const c of cohort.cases) {
    rows.push(await simpleFeatures(c));
    bar.tick(c.patientId);
  }
  bar.done();
  return rows;
}

/** SHA-256 records of the STS files a table was computed from. */
export function stsInputs(cohort: StsCohort): InputRecord[] {
  const files = ["outcome.csv", ...cohort.cases.flatMap((c) => [`nifti/${c.patientId}/MR_T1_image.nii.gz`, `nifti/${c.patientId}/MR_T1_mask.nii.gz`])];
  return files.map((file) => ({ dataset: "sts", file, sha256: registeredHash("sts", file) }));
}

export interface FirstModel {
  predictors: string[];
  fit: LogisticFit;
  probabilities: Float64Array;
  curve: RocCurve;
  ci: AucCi;
}

/**
 * Logistic regression of lung metastasis on the given columns (apparent performance: the model is
 * scored on the patients it was fitted to — optimistic by construction; later notebooks validate).
 * `transform` maps a raw value per column (e.g. log for volumes).
 */
export function firstModel(rows: SimpleFeatureRow[], predictors: { column: string; transform?: "log" }[]): FirstModel {
  const names = predictors.map((p) => (p.transform ? `${p.transform}(${p.column})` : p.column));
  const x = rows.map((r) => predictors.map((p) => (p.transform === "log" ? Math.log(Number(r[p.column])) : Number(r[p.column]))));
  const y = rows.map((r) => Number(r.lung_metastasis));
  const fit = fitLogistic(x, y, { names });
  const probabilities = predictProbability(fit, x);
  const curve = roc(y, probabilities, "<");
  return { predictors: names, fit, probabilities, curve, ci: aucCiDelong(curve) };
}
