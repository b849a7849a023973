/**
 * Study figures as small functions: plain data in, standalone SVG out (see figure.ts).
 * Each labels its axes, draws its reference line, and carries its legend inside the SVG.
 */
import * as Plot from "@observablehq/plot";
import { plotToSvg, withTitle } from "./figure.js";

/** Colour-blind-safe palette (Okabe–Ito). */
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"];

export interface RocCurveInput {
  label: string;
  /** 1 − specificity, ascending. */
  fpr: ArrayLike<number>;
  /** Sensitivity, same length as fpr. */
  tpr: ArrayLike<number>;
  auc: number;
  /** Optional 95% CI of the AUC, shown in the legend. */
  ci?: [number, number];
}

/** Legend entries drawn as marks in the lower-right corner of a unit square plot. */
function legendMarks(entries: { text: string; color: string; dash?: string }[], x0 = 0.42, y0 = 0.05, step = 0.065): Plot.Markish[] {
  const rows = entries.map((e, i) => ({ ...e, y: y0 + (entries.length - 1 - i) * step }));
  return [
    Plot.link(rows, { x1: x0, x2: x0 + 0.06, y1: "y", y2: "y", stroke: "color", strokeWidth: 2.5, strokeDasharray: "dash" }),
    Plot.text(rows, { x: x0 + 0.08, y: "y", text: "text", textAnchor: "start", fontSize: 11 }),
  ];
}

export function formatAuc(c: { auc: number; ci?: [number, number] }): string {
  return c.ci ? `AUC ${c.auc.toFixed(3)} (${c.ci[0].toFixed(3)}–${c.ci[1].toFixed(3)})` : `AUC ${c.auc.toFixed(3)}`;
}

/** ROC curves with the chance diagonal and AUCs in the legend. */
export function rocPlot(curves: RocCurveInput[], options: { title: string; subtitle?: string; size?: number } = { title: "ROC" }): string {
  const size = options.size ?? 520;
  const points = curves.flatMap((c, k) =>
    Array.from(c.fpr, (x, i) => ({ x, y: c.tpr[i], curve: k, color: PALETTE[k % PALETTE.length] })),
  );
  const svg = plotToSvg({
    width: size,
    height: size,
    marginLeft: 52,
    marginBottom: 44,
    x: { domain: [0, 1], label: "1 − Specificity (false-positive rate)", labelAnchor: "center", labelArrow: "none", grid: true },
    y: { domain: [0, 1], label: "Sensitivity (true-positive rate)", labelAnchor: "center", labelArrow: "none", grid: true },
    marks: [
      Plot.link([{ a: 0 }], { x1: 0, y1: 0, x2: 1, y2: 1, stroke: "#999", strokeDasharray: "4,3" }),
      Plot.line(points, { x: "x", y: "y", z: "curve", stroke: "color", strokeWidth: 2 }),
      Plot.frame(),
      ...legendMarks(curves.map((c, k) => ({ text: `${c.label}: ${formatAuc(c)}`, color: PALETTE[k % PALETTE.length] })), 0.3),
      Plot.text([curves.some((c) => c.ci) ? "AUC (95% CI)" : "AUC"], { x: 0.3, y: 0.05 + curves.length * 0.065, text: (d) => d, textAnchor: "start", fontSize: 11, fontWeight: "bold" }),
    ],
  });
  return withTitle(svg, options.title, options.subtitle);
}
