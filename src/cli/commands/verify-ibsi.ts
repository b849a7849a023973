import { parseArgs } from "node:util";
import { InputError } from "../../errors.js";
import { formatIbsiReport, verifyIbsi } from "../../verify/ibsi.js";

const USAGE = "usage: tsradiomics verify ibsi --reference CSV --image I --mask M --config digital|A|B|C|D|E";

/** `tsradiomics verify ibsi`: compares IBSI-1 features with the consensus reference values. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      reference: { type: "string" },
      image: { type: "string" },
      mask: { type: "string" },
      config: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.reference || !values.image || !values.mask || !values.config) throw new InputError(`--reference, --image, --mask and --config are required\n${USAGE}`);
  const report = await verifyIbsi({ reference: values.reference, image: values.image, mask: values.mask, config: values.config });
  process.stdout.write(`${formatIbsiReport(report)}\n`);
  return report.failed > 0 ? 1 : 0;
}
