/** Worker-thread entry of cvGlmnetParallel: fits glmnetPath on the training rows of each task. */
import { parentPort, workerData } from "node:worker_threads";
import { InputError } from "../errors.js";
import { glmnetPath, type GlmnetOptions, type GlmnetPath } from "./glmnet.js";

/** What a worker receives once: the rows (row-major, shared), p, the outcome and the fit options. */
export interface GlmnetWorkerData {
  rows: Float64Array;
  p: number;
  y: Float64Array;
  opts: GlmnetOptions;
}
/** A path with its coefficients in one flat array (p per lambda), cheap to transfer. */
export type FlatGlmnetPath = Omit<GlmnetPath, "beta"> & { beta: Float64Array };
/** The answer to one task {task, rows}: its path or its error. */
export interface GlmnetWorkerAnswer {
  task: number;
  path?: FlatGlmnetPath;
  error?: { message: string; input: boolean };
}

if (parentPort) {
  const port = parentPort;
  const { rows, p, y, opts } = workerData as GlmnetWorkerData;
  port.on("message", ({ task, rows: idx }: { task: number; rows: number[] }) => {
    try {
      const x = idx.map((i) => rows.subarray(i * p, (i + 1) * p));
      const path = glmnetPath(x, idx.map((i) => y[i]), opts);
      const beta = new Float64Array(path.beta.length * p);
      path.beta.forEach((b, k) => beta.set(b, k * p));
      port.postMessage({ task, path: { ...path, beta } } satisfies GlmnetWorkerAnswer, [beta.buffer]);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      port.postMessage({ task, error: { message, input: err instanceof InputError } } satisfies GlmnetWorkerAnswer);
    }
  });
}
