/**
 * Writes a simulated cohort to a folder, PyRadiomics-batch ready:
 *   SIM_001/phase0.nrrd, phase1.nrrd, phase2.nrrd   S0, S1, S2 (int16)
 *   SIM_001/sub1.nrrd                                S1 − S0 (int16; the image radiomics is extracted from)
 *   SIM_001/mask.nrrd                                lesion mask (uint8, label 1)
 *   clinical.csv   one row per patient: patient_id, imn_metastasis, clinical factors
 *   truth.csv      the known truth (true log-odds/probability, latents, lesion parameters, rendered
 *                  lesion diameter and mask voxels) — not for modelling
 *   cases.csv      batch CSV: Image (sub1), Mask, patient_id — paths relative to the folder
 *   README.md      SIMULATED_LABEL, seed and the generating settings
 *   manifest.json  SHA-256 of every image's content (grid + voxels) and of its file
 * Idempotent: an image is rewritten only when its content hash differs from the manifest's or the
 * file on disk no longer has the recorded file hash; text files only when their text differs.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { csvLine } from "../batch/csv.js";
import type { Image3D } from "../image/types.js";
import { writeImage } from "../io/write.js";
import { CLINICAL_COLUMNS } from "./clinical.js";
import { SIMULATED_LABEL } from "./label.js";
import type { SimulatedCohort } from "./paper-cohort.js";
import { renderPatientFromSeed } from "./phantom.js";

/** What `writeSimulatedCohort` did (paths relative to the folder). */
export interface WriteCohortResult {
  dir: string;
  written: string[];
  skipped: string[];
  /** Absolute path of cases.csv (the batch input). */
  casesCsv: string;
  clinicalCsv: string;
}

interface ManifestEntry {
  content: string;
  file: string;
}

/** The image files of one patient, in write order. */
export const PATIENT_FILES = ["phase0.nrrd", "phase1.nrrd", "phase2.nrrd", "sub1.nrrd", "mask.nrrd"] as const;

/** SHA-256 of an image's content: size, spacing, origin, direction, voxel type and voxel bytes. */
export function imageContentHash(image: Image3D): string {
  const h = createHash("sha256");
  h.update(JSON.stringify([image.size, image.spacing, image.origin, image.direction, image.data.constructor.name]));
  h.update(new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength));
  return h.digest("hex");
}

