import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { InputError } from "../../errors.js";
import { mergeShards } from "../../batch/merge.js";
import { writeOutput } from "../../batch/output.js";

const USAGE = `usage: tsradiomics merge --out features.csv shard1.csv shard2.csv …

Concatenates the outputs of 'tsradiomics batch --shard i/n' in shard order (checked with their
.shard.json sidecars) into one CSV identical to an unsharded run.
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { out: { type: "string" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!values.out) throw new InputError(`missing --out\n\n${USAGE}`);
  if (positionals.length === 0) throw new InputError(`no shard CSVs given\n\n${USAGE}`);
  writeOutput(resolve(values.out), mergeShards(positionals.map((p) => resolve(p))));
  process.stderr.write(`merge: ${positionals.length} shards → ${resolve(values.out)}\n`);
  return 0;
}
