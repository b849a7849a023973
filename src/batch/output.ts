import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { InputError } from "../errors.js";
import { csvLine, formatValue } from "./csv.js";
import { writeFileAtomic } from "./cache.js";
import type { CaseResult } from "./engine.js";

export interface FeatureTable {
  header: string[];
  rows: string[][];
}

/**
 * PyRadiomics' batch output layout (scripts `_processOutput`): the input columns, with Image and Mask as
 * absolute paths (its default `--format-path absolute`), then the first successful case's features in
 * order, then any feature names only other cases have, sorted. One row per successful case, in input
 * order: the layout depends only on the input, not on which worker finished first.
 */
export function featureTable(inputColumns: readonly string[], results: readonly CaseResult[]): FeatureTable {
  const ok = results.filter((r) => r.status !== "failed" && r.features);
  const first = ok.length > 0 ? ok[0].features!.map(([n]) => n).filter((n) => !inputColumns.includes(n)) : [];
  const known = new Set<string>([...inputColumns, ...first]);
  const extra = new Set<string>();
  for (const r of ok.slice(1)) for (const [n] of r.features!) if (!known.has(n)) extra.add(n);
  const names = [...first, ...[...extra].sort()];
  const rows = ok.map((r) => {
    const values = new Map(r.features!);
    const input = inputColumns.map((c) => (c === "Image" ? r.case.image : c === "Mask" ? r.case.mask : r.case.columns[c] ?? ""));
    return [...input, ...names.map((n) => formatValue(values.get(n)))];
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

/**
 * Checks that `--out` can be written before any work starts (a missing folder would otherwise only fail
 * after the whole extraction). InputError naming the folder.
 */
export function checkOutputPath(out: string, option = "--out"): void {
  const dir = dirname(resolve(out));
  if (!existsSync(dir)) throw new InputError(`${option} folder does not exist: ${dir}`);
  if (!statSync(dir).isDirectory()) throw new InputError(`${option} folder is not a folder: ${dir}`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new InputError(`${option} folder is not writable: ${dir}`);
  }
  if (existsSync(out) && statSync(out).isDirectory()) throw new InputError(`${option} is a folder, expected a file path: ${out}`);
}
