import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { RUNNING_TS } from "../threads.js";
import type { FeatureEntries } from "./cache.js";

/** What a per-case function receives: resolved paths and the row's label override. */
export interface CaseInput {
  image: string;
  mask: string;
  label?: number;
}

/** A per-case extraction: features in output order (entries or an ordered Map). */
export type CaseFunction = (c: CaseInput, params: unknown) => Promise<FeatureEntries | Map<string, number | string>>;

/**
 * Where worker threads find the per-case function: a module (file path or file: URL) and its export.
 * Closures cannot cross threads, so the engine is made testable by pointing it at another module.
 * `id` enters the cache key (a different function must not reuse another's results).
 */
export interface RunnerSpec {
  module: string;
  exportName: string;
  id: string;
}

const EXT = RUNNING_TS ? ".ts" : ".js";

/**
 * Fingerprint of the code that computes features (the modules of io/, image/, filters/, features/, extract/):
 * part of the default runner's id, so a cache entry made by another version of the engine is never reused.
 */
export function engineFingerprint(): string {
  const root = dirname(fileURLToPath(import.meta.url)).replace(/[\\/]batch$/, "");
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith(EXT) && !e.name.endsWith(".d.ts")) files.push(path);
    }
  };
  for (const sub of ["io", "image", "filters", "features", "extract"]) if (existsSync(join(root, sub))) walk(join(root, sub));
  const h = createHash("sha256");
  for (const f of files.sort()) h.update(relative(root, f)).update("\0").update(readFileSync(f)).update("\0");
  return h.digest("hex").slice(0, 16);
}

/** The default runner: PyRadiomics-equivalent extraction (src/batch/extract-case). */
export const DEFAULT_RUNNER: RunnerSpec = {
  module: new URL(`./extract-case${EXT}`, import.meta.url).href,
  exportName: "extractCase",
  id: `tsradiomics-extract-v1+${engineFingerprint()}`,
};

/** Loads a runner's function (dynamic import; works in the main thread and in workers). */
export async function loadRunner(spec: RunnerSpec): Promise<CaseFunction> {
  const url = spec.module.startsWith("file:") ? spec.module : pathToFileURL(spec.module).href;
  const mod = (await import(url)) as Record<string, unknown>;
  const fn = mod[spec.exportName];
  if (typeof fn !== "function") throw new Error(`runner ${spec.module} has no function export '${spec.exportName}'`);
  return fn as CaseFunction;
}

/** Normalises a runner's result to entries. */
export function toEntries(result: FeatureEntries | Map<string, number | string>): FeatureEntries {
  return result instanceof Map ? [...result.entries()] : result;
}
