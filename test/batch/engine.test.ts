/**
 * Batch engine with an injected per-case function (fixtures/fake-runner.ts) on worker threads:
 * failures recorded while the rest finish, deterministic output whatever --jobs, resumable cache,
 * shards + merge, the notebook API.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { readCasesCsv } from "../../src/batch/cases.js";
import { extractCohort } from "../../src/batch/cohort.js";
import { runBatch, type BatchProgress } from "../../src/batch/engine.js";
import { mergeShards, shardInfoPath } from "../../src/batch/merge.js";
import { featureTable, tableCsv } from "../../src/batch/output.js";
import { shardRange } from "../../src/batch/shard.js";
import { FAKE_RUNNER, fakeCohort, tempDir } from "./helpers.js";

/** Expected output row of fake case k in cohort folder `dir`: masked values k·10 + {0, 2, 4}. */
function expectedRow(dir: string, k: number): string[] {
  const sum = 3 * k * 10 + 6;
  const mean = sum / 3;
  return [
    `P${String(k).padStart(3, "0")}`,
    join(dir, `case${k}/img${k}.txt`),
    join(dir, `case${k}/mask.txt`),
    `img${k}.txt`,
    "3.0",
    `${sum}.0`,
    Number.isInteger(mean) ? `${mean}.0` : String(mean),
  ];
}

test("a case with a missing image fails with a clear error; the others finish (2 workers)", async () => {
  const dir = tempDir("fail");
  const { columns, cases } = readCasesCsv(fakeCohort(dir, 5, [3]));
  const progress: BatchProgress[] = [];
  const { results, failed } = await runBatch(cases, { params: {}, jobs: 2, runner: FAKE_RUNNER, onProgress: (p) => progress.push(p) });
  assert.equal(failed, 1);
  assert.deepEqual(results.map((r) => r.status), ["done", "done", "failed", "done", "done"]);
  assert.match(results[2].error!, /img3\.txt/);
  assert.match(results[2].error!, /ENOENT|not found/);
  assert.equal(progress.length, 5);
  assert.equal(progress.at(-1)!.failed, 1);
  const t = featureTable(columns, results);
  assert.deepEqual(t.header, ["ID", "Image", "Mask", "diagnostics_Image", "fake_count", "fake_sum", "fake_mean"]);
  assert.deepEqual(t.rows, [1, 2, 4, 5].map((k) => expectedRow(dir, k)));
});

test("--jobs 0, 1 and 2 give byte-identical CSVs even when later cases finish first", async () => {
  const dir = tempDir("det");
  const { columns, cases } = readCasesCsv(fakeCohort(dir, 6, [4]));
  // earlier cases are slower, so with 2 workers completion order differs from input order
  const delayMs = Object.fromEntries([1, 2, 3, 4, 5, 6].map((k) => [`img${k}.txt`, (7 - k) * 15]));
  const texts: string[] = [];
  for (const jobs of [0, 1, 2]) {
    const finished: number[] = [];
    const { results } = await runBatch(cases, { params: { delayMs }, jobs, runner: FAKE_RUNNER, onProgress: (p) => finished.push(p.last!.case.index) });
    if (jobs === 2) assert.notDeepEqual(finished, [0, 1, 2, 3, 4, 5]);
    texts.push(tableCsv(featureTable(columns, results)));
  }
  assert.equal(texts[1], texts[0]);
  assert.equal(texts[2], texts[0]);
  assert.equal(texts[0].split("\n")[1], expectedRow(dir, 1).join(","));
});

