/**
 * Shared machinery of the R reference checks (used by `verify stats`): dataset CSV reading, row
 * specs, and the per-case comparison accumulator.
 */
import { readFileSync } from "node:fs";
import type { Tolerance } from "../../verify/tolerances.js";

/** A parsed dataset CSV: column name → values (NA → NaN). */
export type Dataset = Record<string, Float64Array>;

/** Reads a plain comma-separated file with a header row; empty/NA fields become NaN. */
export function readCsv(path: string): Dataset {
  const text = readFileSync(path, "utf8").replace(/\r/g, "");
  const lines = text.split("\n").filter((l) => l.length > 0);
  const header = lines[0].split(",").map((h) => h.replace(/^"|"$/g, ""));
  const cols: Dataset = {};
  const n = lines.length - 1;
  for (const h of header) cols[h] = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = lines[i + 1].split(",");
    for (let j = 0; j < header.length; j++) {
      const s = f[j] ?? "";
      cols[header[j]][i] = s === "" || s === "NA" ? NaN : Number(s);
    }
  }
  return cols;
}

/** Parses a 1-based row spec ("all", "1-200", "6-8,11,13") into 0-based indices. */
export function parseRows(spec: string, nRows: number): number[] {
  if (spec === "all") return Array.from({ length: nRows }, (_, i) => i);
  const out: number[] = [];
  for (const part of spec.split(",")) {
    const [a, b] = part.trim().split("-").map(Number);
    for (let r = a; r <= (b ?? a); r++) out.push(r - 1);
  }
  return out;
}

/** Accumulates comparisons of one case. */
export class CaseChecker {
  checks = 0;
  maxRelDev = 0;
  failures: string[] = [];

  /** Compares one number (JSON null/"NaN"/"Inf" handled). */
  num(name: string, actual: number, expected: unknown, tol: Tolerance): void {
    this.checks++;
    const e = decodeNumber(expected);
    if (Number.isNaN(e) || !Number.isFinite(e)) {
      if (!(Object.is(actual, e) || (Number.isNaN(e) && Number.isNaN(actual)))) this.fail(`${name}: got ${actual}, expected ${String(expected)}`);
      return;
    }
    const diff = Math.abs(actual - e);
    const rel = diff / Math.max(Math.abs(e), 1e-300);
    if (Math.abs(e) > tol.abs) this.maxRelDev = Math.max(this.maxRelDev, rel);
    if (!(diff <= Math.max(tol.abs, tol.rel * Math.abs(e)))) {
      this.fail(`${name}: got ${actual}, expected ${e} (rel dev ${rel.toExponential(2)})`);
    }
  }

  /** Compares arrays elementwise (lengths must agree). */
  arr(name: string, actual: ArrayLike<number>, expected: unknown, tol: Tolerance): void {
    const e = expected as unknown[];
    if (!Array.isArray(e) || actual.length !== e.length) {
      this.checks++;
      this.fail(`${name}: length ${actual.length}, expected ${Array.isArray(e) ? e.length : "an array"}`);
      return;
    }
    for (let i = 0; i < e.length; i++) this.num(`${name}[${i}]`, actual[i], e[i], tol);
  }

  /** Exact equality of strings/booleans/integers. */
  same(name: string, actual: unknown, expected: unknown): void {
    this.checks++;
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      this.fail(`${name}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
    }
  }

  fail(msg: string): void {
    this.failures.push(msg);
  }
}

/** JSON encoding of non-finite numbers: null → NaN (NA), "NaN", "Inf", "-Inf". */
export function decodeNumber(v: unknown): number {
  if (v === null) return NaN;
  if (v === "NaN") return NaN;
  if (v === "Inf") return Infinity;
  if (v === "-Inf") return -Infinity;
  return Number(v);
}

export interface SuiteCase {
  id: string;
  dataset: string;
  rows: unknown;
  columns: Record<string, unknown>;
  parameters: Record<string, unknown>;
  expected: Record<string, any>;
  [k: string]: unknown;
}

/** Context handed to a topic checker: the suite directory and a cached dataset loader. */
export interface CheckContext {
  dataset(name: string): Dataset;
  /** Selects rows (1-based spec) of the named columns. */
  select(name: string, rows: string, columns: string[]): Float64Array[];
}

export type TopicChecker = (c: SuiteCase, check: CaseChecker, ctx: CheckContext) => void;

