/**
 * `tsradiomics` command-line entry. Each command is a module under ./commands exporting
 * `run(argv): Promise<number>` (the exit code); modules are imported lazily so that one
 * command never pays for another's dependencies (itk-wasm, worker pools, …).
 */
import { DataError, InputError } from "../errors.js";

export interface Command {
  summary: string;
  module: string;
}

const COMMANDS: Record<string, Command> = {
  "data check": { summary: "verify every registered dataset file (path, SHA-256)", module: "./commands/data-check.js" },
  "data list": { summary: "list registered datasets with source, licence and citation", module: "./commands/data-list.js" },
  extract: { summary: "extract features for one image + mask (PyRadiomics params file)", module: "./commands/extract.js" },
  batch: { summary: "extract features for a cohort CSV (Image, Mask[, Label], IDs)", module: "./commands/batch.js" },
  merge: { summary: "merge shard outputs of `batch --shard i/n` into one CSV", module: "./commands/merge.js" },
  "verify pyradiomics": { summary: "compare against PyRadiomics baseline CSVs", module: "./commands/verify-pyradiomics.js" },
  "verify ibsi": { summary: "compare against IBSI reference values", module: "./commands/verify-ibsi.js" },
  "verify stats": { summary: "compare against an R reference suite", module: "./commands/verify-stats.js" },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: tsradiomics <command> [options]\n\ncommands:\n${lines.join("\n")}\n`;
}

/** Finds the longest command name (one or two words) that prefixes argv. */
export function resolveCommand(argv: string[]): { name: string; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(" ");
    if (argv.length >= words && COMMANDS[name]) return { name, rest: argv.slice(words) };
  }
  return undefined;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h") {
    process.stdout.write(usage());
    return argv.length === 0 ? 1 : 0;
  }
  const found = resolveCommand(argv);
  if (!found) {
    process.stderr.write(`tsradiomics: unknown command '${argv.join(" ")}'\n\n${usage()}`);
    return 2;
  }
  try {
    const mod = (await import(COMMANDS[found.name].module)) as { run(argv: string[]): Promise<number> };
    return await mod.run(found.rest);
  } catch (err) {
    // Errors of this project carry a message written for the user: print it, not a stack. Anything else
    // is a bug: keep its stack.
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`tsradiomics ${found.name}: ${message}\n`);
    const userError = err instanceof InputError || err instanceof DataError || String((err as { code?: string })?.code ?? "").startsWith("ERR_PARSE_ARGS");
    if ((!userError || process.env.TSRADIOMICS_DEBUG) && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
