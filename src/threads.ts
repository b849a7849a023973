/** Worker threads on project modules, from the built dist/ (.js) or from TypeScript sources (tests, tsx). */
import { Worker } from "node:worker_threads";

/** True when the project runs as TypeScript source (tests, tsx), false from the built dist/. */
export const RUNNING_TS = import.meta.url.endsWith(".ts");

/**
 * Starts a worker on the module `entry` (a URL of its .js or .ts file, as `new URL("./x.js",
 * import.meta.url)` gives from the caller's own file: the extension is matched to the caller's).
 * Running as TypeScript, Node 20 resolves a worker's entry before any `--import` hook of its
 * execArgv is active, so the worker starts from a tiny ESM bootstrap (data: URL) that registers
 * tsx's loader and then imports the .ts entry.
 */
export function startModuleWorker(entry: URL, workerData: unknown): Worker {
  if (!entry.pathname.endsWith(".ts")) return new Worker(entry, { workerData });
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const code = `import { register } from ${JSON.stringify(tsxApi)};\nregister();\nawait import(${JSON.stringify(entry.href)});\n`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData, execArgv: [] });
}