function fileHash(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** Writes `text` to `path` unless the file already holds exactly that text. */
function writeTextIfChanged(path: string, text: string): boolean {
  if (existsSync(path) && readFileSync(path, "utf8") === text) return false;
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  return true;
}

function readManifest(path: string): Record<string, ManifestEntry> {
  if (!existsSync(path)) return {};
  try {
    const m = JSON.parse(readFileSync(path, "utf8")) as { files?: Record<string, ManifestEntry> };
    return m.files ?? {};
  } catch {
    return {}; // A damaged manifest only costs a rewrite of the images.
  }
}

/** Number formatting for the CSVs: integers as is, reals to 6 significant digits. */
function num(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

/** clinical.csv text. */
export function clinicalCsv(cohort: SimulatedCohort): string {
  let out = csvLine([...CLINICAL_COLUMNS]);
  for (const p of cohort.patients) out += csvLine(CLINICAL_COLUMNS.map((c) => { const v = p.clinical[c]; return typeof v === "number" ? num(v) : v; }));
  return out;
}

const TRUTH_COLUMNS = [
  "patient_id", "imn_metastasis", "true_linear_predictor", "true_probability", "z_enhancement", "z_washout",
  "z_heterogeneity", "lesion_diameter_mm", "wash_in", "ser", "heterogeneity", "irregularity",
  "rendered_diameter_mm", "mask_voxels",
];

/** What the rendering made of one lesion: base-ellipsoid equivalent diameter after fitting, mask voxels. */
export interface RenderedLesion {
  diameterMm: number;
  maskVoxels: number;
}

/** truth.csv text (`rendered[i]` from the images of patient i). */
export function truthCsv(cohort: SimulatedCohort, rendered: readonly RenderedLesion[]): string {
  let out = csvLine(TRUTH_COLUMNS);
  cohort.patients.forEach((p, i) => {
    const t = p.truth;
    const l = p.lesion;
    out += csvLine([p.clinical.patient_id, String(p.clinical.imn_metastasis), ...[
      t.linear_predictor, t.probability, t.z_enhancement, t.z_washout, t.z_heterogeneity,
      l.diameterMm, l.washIn, l.ser, l.heterogeneity, l.irregularity, rendered[i].diameterMm, rendered[i].maskVoxels,
    ].map(num)]);
  });
  return out;
}

/** cases.csv text (PyRadiomics batch: Image = early subtraction, Mask, patient_id). */
export function casesCsv(cohort: SimulatedCohort): string {
  let out = csvLine(["Image", "Mask", "patient_id"]);
  for (const p of cohort.patients) {
    const id = p.clinical.patient_id;
    out += csvLine([`${id}/sub1.nrrd`, `${id}/mask.nrrd`, id]);
  }
  return out;
}

function readme(cohort: SimulatedCohort): string {
  const c = cohort.coefficients;
  return [
    `# ${SIMULATED_LABEL}`,
    "",
    `Synthetic data generated by tsradiomics \`simulatePaperCohort\` (seed ${cohort.seed}, n ${cohort.n},`,
    `target prevalence ${cohort.prevalence}, imaging effect δ ${cohort.imagingEffect}). It mirrors the design of`,
    "Wang et al., Front Oncol 2025 (IMN metastasis, clinical + DCE-MRI radiomics); it is NOT their data.",
    "See docs/simulated-cohort.md in the tsradiomics repository for every assumption.",
    "",
    `Truth model: logit P(IMN) = ${num(c.intercept)} + ${c.aln}·ALN + ${c.alnFourPlus}·[≥4 ALN] + ${c.innerCentral}·inner/central`,
    `+ ${c.sizePerCm}·(size − 2 cm) + ${c.youngAge}·[age < 40] + ${c.lvi}·LVI.`,
    "",
  ].join("\n");
}

/**
 * Writes the cohort to `dir` (created if needed) as described in the module comment and returns
 * which files were written or skipped. Images are rendered one patient at a time.
 */
export async function writeSimulatedCohort(cohort: SimulatedCohort, dir: string): Promise<WriteCohortResult> {
  mkdirSync(dir, { recursive: true });
  const manifestPath = join(dir, "manifest.json");
  const previous = readManifest(manifestPath);
  const files: Record<string, ManifestEntry> = {};
  const written: string[] = [];
  const skipped: string[] = [];
  const rendered: RenderedLesion[] = [];
  for (let i = 0; i < cohort.patients.length; i++) {
    const p = cohort.patients[i];
    const id = p.clinical.patient_id;
    const im = renderPatientFromSeed(cohort.seed, i, p.lesion, cohort.image);
    const images = [im.phases[0], im.phases[1], im.phases[2], im.sub1, im.mask];
    const [a, b, c] = im.shape.semiAxesMm;
    rendered.push({ diameterMm: 2 * Math.cbrt(a * b * c), maskVoxels: im.lesionVoxels });
    for (let k = 0; k < PATIENT_FILES.length; k++) {
      const rel = `${id}/${PATIENT_FILES[k]}`;
      const abs = join(dir, rel);
      const content = imageContentHash(images[k]);
      const old = previous[rel];
      if (old && old.content === content && existsSync(abs) && fileHash(abs) === old.file) {
        files[rel] = old;
        skipped.push(rel);
        continue;
      }
      await writeImage(images[k], abs);
      files[rel] = { content, file: fileHash(abs) };
      written.push(rel);
    }
  }
  const texts: [string, string][] = [
    ["clinical.csv", clinicalCsv(cohort)],
    ["truth.csv", truthCsv(cohort, rendered)],
    ["cases.csv", casesCsv(cohort)],
    ["README.md", readme(cohort)],
    ["manifest.json", `${JSON.stringify({ label: SIMULATED_LABEL, seed: cohort.seed, n: cohort.n, files }, null, 1)}\n`],
  ];
  for (const [name, text] of texts) (writeTextIfChanged(join(dir, name), text) ? written : skipped).push(name);
  return { dir, written, skipped, casesCsv: join(dir, "cases.csv"), clinicalCsv: join(dir, "clinical.csv") };
}
