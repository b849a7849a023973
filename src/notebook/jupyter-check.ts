/**
 * CI: executes notebooks through real Jupyter (Debian nbconvert + the tslab kernel), proving the
 * kernel path users rely on. Usage: tsx src/notebook/jupyter-check.ts [notebook…] (default: 01).
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../data/registry.js";
import { executeWithNbconvert } from "./kernel.js";

const names = process.argv.slice(2);
const notebooks = (names.length ? names : ["01-first-look.ipynb"]).map((n) => join(projectRoot(), "notebooks", n));
const out = join(tmpdir(), "tsradiomics-nbconvert");
const started = performance.now();
executeWithNbconvert(notebooks, out);
console.error(`executed under Jupyter (tslab kernel): ${notebooks.length} notebook(s) in ${((performance.now() - started) / 1000).toFixed(1)} s → ${out}`);
