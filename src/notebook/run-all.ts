/**
 * `npm run notebooks` / `npm run study`: executes notebooks/*.ipynb in order with the headless
 * runner, then indexes results/. Exits non-zero naming the notebook and cell that failed.
 * Usage: tsx src/notebook/run-all.ts [filter…]   (filters match notebook file names;
 * $TSRADIOMICS_NOTEBOOKS points at another notebook folder)
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../data/registry.js";
import { resultsDir } from "../report/results.js";
import { writeResultsIndex } from "./results-index.js";
import { executeNotebook } from "./runner.js";

const filters = process.argv.slice(2);
const dir = process.env.TSRADIOMICS_NOTEBOOKS ?? join(projectRoot(), "notebooks");
if (!existsSync(dir)) {
  process.stderr.write(`no notebook folder at ${dir}\n`);
  process.exit(1);
}
const notebooks = readdirSync(dir)
  .filter((f) => f.endsWith(".ipynb") && (filters.length === 0 || filters.some((p) => f.includes(p))))
  .sort();
if (notebooks.length === 0) {
  process.stderr.write(`no notebook in ${dir} matches ${filters.map((f) => `'${f}'`).join(", ") || "*.ipynb"}\n`);
  process.exit(1);
}
// A full run starts from an empty results/, so it never mixes files of different runs or commits.
if (filters.length === 0) {
  const results = resultsDir();
  for (const entry of existsSync(results) ? readdirSync(results) : []) if (entry !== ".gitkeep") rmSync(join(results, entry), { recursive: true, force: true });
}
const started = performance.now();
const log = (s: string) => process.stderr.write(s + "\n");
let failed = false;
for (const nb of notebooks) {
  log(`▶ ${nb}`);
  const run = await executeNotebook(join(dir, nb), { log });
  if (!run.ok) {
    log(`✖ ${nb}: cell ${run.failedCell} failed:\n${run.error}`);
    failed = true;
    break;
  }
  log(`✔ ${nb}: ${run.cellsRun} cell${run.cellsRun === 1 ? "" : "s"} in ${run.seconds.toFixed(1)} s`);
}
if (!failed) {
  const index = writeResultsIndex();
  log(`results index: ${index}`);
}
log(`${failed ? "study FAILED" : "study done"}: ${notebooks.length} notebooks, ${((performance.now() - started) / 1000).toFixed(1)} s total`);
process.exit(failed ? 1 : 0);
