import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { executeWithNbconvert, findJupyter, hasSubcommand } from "../../src/notebook/kernel.ts";
import { percentToNotebook } from "../../src/notebook/percent.ts";
import type { Notebook } from "../../src/notebook/runner.ts";

// In CI the real Jupyter path is required (.ci/run installs Debian's jupyter-nbconvert); elsewhere it
// is skipped when Jupyter is absent, with the reason.
const jupyter = findJupyter();
const available = Boolean(jupyter && hasSubcommand(jupyter, "nbconvert"));
const skip = !available && !process.env.CI ? "Jupyter (nbconvert) not installed" : false;

describe("real Jupyter with the tslab kernel", () => {
  it("executes a notebook through nbconvert, importing the built package", { skip, timeout: 300_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "tsr-jup-"));
    try {
      const src = `// %%\nimport * as tsr from ${JSON.stringify(resolve("dist/index.js"))};\nconst n: number = 6 * 7;\nconsole.log("answer", n);\ntsr.show(tsr.toMarkdown([{ a: n }]));\n`;
      writeFileSync(join(dir, "k.ipynb"), JSON.stringify(percentToNotebook(src)));
      executeWithNbconvert([join(dir, "k.ipynb")], join(dir, "out"), 240);
      const nb = JSON.parse(readFileSync(join(dir, "out", "k.ipynb"), "utf8")) as Notebook;
      const outputs = JSON.stringify(nb.cells[0].outputs);
      assert.match(outputs, /answer 42/);
      assert.match(outputs, /text\/markdown/);
      assert.match(outputs, /\| 42 \|/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
