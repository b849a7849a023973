/**
 * Headless notebook execution over tslab's own converter and executor (the code path of the tslab
 * Jupyter kernel, without ZeroMQ or Python): each code cell is type-checked and run in order, its
 * outputs (streams, Markdown/HTML, SVG, PNG) stored in the .ipynb as Jupyter would store them.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, resolve } from "node:path";
import { format } from "node:util";
import { setProgressTerminal } from "../report/progress.js";

const require = createRequire(import.meta.url);

export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  id?: string;
}

export type NotebookOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "display_data"; data: Record<string, string>; metadata: Record<string, unknown> };

export interface Notebook {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

export interface NotebookRun {
  notebook: string;
  ok: boolean;
  cellsRun: number;
  /** 1-based index among all cells of the failing cell. */
  failedCell?: number;
  error?: string;
  seconds: number;
}

/** The kernel metadata tslab's Jupyter kernel expects. */
export const TSLAB_METADATA = {
  kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
  language_info: {
    codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
    file_extension: ".ts",
    mimetype: "text/typescript",
    name: "typescript",
    version: "5.0.4",
  },
};

export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

interface TslabExecutor {
  execute(src: string): Promise<boolean>;
  close(): void;
}
interface TslabConverter {
  close(): void;
}

/** Executes one notebook in place (outputs replaced). Stops at the first failing cell, as nbconvert does. */
export async function executeNotebook(path: string, options: { log?: (line: string) => void } = {}): Promise<NotebookRun> {
  const started = performance.now();
  const file = resolve(path);
  const nb = JSON.parse(readFileSync(file, "utf8")) as Notebook;
  const { createConverter } = require("tslab/dist/converter.js") as { createConverter(o: object): TslabConverter };
  const { createExecutor } = require("tslab/dist/executor.js") as {
    createExecutor(root: string, convs: object, console: object): TslabExecutor;
  };
  const jupyter = require("tslab/dist/jupyter.js") as { lastWriteDisplayData?: unknown };

  // Jupyter starts a kernel in the notebook's folder; relative paths in cells mean the same here.
  const cwd = process.cwd();
  const root = dirname(file);
  process.chdir(root);
  let converter: TslabConverter | undefined;
  const convs = {
    get node() {
      return (converter ??= createConverter({ isJS: false, isBrowser: false }));
    },
    get browser(): never {
      throw new Error("browser cells are not supported by the headless runner");
    },
    close() {
      converter?.close();
    },
  };

  let outputs: NotebookOutput[] = [];
  const stream = (name: "stdout" | "stderr", text: string) => {
    const last = outputs[outputs.length - 1];
    if (last?.output_type === "stream" && last.name === name) last.text += text;
    else outputs.push({ output_type: "stream", name, text });
  };
  const displayIds = new Map<string, number>();
  const executor = createExecutor(root, convs, {
    log: (...args: unknown[]) => stream("stdout", format(...args) + "\n"),
    error: (...args: unknown[]) => stream("stderr", format(...args) + "\n"),
  });

  const realOut = process.stdout.write;
  const realErr = process.stderr.write;
  // Progress lines go to the terminal, never into the stored notebook.
  setProgressTerminal((line, final) => realErr.call(process.stderr, process.stderr.isTTY ? `\r    ${line}${final ? "\n" : ""}` : final ? `    ${line}\n` : ""));
  const run: NotebookRun = { notebook: basename(file), ok: true, cellsRun: 0, seconds: 0 };
  let count = 0;
  try {
    for (const [index, cell] of nb.cells.entries()) {
      if (cell.cell_type !== "code") continue;
      outputs = [];
      displayIds.clear();
      jupyter.lastWriteDisplayData = (msg: { data: Record<string, string>; metadata?: Record<string, unknown>; transient?: { display_id?: string } }, update: boolean) => {
        const out: NotebookOutput = { output_type: "display_data", data: msg.data, metadata: msg.metadata ?? {} };
        const id = msg.transient?.display_id;
        if (update && id && displayIds.has(id)) outputs[displayIds.get(id)!] = out;
        else {
          if (id) displayIds.set(id, outputs.length);
          outputs.push(out);
        }
      };
      process.stdout.write = ((chunk: string | Uint8Array) => (stream("stdout", String(chunk)), true)) as typeof process.stdout.write;
      process.stderr.write = ((chunk: string | Uint8Array) => (stream("stderr", String(chunk)), true)) as typeof process.stderr.write;
      let ok: boolean;
      try {
        ok = await executor.execute(cellSource(cell));
      } finally {
        process.stdout.write = realOut;
        process.stderr.write = realErr;
      }
      cell.outputs = outputs;
      cell.execution_count = ++count;
      run.cellsRun++;
      options.log?.(`  cell ${index + 1} ${ok ? "ok" : "FAILED"}`);
      if (!ok) {
        // Cells after the failure did not run: their old outputs must not look current.
        for (const later of nb.cells.slice(index + 1)) {
          if (later.cell_type !== "code") continue;
          later.outputs = [];
          later.execution_count = null;
        }
        run.ok = false;
        run.failedCell = index + 1;
        run.error = outputs
          .filter((o): o is Extract<NotebookOutput, { output_type: "stream" }> => o.output_type === "stream" && o.name === "stderr")
          .map((o) => o.text)
          .join("")
          .trim() || "the cell failed";
        break;
      }
    }
  } finally {
    jupyter.lastWriteDisplayData = undefined;
    setProgressTerminal(undefined);
    executor.close();
    convs.close();
    process.chdir(cwd);
  }
  nb.metadata = { ...nb.metadata, ...TSLAB_METADATA };
  writeFileSync(file, JSON.stringify(nb, null, 1) + "\n");
  run.seconds = (performance.now() - started) / 1000;
  return run;
}
