import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { InputError } from "../errors.js";
import { parseCsv } from "./csv.js";

/** One row of a PyRadiomics batch CSV. */
export interface BatchCase {
  /** 0-based row number in the input (defines the output order). */
  index: number;
  /** A readable name for messages: the first ID column's value, else `row <n>`. */
  id: string;
  /** Image and mask paths resolved against the CSV's folder. */
  image: string;
  mask: string;
  /** The row's `Label` (overrides the params' label), when given. */
  label?: number;
  /** Every input column's text as given (written back in the output). */
  columns: Record<string, string>;
}

export interface CaseTable {
  columns: string[];
  cases: BatchCase[];
}

const RESERVED = new Set(["Image", "Mask", "Label", "Label_channel"]);

/**
 * Cases from records (objects with `Image`, `Mask`, optional `Label`, any other ID columns); relative
 * paths are resolved against `baseDir` as PyRadiomics' batch mode resolves them against the CSV folder.
 */
export function casesFromRecords(records: readonly Record<string, unknown>[], baseDir = process.cwd(), source = "cases"): CaseTable {
  const columns: string[] = [];
  for (const r of records) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  for (const required of ["Image", "Mask"]) {
    if (!columns.includes(required)) {
      throw new InputError(`${source}: missing column '${required}' (a batch needs Image, Mask[, Label] and optional ID columns; found ${columns.join(", ") || "none"})`);
    }
  }
  const idColumn = columns.find((c) => !RESERVED.has(c));
  const cases = records.map((r, index): BatchCase => {
    const text: Record<string, string> = {};
    for (const c of columns) text[c] = r[c] === undefined || r[c] === null ? "" : String(r[c]);
    const id = idColumn && text[idColumn] !== "" ? text[idColumn] : `row ${index + 1}`;
    if (text.Image === "") throw new InputError(`${source}: row ${index + 1} (${id}) has an empty Image`);
    if (text.Mask === "") throw new InputError(`${source}: row ${index + 1} (${id}) has an empty Mask`);
    let label: number | undefined;
    if (text.Label !== undefined && text.Label !== "") {
      label = Number(text.Label);
      if (!Number.isInteger(label) || label < 1) {
        throw new InputError(`${source}: row ${index + 1} (${id}): Label must be a positive integer, got '${text.Label}'`);
      }
    }
    const at = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
    return { index, id, image: at(text.Image), mask: at(text.Mask), label, columns: text };
  });
  return { columns, cases };
}

/** Reads a PyRadiomics batch CSV (header row; columns Image, Mask, optional Label, extra ID columns). */
export function readCasesCsv(path: string): CaseTable {
  if (!existsSync(path)) throw new InputError(`cases file not found: ${path}`);
  const rows = parseCsv(readFileSync(path, "utf8"), path).filter((r) => !(r.length === 1 && r[0] === ""));
  if (rows.length === 0) throw new InputError(`${path}: empty file (expected a header with Image, Mask[, Label])`);
  const [header, ...body] = rows;
  const records = body.map((cells, i) => {
    if (cells.length !== header.length) {
      throw new InputError(`${path}: row ${i + 1} has ${cells.length} fields, the header has ${header.length}`);
    }
    return Object.fromEntries(header.map((h, k) => [h, cells[k]]));
  });
  if (records.length === 0) throw new InputError(`${path}: no cases (only a header)`);
  const table = casesFromRecords(records, dirname(resolve(path)), path);
  table.columns = header;
  return table;
}