test("cache: a rerun takes finished cases from the cache and recomputes only failures; params change the key", async () => {
  const dir = tempDir("cache");
  const csv = fakeCohort(dir, 4, [2]);
  const { cases } = readCasesCsv(csv);
  const cacheDir = join(dir, "cache");
  const logFile = join(dir, "computed.log");
  const params = { logFile };
  const first = await runBatch(cases, { params, jobs: 2, cacheDir, runner: FAKE_RUNNER });
  assert.deepEqual(first.results.map((r) => r.status), ["done", "failed", "done", "done"]);
  assert.equal(readdirSync(cacheDir).filter((f) => f.endsWith(".json")).length, 3);
  assert.deepEqual(readdirSync(cacheDir).filter((f) => f.includes(".tmp-")), []);
  // the missing image appears; rerun
  writeFileSync(join(dir, "case2/img2.txt"), "20 21 22 23 24 25");
  const second = await runBatch(cases, { params, jobs: 2, cacheDir, runner: FAKE_RUNNER });
  assert.deepEqual(second.results.map((r) => r.status), ["cached", "done", "cached", "cached"]);
  assert.deepEqual(readFileSync(logFile, "utf8").trim().split("\n").sort(), ["img1.txt", "img2.txt", "img3.txt", "img4.txt"]);
  assert.deepEqual(second.results[0].features, first.results[0].features);
  // an edited image invalidates its entry only
  writeFileSync(join(dir, "case3/img3.txt"), "0 0 0 0 0 1");
  const third = await runBatch(cases, { params, jobs: 1, cacheDir, runner: FAKE_RUNNER });
  assert.deepEqual(third.results.map((r) => r.status), ["cached", "cached", "done", "cached"]);
  // different params → different keys → everything recomputed
  const fourth = await runBatch(cases, { params: { logFile, delayMs: 1 }, jobs: 2, cacheDir, runner: FAKE_RUNNER });
  assert.deepEqual(fourth.results.map((r) => r.status), ["done", "done", "done", "done"]);
  // NaN survives the JSON cache (mask label 2 selects nothing → mean NaN)
  const labelled = cases.map((c) => ({ ...c, label: 2 }));
  await runBatch(labelled, { params, jobs: 0, cacheDir, runner: FAKE_RUNNER });
  const again = await runBatch(labelled, { params, jobs: 0, cacheDir, runner: FAKE_RUNNER });
  assert.equal(again.results[0].status, "cached");
  assert.ok(Number.isNaN(again.results[0].features!.find(([n]) => n === "fake_mean")![1]));
});

test("shards 1/3, 2/3, 3/3 merged equal the unsharded CSV", async () => {
  const dir = tempDir("shard");
  const { columns, cases } = readCasesCsv(fakeCohort(dir, 7, [5]));
  const whole = tableCsv(featureTable(columns, (await runBatch(cases, { params: {}, jobs: 2, runner: FAKE_RUNNER })).results));
  const paths: string[] = [];
  for (const i of [3, 1, 2]) {
    const [a, b] = shardRange(cases.length, { i, n: 3 });
    const { results } = await runBatch(cases.slice(a, b), { params: {}, jobs: 1, runner: FAKE_RUNNER });
    const path = join(dir, `shard${i}.csv`);
    writeFileSync(path, tableCsv(featureTable(columns, results)));
    writeFileSync(shardInfoPath(path), JSON.stringify({ shard: i, of: 3, rows: [a, b], totalRows: cases.length, inputColumns: columns }));
    paths.push(path);
  }
  assert.equal(mergeShards(paths), whole);
  assert.throws(() => mergeShards(paths.slice(0, 2)), /need shards 1..3 exactly once/);
});

test("extractCohort: arquero table with input columns then features, failures listed", async () => {
  const dir = tempDir("cohort");
  const records = [1, 2, 3].map((k) => ({ ID: `P${k}`, Image: `case${k}/img${k}.txt`, Mask: `case${k}/mask.txt`, Age: 50 + k }));
  fakeCohort(dir, 3, [2]);
  const table = await extractCohort(records, {}, { jobs: 2, runner: FAKE_RUNNER, baseDir: dir });
  assert.deepEqual(table.columnNames(), ["ID", "Image", "Mask", "Age", "diagnostics_Image", "fake_count", "fake_sum", "fake_mean"]);
  assert.equal(table.numRows(), 2);
  assert.deepEqual(table.array("ID"), ["P1", "P3"]);
  assert.deepEqual(table.array("Age"), [51, 53]);
  assert.deepEqual(table.array("fake_sum"), [36, 96]);
  assert.equal(table.failures!.length, 1);
  assert.equal(table.failures![0].case.id, "P2");
});

test("header: the first successful case's features, then names only later cases have, sorted (PyRadiomics)", () => {
  const mk = (index: number, features: Array<[string, number]> | undefined) => ({
    case: { index, id: `c${index}`, image: `/i${index}`, mask: `/m${index}`, columns: { ID: `c${index}`, Image: `i${index}`, Mask: `m${index}` } },
    status: features ? ("done" as const) : ("failed" as const),
    features,
    error: features ? undefined : "boom",
    seconds: 0,
  });
  const t = featureTable(["ID", "Image", "Mask"], [
    mk(0, undefined),
    mk(1, [["b", 1], ["a", 2]]),
    mk(2, [["z", 3], ["b", 4], ["c", 5]]),
  ]);
  assert.deepEqual(t.header, ["ID", "Image", "Mask", "b", "a", "c", "z"]);
  assert.deepEqual(t.rows, [
    ["c1", "/i1", "/m1", "1.0", "2.0", "", ""],
    ["c2", "/i2", "/m2", "4.0", "", "5.0", "3.0"],
  ]);
});
