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
function legendMarks(entries: { text: string; color: string; dash?: string }[], x0 = 0.42, y0 = 0.05, step = 0.065, fromTop = false): Plot.Markish[] {
  const rows = entries.map((e, i) => ({ ...e, y: fromTop ? y0 - i * step : y0 + (entries.length - 1 - i) * step }));
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

export interface CalibrationCurveInput {
  label: string;
  /** Binned points (e.g. deciles of predicted risk) with 95% CI of the observed rate. */
  bins: { meanPredicted: number; observed: number; lower: number; upper: number; n: number }[];
  /** Smooth curve (lowess) on a grid of predicted probabilities. */
  smooth?: { predicted: ArrayLike<number>; observed: ArrayLike<number> };
  /** Shown in the legend, e.g. "slope 1.08, intercept −0.02, HL p 0.41". */
  note?: string;
}

/** Calibration curves: observed vs predicted risk, ideal diagonal, binned points with CIs, lowess line. */
export function calibrationPlot(curves: CalibrationCurveInput[], options: { title: string; subtitle?: string; size?: number }): string {
  const size = options.size ?? 520;
  const pts = curves.flatMap((c, k) => c.bins.map((b) => ({ ...b, color: PALETTE[k % PALETTE.length] })));
  const smooth = curves.flatMap((c, k) =>
    c.smooth ? Array.from(c.smooth.predicted, (x, i) => ({ x, y: c.smooth!.observed[i], curve: k, color: PALETTE[k % PALETTE.length] })) : [],
  );
  const svg = plotToSvg({
    width: size,
    height: size,
    marginLeft: 52,
    marginBottom: 44,
    x: { domain: [0, 1], label: "Predicted probability", labelAnchor: "center", labelArrow: "none", grid: true },
    y: { domain: [0, 1], label: "Observed proportion", labelAnchor: "center", labelArrow: "none", grid: true },
    marks: [
      Plot.link([0], { x1: 0, y1: 0, x2: 1, y2: 1, stroke: "#999", strokeDasharray: "4,3" }),
      Plot.line(smooth, { x: "x", y: "y", z: "curve", stroke: "color", strokeWidth: 2, clip: true }),
      Plot.ruleX(pts, { x: "meanPredicted", y1: "lower", y2: "upper", stroke: "color", strokeOpacity: 0.6 }),
      Plot.dot(pts, { x: "meanPredicted", y: "observed", fill: "color", r: 3.5, stroke: "white" }),
      Plot.frame(),
      ...legendMarks(curves.map((c, k) => ({ text: c.note ? `${c.label}: ${c.note}` : c.label, color: PALETTE[k % PALETTE.length] })), 0.03, 0.95, 0.06, true),
    ],
  });
  return withTitle(svg, options.title, options.subtitle ?? "points: deciles of predicted risk (95% CI); lines: lowess; dashed: ideal");
}

export interface DecisionCurveInput {
  label: string;
  threshold: ArrayLike<number>;
  netBenefit: ArrayLike<number>;
}

/** Decision curves: net benefit of models against treat-all and treat-none over threshold probabilities. */
export function decisionCurvePlot(
  models: DecisionCurveInput[],
  treatAll: DecisionCurveInput,
  options: { title: string; subtitle?: string; maxThreshold?: number; width?: number },
): string {
  const maxT = options.maxThreshold ?? 0.8;
  const rows = [
    ...models.map((m, k) => ({ m, color: PALETTE[k % PALETTE.length], dash: "none" })),
    { m: { ...treatAll, label: "Treat all" }, color: "#777", dash: "none" },
  ].flatMap(({ m, color, dash }, k) =>
    Array.from(m.threshold, (t, i) => ({ t, nb: m.netBenefit[i], curve: k, color, dash })).filter((r) => r.t <= maxT),
  );
  const top = Math.max(0.05, ...rows.map((r) => r.nb));
  const svg = plotToSvg({
    width: options.width ?? 620,
    height: 440,
    marginLeft: 56,
    marginBottom: 44,
    x: { domain: [0, maxT], label: "Threshold probability", labelAnchor: "center", labelArrow: "none", grid: true },
    y: { domain: [-0.05, top * 1.08], label: "Net benefit", labelAnchor: "center", labelArrow: "none", grid: true },
    marks: [
      Plot.ruleY([0], { stroke: "black", strokeWidth: 1.5 }),
      Plot.line(rows, { x: "t", y: "nb", z: "curve", stroke: "color", strokeWidth: 2, clip: true }),
      Plot.frame(),
      Plot.link(
        [...models.map((m, k) => ({ text: m.label, color: PALETTE[k % PALETTE.length] })), { text: "Treat all", color: "#777" }, { text: "Treat none", color: "black" }].map(
          (e, i) => ({ ...e, y: top * (1.0 - i * 0.075) }),
        ),
        { x1: maxT * 0.62, x2: maxT * 0.68, y1: "y", y2: "y", stroke: "color", strokeWidth: 2.5 },
      ),
      Plot.text(
        [...models.map((m) => m.label), "Treat all", "Treat none"].map((text, i) => ({ text, y: top * (1.0 - i * 0.075) })),
        { x: maxT * 0.7, y: "y", text: "text", textAnchor: "start", fontSize: 11 },
      ),
    ],
  });
  return withTitle(svg, options.title, options.subtitle);
}

export interface LassoPathInput {
  lambda: ArrayLike<number>;
  /** Feature name → coefficient at each lambda (original scale or standardised, as labelled). */
  coefficients: Record<string, ArrayLike<number>>;
  lambdaMin: number;
  lambda1se: number;
}

/** LASSO coefficient paths against log(λ), with λ_min and λ_1se marked. */
export function lassoPathPlot(path: LassoPathInput, options: { title: string; subtitle?: string; yLabel?: string }): string {
  const names = Object.keys(path.coefficients);
  // The far end of the path (λ → 0) approaches the unpenalised, often near-separated fit: show the
  // informative range, down to e⁻³·λ_min.
  const lower = Math.log(path.lambdaMin) - 3;
  const rows = names.flatMap((name, k) =>
    Array.from(path.lambda, (l, i) => ({ x: Math.log(l), y: path.coefficients[name][i], k, color: PALETTE[k % PALETTE.length] })).filter((r) => r.x >= lower),
  );
  const svg = plotToSvg({
    width: 620,
    height: 420,
    marginLeft: 60,
    marginBottom: 44,
    x: { label: "log(λ)", labelAnchor: "center", labelArrow: "none", grid: true },
    y: { label: options.yLabel ?? "Coefficient", labelAnchor: "center", labelArrow: "none", grid: true },
    marks: [
      Plot.ruleY([0], { stroke: "#999" }),
      Plot.line(rows, { x: "x", y: "y", z: "k", stroke: "color", strokeWidth: 1.3 }),
      Plot.ruleX([Math.log(path.lambdaMin)], { stroke: "black", strokeDasharray: "4,3" }),
      Plot.ruleX([Math.log(path.lambda1se)], { stroke: "black", strokeDasharray: "1,3" }),
      Plot.text([{ x: Math.log(path.lambdaMin), t: "λmin" }, { x: Math.log(path.lambda1se), t: "λ1se" }], {
        x: "x", text: "t", frameAnchor: "top", dy: 10, dx: 4, textAnchor: "start", fontSize: 11,
      }),
      Plot.frame(),
    ],
  });
  return withTitle(svg, options.title, options.subtitle ?? `${names.length} features ever selected; dashed: λmin, dotted: λ1se`);
}

export interface CvCurveInput {
  lambda: ArrayLike<number>;
  cvm: ArrayLike<number>;
  cvlo: ArrayLike<number>;
  cvup: ArrayLike<number>;
  nzero: ArrayLike<number>;
  lambdaMin: number;
  lambda1se: number;
  measure: string;
}

/** cv.glmnet's curve: mean cross-validated error ± 1 SE against log(λ), λ_min and λ_1se marked. */
export function cvCurvePlot(cv: CvCurveInput, options: { title: string; subtitle?: string }): string {
  const rows = Array.from(cv.lambda, (l, i) => ({ x: Math.log(l), m: cv.cvm[i], lo: cv.cvlo[i], up: cv.cvup[i], nz: cv.nzero[i] }));
  const svg = plotToSvg({
    width: 620,
    height: 420,
    marginLeft: 60,
    marginBottom: 44,
    x: { label: "log(λ)", labelAnchor: "center", labelArrow: "none", grid: true },
    y: { label: cv.measure === "auc" ? "Cross-validated AUC" : "Cross-validated binomial deviance", labelAnchor: "center", labelArrow: "none", grid: true },
    marks: [
      Plot.ruleX(rows, { x: "x", y1: "lo", y2: "up", stroke: "#888" }),
      Plot.dot(rows, { x: "x", y: "m", fill: "#D55E00", r: 2.5 }),
      Plot.ruleX([Math.log(cv.lambdaMin)], { stroke: "black", strokeDasharray: "4,3" }),
      Plot.ruleX([Math.log(cv.lambda1se)], { stroke: "black", strokeDasharray: "1,3" }),
      Plot.text(rows.filter((_, i) => i % 10 === 0), { x: "x", text: (d: { nz: number }) => String(d.nz), frameAnchor: "top", dy: 8, fontSize: 10, fill: "#444" }),
      Plot.frame(),
    ],
  });
  return withTitle(svg, options.title, options.subtitle ?? "mean ± 1 SE over folds; numbers: non-zero coefficients; dashed: λmin, dotted: λ1se");
}

/** Horizontal bars with error whiskers, e.g. AUC (95% CI) per model or feature set. */
export function intervalPlot(
  rows: { label: string; group?: string; estimate: number; lower: number; upper: number }[],
  options: { title: string; subtitle?: string; xLabel: string; domain?: [number, number]; reference?: number },
): string {
  const groups = [...new Set(rows.map((r) => r.group ?? ""))];
  const data = rows.map((r) => ({ ...r, color: PALETTE[groups.indexOf(r.group ?? "") % PALETTE.length] }));
  // Room for the longest label (~6.2 px per 10-px character) and for the value printed right of each bar.
  const marginLeft = Math.min(420, Math.max(120, 12 + 6.2 * Math.max(...rows.map((r) => r.label.length))));
  const svg = plotToSvg({
    width: marginLeft + 440,
    height: 60 + 26 * rows.length,
    marginLeft,
    marginRight: 50,
    marginBottom: 44,
    x: { domain: options.domain, label: options.xLabel, labelAnchor: "center", labelArrow: "none", grid: true },
    y: { domain: rows.map((r) => r.label), label: null, tickFormat: (d: string) => d },
    marks: [
      ...(options.reference != null ? [Plot.ruleX([options.reference], { stroke: "#999", strokeDasharray: "4,3" })] : []),
      Plot.ruleY(data, { y: "label", x1: "lower", x2: "upper", stroke: "color", strokeWidth: 2 }),
      Plot.dot(data, { y: "label", x: "estimate", fill: "color", r: 4 }),
      Plot.text(data, { y: "label", x: "upper", text: (d: { estimate: number }) => d.estimate.toFixed(3), dx: 6, textAnchor: "start", fontSize: 10 }),
      Plot.frame(),
    ],
  });
  return withTitle(svg, options.title, options.subtitle);
}

export interface NomogramInput {
  axes: { label: string; values: number[]; points: number[] }[];
  totalPointsAxis: number[];
  probabilityAxis: { totalPoints: number[]; labels: string[] };
}

/**
 * An rms-style nomogram: a Points scale (0–100), one scale per predictor (tick labels at their
 * points), a Total points scale and the predicted-probability scale aligned with it.
 */
export function nomogramPlot(nom: NomogramInput, options: { title: string; subtitle?: string }): string {
  const maxTotal = Math.max(...nom.totalPointsAxis);
  const rows = ["Points", ...nom.axes.map((a) => a.label), "Total points", "Probability"];
  type Tick = { row: string; x: number; text: string };
  const ticks: Tick[] = [];
  for (let p = 0; p <= 100; p += 10) ticks.push({ row: "Points", x: p, text: String(p) });
  nom.axes.forEach((a) => a.values.forEach((v, i) => ticks.push({ row: a.label, x: a.points[i], text: formatTick(v) })));
  nom.totalPointsAxis.forEach((t) => ticks.push({ row: "Total points", x: (t / maxTotal) * 100, text: formatTick(t) }));
  nom.probabilityAxis.totalPoints.forEach((t, i) => {
    const x = (t / maxTotal) * 100;
    if (x >= -0.5 && x <= 100.5) ticks.push({ row: "Probability", x, text: nom.probabilityAxis.labels[i] });
  });
  const spans = rows.map((row) => {
    const xs = ticks.filter((t) => t.row === row).map((t) => t.x);
    return { row, x1: Math.min(...xs), x2: Math.max(...xs) };
  });
  const svg = plotToSvg({
    width: 760,
    height: 70 + 46 * rows.length,
    marginLeft: 200,
    marginRight: 30,
    marginTop: 20,
    x: { domain: [-2, 102], axis: null },
    y: { domain: rows, label: null, tickSize: 0 },
    marks: [
      Plot.ruleY(spans, { y: "row", x1: "x1", x2: "x2", stroke: "black" }),
      Plot.tickX(ticks, { y: "row", x: "x", stroke: "black", strokeWidth: 1, insetTop: 20, insetBottom: 12 }),
      Plot.text(thinLabels(ticks), { y: "row", x: "x", text: "text", dy: -9, fontSize: 10 }),
    ],
  });
  return withTitle(svg, options.title, options.subtitle ?? "sum the predictor points; read the probability under the total");
}

/** Drops tick labels that would overlap the previous kept label of the same row (~0.6 em per char). */
function thinLabels<T extends { row: string; x: number; text: string }>(ticks: T[]): T[] {
  const kept: T[] = [];
  const unitsPerChar = 1.15; // x-domain units (0–100 over ~530 px) per ~6-px character of 10-px text
  for (const row of new Set(ticks.map((t) => t.row))) {
    let prev: T | undefined;
    for (const t of ticks.filter((x) => x.row === row).sort((a, b) => a.x - b.x)) {
      if (prev && t.x - prev.x < ((prev.text.length + t.text.length) / 2 + 1) * unitsPerChar) continue;
      kept.push(t);
      prev = t;
    }
  }
  return kept;
}

function formatTick(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3)));
}
