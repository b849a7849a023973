import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { percentToNotebook } from "../../src/notebook/percent.ts";
import { executeNotebook, type Notebook } from "../../src/notebook/runner.ts";

const DIST = resolve("dist/index.js");

const GOOD = `// %% [markdown]
// # A test notebook
// %%
const n: number = 6 * 7;
console.log("answer", n);
// %%
import * as tsr from ${JSON.stringify(DIST)};
tsr.show(tsr.toMarkdown([{ a: 1, b: "x" }]));
// %%
import * as tslab from "tslab";
tslab.display.svg('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
n + 1
`;

const FAILING = `// %%
console.log("first");
// %%
const s: string = 5;
// %%
console.log("never");
`;

describe("headless notebook runner", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsr-nb-"));
    writeFileSync(join(dir, "a-good.ipynb"), JSON.stringify(percentToNotebook(GOOD)));
    writeFileSync(join(dir, "b-failing.ipynb"), JSON.stringify(percentToNotebook(FAILING)));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("stores streams, Markdown and SVG outputs in the .ipynb with execution counts", async () => {
    const run = await executeNotebook(join(dir, "a-good.ipynb"));
    assert.equal(run.ok, true);
    assert.equal(run.cellsRun, 3);
    const nb = JSON.parse(readFileSync(join(dir, "a-good.ipynb"), "utf8")) as Notebook;
    const code = nb.cells.filter((c) => c.cell_type === "code");
    assert.deepEqual(code.map((c) => c.execution_count), [1, 2, 3]);
    assert.deepEqual(code[0].outputs, [{ output_type: "stream", name: "stdout", text: "answer 42\n" }]);
    assert.deepEqual(code[1].outputs, [{ output_type: "display_data", data: { "text/markdown": "| a | b |\n| ---: | --- |\n| 1 | x |\n" }, metadata: {} }]);
    assert.equal(code[2].outputs![0].output_type, "display_data");
    assert.match(JSON.stringify(code[2].outputs![0]), /image\/svg\+xml/);
    assert.deepEqual(code[2].outputs![1], { output_type: "stream", name: "stdout", text: "43\n" });
    assert.equal((nb.metadata.kernelspec as { name: string }).name, "tslab");
  });

  it("gives a byte-identical notebook when run twice", async () => {
    await executeNotebook(join(dir, "a-good.ipynb"));
    const first = readFileSync(join(dir, "a-good.ipynb"));
    await executeNotebook(join(dir, "a-good.ipynb"));
    assert.ok(first.equals(readFileSync(join(dir, "a-good.ipynb"))));
  });

  it("stops at a failing cell and names it (type errors included)", async () => {
    const run = await executeNotebook(join(dir, "b-failing.ipynb"));
    assert.equal(run.ok, false);
    assert.equal(run.failedCell, 2);
    assert.match(run.error!, /Type 'number' is not assignable to type 'string'/);
    const nb = JSON.parse(readFileSync(join(dir, "b-failing.ipynb"), "utf8")) as Notebook;
    assert.equal(nb.cells[2].execution_count, null, "cells after the failure must not run");
  });

  it("`npm run notebooks` exits non-zero naming notebook and cell", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/notebook/run-all.ts", "b-failing"], {
      encoding: "utf8",
      env: { ...process.env, TSRADIOMICS_NOTEBOOKS: dir },
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /b-failing\.ipynb: cell 2 failed/);
    assert.match(r.stderr, /study FAILED/);
  });
});
