import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, mkdirSync, cpSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyStatsSuite, formatReport } from "../../src/verify/stats.js";
import { run } from "../../src/cli/commands/verify-stats.js";
import { SUITE } from "./helpers.js";

test("verify stats: every case of the R reference suite passes", () => {
  const report = verifyStatsSuite(SUITE);
  const text = formatReport(report);
  assert.equal(report.failed, 0, text);
  assert.ok(report.passed >= 46);
  assert.match(text.split("\n").at(-1)!, /^\d+ passed, 0 failed$/);
  // Every case made real comparisons.
  assert.ok(report.cases.every((c) => c.checks > 0));
});

test("verify stats: unknown topics count as not implemented (failed) and the CLI exits non-zero", async () => {
  const dir = mkdtempSync(join(tmpdir(), "suite-"));
  mkdirSync(join(dir, "datasets"));
  cpSync(join(SUITE, "datasets"), join(dir, "datasets"), { recursive: true });
  writeFileSync(join(dir, "future.json"), JSON.stringify({ topic: "future_topic", cases: [{ id: "x1", dataset: "asah.csv", rows: "all", columns: {}, parameters: {}, expected: {} }] }));
  const report = verifyStatsSuite(dir);
  assert.equal(report.passed, 0);
  assert.equal(report.failed, 1);
  assert.equal(report.cases[0].status, "not implemented");
  const out: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((s: string) => (out.push(s), true)) as typeof process.stdout.write;
  let code: number;
  try {
    code = await run(["--suite", dir]);
  } finally {
    process.stdout.write = write;
  }
  assert.equal(code, 1);
  assert.match(out.join("").trim().split("\n").at(-1)!, /^0 passed, 1 failed$/);
});

test("verify stats: a wrong expected value is reported as a failure", () => {
  const dir = mkdtempSync(join(tmpdir(), "suite-"));
  cpSync(join(SUITE, "datasets"), join(dir, "datasets"), { recursive: true });
  const roc = JSON.parse(readFileSync(join(SUITE, "roc.json"), "utf8"));
  roc.cases = [roc.cases[0]];
  roc.cases[0].expected.auc += 1e-6;
  writeFileSync(join(dir, "roc.json"), JSON.stringify(roc));
  const report = verifyStatsSuite(dir);
  assert.equal(report.failed, 1);
  assert.ok(report.cases[0].failures.some((f) => f.startsWith("auc:")));
});
