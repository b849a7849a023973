import { InputError } from "../errors.js";

export interface Shard {
  /** 1-based shard number. */
  i: number;
  n: number;
}

/** Parses `--shard i/n` (1 ≤ i ≤ n). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || i < 1 || i > n) throw new InputError(`--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got '${text}'`);
  return { i, n };
}

/** Rows [start, end) of shard i/n: contiguous blocks of ⌊N/n⌋ or ⌈N/n⌉ rows, so merging is concatenation. */
export function shardRange(count: number, s: Shard): [number, number] {
  return [Math.floor(((s.i - 1) * count) / s.n), Math.floor((s.i * count) / s.n)];
}
