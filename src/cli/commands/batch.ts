import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { InputError } from "../../errors.js";
import { readCasesCsv } from "../../batch/cases.js";
import { loadParams, paramsWarnings } from "../../extract/params.js";
import { defaultJobs, runBatch, type BatchProgress } from "../../batch/engine.js";
import { shardInfoPath, type ShardInfo } from "../../batch/merge.js";
import { checkOutputPath, failuresCsv, featureTable, tableCsv, writeOutput } from "../../batch/output.js";
import { parseShard, shardRange } from "../../batch/shard.js";
import type { RunnerSpec } from "../../batch/runner.js";

const USAGE = `usage: tsradiomics batch --input cases.csv --params params.yaml --out features.csv
       [--jobs N] [--cache DIR | --no-cache] [--shard i/n]

  --input   PyRadiomics batch CSV: columns Image, Mask, optional Label, any ID columns (kept in the output);
            relative paths are resolved against the CSV's folder
  --params  PyRadiomics parameter file (YAML/JSON)
  --out     features CSV (input columns, then diagnostics and features; one row per successful case)
  --jobs    worker threads (default: ${defaultJobs()} = available cores; 0 = run in this thread)
  --cache   folder of finished cases (default: <out>.cache); a rerun skips them
  --shard   process only block i of n of the cases (merge the outputs with 'tsradiomics merge')
Failed cases are listed in <out>.failures.csv; exit status 3 when some cases failed.
`;

/** Hidden test hook: TSRADIOMICS_BATCH_RUNNER=<module>#<export> replaces the per-case function. */
function runnerFromEnv(): RunnerSpec | undefined {
  const spec = process.env.TSRADIOMICS_BATCH_RUNNER;
  if (!spec) return undefined;
  const [module, exportName = "default"] = spec.split("#");
  return { module: resolve(module), exportName, id: `custom:${spec}` };
}

/** A progress bar on a TTY (cases done/total, ETA, failures); nothing otherwise. */
async function progressReporter(total: number): Promise<{ update(p: BatchProgress): void; stop(): void }> {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const { SingleBar } = (await import("cli-progress")).default;
  const bar = new SingleBar({
    format: "cases |{bar}| {value}/{total} | ETA {eta_formatted} | cached {cached} | failed {failed}",
    stream: process.stderr,
    hideCursor: true,
    etaBuffer: 20,
  });
  bar.start(total, 0, { failed: 0, cached: 0 });
  return {
    update: (p) => bar.update(p.done, { failed: p.failed, cached: p.cached }),
    stop: () => bar.stop(),
  };
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      input: { type: "string" },
      params: { type: "string" },
      out: { type: "string" },
      jobs: { type: "string" },
      cache: { type: "string" },
      "no-cache": { type: "boolean" },
      shard: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  for (const k of ["input", "params", "out"] as const) {
    if (!values[k]) throw new InputError(`missing --${k}\n\n${USAGE}`);
  }
  const out = resolve(values.out!);
  checkOutputPath(out);
  const params = resolve(values.params!);
  if (!existsSync(params)) throw new InputError(`--params file not found: ${params}`);
  const runner = runnerFromEnv();
  // Validated once here, not per case: a misspelt setting would otherwise fail every case and write an empty
  // CSV. A custom runner (test hook) reads its own params, so only the default extraction's are checked.
  if (!runner) for (const w of paramsWarnings(loadParams(params), params)) process.stderr.write(`tsradiomics batch: warning: ${w}\n`);
  let jobs = defaultJobs();
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 0) throw new InputError(`--jobs must be a whole number ≥ 0, got '${values.jobs}'`);
  }
  const table = readCasesCsv(resolve(values.input!));
  let cases = table.cases;
  let info: ShardInfo | undefined;
  if (values.shard) {
    const s = parseShard(values.shard);
    const [a, b] = shardRange(cases.length, s);
    cases = cases.slice(a, b);
    info = { shard: s.i, of: s.n, rows: [a, b], totalRows: table.cases.length, inputColumns: table.columns };
  }
  const cacheDir = values["no-cache"] ? undefined : resolve(values.cache ?? `${out}.cache`);
  const progress = await progressReporter(cases.length);
  const started = performance.now();
  let result;
  try {
    result = await runBatch(cases, { params, jobs, cacheDir, runner, onProgress: (p) => progress.update(p) });
  } finally {
    progress.stop();
  }
  writeOutput(out, tableCsv(featureTable(table.columns, result.results)));
  if (info) writeOutput(shardInfoPath(out), `${JSON.stringify(info, null, 2)}\n`);
  const failuresPath = `${out}.failures.csv`;
  const seconds = (performance.now() - started) / 1000;
  const cached = result.results.filter((r) => r.status === "cached").length;
  process.stderr.write(
    `batch: ${cases.length} cases, ${cases.length - result.failed} extracted (${cached} from cache), ${result.failed} failed, ${seconds.toFixed(1)} s → ${out}\n`,
  );
  if (result.failed > 0) {
    writeOutput(failuresPath, failuresCsv(table.columns, result.results));
    for (const r of result.results.filter((x) => x.status === "failed")) {
      process.stderr.write(`  failed: row ${r.case.index + 1} (${r.case.id}): ${r.error}\n`);
    }
    process.stderr.write(`failures listed in ${failuresPath}\n`);
    return 3;
  }
  return 0;
}

