/**
 * Notebook 02 ("images"): data wrangling for the real breast DCE exam UCSF-BR-06 (phases, the exam's own
 * PE1/SER maps, the DICOM SEG region) and for STS tumour slices, plus a small panel compositor that puts
 * slice figures (image/slice-figure.ts) side by side with captions, an ROI legend and a scale bar.
 */
import { loadStsCohort, STS_IMAGE, STS_MASK, type StsCase } from "../cohorts/sts.js";
import { dataDir, datasetFiles, registeredHash } from "../data/registry.js";
import { InputError } from "../errors.js";
import { dceMaps, selectPhase } from "../image/dce.js";
import { checkGeometry, selectLabel } from "../image/mask.js";
import { sliceFigure, sliceView, type Plane } from "../image/slice-figure.js";
import type { Image3D, Mask3D } from "../image/types.js";
import { readDicomPhases, readDicomSeg, readDicomSeries, scanDicomFile, type DicomPhase } from "../io/dicom.js";
import { readImage } from "../io/read.js";
import type { InputRecord } from "../report/provenance.js";

export const DCE_EXAM = "UCSF-BR-06";

/** The exam as read from DICOM: three phases, the scanner's PE1 and SER maps, the SEG region on S0's grid. */
export interface DceExam {
  phases: DicomPhase[];
  s0: Image3D;
  s1: Image3D;
  s2: Image3D;
  peMap: Image3D;
  serMap: Image3D;
  seg: Mask3D;
  seriesDescription: string;
}

/** Reads UCSF-BR-06 through the data registry (hash-checked paths). */
export async function loadDceExam(): Promise<DceExam> {
  const phases = await readDicomPhases(dataDir("breast-dce", `${DCE_EXAM}/image_dce_3dfgre_orig`));
  if (phases.length !== 3) throw new InputError(`${DCE_EXAM}: expected 3 DCE phases, found ${phases.length}`);
  const [s0, s1, s2] = [0, 1, 2].map((k) => selectPhase(phases, k)) as [Image3D, Image3D, Image3D];
  const peMap = await readDicomSeries(dataDir("breast-dce", `${DCE_EXAM}/image_dce_pe1`));
  const serMap = await readDicomSeries(dataDir("breast-dce", `${DCE_EXAM}/image_dce_ser`));
  const info = scanDicomFile(phases[0]!.files[0]!);
  const seg = readDicomSeg(`${dataDir("breast-dce", `${DCE_EXAM}/mask`)}/1-1.dcm`, s0, { frameOfReferenceUID: info.frameOfReferenceUID });
  return { phases, s0, s1, s2, peMap, serMap, seg, seriesDescription: info.seriesDescription };
}

/** SHA-256 records of every registered file of the exam. */
export function dceInputs(): InputRecord[] {
  return datasetFiles("breast-dce", `${DCE_EXAM}/`).map((file) => ({ dataset: "breast-dce", file, sha256: registeredHash("breast-dce", file) }));
}

/** hhmmss(.frac) → seconds after midnight. */
function dicomTimeSeconds(t: string): number {
  const m = /^(\d{2})(\d{2})(\d{2}(?:\.\d+)?)$/.exec(t.trim());
  if (!m) throw new InputError(`not a DICOM TM value: '${t}'`);
  return 3600 * Number(m[1]) + 60 * Number(m[2]) + Number(m[3]);
}

const fmtTime = (t: string) => `${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`;
const ROLES = ["S0 pre-contrast", "S1 early post-contrast", "S2 late post-contrast"];

/**
 * One row per phase: role, ContentTime (the temporal key that separates the phases), seconds after the
 * pre-contrast phase, slices, voxel grid, spacing and the slice plane read from the direction cosines.
 */
export function phaseTable(exam: DceExam): Record<string, string | number>[] {
  const times = exam.phases.map((p) => scanDicomFile(p.files[0]!).temporal[3] ?? "");
  const t0 = dicomTimeSeconds(times[0]!);
  return exam.phases.map((p, k) => ({
    phase: k,
    role: ROLES[k] ?? `phase ${k}`,
    content_time: fmtTime(times[k]!),
    seconds_after_pre: Math.round(dicomTimeSeconds(times[k]!) - t0),
    files: p.files.length,
    grid: p.image.size.join(" × "),
    spacing_mm: p.image.spacing.map((s) => +s.toFixed(4)).join(" × "),
    slice_normal: sliceNormalName(p.image),
    voxel_type: p.image.data.constructor.name.replace("Array", ""),
  }));
}

