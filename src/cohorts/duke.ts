/**
 * Duke Breast Cancer MRI cohort (922 patients): the clinical sheet of Clinical_and_Other_Features.xlsx
 * (3-row header: group, name, coding legend) as a tidy table, and the 507 published DCE-MRI features.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import * as aq from "arquero";
import { dataFile, datasetFiles } from "../data/registry.js";
import { InputError } from "../errors.js";
import { parseNumericCsv } from "./csv.js";

/**
 * Why a column may or may not enter a preoperative prediction model.
 * - `id`: patient key; `label`: source of the outcome (N stage);
 * - `preoperative`: known before surgery (demographics, biopsy receptors, MRI/mammo/US findings) — candidate predictor;
 * - `technical`: MRI acquisition parameters (possible confounders, not predictors);
 * - `leak`: known only after surgery or decided with knowledge of the nodal status; excluded, with the reason.
 */
export type ColumnRole = "id" | "label" | "preoperative" | "technical" | "leak";

export interface DukeColumn {
  /** Tidy snake_case name used in tables and code. */
  name: string;
  /** Zero-based column index in the Data sheet. */
  index: number;
  group: string;
  /** Header text of the sheet (row 2, or row 3 where row 2 is empty). */
  label: string;
  /** The sheet's coding legend (row 3), e.g. `{0 = neg, 1 = pos}`. */
  coding: string;
  role: ColumnRole;
  /** For `leak` and `technical`: why the column is excluded. */
  reason?: string;
  /** String-valued columns (side, position, free-text mammography/US entries); the rest are numeric. */
  text?: boolean;
}

const TECH = "MRI acquisition parameter, not a patient characteristic";
const STAGING = "staging assigned with the nodal stage (pathologic staging): leaks the label";
const PATHOLOGY = "graded on the surgical specimen in part of the cohort: not guaranteed preoperative";
const SURGERY = "surgery and its findings come after the prediction point";
const TREATMENT = "treatment decided with knowledge of the nodal status";
const FOLLOWUP = "follow-up after surgery";
const OTHER_SIDE = "describes a contralateral cancer, not the index tumour";

type Spec = [name: string, role: ColumnRole, reason?: string, text?: boolean];

