import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { InputError } from "../../errors.js";
import { checkOutputPath } from "../../batch/output.js";
import { extractFeatures, type FeatureMap } from "../../extract/extractor.js";
import { loadParams, paramsWarnings } from "../../extract/params.js";

const USAGE = "usage: tsradiomics extract --image I --mask M [--params P.yaml] [--label N] [--out features.csv]";

/** CSV field: quoted when it holds a comma, quote or newline. */
function csvField(v: string | number): string {
  const s = typeof v === "number" ? String(v) : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One-row CSV (PyRadiomics' batch layout): Image, Mask, then every diagnostic and feature column. */
export function featuresCsv(image: string, mask: string, features: FeatureMap): string {
  const keys = ["Image", "Mask", ...features.keys()];
  const values = [image, mask, ...features.values()];
  return `${keys.map(csvField).join(",")}\n${values.map(csvField).join(",")}\n`;
}

/** `tsradiomics extract`: features of one image + mask with a PyRadiomics params file. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      image: { type: "string" },
      mask: { type: "string" },
      params: { type: "string" },
      label: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.image || !values.mask) throw new InputError(`--image and --mask are required\n${USAGE}`);
  let label: number | undefined;
  if (values.label !== undefined) {
    label = Number(values.label);
    if (!Number.isInteger(label)) throw new InputError(`--label must be an integer, got '${values.label}'`);
  }
  if (values.out) checkOutputPath(values.out);
  const params = values.params === undefined ? undefined : loadParams(values.params);
  if (params) for (const w of paramsWarnings(params, values.params)) process.stderr.write(`tsradiomics extract: warning: ${w}\n`);
  const features = await extractFeatures(values.image, values.mask, params, { label });
  const csv = featuresCsv(values.image, values.mask, features);
  if (values.out) {
    writeFileSync(values.out, csv);
    // Image and Mask are columns too: count what the CSV holds.
    process.stderr.write(`wrote ${features.size + 2} columns to ${values.out}\n`);
  } else process.stdout.write(csv);
  return 0;
}
