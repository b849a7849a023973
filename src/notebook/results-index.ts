/** Writes results/README.md: every result file with what produced it (from the provenance records). */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Provenance } from "../report/provenance.js";
import { resultsDir } from "../report/results.js";

function provenanceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? provenanceFiles(join(dir, e.name)) : e.name.endsWith(".provenance.json") ? [join(dir, e.name)] : []))
    .sort();
}

export function writeResultsIndex(): string {
  const root = resultsDir();
  const records = provenanceFiles(root).map((p) => ({ path: relative(root, p), record: JSON.parse(readFileSync(p, "utf8")) as Provenance }));
  const lines = [
    "# Results",
    "",
    "Written by `npm run study` (every notebook in `notebooks/`, executed headless). Each file has a",
    "`*.provenance.json` beside it: inputs with SHA-256, settings, seed, package version and git commit.",
    "",
    "| file(s) | what | produced by | seed | inputs |",
    "| --- | --- | --- | ---: | --- |",
  ];
  for (const { path, record } of records) {
    const files = record.outputs.map((o) => `[${o.file}](${o.file})`).join("<br>");
    const inputs = (record.inputs ?? []).length;
    lines.push(
      `| ${files} | ${record.description.replace(/\|/g, "\\|")} | ${record.producedBy} | ${record.seed ?? ""} | ${inputs ? `${inputs} ([provenance](${path}))` : `[provenance](${path})`} |`,
    );
  }
  const commits = [...new Set(records.map((r) => r.record.git.commit))];
  lines.push("", `Package ${records[0]?.record.package.name ?? "tsradiomics"} ${records[0]?.record.package.version ?? ""}; git commit(s): ${commits.join(", ") || "none"}.`, "");
  const out = join(root, "README.md");
  writeFileSync(out, lines.join("\n"));
  return out;
}
