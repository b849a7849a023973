/**
 * Notebook 03 ("feature extraction"): the params files, the verification summaries (PyRadiomics baseline
 * parity, IBSI-1 compliance) and the STS cohort's feature table, as plain rows for tables.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir, dataFile, datasetFiles, projectRoot, registeredHash, sha256File } from "../data/registry.js";
import { InputError } from "../errors.js";
import { featuresOf, loadParams, type RadiomicsParams } from "../extract/params.js";
import type { InputRecord } from "../report/provenance.js";
import { IBSI_CONFIGS, verifyIbsi, type IbsiReport } from "../verify/ibsi.js";
import { deviation, verifyPyradiomics, type VerifyReport } from "../verify/pyradiomics.js";
import type { StudyCohort } from "./cohorts.js";
import { splitFeatureName } from "./reliability.js";

/** A params file's text and its parsed, validated form. */
export function readParamsFile(relPath: string): { path: string; text: string; params: RadiomicsParams; sha256: string } {
  const path = join(projectRoot(), relPath);
  return { path: relPath, text: readFileSync(path, "utf8"), params: loadParams(path), sha256: sha256File(path) };
}

/**
 * One row per (image type, feature class) a params file enables: the image type's own settings and the
 * number of features (the class defaults when the file lists none).
 */
export function paramsPlan(params: RadiomicsParams): { image_type: string; image_type_settings: string; feature_class: string; features: number }[] {
  const rows: { image_type: string; image_type_settings: string; feature_class: string; features: number }[] = [];
  for (const cls of Object.keys(params.featureClass)) {
    const n = (params.featureClass[cls] ?? featuresOf(cls).defaults).length;
    if (cls.startsWith("shape")) {
      rows.push({ image_type: "Original (shape is computed once, on the mask)", image_type_settings: "", feature_class: cls, features: n });
      continue;
    }
    for (const [type, custom] of Object.entries(params.imageType)) {
      const sigmas = (custom as Record<string, unknown>).sigma;
      const derived = Array.isArray(sigmas) ? sigmas.length : 1;
      rows.push({ image_type: type, image_type_settings: JSON.stringify(custom), feature_class: cls, features: n * derived });
    }
  }
  return rows;
}

/** Runs the PyRadiomics baseline comparison on the registered test data (brain1, breast1). */
export async function pyradiomicsParity(): Promise<VerifyReport> {
  return verifyPyradiomics({ baselineDir: dataDir("pyradiomics", "baseline"), imagesDir: dataDir("pyradiomics") });
}

/** Per-class passed / failed / skipped counts and the largest relative deviation among compared values. */
export function parityByClass(report: VerifyReport): { feature_class: string; baseline_columns: number; passed: number; failed: number; known_version_difference: number; skipped: number; max_relative_deviation: number }[] {
  const classes = [...new Set(report.rows.map((r) => r.featureClass))];
  return classes.map((c) => {
    const rs = report.rows.filter((r) => r.featureClass === c);
    const n = (s: string) => rs.filter((r) => r.status === s).length;
    const devs = rs.filter((r) => r.status === "passed" || r.status === "failed").map(deviation).filter(Number.isFinite);
    return {
      feature_class: c,
      baseline_columns: new Set(rs.map((r) => r.column)).size,
      passed: n("passed"),
      failed: n("failed"),
      known_version_difference: n("known-difference"),
      skipped: n("skipped"),
      max_relative_deviation: devs.length ? Math.max(...devs) : NaN,
    };
  });
}

/** Skip reasons with their counts (what was not compared, and why). */
export function paritySkips(report: VerifyReport): { reason: string; values: number }[] {
  const m = new Map<string, number>();
  for (const r of report.rows) if (r.status === "skipped") m.set(r.reason ?? "", (m.get(r.reason ?? "") ?? 0) + 1);
  return [...m.entries()].map(([reason, values]) => ({ reason, values }));
}

/** Registered inputs of the PyRadiomics verification. */
export function pyradiomicsInputs(): InputRecord[] {
  return datasetFiles("pyradiomics").filter((f) => f.startsWith("baseline/") || /^(brain1|breast1)_(image|label)\.nrrd$/.test(f)).map((file) => ({ dataset: "pyradiomics", file, sha256: registeredHash("pyradiomics", file) }));
}

/** The IBSI-1 runs: configuration → phantom dataset and reference file. */
export const IBSI_RUNS = [
  { config: "digital", phantom: "ibsi-digital-phantom", reference: "ibsi_1_reference_values_digital_phantom.csv" },
  { config: "A", phantom: "ibsi-ct-phantom", reference: "ibsi_1_reference_values_config_A.csv" },
  { config: "B", phantom: "ibsi-ct-phantom", reference: "ibsi_1_reference_values_config_B.csv" },
] as const;

