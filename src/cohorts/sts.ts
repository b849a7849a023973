/** Soft-tissue sarcoma cohort: T1 MRI + tumour mask per patient, lung-metastasis outcome. */
import { readFileSync } from "node:fs";
import { dataFile, datasetFiles } from "../data/registry.js";
import { InputError } from "../errors.js";
import { parseCsv } from "../batch/csv.js";

export interface StsCase {
  patientId: string;
  imagePath: string;
  maskPath: string;
  lungMetastasis: 0 | 1;
}

export interface StsCohort {
  /** Patients with both image and mask, in patient order. */
  cases: StsCase[];
  /** Patients listed in outcome.csv whose image or mask is missing, with what is missing. */
  incomplete: { patientId: string; missing: string[] }[];
}

export const STS_IMAGE = "MR_T1_image.nii.gz";
export const STS_MASK = "MR_T1_mask.nii.gz";

/** Reads outcome.csv (patient_id, lung_metastasis). */
export function loadStsOutcome(): Map<string, 0 | 1> {
  const path = dataFile("sts", "outcome.csv");
  const lines = parseCsv(readFileSync(path, "utf8"), path).filter((r) => !(r.length === 1 && r[0] === ""));
  const header = lines[0];
  const idCol = header.indexOf("patient_id");
  const yCol = header.indexOf("lung_metastasis");
  if (idCol < 0 || yCol < 0) throw new InputError(`${path}: expected columns patient_id, lung_metastasis; found ${header.join(", ")}`);
  const out = new Map<string, 0 | 1>();
  lines.slice(1).forEach((line, i) => {
    const cells = line;
    if (cells.length !== header.length) throw new InputError(`${path}: row ${i + 2} has ${cells.length} fields, the header has ${header.length}`);
    if (out.has(cells[idCol].trim())) throw new InputError(`${path}: row ${i + 2}: patient ${cells[idCol]} appears twice`);
    const y = cells[yCol].trim();
    if (y !== "0" && y !== "1") throw new InputError(`${path}: row ${i + 2} (${cells[idCol]}): lung_metastasis must be 0 or 1, found '${y}'`);
    out.set(cells[idCol].trim(), y === "1" ? 1 : 0);
  });
  return out;
}

/** Pairs every patient of outcome.csv with its registered image and mask; reports incomplete ones. */
export function loadStsCohort(): StsCohort {
  const outcome = loadStsOutcome();
  const files = new Set(datasetFiles("sts", "nifti/"));
  const cases: StsCase[] = [];
  const incomplete: StsCohort["incomplete"] = [];
  for (const [patientId, y] of [...outcome].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const image = `nifti/${patientId}/${STS_IMAGE}`;
    const mask = `nifti/${patientId}/${STS_MASK}`;
    const missing = [image, mask].filter((f) => !files.has(f));
    if (missing.length > 0) {
      incomplete.push({ patientId, missing });
      continue;
    }
    cases.push({ patientId, imagePath: dataFile("sts", image), maskPath: dataFile("sts", mask), lungMetastasis: y });
  }
  return { cases, incomplete };
}
