import assert from "node:assert/strict";
import { test } from "node:test";
import { csvLine, formatValue, parseCsv } from "../../src/batch/csv.js";
import { parseShard, shardRange } from "../../src/batch/shard.js";

test("parseCsv: quotes, escaped quotes, embedded commas/newlines, CRLF, BOM", () => {
  const text = '\ufeffID,Image,Mask\r\n"a,1","x ""q"".nrrd",m.nrrd\r\nb,"multi\nline",m2\n';
  assert.deepEqual(parseCsv(text), [
    ["ID", "Image", "Mask"],
    ["a,1", 'x "q".nrrd', "m.nrrd"],
    ["b", "multi\nline", "m2"],
  ]);
  assert.throws(() => parseCsv('a,"b\n', "cases.csv"), /cases.csv: unterminated quoted field/);
  assert.equal(csvLine(["a,1", 'x "q"', "plain"]), '"a,1","x ""q""",plain\n');
});

test("formatValue: Python float repr as in PyRadiomics' CSV", () => {
  const cases: Array<[number | string, string]> = [
    [6, "6.0"],
    [-248, "-248.0"],
    [0.1, "0.1"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [1.5e-7, "1.5e-07"],
    [123.456, "123.456"],
    [1e16, "1e+16"],
    [1.2345e16, "1.2345e+16"],
    [9999999999999998, "9999999999999998.0"],
    [NaN, "nan"],
    [Infinity, "inf"],
    [-Infinity, "-inf"],
    [0, "0.0"],
    [2.220446049250313e-16, "2.220446049250313e-16"],
    ["(1, 2)", "(1, 2)"],
  ];
  for (const [v, want] of cases) assert.equal(formatValue(v), want, String(v));
});

test("shards are contiguous blocks covering every row once", () => {
  assert.deepEqual(parseShard("2/3"), { i: 2, n: 3 });
  assert.throws(() => parseShard("4/3"), /--shard must be i\/n/);
  assert.throws(() => parseShard("1-3"), /--shard must be i\/n/);
  for (const count of [0, 1, 7, 49]) {
    for (const n of [1, 2, 3, 5]) {
      const covered: number[] = [];
      for (let i = 1; i <= n; i++) {
        const [a, b] = shardRange(count, { i, n });
        for (let r = a; r < b; r++) covered.push(r);
      }
      assert.deepEqual(covered, Array.from({ length: count }, (_, r) => r));
    }
  }
});

test("batch CSV errors name the file, row and column", async () => {
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { readCasesCsv } = await import("../../src/batch/cases.js");
  const dir = mkdtempSync(join(tmpdir(), "tsr-csv-"));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  assert.throws(() => readCasesCsv(write("a.csv", "ID,Image\nP1,x.nrrd\n")), /a\.csv: missing column 'Mask'/);
  assert.throws(() => readCasesCsv(write("b.csv", "ID,Image,Mask\nP1,x.nrrd\n")), /b\.csv: row 1 has 2 fields, the header has 3/);
  assert.throws(() => readCasesCsv(write("c.csv", "ID,Image,Mask,Label\nP1,x.nrrd,m.nrrd,two\n")), /c\.csv: row 1 \(P1\): Label must be a positive integer, got 'two'/);
  assert.throws(() => readCasesCsv(write("d.csv", "ID,Image,Mask\n")), /d\.csv: no cases/);
  assert.throws(() => readCasesCsv(join(dir, "none.csv")), /cases file not found/);
  const ok = readCasesCsv(write("e.csv", "ID,Image,Mask,Label\nP1,img/x.nrrd,/abs/m.nrrd,2\n"));
  assert.equal(ok.cases[0].image, join(dir, "img/x.nrrd"));
  assert.equal(ok.cases[0].mask, "/abs/m.nrrd");
  assert.equal(ok.cases[0].label, 2);
  assert.equal(ok.cases[0].id, "P1");
});
