import { InputError } from "../errors.js";
import { encodePng } from "./png.js";
import type { Image3D, Mask3D } from "./types.js";

export type Plane = "axial" | "sagittal" | "coronal";

export interface SliceFigureOptions {
  plane?: Plane;
  /** Slice index along the voxel axis normal to the plane; default: the slice with most ROI voxels (else the middle). */
  index?: number;
  /** Grey-level window [low, high]; default: 1st–99th percentile of the slice. */
  window?: [number, number];
  /** ROI drawing: outline (vector edges), overlay (filled, translucent) or both. Default outline. */
  mode?: "outline" | "overlay" | "both";
  color?: string;
  /** Rendered width of the image area in px (height follows the physical aspect). Default 480. */
  width?: number;
  title?: string;
}

/** A 2-D view of the volume: screen axes as voxel axes with direction signs, and the normal axis. */
export interface SliceView {
  /** Voxel axis along screen x, and whether screen x runs against that axis. */
  u: number;
  flipU: boolean;
  v: number;
  flipV: boolean;
  normal: number;
  index: number;
}

/**
 * Radiological screen orientation in LPS: axial — x toward patient left, y toward posterior;
 * coronal — x toward left, y toward inferior; sagittal — x toward posterior, y toward inferior.
 * Each screen/normal direction is mapped to the voxel axis whose direction cosine is largest on it.
 */
export function sliceView(image: Image3D, plane: Plane): Omit<SliceView, "index"> {
  const D = image.direction;
  // physical axis (0 = L, 1 = P, 2 = S) → voxel axis with the largest |cosine|, and that cosine's sign
  const voxelAxis = (phys: number): [number, number] => {
    let best = 0;
    for (let k = 1; k < 3; k++) if (Math.abs(D[3 * phys + k]!) > Math.abs(D[3 * phys + best]!)) best = k;
    return [best, Math.sign(D[3 * phys + best]!)];
  };
  const [sx, sy, n] = plane === "axial" ? [[0, 1], [1, 1], 2] : plane === "coronal" ? [[0, 1], [2, -1], 1] : [[1, 1], [2, -1], 0];
  const [u, su] = voxelAxis(sx![0]!);
  const [v, sv] = voxelAxis(sy![0]!);
  const [normal] = voxelAxis(n as number);
  if (new Set([u, v, normal]).size !== 3) throw new InputError(`slice figure: cannot orient a ${plane} view for direction (${D.join(", ")})`);
  return { u, flipU: su * sx![1]! < 0, v, flipV: sv * sy![1]! < 0, normal };
}

/** Linear voxel index of screen pixel (i, j) of a view (no allocation: called per pixel). */
function voxelIndex(size: number[], view: SliceView, i: number, j: number): number {
  const cu = view.flipU ? size[view.u]! - 1 - i : i;
  const cv = view.flipV ? size[view.v]! - 1 - j : j;
  const stride = (axis: number) => (axis === 0 ? 1 : axis === 1 ? size[0]! : size[0]! * size[1]!);
  return cu * stride(view.u) + cv * stride(view.v) + view.index * stride(view.normal);
}

/** Slice along `normal` with most mask voxels (middle slice when the mask is empty or absent). */
function busiestSlice(size: number[], normal: number, mask: Mask3D | null): number {
  if (!mask) return Math.floor(size[normal]! / 2);
  const counts = new Float64Array(size[normal]!);
  const [nx, ny] = size as [number, number];
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    const k = normal === 0 ? i % nx : normal === 1 ? Math.floor(i / nx) % ny : Math.floor(i / (nx * ny));
    counts[k]!++;
  }
  let best = Math.floor(size[normal]! / 2);
  for (let k = 0; k < counts.length; k++) if (counts[k]! > counts[best]!) best = k;
  return best;
}

/** Percentile (nearest rank) of a sample. */
function quantile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))]!;
}

/** Greyscale bytes of a slice: 255·(x − low)/(high − low), clipped. */
export function sliceGrey(image: Image3D, view: SliceView, window?: [number, number]): { grey: Uint8Array; width: number; height: number; window: [number, number] } {
  const w = image.size[view.u]!, h = image.size[view.v]!;
  const values = new Float64Array(w * h);
  for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) values[j * w + i] = image.data[voxelIndex(image.size, view, i, j)]!;
  let win = window;
  if (!win) {
    const sorted = Float64Array.from(values).sort();
    win = [quantile(sorted, 0.01), quantile(sorted, 0.99)];
    if (win[1] <= win[0]) win = [win[0], win[0] + 1];
  }
  const grey = new Uint8Array(w * h);
  const scale = 255 / (win[1] - win[0]);
  for (let k = 0; k < values.length; k++) grey[k] = Math.max(0, Math.min(255, Math.round((values[k]! - win[0]) * scale)));
  return { grey, width: w, height: h, window: win };
}

/**
 * SVG path (pixel units) of the ROI boundary on a slice: one unit segment per pixel edge between an
 * inside and an outside pixel, merged into horizontal/vertical runs.
 */
