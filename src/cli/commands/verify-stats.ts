/**
 * `tsradiomics verify stats --suite DIR [--verbose]`: runs the R reference suite, prints a
 * per-topic table and the final line `N passed, M failed`; exit code 1 on any failure.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { dataRoot } from "../../data/registry.js";
import { formatReport, verifyStatsSuite } from "../../verify/stats.js";

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      // Default: the suite next to the data (shared/reference/stats beside shared/data).
      suite: { type: "string", default: join(dataRoot(), "..", "reference", "stats") },
      verbose: { type: "boolean", short: "v", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write("usage: tsradiomics verify stats [--suite DIR] [--verbose]\n  --suite  default: reference/stats next to the data folder (../shared or $TSRADIOMICS_DATA/..)\n");
    return 0;
  }
  const report = verifyStatsSuite(values.suite as string);
  process.stdout.write(`${formatReport(report, values.verbose as boolean)}\n`);
  return report.failed === 0 ? 0 : 1;
}
