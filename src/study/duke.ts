/** Duke cohort helpers for the notebooks: the preoperative Table 1 by nodal status. */
import type { DukeClinical } from "../cohorts/duke.js";
import type { Table1Variable } from "./table1.js";

const NO_YES: [number, string][] = [
  [0, "no"],
  [1, "yes"],
];
const NEG_POS: [number, string][] = [
  [0, "negative"],
  [1, "positive"],
];

/** Preoperative characteristics shown in Duke's Table 1 (codes from the sheet's legend). */
export const DUKE_TABLE1_VARIABLES: Table1Variable[] = [
  { name: "age", label: "Age at diagnosis (years)", kind: "continuous" },
  { name: "menopause", label: "Menopause", kind: "categorical", levels: [[0, "pre"], [1, "post"]] },
  { name: "er", label: "ER (biopsy)", kind: "categorical", levels: NEG_POS },
  { name: "pr", label: "PR (biopsy)", kind: "categorical", levels: NEG_POS },
  { name: "her2", label: "HER2 (biopsy)", kind: "categorical", levels: [[0, "negative"], [1, "positive"], [2, "borderline"]] },
  {
    name: "mol_subtype",
    label: "Molecular subtype",
    kind: "categorical",
    levels: [[0, "luminal-like"], [1, "ER/PR+ HER2+"], [2, "HER2"], [3, "triple negative"]],
  },
  { name: "tumor_side", label: "Tumour side", kind: "categorical", levels: [["L", "left"], ["R", "right"]] },
  { name: "bilateral", label: "Bilateral cancer", kind: "categorical", levels: NO_YES },
  { name: "mri_multifocal", label: "MRI: multicentric/multifocal", kind: "categorical", levels: NO_YES },
  { name: "mri_suspicious_nodes", label: "MRI: lymphadenopathy or suspicious nodes", kind: "categorical", levels: NO_YES },
  { name: "mri_skin_nipple_involvement", label: "MRI: skin/nipple involvement", kind: "categorical", levels: NO_YES },
  { name: "mri_pec_chest_involvement", label: "MRI: pectoralis/chest involvement", kind: "categorical", levels: NO_YES },
  { name: "mri_contralateral_involvement", label: "MRI: contralateral breast involvement", kind: "categorical", levels: NO_YES },
];

/** The excluded (leaking or technical) columns with their reasons, for the notebook's list. */
export function dukeExcludedColumns(duke: DukeClinical): { column: string; role: string; reason: string }[] {
  return duke.columns
    .filter((c) => c.role === "leak" || c.role === "technical")
    .map((c) => ({ column: c.name, role: c.role, reason: c.reason ?? "" }));
}