export function outlinePath(inside: (i: number, j: number) => boolean, w: number, h: number, sx = 1, sy = 1): string {
  const X = (i: number) => +(i * sx).toFixed(3), Y = (j: number) => +(j * sy).toFixed(3);
  const parts: string[] = [];
  // horizontal edges: between rows j−1 and j, for j = 0..h
  for (let j = 0; j <= h; j++) {
    let start = -1;
    for (let i = 0; i <= w; i++) {
      const edge = i < w && (j > 0 && inside(i, j - 1)) !== (j < h && inside(i, j));
      if (edge && start < 0) start = i;
      if (!edge && start >= 0) {
        parts.push(`M${X(start)} ${Y(j)}H${X(i)}`);
        start = -1;
      }
    }
  }
  for (let i = 0; i <= w; i++) {
    let start = -1;
    for (let j = 0; j <= h; j++) {
      const edge = j < h && (i > 0 && inside(i - 1, j)) !== (i < w && inside(i, j));
      if (edge && start < 0) start = j;
      if (!edge && start >= 0) {
        parts.push(`M${X(i)} ${Y(start)}V${Y(j)}`);
        start = -1;
      }
    }
  }
  return parts.join("");
}

/** Filled ROI as one rectangle per horizontal run of inside pixels. */
function fillPath(inside: (i: number, j: number) => boolean, w: number, h: number, sx: number, sy: number): string {
  const X = (i: number) => +(i * sx).toFixed(3), Y = (j: number) => +(j * sy).toFixed(3);
  const parts: string[] = [];
  for (let j = 0; j < h; j++) {
    let start = -1;
    for (let i = 0; i <= w; i++) {
      const on = i < w && inside(i, j);
      if (on && start < 0) start = i;
      if (!on && start >= 0) {
        parts.push(`M${X(start)} ${Y(j)}H${X(i)}V${Y(j + 1)}H${X(start)}Z`);
        start = -1;
      }
    }
  }
  return parts.join("");
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * An axial/sagittal/coronal slice of `image` with the ROI outline and/or translucent overlay, as a
 * standalone SVG string: the grey slice is an embedded PNG (nearest-neighbour scaled to physical
 * aspect), the ROI is vector paths in pixel units. Save it with report/figures.saveFigure.
 */
export function sliceFigure(image: Image3D, mask: Mask3D | null, opts: SliceFigureOptions = {}): string {
  const plane = opts.plane ?? "axial";
  if (mask && mask.size.some((s, a) => s !== image.size[a])) {
    throw new InputError(`slice figure: mask size (${mask.size.join(", ")}) differs from image size (${image.size.join(", ")})`);
  }
  const base = sliceView(image, plane);
  const index = opts.index ?? busiestSlice(image.size, base.normal, mask);
  if (!Number.isInteger(index) || index < 0 || index >= image.size[base.normal]!) {
    throw new InputError(`slice figure: ${plane} slice ${index} outside 0 … ${image.size[base.normal]! - 1}`);
  }
  const view: SliceView = { ...base, index };
  const { grey, width: w, height: h, window } = sliceGrey(image, view, opts.window);
  const su = image.spacing[view.u]!, sv = image.spacing[view.v]!;
  const W = opts.width ?? 480;
  const px = W / (w * su); // screen px per mm
  const H = Math.round(h * sv * px);
  const titleH = opts.title ? 24 : 0;
  const png = encodePng(grey, w, h, 1).toString("base64");
  const color = opts.color ?? "#ff3b30";
  const mode = opts.mode ?? "outline";
  const inside = (i: number, j: number) => !!mask && mask.data[voxelIndex(image.size, view, i, j)] === 1;
  const layers: string[] = [];
  // paths in screen px (no scaling transform, so the stroke stays 1.5 px on anisotropic voxels)
  const sx = W / w, sy = H / h;
  if (mask && (mode === "overlay" || mode === "both")) layers.push(`<path class="roi-fill" d="${fillPath(inside, w, h, sx, sy)}" fill="${esc(color)}" fill-opacity="0.35" stroke="none"/>`);
  if (mask && (mode === "outline" || mode === "both")) {
    layers.push(`<path class="roi-outline" d="${outlinePath(inside, w, h, sx, sy)}" fill="none" stroke="${esc(color)}" stroke-width="1.5" stroke-linecap="square"/>`);
  }
  const label = `${plane} slice ${index} · window [${+window[0].toFixed(3)}, ${+window[1].toFixed(3)}]`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H + titleH}" viewBox="0 0 ${W} ${H + titleH}">`,
    `<desc>${esc(label)}</desc>`,
    opts.title ? `<text x="4" y="17" font-family="DejaVu Sans, sans-serif" font-size="14">${esc(opts.title)}</text>` : "",
    `<g transform="translate(0 ${titleH})">`,
    `<image width="${W}" height="${H}" preserveAspectRatio="none" image-rendering="optimizeSpeed" style="image-rendering:pixelated" href="data:image/png;base64,${png}"/>`,
    layers.join(""),
    `</g>`,
    `</svg>`,
  ].join("");
}
