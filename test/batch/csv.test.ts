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
