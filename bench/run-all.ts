/**
 * `npm run bench`: runs every benchmark script in turn (each prints its own figures).
 * Usage: npm run bench [-- name…]   e.g. `npm run bench -- stats features`
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "run-all.ts" && (wanted.length === 0 || wanted.some((w) => f.startsWith(w))))
  .sort();
let failed = 0;
for (const script of scripts) {
  console.log(`\n=== bench/${script}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", join(dir, script)], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.log(`bench/${script} exited with status ${r.status}`);
  }
}
process.exit(failed ? 1 : 0);
