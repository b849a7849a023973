import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readImage } from "../../src/io/read.js";
import type { Image3D } from "../../src/image/types.js";
import { dataRoot } from "../../src/data/registry.js";

export const SHARED = dataRoot();
export const PYRAD = join(SHARED, "pyradiomics");

/** baseline_filters.csv as featureName → column → cell text. */
export function readFilterBaseline(): { columns: string[]; rows: Map<string, Map<string, string>> } {
  const text = readFileSync(join(PYRAD, "filter_baseline/baseline_filters.csv"), "utf8");
  const lines = text.split("\n").filter((l) => l.length > 0);
  const columns = lines[0].split(",").slice(1);
  const rows = new Map<string, Map<string, string>>();
  for (const line of lines.slice(1)) {
    // Only feature rows are needed; diagnostics rows may hold quoted commas and are skipped.
    if (line.startsWith("diagnostics_")) continue;
    const cells = line.split(",");
    rows.set(cells[0], new Map(columns.map((c, i) => [c, cells[i + 1]])));
  }
  return { columns, rows };
}

/** Case image and its label-1 mask as a 0/1 array. */
export async function loadCase(name: "breast1" | "brain1"): Promise<{ image: Image3D; mask: Uint8Array }> {
  const image = await readImage(join(PYRAD, `${name}_image.nrrd`));
  const label = await readImage(join(PYRAD, `${name}_label.nrrd`));
  const mask = new Uint8Array(label.data.length);
  for (let i = 0; i < mask.length; i++) mask[i] = label.data[i] === 1 ? 1 : 0;
  return { image, mask };
}

/** Mean, min, max and population variance of the voxels inside the mask (PyRadiomics firstorder). */
export function maskStats(values: ArrayLike<number>, mask: Uint8Array): { Mean: number; Minimum: number; Maximum: number; Variance: number } {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const v = values[i];
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) ss += (values[i] - mean) ** 2;
  return { Mean: mean, Minimum: min, Maximum: max, Variance: ss / n };
}

/** |a − b| / max(|b|, tiny): relative deviation, absolute when the reference is 0. */
export function relDev(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
}
