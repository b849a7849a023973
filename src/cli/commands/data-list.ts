import { dataRoot, loadRegistry } from "../../data/registry.js";

/** `tsradiomics data list`: datasets with their source, licence and citation. */
export async function run(): Promise<number> {
  process.stdout.write(`data root: ${dataRoot()}\n`);
  for (const ds of loadRegistry().datasets) {
    process.stdout.write(
      `\n${ds.id} — ${ds.title}\n  folder:   ${ds.root} (${Object.keys(ds.files).length} files)\n` +
        `  source:   ${ds.source}\n  licence:  ${ds.licence}\n  citation: ${ds.citation}\n`,
    );
  }
  return 0;
}
