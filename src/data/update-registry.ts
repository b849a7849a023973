/**
 * Maintainer tool: recomputes the file lists and SHA-256s of data/datasets.json from the data root.
 * A dataset owns every file under its root except those under another dataset's (deeper) root;
 * `include` restricts it to the named files. Run: `npm run registry:update`.
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { dataRoot, loadRegistry, registryPath, sha256File } from "./registry.js";

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const registry = loadRegistry();
const root = dataRoot();
const roots = registry.datasets.map((d) => d.root);
for (const ds of registry.datasets) {
  const base = join(root, ds.root);
  const nested = roots.filter((r) => r !== ds.root && r.startsWith(ds.root + "/"));
  const files = walk(base)
    .map((p) => relative(base, p))
    .filter((f) => !nested.some((r) => join(ds.root, f).startsWith(r + "/")))
    .filter((f) => !ds.include || ds.include.includes(f))
    .sort();
  ds.files = Object.fromEntries(files.map((f) => [f, sha256File(join(base, f))]));
  console.log(`${ds.id}: ${files.length} files`);
}
writeFileSync(registryPath(), JSON.stringify(registry, null, 2) + "\n");