/** Column specs in sheet order (99 columns). */
const SPECS: Spec[] = [
  ["patient_id", "id", undefined, true],
  ["days_to_mri", "technical", "timing of the MRI relative to diagnosis"],
  ["manufacturer", "technical", TECH],
  ["manufacturer_model", "technical", TECH],
  ["scan_options", "technical", TECH],
  ["field_strength", "technical", TECH],
  ["patient_position", "technical", TECH],
  ["image_position", "technical", TECH, true],
  ["contrast_agent", "technical", TECH],
  ["contrast_bolus_volume", "technical", TECH],
  ["tr", "technical", TECH],
  ["te", "technical", TECH],
  ["acquisition_matrix", "technical", TECH],
  ["slice_thickness", "technical", TECH],
  ["rows", "technical", TECH],
  ["columns", "technical", TECH],
  ["reconstruction_diameter", "technical", TECH],
  ["flip_angle", "technical", TECH],
  ["fov_cm", "technical", TECH],
  ["date_of_birth_days", "preoperative"],
  ["menopause", "preoperative"],
  ["race", "preoperative"],
  ["metastatic_at_presentation", "leak", STAGING],
  ["er", "preoperative"],
  ["pr", "preoperative"],
  ["her2", "preoperative"],
  ["mol_subtype", "preoperative"],
  ["oncotype_score", "leak", "measured on the surgical specimen"],
  ["t_stage", "leak", STAGING],
  ["n_stage", "label"],
  ["m_stage", "leak", STAGING],
  ["grade_tubule", "leak", PATHOLOGY],
  ["grade_nuclear", "leak", PATHOLOGY],
  ["grade_mitotic", "leak", PATHOLOGY],
  ["nottingham_grade", "leak", PATHOLOGY],
  ["histologic_type", "preoperative"],
  ["tumor_side", "preoperative", undefined, true],
  ["tumor_position", "preoperative", undefined, true],
  ["bilateral", "preoperative"],
  ["bilateral_different_receptors", "leak", OTHER_SIDE],
  ["side_annotated", "technical", "annotation bookkeeping", true],
  ["other_side", "leak", OTHER_SIDE, true],
  ["other_side_oncotype", "leak", OTHER_SIDE],
  ["other_side_grade", "leak", OTHER_SIDE],
  ["other_side_er", "leak", OTHER_SIDE],
  ["other_side_pr", "leak", OTHER_SIDE],
  ["other_side_her2", "leak", OTHER_SIDE],
  ["other_side_mol_subtype", "leak", OTHER_SIDE],
  ["mri_multifocal", "preoperative"],
  ["mri_contralateral_involvement", "preoperative"],
  ["mri_suspicious_nodes", "preoperative"],
  ["mri_skin_nipple_involvement", "preoperative"],
  ["mri_pec_chest_involvement", "preoperative"],
  ["surgery", "leak", SURGERY],
  ["days_to_surgery", "leak", SURGERY],
  ["surgery_type", "leak", TREATMENT],
  ["neoadjuvant_radiation", "leak", TREATMENT],
  ["adjuvant_radiation", "leak", TREATMENT],
  ["clinical_response", "leak", "response to neoadjuvant treatment"],
  ["pathologic_response", "leak", "response to neoadjuvant treatment, on the surgical specimen"],
  ["recurrence", "leak", FOLLOWUP],
  ["days_to_local_recurrence", "leak", FOLLOWUP],
  ["days_to_distant_recurrence", "leak", FOLLOWUP],
  ["days_to_death", "leak", FOLLOWUP],
  ["days_to_last_local_assessment", "leak", FOLLOWUP],
  ["days_to_last_distant_assessment", "leak", FOLLOWUP],
  ["days_to_last_contact", "leak", FOLLOWUP],
  ["birads", "preoperative"],
  ["mammo_age_days", "technical", "timing of the mammogram"],
  ["mammo_breast_density", "preoperative"],
  ["mammo_shape", "preoperative"],
  ["mammo_margin", "preoperative"],
  ["mammo_architectural_distortion", "preoperative"],
  ["mammo_mass_density", "preoperative"],
  ["mammo_calcifications", "preoperative", undefined, true],
  ["mammo_tumor_size_cm", "preoperative", undefined, true],
  ["us_shape", "preoperative", undefined, true],
  ["us_margin", "preoperative", undefined, true],
  ["us_tumor_size_cm", "preoperative", undefined, true],
  ["us_echogenicity", "preoperative", undefined, true],
  ["us_solid", "preoperative"],
  ["us_posterior_shadowing", "preoperative", undefined, true],
  ["neoadjuvant_chemotherapy", "leak", TREATMENT],
  ["adjuvant_chemotherapy", "leak", TREATMENT],
  ["neoadjuvant_endocrine", "leak", TREATMENT],
  ["adjuvant_endocrine", "leak", TREATMENT],
  ["known_ovarian_status", "leak", TREATMENT],
  ["ovaries_in_situ", "leak", TREATMENT],
  ["oophorectomy", "leak", TREATMENT],
  ["neoadjuvant_anti_her2", "leak", TREATMENT],
  ["adjuvant_anti_her2", "leak", TREATMENT],
  ["neoadjuvant_therapy", "leak", TREATMENT],
  ["ypt_stage", "leak", "pathologic stage after neoadjuvant therapy"],
  ["ypn_stage", "leak", "pathologic nodal stage after neoadjuvant therapy: the label itself"],
  ["ypm_stage", "leak", "pathologic stage after neoadjuvant therapy"],
  ["near_complete_response_strict", "leak", "response to neoadjuvant treatment"],
  ["near_complete_response_loose", "leak", "response to neoadjuvant treatment"],
  ["near_complete_response_graded", "leak", "response to neoadjuvant treatment"],
  ["unnamed_98", "leak", "empty column"],
];

/** Cell values the sheet uses for "not available", "not pertinent", "not collected". */
const MISSING_CODES = new Set(["NA", "NP", "NC", "N/A", ""]);

/** Numeric codes that the sheet's legend defines as "not available". */
const NA_CODES: [string, number][] = [
  ["menopause", 2],
  ["race", 0],
];

export interface DukeClinical {
  /** Tidy table, one row per patient, plus derived `age` (years) and `node_positive` (N ≥ 1; null if N unknown). */
  table: aq.ColumnTable;
  columns: DukeColumn[];
  source: string;
}

