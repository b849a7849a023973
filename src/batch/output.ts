import { csvLine, formatValue } from "./csv.js";
import { writeFileAtomic } from "./cache.js";
import type { CaseResult } from "./engine.js";

export interface FeatureTable {
  header: string[];
  rows: string[][];
}

/**
 * PyRadiomics' batch output layout: the input columns as given (Image, Mask, IDs…), then every feature
 * name in first-seen order over the successful cases in input order; one row per successful case.
 * Deterministic: depends only on the input order, not on which worker finished first.
 */
export function featureTable(inputColumns: readonly string[], results: readonly CaseResult[]): FeatureTable {
  const names: string[] = [];
  const seen = new Set<string>(inputColumns);
  const ok = results.filter((r) => r.status !== "failed" && r.features);
  for (const r of ok) {
    for (const [n] of r.features!) {
      if (!seen.has(n)) {
        seen.add(n);
        names.push(n);
      }
    }
  }
  const rows = ok.map((r) => {
    const values = new Map(r.features!);
    return [...inputColumns.map((c) => r.case.columns[c] ?? ""), ...names.map((n) => formatValue(values.get(n)))];
  });
  return { header: [...inputColumns, ...names], rows };
}

/** The table as CSV text (LF line ends). */
export function tableCsv(t: FeatureTable): string {
  return csvLine(t.header) + t.rows.map(csvLine).join("");
}

/** Failed cases as CSV: row number, id, the input columns, error. */
export function failuresCsv(inputColumns: readonly string[], results: readonly CaseResult[]): string {
  const failed = results.filter((r) => r.status === "failed");
  return (
    csvLine(["row", "id", ...inputColumns, "error"]) +
    failed.map((r) => csvLine([String(r.case.index + 1), r.case.id, ...inputColumns.map((c) => r.case.columns[c] ?? ""), r.error ?? ""])).join("")
  );
}

/** Writes a file atomically (temporary file + rename). */
export function writeOutput(path: string, text: string): void {
  writeFileAtomic(path, text);
}
