/**
 * CI: executes notebooks through real Jupyter (Debian nbconvert + the tslab kernel), one kernel per
 * notebook as a user would, proving the kernel path users rely on. Executed copies go to a temporary
 * folder; results/ is rewritten as by the headless runner.
 * Usage: tsx src/notebook/jupyter-check.ts [name-filter…]   (default: every notebook)
 */
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../data/registry.js";
import { executeWithNbconvert } from "./kernel.js";

const filters = process.argv.slice(2);
const dir = join(projectRoot(), "notebooks");
const notebooks = readdirSync(dir)
  .filter((f) => f.endsWith(".ipynb") && (filters.length === 0 || filters.some((p) => f.includes(p))))
  .sort()
  .map((f) => join(dir, f));
if (notebooks.length === 0) {
  process.stderr.write(`no notebook matches ${filters.join(", ")}\n`);
  process.exit(1);
}
const out = join(tmpdir(), "tsradiomics-nbconvert");
const started = performance.now();
executeWithNbconvert(notebooks, out);
console.error(`executed under Jupyter (tslab kernel): ${notebooks.length} notebook(s) in ${((performance.now() - started) / 1000).toFixed(1)} s → ${out}`);
