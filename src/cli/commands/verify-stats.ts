/**
 * `tsradiomics verify stats --suite DIR [--verbose]`: runs the R reference suite, prints a
 * per-topic table and the final line `N passed, M failed`; exit code 1 on any failure.
 */
import { parseArgs } from "node:util";
import { formatReport, verifyStatsSuite } from "../../verify/stats.js";

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      suite: { type: "string", default: "../shared/reference/stats" },
      verbose: { type: "boolean", short: "v", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write("usage: tsradiomics verify stats [--suite DIR] [--verbose]\n");
    return 0;
  }
  const report = verifyStatsSuite(values.suite as string);
  process.stdout.write(`${formatReport(report, values.verbose as boolean)}\n`);
  return report.failed === 0 ? 0 : 1;
}
