/**
 * Writes a Markdown IBSI-1 compliance report (family → matched / total) for the digital phantom and the
 * CT phantom configurations this project implements.
 * Usage: npx tsx src/verify/ibsi-report.ts [--data DIR] [--references DIR] [--out report.md]
 * Without --data the files come from the data registry (data/datasets.json: ibsi-digital-phantom,
 * ibsi-ct-phantom, ibsi-reference-values), SHA-256 verified; --data DIR reads DIR laid out as the IBSI data
 * (DIR/reference_values/, DIR/digital_phantom/nifti/..., DIR/ct_phantom/nifti/...).
 * Configurations C–E are reported when ibsi_1_reference_values_config_{C,D,E}.csv (IBSI's published format)
 * lie next to the A/B files, or in --references DIR; a missing file is stated in the report, not an error.
 */
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { dataFile } from "../data/registry.js";
import { IBSI_CONFIGS_WITHOUT_SHIPPED_REFERENCE, verifyIbsi, type IbsiReport } from "./ibsi.js";

/** Markdown table of one report: family, matched, failed, not computed, total with a reference value. */
export function ibsiMarkdown(report: IbsiReport): string {
  const lines = [`## ${report.config}`, "", "| family | matched | failed | not computed | total with reference |", "|---|---:|---:|---:|---:|"];
  const families = [...new Set(report.rows.map((r) => r.family))];
  for (const f of families) {
    const rs = report.rows.filter((r) => r.family === f && r.reference !== null);
    const n = (s: string) => rs.filter((r) => r.status === s).length;
    lines.push(`| ${f} | ${n("passed")} | ${n("failed")} | ${n("skipped")} | ${rs.length} |`);
  }
  const withRef = report.rows.filter((r) => r.reference !== null).length;
  lines.push("", `**${report.passed} of ${withRef} reference values matched, ${report.failed} failed.**`, "");
  return lines.join("\n");
}

/** CT configurations whose reference values are not shipped with the IBSI data used here. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: "string" }, references: { type: "string" }, out: { type: "string" } } });
  const d = values.data;
  const runs = [
    { config: "digital", reference: "ibsi_1_reference_values_digital_phantom.csv", phantom: "digital_phantom", dataset: "ibsi-digital-phantom" },
    { config: "A", reference: "ibsi_1_reference_values_config_A.csv", phantom: "ct_phantom", dataset: "ibsi-ct-phantom" },
    { config: "B", reference: "ibsi_1_reference_values_config_B.csv", phantom: "ct_phantom", dataset: "ibsi-ct-phantom" },
  ];
  const file = (dataset: string, sub: string, name: string) => (d === undefined ? dataFile(dataset, name) : `${d}/${sub}/${name}`);
  const parts = ["# IBSI-1 compliance of tsradiomics", "", "Tolerance: the IBSI tolerance, at least half a unit of the third significant digit of the published value.", ""];
  const ct = { image: file("ibsi-ct-phantom", "ct_phantom", "nifti/image/phantom.nii.gz"), mask: file("ibsi-ct-phantom", "ct_phantom", "nifti/mask/mask.nii.gz") };
  for (const r of runs) {
    const report = await verifyIbsi({
      reference: file("ibsi-reference-values", "reference_values", r.reference),
      image: file(r.dataset, r.phantom, "nifti/image/phantom.nii.gz"),
      mask: file(r.dataset, r.phantom, "nifti/mask/mask.nii.gz"),
      config: r.config,
    });
    parts.push(ibsiMarkdown(report));
  }
  // C–E: IBSI publishes their reference values, but the data set used here ships only digital, A and B
  const refDir = values.references ?? dirname(file("ibsi-reference-values", "reference_values", "ibsi_1_reference_values_config_A.csv"));
  const absent: string[] = [];
  for (const c of IBSI_CONFIGS_WITHOUT_SHIPPED_REFERENCE) {
    const reference = join(refDir, `ibsi_1_reference_values_config_${c}.csv`);
    if (!existsSync(reference)) {
      absent.push(c);
      continue;
    }
    parts.push(ibsiMarkdown(await verifyIbsi({ reference, image: ct.image, mask: ct.mask, config: c })));
  }
  if (absent.length > 0) {
    parts.push(
      `Configurations ${absent.join(", ")} are implemented, but their reference values are absent from ${refDir} ` +
        `(expected ibsi_1_reference_values_config_${absent.length === 1 ? absent[0] : `{${absent.join(",")}}`}.csv in IBSI's format), so they are not compared here.`,
      "",
    );
  }
  const md = parts.join("\n");
  if (values.out) writeFileSync(values.out, md);
  else process.stdout.write(md);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await main();