/** Patient axis (L/R, A/P, S/I) along the slice normal (voxel axis z), from the direction cosines. */
export function sliceNormalName(image: Image3D): string {
  const col = [image.direction[2]!, image.direction[5]!, image.direction[8]!];
  const axis = col.map(Math.abs).indexOf(Math.max(...col.map(Math.abs)));
  return ["sagittal (L–R)", "coronal (A–P)", "axial (S–I)"][axis]!;
}

/** Agreement of our PE and SER maps (dceMaps, the exam's conventions) with the maps stored in the exam. */
export function mapAgreement(exam: DceExam): { rows: Record<string, string | number>[]; maps: ReturnType<typeof dceMaps> } {
  const maps = dceMaps(exam.s0, exam.s1, exam.s2);
  const n = maps.pe.data.length;
  let peEqual = 0, peWorst = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(maps.pe.data[i]! - exam.peMap.data[i]!);
    if (d === 0) peEqual++;
    peWorst = Math.max(peWorst, d);
  }
  let both = 0, onlyOurs = 0, onlyExam = 0, serWorst = 0;
  for (let i = 0; i < n; i++) {
    const ours = maps.ser.data[i]! > 0, theirs = exam.serMap.data[i]! !== 0;
    if (ours && theirs) {
      both++;
      serWorst = Math.max(serWorst, Math.abs(maps.ser.data[i]! - exam.serMap.data[i]!));
    } else if (ours) onlyOurs++;
    else if (theirs) onlyExam++;
  }
  const rows = [
    { map: "PE1 (%)", rule: "trunc(100·(S1−S0)/S0) where S0 ≥ 35, negatives 0", voxels: n, agree: peEqual, only_ours: 0, only_exam: 0, max_abs_difference: peWorst },
    { map: "SER", rule: "min((S1−S0)/(S2−S0), 3) where S0 ≥ 35, PE ≥ 70 %, ≥ 4 of 26 neighbours", voxels: both + onlyOurs + onlyExam, agree: both, only_ours: onlyOurs, only_exam: onlyExam, max_abs_difference: serWorst },
  ];
  return { rows, maps };
}

/** Number of set voxels of a mask. */
export function voxelCount(mask: Mask3D): number {
  let c = 0;
  for (let i = 0; i < mask.data.length; i++) c += mask.data[i]!;
  return c;
}

/** Slice index (along voxel axis `axis`) holding the most mask voxels. */
export function busiestSliceIndex(mask: Mask3D, axis: 0 | 1 | 2): { index: number; voxels: number } {
  const [nx, ny] = mask.size;
  const counts = new Float64Array(mask.size[axis]);
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    counts[axis === 0 ? i % nx : axis === 1 ? Math.floor(i / nx) % ny : Math.floor(i / (nx * ny))]!++;
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k]! > counts[best]!) best = k;
  return { index: best, voxels: counts[best]! };
}

/** Grey-level window [1st, `high`] percentile (nearest rank) of one slice, rounded to 2 significant digits. */
export function percentileWindow(image: Image3D, plane: Plane, index: number, high = 0.995): [number, number] {
  const view = { ...sliceView(image, plane), index };
  const w = image.size[view.u], h = image.size[view.v];
  const stride = [1, image.size[0], image.size[0] * image.size[1]];
  const values = new Float64Array(w * h);
  for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) values[j * w + i] = image.data[i * stride[view.u]! + j * stride[view.v]! + index * stride[view.normal]!]!;
  values.sort();
  const q = (p: number) => values[Math.min(values.length - 1, Math.round(p * (values.length - 1)))]!;
  const round2 = (v: number) => (v === 0 ? 0 : +v.toPrecision(2));
  const lo = round2(q(0.01)), hi = round2(q(high));
  return [lo, hi > lo ? hi : lo + 1];
}

/** One slice panel: its SVG (from sliceFigure), size in px, and px per mm along screen x (for a scale bar). */
export interface SlicePanel {
  svg: string;
  width: number;
  height: number;
  pxPerMm: number;
  caption: string;
}

