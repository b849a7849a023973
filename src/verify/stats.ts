/**
 * `verify stats`: runs every case of every topic JSON in an R reference suite against this
 * project's statistics core and reports per-case pass/fail with the largest relative deviation.
 * Topics without an implementation are reported as "not implemented" and counted as failed.
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { CaseChecker, readCsv, parseRows } from "../stats/checks/core.js";
import type { CheckContext, Dataset, SuiteCase, TopicChecker } from "../stats/checks/core.js";
import { TOPIC_CHECKERS } from "../stats/checks/index.js";

export { CaseChecker, readCsv, parseRows };
export type { CheckContext, Dataset, SuiteCase, TopicChecker };

export type CaseStatus = "passed" | "failed" | "not implemented" | "error";

export interface CaseResult {
  topic: string;
  id: string;
  status: CaseStatus;
  /** Number of scalar comparisons made. */
  checks: number;
  /** Largest |a − e| / max(|e|, tiny) over the comparisons that used a relative tolerance. */
  maxRelDev: number;
  failures: string[];
}

export interface SuiteReport {
  cases: CaseResult[];
  passed: number;
  failed: number;
}

/** Runs every case of every topic JSON under `dir`. */
export function verifyStatsSuite(dir: string, onCase?: (r: CaseResult) => void): SuiteReport {
  if (!existsSync(dir)) throw new InputError(`verify stats: suite directory '${dir}' does not exist`);
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  if (files.length === 0) throw new InputError(`verify stats: no topic JSON files in '${dir}'`);
  const cache = new Map<string, Dataset>();
  const ctx: CheckContext = {
    dataset(name) {
      let d = cache.get(name);
      if (!d) {
        const p = join(dir, "datasets", name);
        if (!existsSync(p)) throw new InputError(`verify stats: dataset '${p}' not found`);
        d = readCsv(p);
        cache.set(name, d);
      }
      return d;
    },
    select(name, rows, columns) {
      const d = this.dataset(name);
      const first = d[Object.keys(d)[0]];
      const idx = parseRows(rows, first.length);
      return columns.map((c) => {
        const col = d[c];
        if (!col) throw new InputError(`verify stats: column '${c}' not in dataset '${name}'`);
        return Float64Array.from(idx, (i) => col[i]);
      });
    },
  };
  const cases: CaseResult[] = [];
  for (const file of files) {
    const doc = JSON.parse(readFileSync(join(dir, file), "utf8")) as { topic?: string; cases?: SuiteCase[] };
    const topic = doc.topic ?? file.replace(/\.json$/, "");
    const checker = TOPIC_CHECKERS[topic];
    for (const c of doc.cases ?? []) {
      const result = runCase(topic, c, checker, ctx);
      cases.push(result);
      onCase?.(result);
    }
  }
  const passed = cases.filter((c) => c.status === "passed").length;
  return { cases, passed, failed: cases.length - passed };
}

function runCase(topic: string, c: SuiteCase, checker: TopicChecker | undefined, ctx: CheckContext): CaseResult {
  const base = { topic, id: c.id };
  if (!checker) return { ...base, status: "not implemented", checks: 0, maxRelDev: 0, failures: [`topic '${topic}' not implemented`] };
  const check = new CaseChecker();
  try {
    checker(c, check, ctx);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { ...base, status: "error", checks: check.checks, maxRelDev: check.maxRelDev, failures: [...check.failures, `error: ${msg}`] };
  }
  const ok = check.failures.length === 0 && check.checks > 0;
  if (check.checks === 0) check.fail("no comparisons were made");
  return { ...base, status: ok ? "passed" : "failed", checks: check.checks, maxRelDev: check.maxRelDev, failures: check.failures };
}

/** Formats the per-topic table and the final `N passed, M failed` line. */
export function formatReport(report: SuiteReport, verbose = false): string {
  const lines: string[] = [];
  const topics = [...new Set(report.cases.map((c) => c.topic))];
  lines.push(`${"topic".padEnd(12)} ${"cases".padStart(5)} ${"passed".padStart(6)} ${"failed".padStart(6)}  max rel dev`);
  for (const t of topics) {
    const cs = report.cases.filter((c) => c.topic === t);
    const p = cs.filter((c) => c.status === "passed").length;
    const dev = Math.max(...cs.map((c) => c.maxRelDev));
    lines.push(`${t.padEnd(12)} ${String(cs.length).padStart(5)} ${String(p).padStart(6)} ${String(cs.length - p).padStart(6)}  ${dev.toExponential(2)}`);
  }
  for (const c of report.cases) {
    if (c.status === "passed" && !verbose) continue;
    lines.push(`${c.status.toUpperCase().padEnd(8)} ${c.topic}/${c.id} (${c.checks} checks, max rel dev ${c.maxRelDev.toExponential(2)})`);
    for (const f of c.failures.slice(0, verbose ? 50 : 8)) lines.push(`    ${f}`);
    if (!verbose && c.failures.length > 8) lines.push(`    … ${c.failures.length - 8} more`);
  }
  lines.push(`${report.passed} passed, ${report.failed} failed`);
  return lines.join("\n");
}
