import { existsSync, readFileSync } from "node:fs";
import { InputError } from "../errors.js";
import { csvLine, parseCsv } from "./csv.js";

/** What `batch --shard` writes next to its CSV (`<out>.shard.json`) so that merge can check and order. */
export interface ShardInfo {
  shard: number;
  of: number;
  rows: [number, number];
  totalRows: number;
  inputColumns: string[];
}

export function shardInfoPath(csvPath: string): string {
  return `${csvPath}.shard.json`;
}

/**
 * Merges `batch --shard i/n` outputs into one CSV: shards ordered by their shard number (from the
 * .shard.json sidecars; given order when absent), all n shards required when sidecars say so; columns
 * are the union in first-seen order, cells missing in a shard left empty. Equal to one unsharded run.
 */
export function mergeShards(paths: readonly string[]): string {
  if (paths.length === 0) throw new InputError("merge: no shard CSVs given");
  const shards = paths.map((path, k) => {
    if (!existsSync(path)) throw new InputError(`merge: file not found: ${path}`);
    const rows = parseCsv(readFileSync(path, "utf8"), path);
    if (rows.length === 0) throw new InputError(`merge: ${path} is empty (no header)`);
    const side = shardInfoPath(path);
    const info = existsSync(side) ? (JSON.parse(readFileSync(side, "utf8")) as ShardInfo) : undefined;
    return { path, header: rows[0], body: rows.slice(1), info, order: k };
  });
  const withInfo = shards.filter((s) => s.info);
  if (withInfo.length > 0) {
    if (withInfo.length !== shards.length) throw new InputError("merge: mix of shard outputs with and without .shard.json sidecars");
    const n = withInfo[0].info!.of;
    const numbers = shards.map((s) => s.info!.shard).sort((a, b) => a - b);
    if (shards.some((s) => s.info!.of !== n)) throw new InputError("merge: shards come from different --shard i/n splits");
    const expected = Array.from({ length: n }, (_, k) => k + 1);
    if (numbers.join() !== expected.join()) {
      throw new InputError(`merge: need shards 1..${n} exactly once, got ${numbers.join(", ")}`);
    }
    shards.sort((a, b) => a.info!.shard - b.info!.shard);
  }
  const header: string[] = [];
  for (const s of shards) for (const h of s.header) if (!header.includes(h)) header.push(h);
  let out = csvLine(header);
  for (const s of shards) {
    const at = header.map((h) => s.header.indexOf(h));
    for (const row of s.body) out += csvLine(at.map((k) => (k >= 0 ? row[k] ?? "" : "")));
  }
  return out;
}