/** A slice of `image` (optionally with the ROI outline) as a panel with a caption. */
export function slicePanel(
  image: Image3D,
  mask: Mask3D | null,
  caption: string,
  opts: { plane?: Plane; index?: number; window?: [number, number]; width?: number; color?: string } = {},
): SlicePanel {
  const plane = opts.plane ?? "axial";
  const width = opts.width ?? 300;
  const svg = sliceFigure(image, mask, { plane, index: opts.index, window: opts.window, width, color: opts.color, mode: "outline" });
  const height = Number(/height="([\d.]+)"/.exec(svg)?.[1]);
  const view = sliceView(image, plane);
  const pxPerMm = width / (image.size[view.u] * image.spacing[view.u]);
  return { svg, width, height, pxPerMm, caption };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Panels on a grid (row-major, `columns` per row), each with its caption below and a white scale bar of
 * `scaleBarMm` in its lower-left corner; title/subtitle above, an ROI legend line below.
 */
export function panelFigure(
  panels: SlicePanel[],
  opts: { title: string; subtitle?: string; columns?: number; legend?: { color: string; text: string }[]; scaleBarMm?: number },
): string {
  const cols = opts.columns ?? panels.length;
  const gap = 12, capH = 34, top = opts.subtitle ? 52 : 32;
  const cellW = Math.max(...panels.map((p) => p.width));
  const imageH = Math.max(...panels.map((p) => p.height));
  const cellH = imageH + capH;
  const rows = Math.ceil(panels.length / cols);
  const legendH = opts.legend?.length ? 26 : 0;
  const W = cols * cellW + (cols + 1) * gap;
  const H = top + rows * cellH + (rows - 1) * gap + legendH + gap;
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${W / 2}" y="21" text-anchor="middle" font-size="16" font-weight="bold">${esc(opts.title)}</text>`,
    opts.subtitle ? `<text x="${W / 2}" y="40" text-anchor="middle" font-size="12" fill="#444">${esc(opts.subtitle)}</text>` : "",
  ];
  panels.forEach((p, k) => {
    const x = gap + (k % cols) * (cellW + gap);
    const y = top + Math.floor(k / cols) * (cellH + gap);
    const inner = p.svg.replace(/^<svg[^>]*>/, "").replace(/<\/svg>\s*$/, "");
    parts.push(`<g transform="translate(${x} ${y})">${inner}</g>`);
    if (opts.scaleBarMm) {
      const len = opts.scaleBarMm * p.pxPerMm;
      parts.push(
        `<rect x="${x + 8}" y="${y + p.height - 14}" width="${len.toFixed(1)}" height="4" fill="white" stroke="black" stroke-width="0.5"/>`,
        `<text x="${x + 8}" y="${y + p.height - 18}" font-size="11" fill="white" stroke="black" stroke-width="0.3">${opts.scaleBarMm} mm</text>`,
      );
    }
    const lines = p.caption.split("\n");
    lines.forEach((line, j) => parts.push(`<text x="${x + p.width / 2}" y="${y + imageH + 15 + 14 * j}" text-anchor="middle" font-size="${j === 0 ? 12.5 : 11}"${j ? ' fill="#444"' : ""}>${esc(line)}</text>`));
  });
  if (opts.legend?.length) {
    const y = H - gap - 8;
    let x = gap;
    for (const e of opts.legend) {
      parts.push(`<line x1="${x}" y1="${y - 4}" x2="${x + 24}" y2="${y - 4}" stroke="${e.color}" stroke-width="2.5"/>`);
      parts.push(`<text x="${x + 30}" y="${y}" font-size="12">${esc(e.text)}</text>`);
      x += 40 + 7 * e.text.length;
    }
  }
  parts.push(`</svg>`);
  return parts.join("\n") + "\n";
}

/** An STS patient's T1 image and tumour mask (label 1), geometry checked. */
export async function readStsCase(c: StsCase): Promise<{ image: Image3D; mask: Mask3D }> {
  const image = await readImage(c.imagePath);
  const mask = selectLabel(await readImage(c.maskPath), 1, c.maskPath);
  checkGeometry(image, mask, 1e-3, { image: c.imagePath, mask: c.maskPath });
  return { image, mask };
}

/** SHA-256 records of the STS files of the given cases (outcome + image + mask). */
export function stsCaseInputs(cases: StsCase[]): InputRecord[] {
  const files = ["outcome.csv", ...cases.flatMap((c) => [`nifti/${c.patientId}/${STS_IMAGE}`, `nifti/${c.patientId}/${STS_MASK}`])];
  return files.map((file) => ({ dataset: "sts", file, sha256: registeredHash("sts", file) }));
}

/**
 * STS patients to show: the first `perGroup` with lung metastasis and the first `perGroup` without, in
 * patient order (deterministic, no cherry-picking).
 */
export function stsExamples(perGroup = 1, cohort = loadStsCohort()): StsCase[] {
  const pos = cohort.cases.filter((c) => c.lungMetastasis === 1).slice(0, perGroup);
  const neg = cohort.cases.filter((c) => c.lungMetastasis === 0).slice(0, perGroup);
  return [...pos, ...neg];
}
