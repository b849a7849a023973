import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chisqTest, fisherTest, tTest } from "../../src/stats/tests.ts";
import { table1, table1Test, type Table1Variable } from "../../src/study/table1.ts";

const rows = [
  { g: 0, age: 40, er: 1 },
  { g: 0, age: 50, er: 0 },
  { g: 0, age: 60, er: 1 },
  { g: 1, age: 30, er: 1 },
  { g: 1, age: 35, er: null },
  { g: null, age: 99, er: 1 },
];
const variables: Table1Variable[] = [
  { name: "age", label: "Age", kind: "continuous" },
  { name: "er", label: "ER", kind: "categorical", levels: [[0, "neg"], [1, "pos"]] },
];

describe("Table 1", () => {
  it("summarises by group: mean ± SD; median [IQR]; n (%) of non-missing; missing counted; unknown group excluded", () => {
    const t = table1(rows, { group: "g", groups: [[0, "A"], [1, "B"]], variables });
    assert.equal(t.excluded, 1);
    // Age in A: 40, 50, 60 → mean 50, SD 10, median 50, Q1 45, Q3 55 (type 7).
    assert.equal(t.rows[0]["A (n = 3)"], "50.0 ± 10.0; 50.0 [45.0, 55.0]");
    assert.equal(t.rows[0]["B (n = 2)"], "32.5 ± 3.5; 32.5 [31.3, 33.8]");
    assert.deepEqual(t.rows.slice(1).map((r) => [r.Level, r["A (n = 3)"], r["B (n = 2)"], r["Overall (n = 5)"]]), [
      ["neg", "1 (33.3%)", "0 (0.0%)", "1 (25.0%)"],
      ["pos", "2 (66.7%)", "1 (100.0%)", "3 (75.0%)"],
      ["missing", "0", "1", "1"],
    ]);
  });

  it("tests continuous variables by Welch's t and categorical ones by χ² (Fisher when an expected count < 5)", () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8];
    const b = [3, 5, 6, 8, 9, 10, 12, 13];
    assert.equal(table1Test({ name: "x", kind: "continuous" }, [a, b])!.p, tTest(a, b).pValue);
    // 40 vs 60 subjects, a 2×2 with all expected counts ≥ 5 → Yates-corrected χ².
    const g0 = [...Array(25).fill(1), ...Array(15).fill(0)];
    const g1 = [...Array(20).fill(1), ...Array(40).fill(0)];
    const big = table1Test({ name: "c", kind: "categorical" }, [g0, g1])!;
    assert.equal(big.method, "χ² (Yates)");
    assert.equal(big.p, chisqTest([[15, 40], [25, 20]]).pValue);
    const small = table1Test({ name: "c", kind: "categorical" }, [[1, 1, 0], [0, 0, 0, 1]])!;
    assert.equal(small.method, "Fisher exact");
    assert.equal(small.p, fisherTest([[1, 3], [2, 1]]).pValue);
  });
});
