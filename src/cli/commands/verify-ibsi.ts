import { parseArgs } from "node:util";
import { InputError } from "../../errors.js";
import { formatIbsiReport, IBSI_CONFIGS_WITHOUT_SHIPPED_REFERENCE, verifyIbsi } from "../../verify/ibsi.js";

const USAGE = `usage: tsradiomics verify ibsi --reference CSV --image I --mask M --config digital|A|B|C|D|E

Computes the IBSI-1 features of I within mask M (label 1) under one IBSI-1 configuration and compares
every tag of CSV (IBSI's reference-values format: columns family, feature, reference value, tolerance, tag).
  digital  digital phantom, no processing
  A        CT phantom: 2D, no interpolation, re-segmentation [-500, 400] HU, fixed bin size 25 HU
  B        CT phantom: 2D, 2 mm in-plane bilinear interpolation, [-500, 400] HU, 32 fixed bins
  C        CT phantom: 3D, 2 mm isotropic trilinear, [-1000, 400] HU, fixed bin size 25 HU (IVH: 2.5 HU bins)
  D        CT phantom: 3D, 2 mm isotropic trilinear, outliers outside mean ± 3 SD removed, 32 fixed bins
  E        CT phantom: 3D, 2 mm isotropic tricubic spline, [-1000, 400] HU and mean ± 3 SD, 32 fixed bins
           (IVH: 1000 fixed bins)
Exit status 1 when any tag is outside its tolerance.`;

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
  if (!values.reference && values.config && IBSI_CONFIGS_WITHOUT_SHIPPED_REFERENCE.includes(values.config)) {
    const file = `ibsi_1_reference_values_config_${values.config}.csv`;
    throw new InputError(
      `--config ${values.config} needs --reference: IBSI's reference values for configurations C–E are not shipped in ../shared/data ` +
        `(its reference_values folder holds the digital phantom, A and B only). IBSI publishes them (IBSI-1 reference manual, ` +
        `https://theibsi.github.io); pass the file in IBSI's format, e.g. --reference ${file}`,
    );
  }
  if (!values.reference || !values.image || !values.mask || !values.config) throw new InputError(`--reference, --image, --mask and --config are required\n${USAGE}`);
  const report = await verifyIbsi({ reference: values.reference, image: values.image, mask: values.mask, config: values.config });
  process.stdout.write(`${formatIbsiReport(report)}\n`);
  return report.failed > 0 ? 1 : 0;
}
