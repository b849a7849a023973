import { parseCsv } from "../batch/csv.js";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { computeFeatures } from "../extract/extractor.js";
import { VALID_SETTINGS, featuresOf, normaliseParams } from "../extract/params.js";
import type { Image3D } from "../image/types.js";
import { parsePythonLiteral } from "../io/python-literal.js";
import { readImage } from "../io/read.js";

/** Agreement rule, written once: |got − want| ≤ 1e−6·|want| (relative), or ≤ 1e−10 (absolute, near zero). */
export const TOLERANCE = { relative: 1e-6, absolute: 1e-10 };

export function withinTolerance(got: number, want: number): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  const d = Math.abs(got - want);
  return d <= TOLERANCE.absolute || d <= TOLERANCE.relative * Math.abs(want);
}

/** Features this project does not compute yet, with the reason (reported as skipped, never as passed). */
export const NOT_IMPLEMENTED: Record<string, string> = {};

/**
 * Baseline values known to come from an older PyRadiomics whose definition differed. They are compared
 * and shown with the reason (status "known-difference"), neither passed nor failed; any OTHER mismatch
 * in those columns still fails. See test/features/shape-mesh.test.ts for the evidence.
 */
export const KNOWN_VERSION_DIFFERENCES: { column: string; features: string[]; reason: string }[] = [
  {
    column: "brain1",
    features: ["original_shape_MeshVolume", "original_shape_SurfaceArea", "original_shape_SurfaceVolumeRatio", "original_shape_Sphericity"],
    reason:
      "written by PyRadiomics 2.0.1b1 (its diagnostics_Versions_PyRadiomics row), whose marching-cubes mesh differed; " +
      "brain1_resampling and the breast1 columns (current mesh) match, and our SurfaceArea equals PyRadiomics' earlier published baseline",
  },
];

function knownDifference(column: string, name: string): string | undefined {
  return KNOWN_VERSION_DIFFERENCES.find((k) => k.column === column && k.features.includes(name))?.reason;
}

/** One compared value. */
export interface CheckRow {
  column: string;
  featureClass: string;
  feature: string;
  expected: number;
  actual: number | null;
  status: "passed" | "failed" | "skipped" | "known-difference";
  reason?: string;
}

export interface VerifyReport {
  rows: CheckRow[];
  passed: number;
  failed: number;
  skipped: number;
  knownDifferences: number;
}

/** RFC 4180 CSV: the project's one parser (src/batch/csv.ts), re-exported for the verify callers. */
export { parseCsv };

/** One baseline column of one class CSV: the case, its settings and the expected feature values. */
export interface BaselineColumn {
  column: string;
  testCase: string;
  featureClass: string;
  settingsText: string;
  imageTypes: string;
  expected: Map<string, number>;
}

/** Reads every `baseline_<class>.csv` of a directory into columns. */
export function readBaselines(dir: string): BaselineColumn[] {
  if (!existsSync(dir)) throw new InputError(`baseline directory not found: ${dir}`);
  const files = readdirSync(dir).filter((f) => /^baseline_.+\.csv$/.test(f)).sort();
  if (files.length === 0) throw new InputError(`${dir}: no baseline_<class>.csv files`);
  const out: BaselineColumn[] = [];
  for (const f of files) {
    const featureClass = f.slice("baseline_".length, -".csv".length);
    const rows = parseCsv(readFileSync(join(dir, f), "utf8"));
    const header = rows[0];
    const byName = new Map(rows.slice(1).map((r) => [r[0], r]));
    const need = (key: string) => {
      const r = byName.get(key);
      if (!r) throw new InputError(`${f}: row ${key} is missing`);
      return r;
    };
    for (let c = 1; c < header.length; c++) {
      const expected = new Map<string, number>();
      for (const r of rows.slice(1)) if (r[0].startsWith("original_") && r[c] !== "") expected.set(r[0], Number(r[c]));
      out.push({
        column: header[c],
        testCase: need("diagnostics_Configuration_TestCase")[c],
        featureClass,
        settingsText: need("diagnostics_Configuration_Settings")[c],
        imageTypes: byName.get("diagnostics_Configuration_EnabledImageTypes")?.[c] ?? "{'Original': {}}",
        expected,
      });
    }
  }
  return out;
}

