import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { InputError } from "../errors.js";
import { RUNNING_TS, startModuleWorker } from "../threads.js";
import { cacheKey, hashFile, hashParams, readCached, writeCached, type FeatureEntries } from "./cache.js";
import type { BatchCase } from "./cases.js";
import { DEFAULT_RUNNER, loadRunner, toEntries, type CaseFunction, type RunnerSpec } from "./runner.js";
import type { ResultMessage, TaskMessage } from "./worker.js";

export interface CaseResult {
  case: BatchCase;
  /** done: computed now; cached: taken from the cache; failed: error recorded, batch went on. */
  status: "done" | "cached" | "failed";
  features?: FeatureEntries;
  error?: string;
  seconds: number;
}

export interface BatchProgress {
  total: number;
  done: number;
  failed: number;
  cached: number;
  /** The case that just finished. */
  last?: CaseResult;
}

export interface BatchOptions {
  /** Params passed to the runner: a params-file path or a params object (also hashed for the cache). */
  params: unknown;
  /** Worker threads; 0 runs the cases in this thread (default: available cores). */
  jobs?: number;
  /** Folder of the resumable cache (one JSON per finished case); no cache when omitted. */
  cacheDir?: string;
  runner?: RunnerSpec;
  onProgress?: (p: BatchProgress) => void;
}

export interface BatchResult {
  /** One result per case, in input order whatever the scheduling. */
  results: CaseResult[];
  failed: number;
}

/** Default worker count: the machine's available parallelism. */
export function defaultJobs(): number {
  return availableParallelism();
}

/** Cache key of a case; rejects with InputError when its image or mask file cannot be read. */
async function keyOf(c: BatchCase, paramsHash: string, runner: RunnerSpec): Promise<string> {
  const [image, mask] = await Promise.all([hashFile(c.image), hashFile(c.mask)]);
  return cacheKey({ image, mask, params: paramsHash, label: c.label, runner: runner.id });
}

/** Starts one worker thread on the worker entry next to this module (worker.js, or worker.ts from sources). */
function startWorker(runner: RunnerSpec): Worker {
  return startModuleWorker(new URL(`./worker${RUNNING_TS ? ".ts" : ".js"}`, import.meta.url), { runner });
}

type Executor = (task: TaskMessage) => Promise<ResultMessage>;

/** Runs tasks in this thread (jobs = 0). */
function inProcessExecutor(runner: RunnerSpec): { exec: Executor; close(): Promise<void>; slots: number } {
  let fn: Promise<CaseFunction> | undefined;
  const exec: Executor = async (task) => {
    const start = performance.now();
    try {
      fn ??= loadRunner(runner);
      const features = toEntries(await (await fn)(task.input, task.params));
      return { index: task.index, ok: true, features, seconds: (performance.now() - start) / 1000 };
    } catch (err) {
      return { index: task.index, ok: false, error: err instanceof Error ? err.message : String(err), seconds: (performance.now() - start) / 1000 };
    }
  };
  return { exec, close: async () => {}, slots: 1 };
}

/**
 * A pool of `n` worker threads, one task at a time per worker. A worker that dies (uncaught error, out
 * of memory) fails its current case and is replaced.
 */
function workerPoolExecutor(n: number, runner: RunnerSpec): { exec: Executor; close(): Promise<void>; slots: number } {
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  const waiting: Array<(w: Worker) => void> = [];
  const spawn = (): Worker => {
    const w = startWorker(runner);
    all.add(w);
    return w;
  };
  const release = (w: Worker) => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  const acquire = (): Promise<Worker> => {
    const w = idle.pop();
    if (w) return Promise.resolve(w);
    if (all.size < n) return Promise.resolve(spawn());
    return new Promise((resolve) => waiting.push(resolve));
  };
  const exec: Executor = async (task) => {
    const w = await acquire();
    const start = performance.now();
    return new Promise<ResultMessage>((resolve) => {
      const onMessage = (m: ResultMessage) => {
        cleanup();
        release(w);
        resolve(m);
      };
      const onDeath = (err: unknown) => {
        cleanup();
        all.delete(w);
        void w.terminate();
        const error = err instanceof Error ? err.message : `worker exited with code ${String(err)}`;
        // A fresh worker replaces the dead one for whoever waits.
        if (waiting.length > 0) release(spawn());
        resolve({ index: task.index, ok: false, error: `worker died: ${error}`, seconds: (performance.now() - start) / 1000 });
      };
      const cleanup = () => {
        w.off("message", onMessage);
        w.off("error", onDeath);
        w.off("exit", onDeath);
      };
      w.on("message", onMessage);
      w.on("error", onDeath);
      w.on("exit", onDeath);
      w.postMessage(task);
    });
  };
  const close = async () => {
    await Promise.all([...all].map((w) => w.terminate()));
  };
  return { exec, close, slots: n };
}

/**
 * Runs a batch: each case is looked up in the cache (key = image hash + mask hash + params hash + label +
 * runner), else computed by the runner on a worker; every finished case is written to the cache at once
 * and atomically, so an interrupted batch loses nothing finished. A failing case (missing file, bad
 * mask, extraction error) is recorded and the others go on. Results come back in input order.
 */
export async function runBatch(cases: readonly BatchCase[], options: BatchOptions): Promise<BatchResult> {
  const runner = options.runner ?? DEFAULT_RUNNER;
  const jobs = options.jobs ?? defaultJobs();
  if (!Number.isInteger(jobs) || jobs < 0) throw new InputError(`--jobs must be a whole number ≥ 0, got ${jobs}`);
  const paramsHash = hashParams(options.params);
  const results: CaseResult[] = new Array(cases.length);
  const progress: BatchProgress = { total: cases.length, done: 0, failed: 0, cached: 0 };
  const finish = (i: number, r: CaseResult) => {
    results[i] = r;
    progress.done++;
    if (r.status === "failed") progress.failed++;
    if (r.status === "cached") progress.cached++;
    progress.last = r;
    options.onProgress?.({ ...progress });
  };
  const executor = jobs === 0 ? inProcessExecutor(runner) : workerPoolExecutor(Math.min(jobs, Math.max(cases.length, 1)), runner);
  let next = 0;
  const lane = async () => {
    while (next < cases.length) {
      const i = next++;
      const c = cases[i];
      let key: string | undefined;
      if (options.cacheDir) {
        try {
          key = await keyOf(c, paramsHash, runner);
        } catch (err) {
          finish(i, { case: c, status: "failed", error: err instanceof Error ? err.message : String(err), seconds: 0 });
          continue;
        }
        const cached = readCached(options.cacheDir, key);
        if (cached) {
          finish(i, { case: c, status: "cached", features: cached, seconds: 0 });
          continue;
        }
      }
      const m = await executor.exec({ index: i, input: { image: c.image, mask: c.mask, label: c.label }, params: options.params });
      if (m.ok) {
        if (options.cacheDir && key) {
          writeCached(options.cacheDir, key, { image: c.image, mask: c.mask, label: c.label }, m.features);
        }
        finish(i, { case: c, status: "done", features: m.features, seconds: m.seconds });
      } else {
        finish(i, { case: c, status: "failed", error: m.error, seconds: m.seconds });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: executor.slots }, lane));
  } finally {
    await executor.close();
  }
  return { results, failed: progress.failed };
}
