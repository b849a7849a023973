/**
 * Study cohorts in one shape: outcome, clinical factors and radiomics features as one numeric
 * matrix X = [clinical | radiomics], complete cases only, with every exclusion recorded.
 */
import { loadDukeClinical, loadDukeImaging } from "../cohorts/duke.js";
import { loadRotterdam } from "../cohorts/rotterdam.js";
import { registeredHash, datasetFiles } from "../data/registry.js";
import { InputError } from "../errors.js";
import type { InputRecord } from "../report/provenance.js";
import type { ColumnLayout } from "./paper-model.js";

export interface StudyCohort {
  id: string;
  title: string;
  /** True for the simulated paper cohort: every figure and table says so. */
  simulated: boolean;
  outcome: string;
  ids: string[];
  y: number[];
  layout: ColumnLayout;
  x: number[][];
  /** Readable labels of clinical columns. */
  labels: Record<string, string>;
  /** Patients left out, with the reason (unknown outcome, missing values). */
  excluded: { id: string; reason: string }[];
  inputs: InputRecord[];
}

export function cohortInputs(dataset: string, files = datasetFiles(dataset)): InputRecord[] {
  return files.map((file) => ({ dataset, file, sha256: registeredHash(dataset, file) }));
}

/** A value of row i (null or NaN when missing). */
type Getter = (i: number) => number | null;

/** Builds X/y from n rows given per-column getters, keeping complete cases and naming what excluded the others. */
export function assembleCohort(
  meta: Omit<StudyCohort, "ids" | "y" | "x" | "excluded" | "layout">,
  n: number,
  spec: { id: (i: number) => string; y: Getter; clinical: [string, Getter][]; radiomics: [string, Getter][] },
): StudyCohort {
  const cols = [...spec.clinical, ...spec.radiomics];
  const out: StudyCohort = {
    ...meta,
    ids: [],
    y: [],
    x: [],
    excluded: [],
    layout: { clinical: spec.clinical.map(([name]) => name), radiomics: spec.radiomics.map(([name]) => name) },
  };
  for (let i = 0; i < n; i++) {
    const id = spec.id(i);
    const y = spec.y(i);
    if (y == null || !Number.isFinite(y)) {
      out.excluded.push({ id, reason: "outcome unknown" });
      continue;
    }
    const values = cols.map(([, get]) => get(i));
    const missing = cols.filter((_, j) => values[j] == null || !Number.isFinite(values[j] as number)).map(([name]) => name);
    if (missing.length) {
      out.excluded.push({ id, reason: `missing ${missing.length > 3 ? `${missing.length} values (${missing.slice(0, 3).join(", ")}, …)` : missing.join(", ")}` });
      continue;
    }
    out.ids.push(id);
    out.y.push(y);
    out.x.push(values as number[]);
  }
  if (out.ids.length === 0) throw new InputError(`${meta.id}: no complete case left`);
  return out;
}

type Column = ArrayLike<unknown>;
const num = (col: Column): Getter => (i) => (col[i] == null ? null : Number(col[i]));
const eq = (col: Column, code: number): Getter => (i) => (col[i] == null ? null : Number(col[i]) === code ? 1 : 0);

/**
 * Duke: node-positive (N ≥ 1) from preoperative clinical factors (demographics, biopsy receptors,
 * MRI findings) and the 507 published DCE-MRI features.
 */
export async function dukeStudyCohort(): Promise<StudyCohort> {
  const duke = await loadDukeClinical();
  const imaging = loadDukeImaging();
  const features = imaging.table.columnNames().filter((c) => c !== "patient_id");
  const ids = duke.table.array("patient_id") as ArrayLike<string>;
  const imagingRow = new Map(Array.from(imaging.table.array("patient_id") as ArrayLike<string>, (id, i) => [id, i]));
  const rowOf = Array.from(ids, (id) => imagingRow.get(id) ?? -1);
  const col = (name: string) => duke.table.array(name) as Column;
  const feature = (name: string): Getter => {
    const values = imaging.table.array(name) as ArrayLike<number>;
    return (i) => (rowOf[i] < 0 ? null : values[rowOf[i]]);
  };
  const clinical: [string, Getter][] = [
    ["age", num(col("age"))],
    ["postmenopausal", eq(col("menopause"), 1)],
    ["er_positive", eq(col("er"), 1)],
    ["pr_positive", eq(col("pr"), 1)],
    ["her2_positive", eq(col("her2"), 1)],
    ["mri_multifocal", num(col("mri_multifocal"))],
    ["mri_suspicious_nodes", num(col("mri_suspicious_nodes"))],
    ["mri_skin_nipple_involvement", num(col("mri_skin_nipple_involvement"))],
    ["mri_pec_chest_involvement", num(col("mri_pec_chest_involvement"))],
    ["mri_contralateral_involvement", num(col("mri_contralateral_involvement"))],
  ];
  return assembleCohort(
    {
      id: "duke",
      title: "Duke Breast Cancer MRI (real)",
      simulated: false,
      outcome: "node-positive (N ≥ 1)",
      labels: {
        age: "Age (years)",
        postmenopausal: "Postmenopausal",
        er_positive: "ER positive",
        pr_positive: "PR positive",
        her2_positive: "HER2 positive",
        mri_multifocal: "MRI multifocal",
        mri_suspicious_nodes: "MRI suspicious nodes",
        mri_skin_nipple_involvement: "MRI skin/nipple involvement",
        mri_pec_chest_involvement: "MRI pectoralis/chest involvement",
        mri_contralateral_involvement: "MRI contralateral involvement",
      },
      inputs: [...cohortInputs("duke-clinical"), ...cohortInputs("duke-imaging-features")],
    },
    ids.length,
    { id: (i) => ids[i], y: num(col("node_positive")), clinical, radiomics: features.map((f) => [f, feature(f)]) },
  );
}

/** Rotterdam: node-positive (nodes > 0) from age, menopause, size class, grade, ER, PgR — clinical only. */
export function rotterdamStudyCohort(): StudyCohort {
  const t = loadRotterdam();
  const col = (name: string) => t.array(name) as Column;
  const log1p = (name: string): Getter => (i) => Math.log1p(Number(col(name)[i]));
  return assembleCohort(
    {
      id: "rotterdam",
      title: "Rotterdam breast cancer (real, clinical only)",
      simulated: false,
      outcome: "node-positive (nodes > 0)",
      labels: {
        age: "Age (years)",
        meno: "Postmenopausal",
        size_20_50: "Size 20–50 mm",
        size_gt50: "Size > 50 mm",
        grade3: "Grade 3",
        log1p_er: "log(1 + ER fmol/l)",
        log1p_pgr: "log(1 + PgR fmol/l)",
      },
      inputs: cohortInputs("rotterdam"),
    },
    t.numRows(),
    {
      id: (i) => String(col("pid")[i]),
      y: num(col("node_positive")),
      clinical: [
        ["age", num(col("age"))],
        ["meno", num(col("meno"))],
        ["size_20_50", num(col("size_20_50"))],
        ["size_gt50", num(col("size_gt50"))],
        ["grade3", eq(col("grade"), 3)],
        ["log1p_er", log1p("er")],
        ["log1p_pgr", log1p("pgr")],
      ],
      radiomics: [],
    },
  );
}