/** PyRadiomics settings dict (Python repr) → our params `setting` (only names PyRadiomics accepts). */
export function settingsFromBaseline(text: string, where: string): Record<string, unknown> {
  const parsed = parsePythonLiteral(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new InputError(`${where}: diagnostics_Configuration_Settings is not a dict`);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed)) if (VALID_SETTINGS.includes(k)) out[k] = v;
  return out;
}

export interface VerifyOptions {
  baselineDir: string;
  imagesDir: string;
  /** Only columns whose name matches (tests use this to stay fast). */
  columns?: (column: string) => boolean;
}

/**
 * Runs the extractor for every baseline column whose `<case>_image.nrrd` / `<case>_label.nrrd` exist in
 * imagesDir, with that column's settings and only its feature class, and compares every feature.
 * Columns sharing case and settings are extracted once.
 */
export async function verifyPyradiomics(opts: VerifyOptions): Promise<VerifyReport> {
  const columns = readBaselines(opts.baselineDir).filter((b) => !opts.columns || opts.columns(b.column));
  const groups = new Map<string, BaselineColumn[]>();
  for (const b of columns) {
    const key = `${b.testCase}\u0000${b.settingsText}\u0000${b.imageTypes}`;
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  const images = new Map<string, { image: Image3D; label: Image3D }>();
  const rows: CheckRow[] = [];
  for (const group of groups.values()) {
    const { testCase } = group[0];
    const imagePath = join(opts.imagesDir, `${testCase}_image.nrrd`);
    const labelPath = join(opts.imagesDir, `${testCase}_label.nrrd`);
    if (!existsSync(imagePath) || !existsSync(labelPath)) {
      for (const b of group) skipAll(rows, b, `needs ${testCase}_image.nrrd and ${testCase}_label.nrrd in ${opts.imagesDir}`);
      continue;
    }
    if (!images.has(testCase)) images.set(testCase, { image: await readImage(imagePath), label: await readImage(labelPath, "label") });
    const { image, label } = images.get(testCase)!;
    const settings = settingsFromBaseline(group[0].settingsText, `${group[0].featureClass}/${group[0].column}`);
    const imageType = parsePythonLiteral(group[0].imageTypes) as Record<string, Record<string, unknown>>;
    const featureClass = Object.fromEntries(group.map((b) => [b.featureClass, implementedNames(b)]));
    let actual: Map<string, number | string>;
    try {
      actual = await computeFeatures(image, label, normaliseParams({ setting: settings, imageType, featureClass }, group[0].column), {}, {
        image: imagePath,
        mask: labelPath,
      });
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      for (const b of group) failAll(rows, b, `extraction failed: ${msg}`);
      continue;
    }
    for (const b of group) compareColumn(rows, b, actual);
  }
  return summarise(rows);
}

/** Feature names of a baseline column that this project implements. */
function implementedNames(b: BaselineColumn): string[] {
  const { defaults, optional } = featuresOf(b.featureClass);
  return [...b.expected.keys()]
    .map((k) => k.slice(`original_${b.featureClass}_`.length))
    .filter((n) => defaults.includes(n) || optional.includes(n));
}

function compareColumn(rows: CheckRow[], b: BaselineColumn, actual: Map<string, number | string>): void {
  for (const [name, want] of b.expected) {
    const feature = name.slice(`original_${b.featureClass}_`.length);
    const base = { column: b.column, featureClass: b.featureClass, feature, expected: want };
    const missing = NOT_IMPLEMENTED[name];
    const got = actual.get(name);
    if (missing && got === undefined) {
      rows.push({ ...base, actual: null, status: "skipped", reason: missing });
    } else if (typeof got !== "number") {
      rows.push({ ...base, actual: null, status: "failed", reason: "not computed" });
    } else if (withinTolerance(got, want)) {
      rows.push({ ...base, actual: got, status: "passed" });
    } else {
      const known = knownDifference(b.column, name);
      rows.push({ ...base, actual: got, status: known ? "known-difference" : "failed", reason: known });
    }
  }
}

function skipAll(rows: CheckRow[], b: BaselineColumn, reason: string): void {
  for (const [name, want] of b.expected) {
    rows.push({ column: b.column, featureClass: b.featureClass, feature: name, expected: want, actual: null, status: "skipped", reason });
  }
}

function failAll(rows: CheckRow[], b: BaselineColumn, reason: string): void {
  for (const [name, want] of b.expected) {
    rows.push({ column: b.column, featureClass: b.featureClass, feature: name, expected: want, actual: null, status: "failed", reason });
  }
}

function summarise(rows: CheckRow[]): VerifyReport {
  const count = (s: CheckRow["status"]) => rows.filter((r) => r.status === s).length;
  return { rows, passed: count("passed"), failed: count("failed"), skipped: count("skipped"), knownDifferences: count("known-difference") };
}

/** Relative deviation |got − want| / |want| (absolute when want = 0). */
export function deviation(r: CheckRow): number {
  if (r.actual === null) return NaN;
  const d = Math.abs(r.actual - r.expected);
  return r.expected === 0 ? d : d / Math.abs(r.expected);
}

/** Per-class table, failures, skip reasons, and the last line `N passed, M failed`. */
export function formatReport(report: VerifyReport): string {
  const lines: string[] = [];
  const classes = [...new Set(report.rows.map((r) => r.featureClass))];
  lines.push(`${"class".padEnd(12)} ${"passed".padStart(7)} ${"failed".padStart(7)} ${"skipped".padStart(8)}  max rel. deviation`);
  for (const c of classes) {
    const rs = report.rows.filter((r) => r.featureClass === c);
    const n = (s: string) => rs.filter((r) => r.status === s).length;
    // Known version differences are neither passed nor failed, so they do not count towards the deviation either.
    const maxDev = Math.max(0, ...rs.filter((r) => r.status === "passed" || r.status === "failed").map(deviation).filter((d) => Number.isFinite(d)));
    lines.push(`${c.padEnd(12)} ${String(n("passed")).padStart(7)} ${String(n("failed")).padStart(7)} ${String(n("skipped")).padStart(8)}  ${maxDev.toExponential(2)}`);
  }
  const failed = report.rows.filter((r) => r.status === "failed");
  if (failed.length > 0) {
    lines.push("", "failures:");
    for (const r of failed) {
      lines.push(`  ${r.column} ${r.featureClass}_${r.feature}: expected ${r.expected}, got ${r.actual ?? "—"}${r.reason ? ` (${r.reason})` : ""}`);
    }
  }
  const known = report.rows.filter((r) => r.status === "known-difference");
  if (known.length > 0) {
    lines.push("", "known differences between PyRadiomics versions (not counted as passed or failed):");
    for (const r of known) lines.push(`  ${r.column} ${r.featureClass}_${r.feature}: baseline ${r.expected}, ours ${r.actual}`);
    for (const why of new Set(known.map((r) => r.reason))) lines.push(`  reason: ${why}`);
  }
  const reasons = new Map<string, number>();
  for (const r of report.rows) if (r.status === "skipped") reasons.set(`${r.column}: ${r.reason}`, (reasons.get(`${r.column}: ${r.reason}`) ?? 0) + 1);
  if (reasons.size > 0) {
    lines.push("", "skipped:");
    for (const [why, n] of reasons) lines.push(`  ${n} × ${why}`);
  }
  lines.push("", `${report.passed} passed, ${report.failed} failed`);
  return lines.join("\n");
}
