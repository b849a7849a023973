/**
 * Figures: Observable Plot rendered server-side (linkedom document) to a standalone SVG, and resvg
 * to PNG with an explicitly loaded font (resvg draws no text without one). Plot's raster mark and
 * colour ramps draw on a canvas: @napi-rs/canvas stands in for the browser's.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

const require = createRequire(import.meta.url);

/** DejaVu Sans, shipped by the dejavu-fonts-ttf npm package (no system fonts needed). */
export function fontFiles(): string[] {
  const dir = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
  return ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"].map((f) => join(dir, f));
}

export const FONT_FAMILY = "DejaVu Sans";

/** A linkedom document whose createElement("canvas") returns a real (skia) canvas. */
function serverDocument(): unknown {
  const { document } = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>");
  const create = document.createElement.bind(document);
  const { createCanvas } = require("@napi-rs/canvas") as typeof import("@napi-rs/canvas");
  (document as unknown as { createElement: (tag: string) => unknown }).createElement = (tag: string) =>
    tag.toLowerCase() === "canvas" ? createCanvas(1, 1) : create(tag);
  return document;
}

export type PlotOptions = Plot.PlotOptions;

/**
 * Renders Plot options to a standalone SVG document (xmlns set, white background, DejaVu Sans).
 * Plot options must not request an HTML <figure> wrapper (no `title`/`caption`/legend options):
 * titles are drawn by {@link withTitle} inside the SVG so the file stands alone.
 */
export function plotToSvg(options: PlotOptions): string {
  const document = serverDocument();
  const node = Plot.plot({
    style: { fontFamily: `${FONT_FAMILY}, sans-serif`, fontSize: "12px", background: "white", color: "black" },
    ...options,
    document: document as Plot.PlotOptions["document"],
  }) as unknown as { tagName: string; outerHTML: string; setAttribute(name: string, value: string): void };
  if (node.tagName.toLowerCase() !== "svg") {
    throw new Error("plotToSvg: Plot returned a <figure>; draw titles and legends inside the SVG (withTitle, legend marks)");
  }
  node.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  node.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renumberClipIds(node.outerHTML)}\n`;
}

/**
 * Plot numbers clip paths with a process-wide counter (`plot-clip-7`), so the same figure would get other
 * bytes after other plots ran: renumber them from 1 within each SVG.
 */
export function renumberClipIds(svg: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/plot-clip-\d+/g, (id) => {
    if (!ids.has(id)) ids.set(id, `plot-clip-${ids.size + 1}`);
    return ids.get(id)!;
  });
}

/** Adds a title (and optional subtitle) band above an SVG produced by {@link plotToSvg}. */
export function withTitle(svg: string, title: string, subtitle?: string): string {
  const open = /<svg[^>]*>/.exec(svg)?.[0] ?? "";
  const width = Number(/\swidth="([\d.]+)"/.exec(open)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(open)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error("withTitle: not a Plot SVG with width and height");
  const band = subtitle ? 46 : 28;
  const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  // DejaVu Sans averages ~0.6 em per character: shrink a line that would not fit the width.
  const fit = (text: string, size: number, bold: boolean) => Math.min(size, Math.floor((width - 16) / (text.length * (bold ? 0.66 : 0.58))));
  const head =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height + band}" ` +
    `viewBox="0 0 ${width} ${height + band}" font-family="${FONT_FAMILY}, sans-serif">` +
    `<rect width="100%" height="100%" fill="white"/>` +
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="${fit(title, 15, true)}" font-weight="bold">${esc(title)}</text>` +
    (subtitle ? `<text x="${width / 2}" y="38" text-anchor="middle" font-size="${fit(subtitle, 12, false)}" fill="#444">${esc(subtitle)}</text>` : "") +
    `<g transform="translate(0,${band})">`;
  const inner = svg.replace(/^<\?xml[^>]*>\s*/, "");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}${inner}</g></svg>\n`;
}

/** Rasterises an SVG to PNG at `scale`× with DejaVu Sans loaded explicitly. */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const { Resvg } = (await import("@resvg/resvg-js")) as typeof import("@resvg/resvg-js");
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    font: {
      fontFiles: fontFiles(),
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  });
  return resvg.render().asPng();
}
