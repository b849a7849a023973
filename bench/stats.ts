/**
 * Statistics benchmark (prints wall-clock times next to R's on the same tasks):
 * 1. pROC-style ROC + DeLong variance/CI at n = 100,000 (R pROC: 0.08 s).
 * 2. LASSO on the Duke DCE-MRI feature table (shared/data/duke, imaging CSVs joined on
 *    Patient.ID, complete-case features, outcome node-positive = N stage ≥ 1 from the clinical
 *    sheet): one 100-lambda standardised path (R glmnet: 16.7 s) and 10-fold cv.glmnet
 *    (R: 208 s), also on worker threads (cvGlmnetParallel, as parallel = TRUE).
 * 3. Repeated 10 × 10-fold CV of the full pipeline (z-score → Mann–Whitney filter →
 *    Spearman redundancy filter → mRMR → logistic regression), refitted inside every fold.
 *
 *   npx tsx bench/stats.ts [--skip-path] [--skip-cv-glmnet] [--skip-cv-pipeline] [--repeats R]
 */
import { parseArgs } from "node:util";
import { roc, aucCiDelong } from "../src/stats/roc.js";
import { glmnetPath, cvGlmnet, cvGlmnetParallel, stratifiedFolds } from "../src/stats/glmnet.js";
import { availableParallelism } from "node:os";
import { Rng } from "../src/stats/rng.js";
import { StandardScaler, UnivariateFilter, CorrelationFilter, Mrmr } from "../src/stats/selection.js";
import { Pipeline, LogisticEstimator, repeatedCv } from "../src/stats/validation.js";
import { loadDukeClinical, loadDukeImaging } from "../src/cohorts/duke.js";

/** Runs f, printing wall-clock and CPU (user) seconds: the machine may be shared. */
function time<T>(label: string, reference: string, f: () => T): T {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = f();
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0).user / 1e6;
  console.log(`${label.padEnd(48)} ${s.toFixed(2).padStart(8)} s wall ${cpu.toFixed(2).padStart(8)} s cpu   (${reference})`);
  return out;
}

function delongBench(): void {
  const n = 100_000;
  const rng = new Rng(2024);
  const y = new Float64Array(n);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.uniform() < 0.3 ? 1 : 0;
    x[i] = Math.round((rng.normal() + 0.8 * y[i]) * 1000) / 1000; // ties, as in real scores
  }
  const ci = time("ROC + DeLong CI, n = 100,000 (first run)", "R pROC 0.08 s", () => aucCiDelong(roc(y, x)));
  const runs: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    aucCiDelong(roc(y, x));
    runs.push((performance.now() - t0) / 1000);
  }
  runs.sort((a, b) => a - b);
  console.log(`${"ROC + DeLong CI, n = 100,000 (median of 5 more)".padEnd(48)} ${runs[2].toFixed(3).padStart(8)} s wall`);
  console.log(`  AUC ${ci.estimate.toFixed(4)} [${ci.lower.toFixed(4)}, ${ci.upper.toFixed(4)}]`);
}

/** Duke features (complete-case columns) and node-positive outcome for patients with known N. */
async function dukeData(): Promise<{ x: number[][]; y: number[]; names: string[] }> {
  const imaging = loadDukeImaging().table;
  const clinical = (await loadDukeClinical()).table;
  const outcome = new Map<string, number | null>();
  const ids = clinical.array("patient_id") as string[];
  const np = clinical.array("node_positive") as (number | null)[];
  ids.forEach((id, i) => outcome.set(String(id), np[i]));
  const pid = imaging.array("patient_id") as string[];
  const rows = pid.map((id, i) => [i, outcome.get(String(id))] as const).filter(([, v]) => v === 0 || v === 1);
  const names = imaging.columnNames().filter((c) => c !== "patient_id");
  const cols = names.map((c) => imaging.array(c) as ArrayLike<number>);
  const complete = names.map((_, j) => rows.every(([i]) => Number.isFinite(cols[j][i])));
  const keptNames = names.filter((_, j) => complete[j]);
  const keptCols = cols.filter((_, j) => complete[j]);
  const x = rows.map(([i]) => keptCols.map((c) => c[i]));
  const y = rows.map(([, v]) => v as number);
  return { x, y, names: keptNames };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "skip-path": { type: "boolean", default: false },
      "skip-cv-glmnet": { type: "boolean", default: false },
      "skip-cv-pipeline": { type: "boolean", default: false },
      repeats: { type: "string", default: "10" },
    },
  });
  delongBench();
  const { x, y, names } = await dukeData();
  console.log(`Duke: ${x.length} patients × ${names.length} complete-case features, ${y.filter((v) => v === 1).length} node-positive`);
  if (!values["skip-path"]) {
    const path = time("glmnet lasso path (100 lambdas, standardised)", "R glmnet 16.7 s", () => glmnetPath(x, y, { names }));
    console.log(`  ${path.lambda.length} lambdas, df at the end ${path.df[path.df.length - 1]}`);
  }
  if (!values["skip-cv-glmnet"]) {
    const folds = stratifiedFolds(y, 10, 7);
    const cv = time("cv.glmnet, 10 folds", "R cv.glmnet 208 s", () => cvGlmnet(x, y, { names, foldid: folds }));
    for (const w of cv.warnings) console.log(`  warning: ${w}`);
    const workers = availableParallelism();
    const t0 = performance.now();
    const par = await cvGlmnetParallel(x, y, { names, foldid: folds, workers });
    const same = JSON.stringify(par.cvm) === JSON.stringify(cv.cvm) && par.indexMin === cv.indexMin;
    console.log(`${`cv.glmnet, 10 folds, ${workers} worker threads`.padEnd(48)} ${((performance.now() - t0) / 1000).toFixed(2).padStart(8)} s wall   (result ${same ? "identical" : "DIFFERENT"})`);
    console.log(`  lambda.min ${cv.lambdaMin.toExponential(3)} (${cv.nzero[cv.indexMin]} features), lambda.1se ${cv.lambda1se.toExponential(3)} (${cv.nzero[cv.index1se]} features), cvm ${cv.cvm[cv.indexMin].toFixed(4)}`);
  }
  if (!values["skip-cv-pipeline"]) {
    const repeats = Number(values.repeats);
    const make = () =>
      new Pipeline([new StandardScaler(), new UnivariateFilter({ alpha: 0.05 }), new CorrelationFilter({ threshold: 0.9 }), new Mrmr({ k: 10 })], new LogisticEstimator());
    const res = time(`repeated ${repeats} × 10-fold CV of the pipeline`, "fitted inside every fold", () => repeatedCv(x, y, make, { k: 10, repeats, seed: 11 }));
    console.log(`  AUC ${res.auc.mean.toFixed(3)} ± ${res.auc.sd.toFixed(3)}, accuracy ${res.accuracy.mean.toFixed(3)} ± ${res.accuracy.sd.toFixed(3)}`);
  }
}

await main();
