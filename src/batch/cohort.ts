import type { ColumnTable } from "arquero";
import { casesFromRecords } from "./cases.js";
import { runBatch, type BatchProgress, type CaseResult } from "./engine.js";
import { featureTable } from "./output.js";
import type { RunnerSpec } from "./runner.js";

export interface CohortOptions {
  jobs?: number;
  cacheDir?: string;
  onProgress?: (p: BatchProgress) => void;
  runner?: RunnerSpec;
  /** Folder that relative Image/Mask paths are resolved against (default: cwd). */
  baseDir?: string;
}

/**
 * Notebook API: extracts a cohort (records with Image, Mask, optional Label and ID columns) and returns
 * an arquero table with the input columns (values as given) then the features (header rule of
 * `featureTable`), one row per successful case in input order, numbers as numbers. The failed cases
 * (with their error) are attached to the returned table as `table.failures`.
 */
export async function extractCohort(
  cases: readonly Record<string, unknown>[],
  params: unknown,
  options: CohortOptions = {},
): Promise<ColumnTable & { failures?: CaseResult[] }> {
  const { columns, cases: parsed } = casesFromRecords(cases, options.baseDir);
  const { results } = await runBatch(parsed, { params, jobs: options.jobs, cacheDir: options.cacheDir, onProgress: options.onProgress, runner: options.runner });
  const { header } = featureTable(columns, results);
  const ok = results.filter((r) => r.status !== "failed");
  const data: Record<string, unknown[]> = Object.fromEntries(header.map((h) => [h, []]));
  for (const r of ok) {
    const values = new Map(r.features);
    for (const h of header) data[h].push(columns.includes(h) ? cases[r.case.index][h] : values.get(h) ?? null);
  }
  const aq = await import("arquero");
  const table = aq.table(data) as ColumnTable & { failures?: CaseResult[] };
  table.failures = results.filter((r) => r.status === "failed");
  return table;
}
