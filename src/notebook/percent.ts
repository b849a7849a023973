/**
 * Maintainer tool: builds a .ipynb from a "percent" script (`// %%` starts a code cell,
 * `// %% [markdown]` a Markdown cell whose lines are `// `-prefixed), the format jupytext uses.
 * Usage: tsx src/notebook/percent.ts notebooks/src/01-first-look.ts notebooks/01-first-look.ipynb
 */
import { readFileSync, writeFileSync } from "node:fs";
import { TSLAB_METADATA, type Notebook, type NotebookCell } from "./runner.js";

export function percentToNotebook(text: string): Notebook {
  const cells: NotebookCell[] = [];
  let current: { kind: "code" | "markdown"; lines: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    while (current.lines.length && current.lines[current.lines.length - 1].trim() === "") current.lines.pop();
    while (current.lines.length && current.lines[0].trim() === "") current.lines.shift();
    const source = current.lines.map((l, i) => (i < current!.lines.length - 1 ? l + "\n" : l));
    const id = `cell-${String(cells.length + 1).padStart(2, "0")}`;
    cells.push(
      current.kind === "code"
        ? { cell_type: "code", id, metadata: {}, source, outputs: [], execution_count: null }
        : { cell_type: "markdown", id, metadata: {}, source },
    );
  };
  for (const line of text.split("\n")) {
    const m = /^\/\/ %%(?: \[(markdown)\])?\s*$/.exec(line);
    if (m) {
      flush();
      current = { kind: m[1] ? "markdown" : "code", lines: [] };
    } else if (current) {
      current.lines.push(current.kind === "markdown" ? line.replace(/^\/\/ ?/, "") : line);
    }
  }
  flush();
  return { cells, metadata: { ...TSLAB_METADATA }, nbformat: 4, nbformat_minor: 5 };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ""))) {
  const [input, output] = process.argv.slice(2);
  writeFileSync(output, JSON.stringify(percentToNotebook(readFileSync(input, "utf8")), null, 1) + "\n");
}
