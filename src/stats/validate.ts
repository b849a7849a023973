/**
 * Input checks shared by the statistics functions. Each throws InputError with a message that
 * names the variable and the offending rows, so a user can find the bad data.
 */
import { InputError } from "../errors.js";

/** Lists up to 10 1-based row numbers. */
export function rowList(rows: number[]): string {
  const shown = rows.slice(0, 10).map((r) => r + 1).join(", ");
  return rows.length > 10 ? `${shown}, … (${rows.length} rows)` : shown;
}

/** Requires every value to be finite; names the rows that are NaN/±Inf. */
export function checkFinite(v: ArrayLike<number>, what: string): void {
  const bad: number[] = [];
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) bad.push(i);
  if (bad.length) throw new InputError(`${what}: missing or non-finite values in rows ${rowList(bad)}`);
}

/** Requires a 0/1 outcome with both classes present; returns the number of events. */
export function checkBinary(y: ArrayLike<number>, what = "outcome"): number {
  const bad: number[] = [];
  let events = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) events++;
    else if (y[i] !== 0) bad.push(i);
  }
  if (bad.length) throw new InputError(`${what}: values must be 0 or 1; rows ${rowList(bad)} are not`);
  if (events === 0 || events === y.length) {
    throw new InputError(`${what}: only one class present (${events} events of ${y.length}); need both 0 and 1`);
  }
  return events;
}

/** Requires probabilities in [0, 1]; names rows outside. */
export function checkProbabilities(p: ArrayLike<number>, what = "predicted probabilities"): void {
  checkFinite(p, what);
  const bad: number[] = [];
  for (let i = 0; i < p.length; i++) if (p[i] < 0 || p[i] > 1) bad.push(i);
  if (bad.length) throw new InputError(`${what}: values outside [0, 1] in rows ${rowList(bad)}`);
}

/** Requires equal lengths. */
export function checkSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, what: string): void {
  if (a.length !== b.length) throw new InputError(`${what}: lengths differ (${a.length} vs ${b.length})`);
}

/** Row-major copy of a row array (n × p), checking shape and finiteness per column. */
export function toRowMajor(x: ArrayLike<ArrayLike<number>>, names?: string[]): { data: Float64Array; n: number; p: number } {
  const n = x.length;
  const p = n ? x[0].length : 0;
  const data = new Float64Array(n * p);
  const badByCol = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const row = x[i];
    if (row.length !== p) throw new InputError(`predictor matrix: row ${i + 1} has ${row.length} values, expected ${p}`);
    for (let j = 0; j < p; j++) {
      const v = row[j];
      if (!Number.isFinite(v)) {
        const list = badByCol.get(j) ?? [];
        list.push(i);
        badByCol.set(j, list);
      }
      data[i * p + j] = v;
    }
  }
  if (badByCol.size) {
    const parts = [...badByCol].map(([j, rows]) => `${names?.[j] ?? `column ${j + 1}`} (rows ${rowList(rows)})`);
    throw new InputError(`predictor matrix: missing or non-finite values in ${parts.join("; ")}`);
  }
  return { data, n, p };
}

/** InputError for option names outside `allowed` (a misspelt option would otherwise be ignored). */
export function checkOptions(opts: object, allowed: readonly string[], what: string): void {
  const unknown = Object.keys(opts).filter((k) => !allowed.includes(k));
  if (unknown.length) throw new InputError(`${what}: unknown option${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} (valid: ${allowed.join(", ")})`);
}
