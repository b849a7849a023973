/**
 * Worker-thread entry of the batch engine: loads the runner named in workerData once, then answers
 * each {index, input, params} task with {index, ok, features | error}.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadRunner, toEntries, type CaseFunction, type CaseInput, type RunnerSpec } from "./runner.js";

export interface TaskMessage {
  index: number;
  input: CaseInput;
  params: unknown;
}

export type ResultMessage =
  | { index: number; ok: true; features: Array<[string, number | string]>; seconds: number }
  | { index: number; ok: false; error: string; seconds: number };

if (parentPort) {
  const port = parentPort;
  const spec = (workerData as { runner: RunnerSpec }).runner;
  let fn: Promise<CaseFunction> | undefined;
  port.on("message", async (task: TaskMessage) => {
    const start = performance.now();
    try {
      fn ??= loadRunner(spec);
      const features = toEntries(await (await fn)(task.input, task.params));
      port.postMessage({ index: task.index, ok: true, features, seconds: (performance.now() - start) / 1000 } satisfies ResultMessage);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      port.postMessage({ index: task.index, ok: false, error, seconds: (performance.now() - start) / 1000 } satisfies ResultMessage);
    }
  });
}
