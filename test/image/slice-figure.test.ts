import { test } from "node:test";
import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import { Resvg } from "@resvg/resvg-js";
import { readImage } from "../../src/io/read.js";
import { selectLabel } from "../../src/image/mask.js";
import { encodePng } from "../../src/image/png.js";
import { outlinePath, sliceFigure, sliceView } from "../../src/image/slice-figure.js";
import type { Image3D, Mask3D } from "../../src/image/types.js";
import { InputError } from "../../src/errors.js";
import { dataRoot } from "../../src/data/registry.js";

const PYRAD = `${dataRoot()}/pyradiomics`;

/** Decodes our unfiltered PNG: IHDR size and the IDAT rows. */
function decodePng(png: Buffer): { width: number; height: number; pixels: Uint8Array } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.readUInt32BE(16), height = png.readUInt32BE(20);
  const idatLen = png.readUInt32BE(33);
  const raw = inflateSync(png.subarray(41, 41 + idatLen));
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) pixels.set(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)), y * width);
  return { width, height, pixels };
}

/** Total length of an outline path made of "Mx yHx2" / "Mx yVy2" runs, in units of (sx, sy). */
function pathLength(d: string, sx = 1, sy = 1): number {
  let len = 0;
  for (const m of d.matchAll(/M([\d.]+) ([\d.]+)([HV])([\d.]+)/g)) len += m[3] === "H" ? (Number(m[4]) - Number(m[1])) / sx : (Number(m[4]) - Number(m[2])) / sy;
  return len;
}

test("PNG encoder: bytes survive inflate and resvg decodes the embedded image", () => {
  const px = Uint8Array.from({ length: 6 * 4 }, (_, i) => i * 10);
  const png = encodePng(px, 6, 4);
  const back = decodePng(png);
  assert.equal(back.width, 6);
  assert.deepEqual(back.pixels, px);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="6" height="4"><image width="6" height="4" href="data:image/png;base64,${png.toString("base64")}"/></svg>`;
  const out = new Resvg(svg).render();
  assert.equal(out.pixels[4 * (6 * 2 + 3)], 150); // pixel (3, 2) = 10·(2·6 + 3)
});

test("outline of a hand-drawn mask: one unit edge per inside/outside pixel border", () => {
  // 3×3 square at (1..3, 1..3) plus an isolated pixel at (5, 0): perimeters 12 + 4
  const on = new Set(["1,1", "2,1", "3,1", "1,2", "2,2", "3,2", "1,3", "2,3", "3,3", "5,0"]);
  const d = outlinePath((i, j) => on.has(`${i},${j}`), 6, 5);
  assert.equal(pathLength(d), 16);
  assert.match(d, /M1 1H4/); // top edge of the square as one run
});

test("view orientation: brain1 (y flipped), breast1 (identity), sagittal DCE geometry", () => {
  const img = (direction: number[]): Image3D => ({ data: new Int16Array(8), size: [2, 2, 2], spacing: [1, 1, 1], origin: [0, 0, 0], direction });
  assert.deepEqual(sliceView(img([1, 0, 0, 0, -1, 0, 0, 0, 1]), "axial"), { u: 0, flipU: false, v: 1, flipV: true, normal: 2 });
  assert.deepEqual(sliceView(img([1, 0, 0, 0, 1, 0, 0, 0, 1]), "axial"), { u: 0, flipU: false, v: 1, flipV: false, normal: 2 });
  // DCE: rows along +P, columns along −S, slices along −L → the native slices are the sagittal view
  assert.deepEqual(sliceView(img([0, 0, -1, 1, 0, 0, 0, -1, 0]), "sagittal"), { u: 0, flipU: false, v: 1, flipV: false, normal: 2 });
  assert.deepEqual(sliceView(img([1, 0, 0, 0, 1, 0, 0, 0, 1]), "coronal"), { u: 0, flipU: false, v: 2, flipV: true, normal: 1 });
});

test("brain1 axial figure: busiest ROI slice, exact grey values, outline length = ROI perimeter, renders", async () => {
  const image = await readImage(`${PYRAD}/brain1_image.nrrd`);
  const mask: Mask3D = selectLabel(await readImage(`${PYRAD}/brain1_label.nrrd`), 1);
  const [nx, ny, nz] = image.size;
  const perSlice = new Array(nz).fill(0);
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) perSlice[Math.floor(i / (nx * ny))]++;
  const busiest = perSlice.indexOf(Math.max(...perSlice));
  const svg = sliceFigure(image, mask, { plane: "axial", window: [0, 1000], mode: "both", title: "brain1" });
  assert.match(svg, new RegExp(`axial slice ${busiest} `));
  // embedded slice: row j of the PNG is image row ny − 1 − j (y axis points anterior → flipped)
  const png = decodePng(Buffer.from(/base64,([^"]+)"/.exec(svg)![1]!, "base64"));
  assert.deepEqual([png.width, png.height], [nx, ny]);
  for (const [i, j] of [[100, 100], [186, 150], [30, 200]] as const) {
    const v = image.data[i + nx * (ny - 1 - j + ny * busiest)]!;
    assert.equal(png.pixels[j * nx + i], Math.max(0, Math.min(255, Math.round((v * 255) / 1000))));
  }
  // outline length = number of inside/outside pixel borders on that slice (computed directly)
  let borders = 0;
  const at = (x: number, y: number) => x >= 0 && y >= 0 && x < nx && y < ny && mask.data[x + nx * (y + ny * busiest)] === 1;
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) if (at(x, y)) borders += [at(x - 1, y), at(x + 1, y), at(x, y - 1), at(x, y + 1)].filter((b) => !b).length;
  const H = Number(/height="(\d+)"/.exec(svg)![1]) - 24;
  assert.ok(Math.abs(pathLength(/class="roi-outline" d="([^"]+)"/.exec(svg)![1]!, 480 / nx, H / ny) - borders) < 1e-6 * borders);
  // rendered (resvg, as report/figures will): ROI centre is tinted red, a far corner is pure grey
  const r = new Resvg(svg).render();
  const W = r.width;
  let cx = 0, cy = 0, n = 0;
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) if (at(x, y)) (cx += x, (cy += ny - 1 - y), n++);
  const sx = Math.round(((cx / n + 0.5) * W) / nx), sy = 24 + Math.round(((cy / n + 0.5) * (r.height - 24)) / ny);
  const p = 4 * (sy * W + sx);
  assert.ok(r.pixels[p]! > r.pixels[p + 1]! + 20, `ROI centre pixel ${[...r.pixels.subarray(p, p + 3)]}`);
  const q = 4 * ((r.height - 2) * W + 2);
  assert.equal(r.pixels[q], r.pixels[q + 1]);
});

test("slice figure errors: bad slice index, mask of another size", async () => {
  const image = await readImage(`${PYRAD}/breast1_image.nrrd`);
  assert.throws(() => sliceFigure(image, null, { index: 99 }), (e: unknown) => e instanceof InputError && /axial slice 99 outside 0 … 20/.test(e.message));
  const small: Mask3D = { data: new Uint8Array(8), size: [2, 2, 2], spacing: [1, 1, 1], origin: [0, 0, 0], direction: image.direction };
  assert.throws(() => sliceFigure(image, small), /mask size/);
});
