import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadDukeClinical, loadDukeImaging, parseNumericCsv } from "../../src/cohorts/index.ts";
import { loadRotterdam } from "../../src/cohorts/rotterdam.ts";
import { loadStsCohort } from "../../src/cohorts/sts.ts";
import { dataRoot } from "../../src/data/registry.ts";
import { InputError } from "../../src/errors.ts";

describe("Duke clinical sheet", async () => {
  const duke = await loadDukeClinical();
  const rows = duke.table.objects() as Record<string, number | string | null>[];

  it("has 922 patients with tidy column names", () => {
    assert.equal(rows.length, 922);
    assert.equal(duke.columns.length, 99);
    for (const name of ["patient_id", "age", "menopause", "er", "pr", "her2", "n_stage", "node_positive", "tumor_side", "mri_suspicious_nodes"]) {
      assert.ok(duke.table.columnNames().includes(name), `missing column ${name}`);
    }
    for (const name of duke.table.columnNames()) assert.match(name, /^[a-z0-9_]+$/);
    assert.equal(rows[0].patient_id, "Breast_MRI_001");
    assert.equal(rows[921].patient_id, "Breast_MRI_922");
  });

  it("keeps the sheet's labels and codings from the 3-row header", () => {
    const er = duke.columns.find((c) => c.name === "er")!;
    assert.equal(er.group, "Tumor Characteristics");
    assert.equal(er.label, "ER");
    assert.equal(er.coding, "{0 = neg, 1 = pos}");
    assert.equal(duke.columns.find((c) => c.name === "grade_nuclear")!.label, "Tumor Grade(N) (Nuclear)");
  });

  it("derives node-positive as N ≥ 1, with Nx/NA unknown", () => {
    // Raw N-stage distribution of the sheet (column 30): 0: 529, 1: 265, 2: 61, 3: 43, NA: 24.
    const count = (v: number | null) => rows.filter((r) => r.n_stage === v).length;
    assert.deepEqual([count(0), count(1), count(2), count(3), count(null)], [529, 265, 61, 43, 24]);
    for (const r of rows) assert.equal(r.node_positive, r.n_stage == null ? null : Number(r.n_stage) >= 1 ? 1 : 0);
  });

  it("computes age from the day offset of birth (Breast_MRI_001: −15209 days = 41.64 years)", () => {
    assert.equal(rows[0].age, Math.round((15209 / 365.25) * 100) / 100);
  });

  it("lists every leaking column with a reason", () => {
    const leaks = duke.columns.filter((c) => c.role === "leak");
    assert.ok(leaks.every((c) => c.reason && c.reason.length > 10));
    for (const name of ["t_stage", "surgery_type", "days_to_death", "ypn_stage"]) assert.ok(leaks.some((c) => c.name === name), name);
  });
});

describe("Duke imaging features", () => {
  it("joins 10 groups into 922 patients × 507 features", () => {
    const im = loadDukeImaging();
    assert.equal(im.table.numRows(), 922);
    assert.equal(im.table.numCols(), 1 + 507);
    assert.equal(im.groups.size, 507);
    assert.equal(im.table.get("patient_id", 0), "Breast_MRI_001");
    // Tumor_Size_and_Morphology.csv row 1: TumorMajorAxisLength_mm = 27.5697619917807
    assert.equal(im.table.get("TumorMajorAxisLength_mm", 0), 27.5697619917807);
  });
});

describe("STS cohort", () => {
  it("pairs 49 complete patients and reports the two without an image", () => {
    const sts = loadStsCohort();
    assert.equal(sts.cases.length, 49);
    assert.deepEqual(sts.incomplete.map((p) => p.patientId), ["STS_009", "STS_020"]);
    assert.match(sts.incomplete[0].missing[0], /MR_T1_image\.nii\.gz$/);
    // outcome.csv, read independently: 19 of 51 positive; complete cases must carry the same labels.
    const lines = readFileSync(join(dataRoot(), "sts", "outcome.csv"), "utf8").trim().split("\n").slice(1);
    const byId = new Map(lines.map((l) => l.split(",") as [string, string]));
    assert.equal([...byId.values()].filter((v) => v === "1").length, 19);
    for (const c of sts.cases) assert.equal(String(c.lungMetastasis), byId.get(c.patientId));
  });
});

describe("Rotterdam", () => {
  it("reads 2,982 patients and derives node_positive = nodes > 0", () => {
    const t = loadRotterdam();
    assert.equal(t.numRows(), 2982);
    const rows = t.objects() as Record<string, number>[];
    for (const r of rows) assert.equal(r.node_positive, r.nodes > 0 ? 1 : 0);
    assert.equal(rows[0].size_cat, 0); // first row: size "<=20"
  });
});

describe("numeric CSV parsing", () => {
  it("names file, row, patient and column of a non-numeric cell", () => {
    const csv = "Patient.ID,a,b\nP1,1,2\nP2,3,oops\n";
    assert.throws(() => parseNumericCsv(csv, "x.csv", { idColumn: "Patient.ID" }), (e: Error) =>
      e instanceof InputError && e.message === "x.csv: row 3 (P2), column 'b': not a number: 'oops'");
  });
  it("keeps empty/NA cells as NaN (missing), not zero", () => {
    const { columns } = parseNumericCsv("id,a\nP1,\nP2,NA\nP3,2.5\n", "y.csv", { idColumn: "id" });
    assert.deepEqual(Array.from(columns.get("a")!), [NaN, NaN, 2.5]);
  });
});
