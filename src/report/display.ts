/**
 * Rich display in notebooks (tslab kernel or the headless runner): figures as SVG, tables as
 * Markdown. Outside a notebook it prints a text fallback, so the same calls work in scripts.
 */
import { createRequire } from "node:module";
import type { SavedFigure, SavedTable } from "./results.js";

const require = createRequire(import.meta.url);

interface TslabDisplay {
  svg(s: string): void;
  png(b: Uint8Array): void;
  markdown(s: string): void;
  html(s: string): void;
}

function tslabDisplay(): TslabDisplay | undefined {
  try {
    const jupyter = require("tslab/dist/jupyter.js") as { lastWriteDisplayData?: unknown };
    if (!jupyter.lastWriteDisplayData) return undefined;
    return (require("tslab") as { display: TslabDisplay }).display;
  } catch {
    return undefined;
  }
}

/** Shows a saved figure, a saved table, or Markdown text. */
export function show(item: SavedFigure | SavedTable | string): void {
  const display = tslabDisplay();
  if (typeof item === "string") {
    if (display) display.markdown(item);
    else console.log(item);
  } else if (item.kind === "figure") {
    if (display) display.svg(item.svg.replace(/^<\?xml[^>]*>\s*/, ""));
    else console.log(`[figure ${item.name}: ${item.paths.join(", ")}]`);
  } else {
    if (display) display.markdown(item.markdown);
    else console.log(item.markdown);
  }
}
