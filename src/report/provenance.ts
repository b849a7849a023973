/**
 * Provenance: every file written under results/ gets a sibling `<name>.provenance.json` saying what
 * made it — inputs with SHA-256, settings, seed, package version, git commit. No timestamps, so two
 * runs of the same commit on the same inputs write byte-identical files.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../data/registry.js";

export interface InputRecord {
  /** Registry dataset id, or "file" for an unregistered path. */
  dataset: string;
  file: string;
  sha256: string;
}

export interface ProvenanceSpec {
  /** What produced the file: notebook and step, or the function. */
  producedBy: string;
  description: string;
  inputs?: InputRecord[];
  settings?: Record<string, unknown>;
  seed?: number | null;
}

export interface Provenance extends ProvenanceSpec {
  outputs: { file: string; sha256: string }[];
  package: { name: string; version: string };
  git: { commit: string; dirty: boolean };
  node: string;
}

let cachedGit: Provenance["git"] | undefined;

/** The project's git commit; `dirty` ignores notebooks/ and results/, which a study run rewrites. */
export function gitState(): Provenance["git"] {
  if (cachedGit) return cachedGit;
  try {
    const root = projectRoot();
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const status = execFileSync("git", ["status", "--porcelain", "--", ".", ":!notebooks", ":!results"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    cachedGit = { commit, dirty: status.trim().length > 0 };
  } catch {
    cachedGit = { commit: "unknown (not a git checkout)", dirty: false };
  }
  return cachedGit;
}

export function packageInfo(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), "package.json"), "utf8"));
  return { name: pkg.name, version: pkg.version };
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Builds the record for outputs already written (their bytes given, to hash). */
export function provenanceRecord(spec: ProvenanceSpec, outputs: { file: string; bytes: string | Uint8Array }[]): Provenance {
  return {
    producedBy: spec.producedBy,
    description: spec.description,
    outputs: outputs.map((o) => ({ file: o.file, sha256: sha256(o.bytes) })),
    inputs: spec.inputs ?? [],
    settings: spec.settings ?? {},
    seed: spec.seed ?? null,
    package: packageInfo(),
    git: gitState(),
    node: process.version,
  };
}
