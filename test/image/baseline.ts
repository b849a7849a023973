/** Test helper: reads PyRadiomics' baseline CSVs (row = feature/diagnostic, column = case configuration). */
import { readFileSync } from "node:fs";
import { dataRoot } from "../../src/data/registry.js";

export const PYRAD = `${dataRoot()}/pyradiomics`;
export const BASELINE = `${PYRAD}/baseline`;

/** RFC-4180-style CSV split (quoted fields may contain commas and doubled quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** baseline_<cls>.csv as column name → (row name → cell text). */
export function readBaseline(cls: string): Map<string, Map<string, string>> {
  const rows = parseCsv(readFileSync(`${BASELINE}/baseline_${cls}.csv`, "utf8"));
  const header = rows[0]!;
  const out = new Map<string, Map<string, string>>();
  for (let c = 1; c < header.length; c++) out.set(header[c]!, new Map());
  for (const r of rows.slice(1)) {
    if (r.length < 2) continue;
    for (let c = 1; c < header.length; c++) out.get(header[c]!)!.set(r[0]!, r[c] ?? "");
  }
  return out;
}

/** "(1, 2.5, 3)" → [1, 2.5, 3]. */
export function parseTuple(text: string): number[] {
  return text.replace(/[()\s]/g, "").split(",").filter((s) => s !== "").map(Number);
}
