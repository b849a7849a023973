/**
 * Progress for long-running steps. Under the headless notebook runner it goes to the terminal
 * (not into the notebook); under a Jupyter kernel it is one display line updated in place;
 * in a plain script, a line on stderr when stderr is a TTY.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const TERMINAL = Symbol.for("tsradiomics.progress.terminal");

type Sink = (line: string, final: boolean) => void;

/** The headless runner installs its terminal writer here. */
export function setProgressTerminal(write: ((line: string, final: boolean) => void) | undefined): void {
  (globalThis as Record<symbol, unknown>)[TERMINAL] = write;
}

function jupyterSink(): Sink | undefined {
  try {
    const jupyter = require("tslab/dist/jupyter.js") as { lastWriteDisplayData?: unknown };
    if (!jupyter.lastWriteDisplayData) return undefined;
    const display = (require("tslab") as { newDisplay(): { text(s: string): void } }).newDisplay();
    return (line) => display.text(line);
  } catch {
    return undefined;
  }
}

export interface Progress {
  tick(label?: string): void;
  done(): void;
}

/** A counter over `total` items; prints done/total, rate and ETA at most every 250 ms. */
export function progress(title: string, total: number): Progress {
  const terminal = (globalThis as Record<symbol, unknown>)[TERMINAL] as Sink | undefined;
  const sink: Sink | undefined =
    terminal ?? jupyterSink() ?? (process.stderr.isTTY ? (line, final) => process.stderr.write(`\r${line}${final ? "\n" : ""}`) : undefined);
  const start = performance.now();
  let count = 0;
  let last = 0;
  const line = (label?: string) => {
    const secs = (performance.now() - start) / 1000;
    const eta = count > 0 ? (secs / count) * (total - count) : NaN;
    return `${title}: ${count}/${total}${label ? ` (${label})` : ""}${count < total && Number.isFinite(eta) ? `, ETA ${eta.toFixed(0)} s` : ""}`;
  };
  return {
    tick(label) {
      count++;
      const now = performance.now();
      if (sink && (now - last > 250 || count === total)) {
        last = now;
        sink(line(label), false);
      }
    },
    done() {
      sink?.(`${title}: ${count}/${total} done`, true);
    },
  };
}
