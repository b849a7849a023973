/**
 * Table 1: patient characteristics by outcome group. Continuous variables as mean ± SD and
 * median [Q1, Q3]; categorical as n (%) of the non-missing; missing counts shown, never dropped silently.
 * An optional `test` adds a p-value column (e.g. Welch t / χ² from src/stats).
 */
import { quantile7 } from "../stats/ranks.js";
import { chisqTest, fisherTest, tTest } from "../stats/tests.js";

export type Value = number | string | null | undefined;

export interface Table1Variable {
  name: string;
  label?: string;
  kind: "continuous" | "categorical";
  /** For categorical codes: code → label (order kept); unknown codes are listed after. */
  levels?: [Value, string][];
}

export interface Table1Options {
  /** Column holding the group (e.g. node_positive 0/1); rows with a missing group are excluded and counted. */
  group: string;
  groups: [Value, string][];
  variables: Table1Variable[];
  /** p-value for one variable given its values per group (non-missing). */
  test?: (variable: Table1Variable, values: Value[][]) => { p: number; method: string } | undefined;
}

export type Table1Row = Record<string, string>;

function fmt(v: number, d = 1): string {
  return v.toFixed(d);
}

function summariseContinuous(values: number[]): string {
  const n = values.length;
  if (n === 0) return "–";
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : NaN;
  const sorted = Float64Array.from(values).sort();
  return `${fmt(mean)} ± ${fmt(sd)}; ${fmt(quantile7(sorted, 0.5))} [${fmt(quantile7(sorted, 0.25))}, ${fmt(quantile7(sorted, 0.75))}]`;
}

function isMissing(v: Value): boolean {
  return v == null || (typeof v === "number" && Number.isNaN(v)) || v === "";
}

/** Builds Table 1 rows: Variable, Level, one column per group, Overall, [p, test]. */
export function table1(rows: Record<string, Value>[], options: Table1Options): { rows: Table1Row[]; excluded: number } {
  const inGroup = options.groups.map(([code]) => rows.filter((r) => r[options.group] === code));
  const excluded = rows.length - inGroup.reduce((a, g) => a + g.length, 0);
  const all = inGroup.flat();
  const heads = options.groups.map(([, label], k) => `${label} (n = ${inGroup[k].length})`);
  const overall = `Overall (n = ${all.length})`;
  const out: Table1Row[] = [];
  for (const v of options.variables) {
    const label = v.label ?? v.name;
    const perGroup = inGroup.map((g) => g.map((r) => r[v.name]).filter((x) => !isMissing(x)));
    const tested = options.test?.(v, perGroup);
    const base = (level: string, cells: string[], first: boolean): Table1Row => ({
      Variable: first ? label : "",
      Level: level,
      ...Object.fromEntries(heads.map((h, k) => [h, cells[k]])),
      [overall]: cells[cells.length - 1],
      ...(options.test ? { p: first && tested ? (tested.p < 0.001 ? "<0.001" : tested.p.toFixed(3)) : "", test: first && tested ? tested.method : "" } : {}),
    });
    if (v.kind === "continuous") {
      const nums = [...perGroup, perGroup.flat()].map((vals) => summariseContinuous(vals.map(Number)));
      out.push(base("mean ± SD; median [IQR]", nums, true));
    } else {
      const seen = new Set(perGroup.flat().map(String));
      const levels: [Value, string][] = [...(v.levels ?? [])];
      for (const s of [...seen].sort()) if (!levels.some(([c]) => String(c) === s)) levels.push([s, s]);
      levels.forEach(([code, name], li) => {
        const cells = [...perGroup, perGroup.flat()].map((vals) => {
          const k = vals.filter((x) => String(x) === String(code)).length;
          return vals.length ? `${k} (${fmt((100 * k) / vals.length)}%)` : "–";
        });
        out.push(base(name, cells, li === 0));
      });
    }
    const missing = [...inGroup, all].map((g) => g.filter((r) => isMissing(r[v.name])).length);
    if (missing[missing.length - 1] > 0) out.push(base("missing", missing.map(String), false));
  }
  return { rows: out, excluded };
}

/**
 * The usual Table-1 tests: Welch t-test for continuous variables; for categorical ones Pearson's χ²
 * (Yates-corrected for 2×2, as R's chisq.test), or Fisher's exact test when an expected count is < 5.
 */
export function table1Test(variable: Table1Variable, values: Value[][]): { p: number; method: string } | undefined {
  try {
    if (variable.kind === "continuous") {
      const r = tTest(values[0].map(Number), values[1].map(Number));
      return { p: r.pValue, method: "Welch t" };
    }
    const levels = [...new Set(values.flat().map(String))].sort();
    if (levels.length < 2) return undefined;
    const table = levels.map((l) => values.map((g) => g.filter((v) => String(v) === l).length));
    const chi = chisqTest(table);
    if (chi.expected.some((r) => r.some((e) => e < 5))) return { p: fisherTest(table).pValue, method: "Fisher exact" };
    return { p: chi.pValue, method: table.length === 2 ? "χ² (Yates)" : "χ²" };
  } catch {
    return undefined;
  }
}
