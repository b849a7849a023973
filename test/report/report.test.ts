import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { rocPlot } from "../../src/report/plots.ts";
import { formatNumber, saveFigure, saveTable, toCsv, toMarkdown } from "../../src/report/results.ts";

describe("tables", () => {
  it("writes CSV at full precision with quoting and empty missing cells", () => {
    const csv = toCsv([{ id: "a,b", x: 0.1 + 0.2, y: null }, { id: 'q"', x: 1e-20, y: NaN }]);
    assert.equal(csv, 'id,x,y\n"a,b",0.30000000000000004,\n"q""",1e-20,\n');
  });
  it("writes Markdown with right-aligned numeric columns, rounded", () => {
    assert.equal(toMarkdown([{ t: "x|y", v: 2.34567 }, { t: "z", v: 3 }], 2), "| t | v |\n| --- | ---: |\n| x\\|y | 2.35 |\n| z | 3 |\n");
    assert.equal(formatNumber(0.00001234, 3), "1.23e-5");
  });
});

describe("figures and provenance", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsr-res-"));
    process.env.TSRADIOMICS_RESULTS = dir;
  });
  after(() => {
    delete process.env.TSRADIOMICS_RESULTS;
    rmSync(dir, { recursive: true, force: true });
  });

  const spec = {
    producedBy: "test",
    description: "ROC test",
    inputs: [{ dataset: "file", file: "x.csv", sha256: "ab".repeat(32) }],
    settings: { k: 1 },
    seed: 7,
  };
  const svg = rocPlot([{ label: "model", fpr: [0, 0.5, 1], tpr: [0, 0.75, 1], auc: 0.625, ci: [0.5, 0.75] }], { title: "T", subtitle: "S" });

  it("draws labelled axes, the chance diagonal and the AUC legend", () => {
    assert.match(svg, /1 − Specificity/);
    assert.match(svg, /Sensitivity/);
    assert.match(svg, /model: AUC 0\.625 \(0\.500–0\.750\)/);
    assert.match(svg, /stroke-dasharray="4,3"/);
  });

  it("writes SVG + PNG with a provenance record, byte-identical on a second run", async () => {
    const a = await saveFigure("roc", svg, spec);
    assert.deepEqual(a.paths.map((p) => p.slice(dir.length)), ["/figures/roc.svg", "/figures/roc.png"]);
    assert.deepEqual([...a.png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(a.png.readUInt32BE(16), 1040, "PNG width = 2 × 520 px");
    const prov = JSON.parse(readFileSync(join(dir, "figures", "roc.provenance.json"), "utf8"));
    assert.equal(prov.seed, 7);
    assert.deepEqual(prov.inputs, spec.inputs);
    assert.deepEqual(prov.outputs.map((o: { file: string }) => o.file), ["figures/roc.svg", "figures/roc.png"]);
    assert.equal(prov.package.name, "tsradiomics");
    assert.match(prov.git.commit, /^[0-9a-f]{40}$/);
    const b = await saveFigure("roc", svg, spec);
    assert.ok(a.png.equals(b.png));
  });

  it("renders text in the PNG (a font is loaded): a blank-title figure differs from a titled one", async () => {
    const titled = await saveFigure("t1", rocPlot([], { title: "Some title" }), spec);
    const blank = await saveFigure("t2", rocPlot([], { title: "" }), spec);
    assert.ok(!titled.png.equals(blank.png));
  });

  it("writes tables as CSV and Markdown with provenance", () => {
    const t = saveTable("tab", [{ a: 1.23456, b: "x" }], spec, { digits: 2 });
    assert.equal(readFileSync(join(dir, "tables", "tab.csv"), "utf8"), "a,b\n1.23456,x\n");
    assert.equal(readFileSync(join(dir, "tables", "tab.md"), "utf8"), t.markdown);
    assert.match(t.markdown, /\| 1\.23 \| x \|/);
  });
});

describe("figures are independent of what was drawn before", () => {
  it("renders the same calibration plot to identical bytes after other plots in the same process", async () => {
    const { calibrationPlot } = await import("../../src/report/plots.ts");
    const curves = [{ label: "m", bins: [{ meanPredicted: 0.2, observed: 0.25, lower: 0.1, upper: 0.4, n: 20 }], smooth: { predicted: [0.1, 0.5, 0.9], observed: [0.12, 0.5, 0.85] } }];
    const first = calibrationPlot(curves, { title: "T" });
    rocPlot([{ label: "x", fpr: [0, 1], tpr: [0, 1], auc: 0.5 }], { title: "other" });
    const second = calibrationPlot(curves, { title: "T" });
    assert.match(first, /plot-clip-1/);
    assert.equal(second, first);
  });
});
