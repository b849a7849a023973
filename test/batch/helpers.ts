import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunnerSpec } from "../../src/batch/runner.js";

export const FAKE_RUNNER: RunnerSpec = {
  module: join(import.meta.dirname, "fixtures/fake-runner.ts"),
  exportName: "fakeCase",
  id: "fake",
};

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `tsr-${prefix}-`));
}

/**
 * Writes n fake cases case<k>/img.txt + mask.txt (values k, k+1, … with mask 1 on even voxels) and a
 * cases.csv with columns ID, Image, Mask (relative paths), optionally one with a missing image.
 */
export function fakeCohort(dir: string, n: number, missing: number[] = []): string {
  const lines = ["ID,Image,Mask"];
  for (let k = 1; k <= n; k++) {
    const sub = join(dir, `case${k}`);
    mkdirSync(sub, { recursive: true });
    if (!missing.includes(k)) writeFileSync(join(sub, `img${k}.txt`), Array.from({ length: 6 }, (_, i) => k * 10 + i).join(" "));
    writeFileSync(join(sub, "mask.txt"), "1 0 1 0 1 0");
    lines.push(`P${String(k).padStart(3, "0")},case${k}/img${k}.txt,case${k}/mask.txt`);
  }
  const csv = join(dir, "cases.csv");
  writeFileSync(csv, `${lines.join("\n")}\n`);
  return csv;
}
