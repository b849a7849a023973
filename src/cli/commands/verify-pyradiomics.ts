import { parseArgs } from "node:util";
import { InputError } from "../../errors.js";
import { formatReport, verifyPyradiomics } from "../../verify/pyradiomics.js";

const USAGE = "usage: tsradiomics verify pyradiomics --baseline DIR --images DIR [--column REGEX]";

/** `tsradiomics verify pyradiomics`: compares the extractor with PyRadiomics' baseline CSVs. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      baseline: { type: "string" },
      images: { type: "string" },
      column: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.baseline || !values.images) throw new InputError(`--baseline and --images are required\n${USAGE}`);
  const re = values.column ? new RegExp(values.column) : undefined;
  const report = await verifyPyradiomics({
    baselineDir: values.baseline,
    imagesDir: values.images,
    columns: re ? (c) => re.test(c) : undefined,
  });
  process.stdout.write(`${formatReport(report)}\n`);
  return report.failed > 0 ? 1 : 0;
}
