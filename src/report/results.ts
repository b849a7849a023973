/**
 * Writers for results/: figures (SVG + PNG) and tables (CSV + Markdown), each with its provenance
 * record. Plain data in: tables are arrays of row objects (or anything with `.objects()`, like arquero).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { projectRoot } from "../data/registry.js";
import { svgToPng } from "./figure.js";
import { provenanceRecord, type ProvenanceSpec } from "./provenance.js";

/** results/ of the project, or $TSRADIOMICS_RESULTS. */
export function resultsDir(): string {
  return process.env.TSRADIOMICS_RESULTS ?? join(projectRoot(), "results");
}

function writeWithProvenance(dir: string, name: string, files: { ext: string; bytes: string | Uint8Array }[], spec: ProvenanceSpec): string[] {
  mkdirSync(dir, { recursive: true });
  const root = resultsDir();
  const written = files.map(({ ext, bytes }) => {
    const path = join(dir, `${name}.${ext}`);
    writeFileSync(path, bytes);
    return { path, file: relative(root, path), bytes };
  });
  const record = provenanceRecord(spec, written);
  writeFileSync(join(dir, `${name}.provenance.json`), JSON.stringify(record, null, 2) + "\n");
  return written.map((w) => w.path);
}

export interface SavedFigure {
  kind: "figure";
  name: string;
  svg: string;
  png: Buffer;
  paths: string[];
}

/** Writes results/figures/<name>.svg and .png (2× raster) with provenance. */
export async function saveFigure(name: string, svg: string, spec: ProvenanceSpec): Promise<SavedFigure> {
  const png = await svgToPng(svg, 2);
  const paths = writeWithProvenance(join(resultsDir(), "figures"), name, [
    { ext: "svg", bytes: svg },
    { ext: "png", bytes: png },
  ], spec);
  return { kind: "figure", name, svg, png, paths };
}

export type Row = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TableLike = readonly object[] | { objects(): object[] };

export function rowsOf(table: TableLike): Row[] {
  return (Array.isArray(table) ? table : (table as { objects(): object[] }).objects()) as Row[];
}

/** A CSV cell: numbers at full (shortest round-trip) precision, text quoted when needed, null empty. */
function csvCell(v: unknown): string {
  if (v == null || (typeof v === "number" && Number.isNaN(v))) return "";
  const s = typeof v === "number" ? String(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: Row[], columns = rows.length ? Object.keys(rows[0]) : []): string {
  return [columns.map(csvCell).join(","), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(","))].join("\n") + "\n";
}

/**
 * Formats a number for reading: `digits` decimals; magnitudes ≥ 1e7 or below 0.1 get `digits` significant
 * digits (exponent form when large or tiny) so small coefficients keep their precision; integers stay integers.
 */
export function formatNumber(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "" : String(v);
  const abs = Math.abs(v);
  if (abs >= 1e7 || (abs !== 0 && abs < 10 ** -digits)) return v.toExponential(digits - 1);
  if (Number.isInteger(v)) return String(v);
  if (abs < 0.1) return String(Number(v.toPrecision(digits)));
  return v.toFixed(digits);
}

export function toMarkdown(rows: Row[], digits = 3, columns = rows.length ? Object.keys(rows[0]) : []): string {
  const cell = (v: unknown) =>
    (v == null ? "" : typeof v === "number" ? formatNumber(v, digits) : String(v)).replace(/\|/g, "\\|").replace(/\n/g, " ");
  const numeric = columns.map((c) => rows.some((r) => typeof r[c] === "number"));
  return [
    `| ${columns.join(" | ")} |`,
    `| ${numeric.map((n) => (n ? "---:" : "---")).join(" | ")} |`,
    ...rows.map((r) => `| ${columns.map((c) => cell(r[c])).join(" | ")} |`),
  ].join("\n") + "\n";
}

export interface SavedTable {
  kind: "table";
  name: string;
  rows: Row[];
  markdown: string;
  paths: string[];
}

/** Writes results/tables/<name>.csv (full precision) and .md (rounded to `digits`) with provenance. */
export function saveTable(name: string, table: TableLike, spec: ProvenanceSpec, options: { digits?: number; columns?: string[] } = {}): SavedTable {
  const rows = rowsOf(table);
  const markdown = toMarkdown(rows, options.digits ?? 3, options.columns);
  const paths = writeWithProvenance(join(resultsDir(), "tables"), name, [
    { ext: "csv", bytes: toCsv(rows, options.columns) },
    { ext: "md", bytes: markdown },
  ], spec);
  return { kind: "table", name, rows, markdown, paths };
}

/** Writes a free-form Markdown document at results/<name>.md with provenance (e.g. the scorecard). */
export function saveDocument(name: string, markdown: string, spec: ProvenanceSpec): string {
  return writeWithProvenance(resultsDir(), name, [{ ext: "md", bytes: markdown }], spec)[0];
}