function clean(text: unknown): string {
  return String(text ?? "").replace(/\s+/g, " ").trim();
}

/** Reads the Data sheet of Clinical_and_Other_Features.xlsx into a tidy table. */
export async function loadDukeClinical(path = dataFile("duke-clinical", "Clinical_and_Other_Features.xlsx")): Promise<DukeClinical> {
  const XLSX = await import("xlsx");
  const book = XLSX.read(readFileSync(path), { type: "buffer" });
  const sheet = book.Sheets["Data"];
  if (!sheet) throw new InputError(`${path}: no sheet named 'Data' (sheets: ${book.SheetNames.join(", ")})`);
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: null });
  const [groups, names, codings] = rows;
  const width = Math.max(groups.length, names.length, codings.length);
  if (width !== SPECS.length) {
    throw new InputError(`${path}: expected ${SPECS.length} columns in sheet 'Data', found ${width}; the sheet layout changed`);
  }
  let group = "";
  const columns: DukeColumn[] = SPECS.map(([name, role, reason, text], index) => {
    group = clean(groups[index]) || group;
    const label = clean(names[index]) || clean(codings[index]).split("{")[0].trim() || name;
    return { name, index, group, label, coding: clean(codings[index]), role, reason, text };
  });
  if (clean(names[0]) !== "Patient ID" || !clean(names[29]).startsWith("Staging(Nodes)")) {
    throw new InputError(`${path}: header row 2 does not start with 'Patient ID' / has no 'Staging(Nodes)' at column 30`);
  }
  const body = rows.slice(3).filter((r) => r[0] != null && clean(r[0]) !== "");
  const data: Record<string, (number | string | null)[]> = {};
  for (const col of columns) {
    data[col.name] = body.map((r, i) => {
      const v = r[col.index];
      if (v == null || (typeof v === "string" && MISSING_CODES.has(v.trim()))) return null;
      if (col.text) return clean(v);
      const num = typeof v === "number" ? v : Number(clean(v));
      if (!Number.isFinite(num)) {
        throw new InputError(`${path}: patient ${clean(r[0])} (row ${i + 4}), column '${col.label}': non-numeric value '${clean(v)}'`);
      }
      return num;
    });
  }
  // Codes the legend defines as "N/A" are missing values, not categories.
  for (const [name, code] of NA_CODES) data[name] = data[name].map((v) => (v === code ? null : v));
  const n = data.n_stage as (number | null)[];
  // Nx was coded -1 by the data providers: unknown nodal status, not node-negative.
  data.node_positive = n.map((v) => (v == null || v < 0 ? null : v >= 1 ? 1 : 0));
  data.age = (data.date_of_birth_days as (number | null)[]).map((d) => (d == null ? null : Math.round((-d / 365.25) * 100) / 100));
  return { table: aq.table(data), columns, source: path };
}

/** The imaging-feature files (one per feature group), without the citations list. */
export function dukeFeatureFiles(): string[] {
  return datasetFiles("duke-imaging-features").filter((f) => f.endsWith(".csv") && !f.startsWith("imFeatures_and_feature_citations"));
}

export interface DukeImaging {
  /** `patient_id` + one column per feature (507), in file order then column order. */
  table: aq.ColumnTable;
  /** Feature name → group (file name without .csv). */
  groups: Map<string, string>;
}

/** Reads and joins the 10 DCE-MRI feature files on Patient.ID. */
export function loadDukeImaging(): DukeImaging {
  const groups = new Map<string, string>();
  const columns: Record<string, ArrayLike<number> | string[]> = {};
  let ids: string[] | undefined;
  for (const file of dukeFeatureFiles()) {
    const path = dataFile("duke-imaging-features", file);
    const group = basename(file, ".csv");
    const csv = parseNumericCsv(readFileSync(path, "utf8"), path, { idColumn: "Patient.ID", dropColumns: [""] });
    if (!ids) ids = csv.ids;
    else if (csv.ids.join() !== ids.join()) throw new InputError(`${path}: patient order differs from the other feature files`);
    for (const [name, values] of csv.columns) {
      if (groups.has(name)) throw new InputError(`${path}: feature '${name}' also appears in group '${groups.get(name)}'`);
      groups.set(name, group);
      columns[name] = values;
    }
  }
  return { table: aq.table({ patient_id: ids ?? [], ...columns }), groups };
}
