import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";

/** A case's features in order: name → number or text. */
export type FeatureEntries = Array<[string, number | string]>;

/** SHA-256 (hex) of a file's bytes, streamed. */
export function hashFile(path: string): Promise<string> {
  if (!existsSync(path)) return Promise.reject(new InputError(`file not found: ${path}`));
  return new Promise((resolve, reject) => {
    const h = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => h.update(chunk))
      .on("error", (err) => reject(new InputError(`cannot read ${path}: ${err.message}`)))
      .on("end", () => resolve(h.digest("hex")));
  });
}

/** JSON with object keys sorted, so equal values hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Params hash: a params file's bytes, or the canonical JSON of a params object. */
export function hashParams(params: unknown): string {
  const h = createHash("sha256");
  if (typeof params === "string") {
    if (!existsSync(params)) throw new InputError(`params file not found: ${params}`);
    h.update("file:").update(readFileSync(params));
  } else {
    h.update("json:").update(canonicalJson(params ?? {}));
  }
  return h.digest("hex");
}

/** Cache key of one case: SHA-256 over image hash, mask hash, params hash, label and runner id. */
export function cacheKey(parts: { image: string; mask: string; params: string; label?: number; runner: string }): string {
  return createHash("sha256").update(canonicalJson(parts)).digest("hex");
}

/** JSON cannot hold NaN/±Infinity: they are stored as {"nonFinite": "NaN" | "Infinity" | "-Infinity"}. */
function encodeValue(v: number | string): unknown {
  return typeof v === "number" && !Number.isFinite(v) ? { nonFinite: String(v) } : v;
}

function decodeValue(v: unknown): number | string {
  if (v && typeof v === "object" && "nonFinite" in v) return Number((v as { nonFinite: string }).nonFinite);
  return v as number | string;
}

interface CacheRecord {
  key: string;
  case: { image: string; mask: string; label?: number };
  names: string[];
  values: unknown[];
}

export function cachePath(cacheDir: string, key: string): string {
  return join(cacheDir, `${key}.json`);
}

/** The cached features of a key, or undefined (a corrupt or foreign file counts as absent). */
export function readCached(cacheDir: string, key: string): FeatureEntries | undefined {
  const path = cachePath(cacheDir, key);
  if (!existsSync(path)) return undefined;
  try {
    const rec = JSON.parse(readFileSync(path, "utf8")) as CacheRecord;
    if (rec.key !== key || !Array.isArray(rec.names) || rec.names.length !== rec.values.length) return undefined;
    return rec.names.map((n, i) => [n, decodeValue(rec.values[i])]);
  } catch {
    return undefined;
  }
}

/**
 * Writes one finished case atomically: to a temporary file in the same folder, then rename(2), so a
 * kill at any moment leaves either no entry or a complete one.
 */
export function writeCached(cacheDir: string, key: string, c: CacheRecord["case"], features: FeatureEntries): void {
  mkdirSync(cacheDir, { recursive: true });
  const rec: CacheRecord = { key, case: c, names: features.map(([n]) => n), values: features.map(([, v]) => encodeValue(v)) };
  writeFileAtomic(cachePath(cacheDir, key), JSON.stringify(rec));
}

/** Write-then-rename in the target's folder (same file system, so the rename is atomic). */
export function writeFileAtomic(path: string, content: string): void {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw err;
  }
}
