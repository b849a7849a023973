import { parseArgs } from "node:util";
import { checkAll, dataRoot, getDataset, describeProblem, loadRegistry, type FileCheck } from "../../data/registry.js";
import { formatTextTable } from "../../report/text-table.js";

/** `tsradiomics data check`: verifies every registered file and prints a table per dataset. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { quiet: { type: "boolean", short: "q" } } });
  const checks = checkAll();
  const rows = loadRegistry().datasets.map((ds) => {
    const mine = checks.filter((c) => c.dataset === ds.id);
    const count = (s: FileCheck["status"]) => mine.filter((c) => c.status === s).length;
    const bytes = mine.reduce((a, c) => a + (c.bytes ?? 0), 0);
    return [ds.id, String(mine.length), String(count("ok")), String(count("missing")), String(count("altered")), (bytes / 1e6).toFixed(1)];
  });
  if (!values.quiet) {
    process.stdout.write(`data root: ${dataRoot()}\n\n`);
    process.stdout.write(formatTextTable(["dataset", "files", "ok", "missing", "altered", "MB"], rows) + "\n");
  }
  const problems = checks.filter((c) => c.status !== "ok");
  // One full message per damaged dataset; the rest of its files are counted, not repeated.
  for (const ds of loadRegistry().datasets) {
    const mine = problems.filter((p) => p.dataset === ds.id);
    if (mine.length === 0) continue;
    const more = mine.length > 1 ? ` (and ${mine.length - 1} more file${mine.length > 2 ? "s" : ""} of this dataset)` : "";
    process.stderr.write(`\n${describeProblem(getDataset(ds.id), mine[0])}${more}\n`);
  }
  process.stdout.write(`\n${checks.length - problems.length} files ok, ${problems.length} with problems\n`);
  return problems.length === 0 ? 0 : 1;
}
