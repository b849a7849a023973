/** Test helpers: load reference suite cases and their data. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readCsv, parseRows } from "../../src/stats/checks/core.js";
import { dataRoot } from "../../src/data/registry.js";

// The R reference suite lies next to the data (shared/data, shared/reference).
export const SUITE = join(dataRoot(), "..", "reference", "stats") + "/";

export function refCase(topic: string, id: string): any {
  const doc = JSON.parse(readFileSync(`${SUITE}${topic}.json`, "utf8"));
  const c = doc.cases.find((x: any) => x.id === id);
  if (!c) throw new Error(`no case ${id}`);
  return c;
}

/** Columns of a dataset restricted to a 1-based row spec. */
export function columns(dataset: string, rows: string, names: string[]): Float64Array[] {
  const d = readCsv(`${SUITE}datasets/${dataset}`);
  const idx = parseRows(rows, d[Object.keys(d)[0]].length);
  return names.map((n) => Float64Array.from(idx, (i) => d[n][i]));
}

/** Rows (n × p) from column arrays. */
export function toRows(cols: Float64Array[]): number[][] {
  return Array.from(cols[0], (_, i) => cols.map((c) => c[i]));
}

export function close(actual: number, expected: number, rel: number, msg = ""): void {
  const d = Math.abs(actual - expected);
  if (!(d <= rel * Math.abs(expected) + 1e-15)) throw new Error(`${msg} got ${actual}, expected ${expected} (rel ${d / Math.abs(expected)})`);
}
