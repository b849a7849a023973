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
  for (const p of problems.slice(0, 20)) process.stderr.write(`\n${describeProblem(getDataset(p.dataset), p)}\n`);
  if (problems.length > 20) process.stderr.write(`\n… and ${problems.length - 20} more problems\n`);
  process.stdout.write(`\n${checks.length - problems.length} files ok, ${problems.length} with problems\n`);
  return problems.length === 0 ? 0 : 1;
}