export interface IbsiRun {
  config: string;
  report: IbsiReport | null;
  /** Why the configuration was not run (not implemented here). */
  notRun?: string;
  inputs: InputRecord[];
}

/** Runs every IBSI configuration this build implements (others are reported with the reason). */
export async function ibsiRuns(): Promise<IbsiRun[]> {
  const out: IbsiRun[] = [];
  for (const r of IBSI_RUNS) {
    const files = { image: "nifti/image/phantom.nii.gz", mask: "nifti/mask/mask.nii.gz" };
    const inputs: InputRecord[] = [
      ...Object.values(files).map((file) => ({ dataset: r.phantom, file, sha256: registeredHash(r.phantom, file) })),
      { dataset: "ibsi-reference-values", file: r.reference, sha256: registeredHash("ibsi-reference-values", r.reference) },
    ];
    if (!(r.config in IBSI_CONFIGS)) {
      out.push({ config: r.config, report: null, notRun: "configuration not implemented in this build", inputs });
      continue;
    }
    try {
      const report = await verifyIbsi({
        reference: dataFile("ibsi-reference-values", r.reference),
        image: dataFile(r.phantom, files.image),
        mask: dataFile(r.phantom, files.mask),
        config: r.config,
      });
      out.push({ config: r.config, report, inputs });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      out.push({ config: r.config, report: null, notRun: err.message, inputs });
    }
  }
  return out;
}

/** One row per IBSI run: matched / failed / not computed among the tags that have a consensus value. */
export function ibsiSummaryRows(runs: IbsiRun[]): { configuration: string; matched: number; failed: number; not_computed: number; with_reference: number; note: string }[] {
  return runs.map((r) => {
    if (!r.report) return { configuration: r.config, matched: 0, failed: 0, not_computed: 0, with_reference: 0, note: `not run: ${r.notRun}` };
    const rows = r.report.rows.filter((x) => x.reference !== null);
    const n = (s: string) => rows.filter((x) => x.status === s).length;
    return { configuration: `${r.config} (${r.report.config})`, matched: n("passed"), failed: n("failed"), not_computed: n("skipped"), with_reference: rows.length, note: "" };
  });
}

/** Features per image type and class of a study cohort's radiomics columns. */
export function featureCounts(names: string[]): { image_type: string; feature_class: string; features: number }[] {
  const m = new Map<string, number>();
  for (const name of names) {
    const { imageType, featureClass } = splitFeatureName(name);
    m.set(`${imageType}\u0000${featureClass}`, (m.get(`${imageType}\u0000${featureClass}`) ?? 0) + 1);
  }
  return [...m.entries()].map(([k, features]) => {
    const [image_type, feature_class] = k.split("\u0000") as [string, string];
    return { image_type, feature_class, features };
  });
}

/** The cohort as rows: patient id, outcome, then every radiomics feature (the wide feature table). */
export function featureRows(cohort: StudyCohort): Record<string, string | number>[] {
  const names = cohort.layout.radiomics;
  const offset = cohort.layout.clinical.length;
  return cohort.ids.map((id, i) => {
    const row: Record<string, string | number> = { patient_id: id, outcome: cohort.y[i]! };
    names.forEach((n, j) => (row[n] = cohort.x[i]![offset + j]!));
    return row;
  });
}

/**
 * The IBSI-1 compliance report as Markdown: per run, a family table (matched / failed / not computed /
 * total with a consensus value). Written here rather than through verify/ibsi-report.ts, whose module runs
 * its command line at import.
 */
export function ibsiComplianceMarkdown(runs: IbsiRun[]): string {
  const parts = ["# IBSI-1 compliance of tsradiomics", "", "Tolerance: the IBSI tolerance, at least half a unit of the third significant digit of the published value.", ""];
  for (const r of runs) {
    if (!r.report) {
      parts.push(`## configuration ${r.config}`, "", `not run: ${r.notRun}`, "");
      continue;
    }
    parts.push(`## ${r.report.config}`, "", "| family | matched | failed | not computed | total with reference |", "|---|---:|---:|---:|---:|");
    for (const f of [...new Set(r.report.rows.map((x) => x.family))]) {
      const rs = r.report.rows.filter((x) => x.family === f && x.reference !== null);
      const n = (s: string) => rs.filter((x) => x.status === s).length;
      parts.push(`| ${f} | ${n("passed")} | ${n("failed")} | ${n("skipped")} | ${rs.length} |`);
    }
    const withRef = r.report.rows.filter((x) => x.reference !== null).length;
    parts.push("", `**${r.report.passed} of ${withRef} reference values matched, ${r.report.failed} failed.**`, "");
  }
  return parts.join("\n");
}
