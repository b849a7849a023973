/**
 * The study's cohorts, built once per process: the headless runner executes all notebooks in one
 * process, so each cohort is loaded, extracted and developed once; a Jupyter kernel builds what its
 * notebook asks for. Radiomics of the image cohorts come from our own extractor through the batch
 * engine, cached by image/mask/params hashes under .cache/features (a rerun extracts nothing).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { extractCohort } from "../batch/cohort.js";
import { loadStsCohort } from "../cohorts/sts.js";
import { projectRoot, registeredHash } from "../data/registry.js";
import { InputError } from "../errors.js";
import { loadParams } from "../extract/params.js";
import { progress } from "../report/progress.js";
import type { InputRecord } from "../report/provenance.js";
import { sha256File } from "../data/registry.js";
import { simulatePaperCohort, writeSimulatedCohort, SIMULATED_LABEL } from "../sim/paper-cohort.js";
import { developModels, validateModels, type Developed, type ValidationSettings } from "./analysis.js";
import { assembleCohort, dukeStudyCohort, rotterdamStudyCohort, type StudyCohort } from "./cohorts.js";
import { DEFAULT_SETTINGS, type PaperModelSettings } from "./paper-model.js";

export type CohortId = "duke" | "simulated" | "sts" | "rotterdam";
export const COHORT_IDS: CohortId[] = ["duke", "simulated", "sts", "rotterdam"];

/** Where cached extractions and the simulated images live (project-local, not in git). */
export function cacheDir(...parts: string[]): string {
  const dir = join(process.env.TSRADIOMICS_CACHE ?? join(projectRoot(), ".cache"), ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const STUDY_PARAMS = "params/study-mr.yaml";

/**
 * Validation settings per cohort. Every resample refits the whole development (including the LASSO's own
 * 10-fold CV), so the number of resamples is set by cost: 10 × 10-fold CV and 100 bootstraps for the
 * clinical-only Rotterdam cohort, 5-fold × 5 repeats and 20 bootstraps for the image cohorts (a Duke
 * radiomics development, 827 patients × 507 features, takes about 1.5 s).
 * Raise them for a final analysis; the study's 10-minute budget on 2 cores sets these defaults.
 */
export const VALIDATION: Record<CohortId, ValidationSettings> = {
  duke: { k: 5, repeats: 5, nBoot: 20, seed: 2025 },
  simulated: { k: 5, repeats: 5, nBoot: 20, seed: 2025 },
  sts: { k: 5, repeats: 5, nBoot: 20, seed: 2025 },
  rotterdam: { k: 10, repeats: 10, nBoot: 100, seed: 2025 },
};

const memo = ((globalThis as Record<symbol, unknown>)[Symbol.for("tsradiomics.study")] ??= new Map()) as Map<string, Promise<unknown>>;

function once<T>(key: string, make: () => Promise<T>): Promise<T> {
  if (!memo.has(key)) {
    // A failure is not remembered: after fixing its cause (e.g. the data) the next call tries again.
    const p = make();
    p.catch(() => memo.delete(key));
    memo.set(key, p);
  }
  return memo.get(key) as Promise<T>;
}

/** Extracts features for records {Image, Mask, patient_id} with the study params (cached). */
export async function extractStudyFeatures(records: { Image: string; Mask: string; patient_id: string }[], title: string) {
  const params = loadParams(join(projectRoot(), STUDY_PARAMS));
  const bar = progress(`${title}: feature extraction`, records.length);
  let done = 0;
  const table = await extractCohort(records, params, {
    cacheDir: cacheDir("features"),
    onProgress: (p) => {
      while (done < p.done) (done++, bar.tick());
    },
  });
  bar.done();
  if (table.failures?.length) {
    const f = table.failures[0];
    throw new InputError(`${title}: extraction failed for ${table.failures.length} case(s), first: ${JSON.stringify(f.case)}: ${f.error}`);
  }
  return table;
}

/** Radiomics feature columns of an extraction table (numeric features only; diagnostics dropped). */
export function featureColumns(table: { columnNames(): string[]; array(name: string): ArrayLike<unknown> }): string[] {
  return table.columnNames().filter((c) => /^(original|log-sigma|wavelet|square|squareroot|logarithm|exponential|gradient|lbp)/.test(c) && typeof table.array(c)[0] === "number");
}

/** STS: lung metastasis from our own radiomics of the T1 MRI (no clinical factors in the public set). */
export async function stsStudyCohort(): Promise<StudyCohort> {
  const sts = loadStsCohort();
  const table = await extractStudyFeatures(
    sts.cases.map((c) => ({ Image: c.imagePath, Mask: c.maskPath, patient_id: c.patientId })),
    "STS",
  );
  const features = featureColumns(table);
  const ids = table.array("patient_id") as ArrayLike<string>;
  const y = new Map(sts.cases.map((c) => [c.patientId, c.lungMetastasis]));
  const inputs: InputRecord[] = [
    { dataset: "sts", file: "outcome.csv", sha256: registeredHash("sts", "outcome.csv") },
    ...sts.cases.flatMap((c) => ["MR_T1_image.nii.gz", "MR_T1_mask.nii.gz"].map((f) => ({ dataset: "sts", file: `nifti/${c.patientId}/${f}`, sha256: registeredHash("sts", `nifti/${c.patientId}/${f}`) }))),
    { dataset: "file", file: STUDY_PARAMS, sha256: sha256File(join(projectRoot(), STUDY_PARAMS)) },
  ];
  const cohort = assembleCohort(
    { id: "sts", title: "Soft-tissue sarcoma T1 MRI (real, radiomics only)", simulated: false, outcome: "lung metastasis", labels: {}, inputs },
    ids.length,
    {
      id: (i) => ids[i],
      y: (i) => y.get(ids[i]) ?? null,
      clinical: [],
      radiomics: features.map((f) => [f, (i: number) => (table.array(f) as ArrayLike<number>)[i]]),
    },
  );
  for (const p of sts.incomplete) cohort.excluded.push({ id: p.patientId, reason: `no image (${p.missing.join(", ")})` });
  return cohort;
}

/** The simulated paper cohort: 124 synthetic patients, clinical factors + radiomics of the early subtraction. */
export async function simulatedStudyCohort(seed = 20250403): Promise<StudyCohort> {
  const sim = simulatePaperCohort({ seed });
  const dir = cacheDir("simulated", String(seed));
  await writeSimulatedCohort(sim, dir);
  const records = sim.patients.map((p) => ({
    Image: join(dir, p.clinical.patient_id, "sub1.nrrd"),
    Mask: join(dir, p.clinical.patient_id, "mask.nrrd"),
    patient_id: p.clinical.patient_id,
  }));
  const table = await extractStudyFeatures(records, "Simulated");
  const features = featureColumns(table);
  const rows = sim.patients.map((p) => p.clinical);
  const clin = (name: keyof (typeof rows)[number]) => (i: number) => Number(rows[i][name]);
  return assembleCohort(
    {
      id: "simulated",
      title: SIMULATED_LABEL,
      simulated: true,
      outcome: "IMN metastasis",
      labels: {
        age: "Age (years)",
        menopausal_post: "Postmenopausal",
        tumour_size_cm: "Tumour size (cm)",
        location_inner_central: "Inner/central quadrant",
        aln_metastasis: "Axillary node metastasis",
        aln_positive_category: "Positive ALN category (0, 1–3, ≥4)",
        histologic_grade: "Histologic grade",
        er_positive: "ER positive",
        pr_positive: "PR positive",
        her2_positive: "HER2 positive",
        ki67_high: "Ki-67 high",
        lvi: "Lymphovascular invasion",
      },
      inputs: [
        { dataset: "simulated", file: `simulated/${seed}/manifest.json`, sha256: sha256File(join(dir, "manifest.json")) },
        { dataset: "file", file: STUDY_PARAMS, sha256: sha256File(join(projectRoot(), STUDY_PARAMS)) },
      ],
    },
    rows.length,
    {
      id: (i) => rows[i].patient_id,
      y: clin("imn_metastasis"),
      clinical: (["age", "menopausal_post", "tumour_size_cm", "location_inner_central", "aln_metastasis", "aln_positive_category", "histologic_grade", "er_positive", "pr_positive", "her2_positive", "ki67_high", "lvi"] as const).map((n) => [n, clin(n)]),
      radiomics: features.map((f) => [f, (i: number) => (table.array(f) as ArrayLike<number>)[i]]),
    },
  );
}

/** A study cohort by id (built once per process). */
export function studyCohort(id: CohortId): Promise<StudyCohort> {
  return once(`cohort:${id}`, async () => {
    switch (id) {
      case "duke":
        return dukeStudyCohort();
      case "rotterdam":
        return rotterdamStudyCohort();
      case "sts":
        return stsStudyCohort();
      case "simulated":
        return simulatedStudyCohort();
    }
  });
}

/** The three models developed on a cohort (built once per process and settings). */
export function developedModels(id: CohortId, settings: PaperModelSettings = DEFAULT_SETTINGS): Promise<Developed> {
  return once(`developed:${id}:${JSON.stringify(settings)}`, async () => developModels(await studyCohort(id), settings));
}

/** Internal validation of a cohort's models (built once per process). */
export function validation(id: CohortId, settings: PaperModelSettings = DEFAULT_SETTINGS, v: ValidationSettings = VALIDATION[id]) {
  return once(`validation:${id}:${JSON.stringify([settings, v])}`, async () => {
    const c = await studyCohort(id);
    const bar = progress(`${c.id}: validation`, 1);
    const out = validateModels(c, settings, v);
    bar.tick();
    bar.done();
    return out;
  });
}
