import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DataError } from "../errors.js";

/** One dataset of `data/datasets.json`. `files` maps a path relative to `root` to its SHA-256. */
export interface Dataset {
  id: string;
  title: string;
  root: string;
  include?: string[];
  source: string;
  licence: string;
  citation: string;
  files: Record<string, string>;
}

export interface Registry {
  about: string;
  datasets: Dataset[];
}

/** Environment variable that points the registry at another copy of the data. */
export const DATA_ENV = "TSRADIOMICS_DATA";

let cachedProjectRoot: string | undefined;

/** The project root: the nearest ancestor of this module holding the tsradiomics package.json. */
export function projectRoot(): string {
  if (cachedProjectRoot) return cachedProjectRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).name === "tsradiomics") {
      cachedProjectRoot = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot locate the tsradiomics project root from " + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** Where the data lives: $TSRADIOMICS_DATA, else ../shared/data beside the project. */
export function dataRoot(): string {
  const fromEnv = process.env[DATA_ENV];
  return fromEnv ? resolve(fromEnv) : resolve(projectRoot(), "..", "shared", "data");
}

export function registryPath(): string {
  return join(projectRoot(), "data", "datasets.json");
}

let cachedRegistry: Registry | undefined;

export function loadRegistry(): Registry {
  cachedRegistry ??= JSON.parse(readFileSync(registryPath(), "utf8")) as Registry;
  return cachedRegistry;
}

export function getDataset(id: string): Dataset {
  const ds = loadRegistry().datasets.find((d) => d.id === id);
  if (!ds) {
    const ids = loadRegistry().datasets.map((d) => d.id).join(", ");
    throw new DataError(`unknown dataset '${id}' (registered: ${ids})`);
  }
  return ds;
}

/** SHA-256 of a file, hex. */
export function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

export type FileStatus = "ok" | "missing" | "altered";

export interface FileCheck {
  dataset: string;
  file: string;
  path: string;
  status: FileStatus;
  expected: string;
  actual?: string;
  bytes?: number;
}

/** Checks one registered file: present, and with the registered SHA-256. */
export function checkFile(ds: Dataset, file: string): FileCheck {
  const expected = ds.files[file];
  const path = join(dataRoot(), ds.root, file);
  if (!existsSync(path)) return { dataset: ds.id, file, path, status: "missing", expected };
  const actual = sha256File(path);
  return {
    dataset: ds.id,
    file,
    path,
    status: actual === expected ? "ok" : "altered",
    expected,
    actual,
    bytes: statSync(path).size,
  };
}

/** The message a user reads when a dataset file is missing or altered. */
export function describeProblem(ds: Dataset, check: FileCheck): string {
  const where = `looked at ${check.path}`;
  const fix =
    `Get it from: ${ds.source} (licence: ${ds.licence}). ` +
    `Point ${DATA_ENV} at a folder laid out like ../shared/data, or place the dataset under ${join(dataRoot(), ds.root)}.`;
  if (check.status === "missing") {
    return `dataset '${ds.id}' (${ds.title}): file '${check.file}' is missing (${where}). ${fix}`;
  }
  return (
    `dataset '${ds.id}' (${ds.title}): file '${check.file}' is altered (${where}): ` +
    `SHA-256 ${check.actual} instead of ${check.expected}. ${fix}`
  );
}

const verified = new Set<string>();

/**
 * The absolute path of a registered file after verifying its SHA-256 (once per process).
 * Throws a DataError naming the dataset, the path looked at and the public source.
 */
export function dataFile(datasetId: string, file: string): string {
  const ds = getDataset(datasetId);
  if (!(file in ds.files)) {
    throw new DataError(`dataset '${datasetId}' has no registered file '${file}' (see data/datasets.json)`);
  }
  const path = join(dataRoot(), ds.root, file);
  if (verified.has(path)) return path;
  const check = checkFile(ds, file);
  if (check.status !== "ok") throw new DataError(describeProblem(ds, check));
  verified.add(path);
  return path;
}

/** Registered files of a dataset under a folder prefix, sorted. */
export function datasetFiles(datasetId: string, prefix = ""): string[] {
  return Object.keys(getDataset(datasetId).files)
    .filter((f) => f.startsWith(prefix))
    .sort();
}

/** Absolute folder of a dataset (or a sub-folder), after verifying every registered file in it. */
export function dataDir(datasetId: string, sub = ""): string {
  const prefix = sub ? sub.replace(/\/?$/, "/") : "";
  const files = datasetFiles(datasetId, prefix);
  if (files.length === 0) throw new DataError(`dataset '${datasetId}' has no registered files under '${sub}'`);
  for (const f of files) dataFile(datasetId, f);
  return join(dataRoot(), getDataset(datasetId).root, sub);
}

/** The SHA-256 recorded for a registered file (for provenance records). */
export function registeredHash(datasetId: string, file: string): string {
  const hash = getDataset(datasetId).files[file];
  if (!hash) throw new DataError(`dataset '${datasetId}' has no registered file '${file}'`);
  return hash;
}

/** Verifies every registered file of every dataset. */
export function checkAll(onFile?: (check: FileCheck) => void): FileCheck[] {
  const out: FileCheck[] = [];
  for (const ds of loadRegistry().datasets) {
    for (const file of Object.keys(ds.files).sort()) {
      const check = checkFile(ds, file);
      onFile?.(check);
      out.push(check);
    }
  }
  return out;
}
