import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { pointToIndex } from "../image/mask.js";
import type { Image3D, Mask3D, Vec3, VoxelArray } from "../image/types.js";
import { decodeNumbers, decodeString, decodeUint16, getPath, parseDicomFile, type DicomDataset } from "./dicom-parse.js";

/** Header facts of one DICOM file used to group files into series and time points. */
export interface DicomFileInfo {
  path: string;
  seriesUID: string;
  seriesDescription: string;
  frameOfReferenceUID: string;
  instanceNumber: number;
  position: number[];
  /** Temporal keys, most specific first: TemporalPositionIdentifier, TriggerTime, AcquisitionTime, ContentTime, AcquisitionNumber. */
  temporal: string[];
}

const TEMPORAL_TAGS = ["0020,0100", "0018,1060", "0008,0032", "0008,0033", "0020,0012"];

/** Lists the files of a folder (non-recursive, sorted by name); InputError if it is missing or empty. */
function listFiles(folder: string): string[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new InputError(`DICOM folder not found: ${folder}`);
  const files = readdirSync(folder)
    .filter((f) => !f.startsWith("."))
    .map((f) => join(folder, f))
    .filter((f) => statSync(f).isFile())
    .sort();
  if (files.length === 0) throw new InputError(`DICOM folder ${folder} contains no files`);
  return files;
}

/** Reads the grouping tags of each file (built-in header parser: fast, no pixel data). */
export function scanDicomFolder(folder: string): DicomFileInfo[] {
  return listFiles(folder).map(scanDicomFile);
}

/** Grouping tags of one file. */
export function scanDicomFile(path: string): DicomFileInfo {
  const ds = parseDicomFile(path, { headerOnly: true });
  const uid = decodeString(ds.get("0020,000e")?.value);
  if (!uid) throw new InputError(`${path}: no SeriesInstanceUID (0020,000E); not an image of a DICOM series`);
  return {
    path,
    seriesUID: uid,
    seriesDescription: decodeString(ds.get("0008,103e")?.value),
    frameOfReferenceUID: decodeString(ds.get("0020,0052")?.value),
    instanceNumber: Number(decodeString(ds.get("0020,0013")?.value) || 0),
    position: decodeNumbers(ds.get("0020,0032")?.value),
    temporal: TEMPORAL_TAGS.map((t) => decodeString(ds.get(t)?.value)),
  };
}

/** Converts an itk-wasm image to the project's Image3D. */
function fromItk(img: { data: unknown; size: number[]; spacing: number[]; origin: number[]; direction: ArrayLike<number> }, source: string): Image3D {
  if (img.size.length !== 3) throw new InputError(`${source}: expected a 3D volume, got size ${img.size.join("×")}`);
  return {
    data: img.data as VoxelArray,
    size: [...img.size] as Vec3,
    spacing: [...img.spacing] as Vec3,
    origin: [...img.origin] as Vec3,
    direction: Array.from(img.direction),
  };
}

/** Reads an explicit list of slice files as one volume with itk-wasm (GDCM sorts them by position). */
async function readSlices(files: string[], source: string): Promise<Image3D> {
  const { readImageDicomFileSeriesNode } = await import("@itk-wasm/dicom");
  try {
    // itk-wasm mounts each file's folder into its virtual file system: symlinks must be resolved first
    const real = files.map((f) => realpathSync(f));
    const { outputImage } = await readImageDicomFileSeriesNode({ inputImages: real, singleSortedSeries: false });
    return fromItk(outputImage as unknown as Parameters<typeof fromItk>[0], source);
  } catch (e) {
    throw new InputError(`cannot read DICOM series ${source}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Reads an explicit list of slice files (any order) of ONE series and time point as a volume;
 * same checks as readDicomSeries.
 */
export async function readDicomFiles(files: string[], source = "DICOM file list"): Promise<Image3D> {
  const infos = singleSeries(files.map(scanDicomFile), source);
  checkDistinctPositions(infos, source);
  return readSlices(files, source);
}

/** InputError when slice positions repeat (several time points in one list). */
function checkDistinctPositions(infos: DicomFileInfo[], source: string): void {
  const positions = new Set(infos.map((f) => f.position.map((v) => v.toFixed(3)).join("\\")));
  if (positions.size !== infos.length) {
    throw new InputError(`${source}: ${infos.length} files but ${positions.size} distinct slice positions — several time points; use readDicomPhases`);
  }
}

/** Files grouped by SeriesInstanceUID; InputError when a single series is required and several are present. */
function singleSeries(infos: DicomFileInfo[], folder: string): DicomFileInfo[] {
  const uids = new Map<string, DicomFileInfo[]>();
  for (const f of infos) uids.set(f.seriesUID, [...(uids.get(f.seriesUID) ?? []), f]);
  if (uids.size > 1) {
    const list = [...uids.values()].map((g) => `${g[0]!.seriesUID} "${g[0]!.seriesDescription}" (${g.length} files)`).join("; ");
    throw new InputError(`DICOM folder ${folder} mixes ${uids.size} series: ${list}. Put each series in its own folder.`);
  }
  return infos;
}

/**
 * Reads a folder holding ONE DICOM series (one time point) as a volume. The slice order comes from the
 * image positions, not file names. A folder with several series, or with repeated slice positions
 * (a multi-phase acquisition: use readDicomPhases), is an InputError.
 */
export async function readDicomSeries(folder: string): Promise<Image3D> {
  const infos = singleSeries(scanDicomFolder(folder), folder);
  checkDistinctPositions(infos, `DICOM folder ${folder}`);
  return readSlices(infos.map((f) => f.path), folder);
}

/** One time point of a dynamic series. */
export interface DicomPhase {
  /** Temporal key values that define this phase (see DicomFileInfo.temporal). */
  key: string;
  files: string[];
  image: Image3D;
}

/**
 * Splits a dynamic (multi-phase) series into one volume per time point. Files are grouped by their
 * temporal tags (TemporalPositionIdentifier, TriggerTime, AcquisitionTime, ContentTime, AcquisitionNumber);
 * each group must hold every slice position exactly once. Phases are ordered by time.
 */
export async function readDicomPhases(folder: string): Promise<DicomPhase[]> {
  const infos = singleSeries(scanDicomFolder(folder), folder);
  const groups = new Map<string, DicomFileInfo[]>();
  for (const f of infos) {
    const key = f.temporal.join("|");
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const sizes = new Set([...groups.values()].map((g) => g.length));
  if (sizes.size !== 1) {
    throw new InputError(`DICOM folder ${folder}: time points have different slice counts (${[...groups.values()].map((g) => g.length).join(", ")})`);
  }
  for (const [key, g] of groups) {
    const pos = new Set(g.map((f) => f.position.map((v) => v.toFixed(3)).join("\\")));
    if (pos.size !== g.length) throw new InputError(`DICOM folder ${folder}: time point ${key} repeats slice positions; cannot separate phases`);
  }
  const ordered = [...groups.entries()].sort((a, b) => compareTemporal(a[1][0]!, b[1][0]!));
  const phases: DicomPhase[] = [];
  for (const [key, g] of ordered) {
    const files = g.map((f) => f.path);
    phases.push({ key, files, image: await readSlices(files, `${folder} (time point ${key})`) });
  }
  return phases;
}

/** Orders phases by their temporal keys (numeric where possible), then by the lowest instance number. */
function compareTemporal(a: DicomFileInfo, b: DicomFileInfo): number {
  for (let i = 0; i < a.temporal.length; i++) {
    const x = a.temporal[i]!, y = b.temporal[i]!;
    if (x === y) continue;
    const nx = Number(x), ny = Number(y);
    return Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x < y ? -1 : 1;
  }
  return a.instanceNumber - b.instanceNumber;
}

/** Options for readDicomSeg. */
export interface SegOptions {
  /** Fraction of the maximum fractional value at or above which a FRACTIONAL voxel is inside (default 0.5). */
  threshold?: number;
  /** Segment number to extract (default: the union of all segments). */
  segment?: number;
  /** FrameOfReferenceUID of the reference series (e.g. DicomFileInfo.frameOfReferenceUID); checked when given. */
  frameOfReferenceUID?: string;
}

/**
 * Places a DICOM SEG (BINARY or FRACTIONAL) onto a reference volume's grid frame by frame: each frame's
 * pixels are mapped through its own ImagePositionPatient and the shared orientation/pixel spacing to
 * the nearest reference voxel (frames must lie on reference slices, ≤ 0.1 voxel off).
 * FRACTIONAL values v count as inside when v / MaximumFractionalValue ≥ threshold.
 */
export function readDicomSeg(path: string, reference: Image3D, opts: SegOptions = {}): Mask3D {
  const threshold = opts.threshold ?? 0.5;
  const ds = parseDicomFile(path);
  if (decodeString(ds.get("0008,0016")?.value) !== "1.2.840.10008.5.1.4.1.1.66.4") throw new InputError(`${path} is not a DICOM Segmentation object (SOP class ${decodeString(ds.get("0008,0016")?.value)})`);
  const segFoR = decodeString(ds.get("0020,0052")?.value);
  if (opts.frameOfReferenceUID && segFoR && segFoR !== opts.frameOfReferenceUID) {
    throw new InputError(`${path}: the segmentation's FrameOfReferenceUID ${segFoR} differs from the reference series' ${opts.frameOfReferenceUID}`);
  }
  const rows = decodeUint16(ds.get("0028,0010")?.value)!;
  const cols = decodeUint16(ds.get("0028,0011")?.value)!;
  const frames = Number(decodeString(ds.get("0028,0008")?.value));
  const bits = decodeUint16(ds.get("0028,0100")?.value)!;
  const type = decodeString(ds.get("0062,0001")?.value);
  const maxFrac = decodeUint16(ds.get("0062,000e")?.value) ?? 255; // MaximumFractionalValue is US
  if (type === "FRACTIONAL" && !(maxFrac > 0)) throw new InputError(`${path}: MaximumFractionalValue must be positive`);
  const pixels = ds.get("7fe0,0010")?.value;
  if (!pixels) throw new InputError(`${path}: no pixel data`);
  const frameLen = rows * cols;
  if (pixels.length * (bits === 1 ? 8 : 1) < frameLen * frames) throw new InputError(`${path}: pixel data shorter than ${frames} frames of ${rows}×${cols}`);
  const shared = ds.get("5200,9229")?.items?.[0];
  const perFrame = ds.get("5200,9230")?.items ?? [];
  if (perFrame.length !== frames) throw new InputError(`${path}: ${perFrame.length} per-frame functional groups for ${frames} frames`);
  const fromGroups = (frame: DicomDataset, seq: string, tag: string) => getPath(frame, [seq, tag]) ?? (shared ? getPath(shared, [seq, tag]) : undefined);

  const out = new Uint8Array(reference.data.length);
  const [nx, ny, nz] = reference.size;
  for (let f = 0; f < frames; f++) {
    const frame = perFrame[f]!;
    if (opts.segment !== undefined) {
      const seg = decodeUint16(getPath(frame, ["0062,000a", "0062,000b"])?.value);
      if (seg !== opts.segment) continue;
    }
    const ipp = decodeNumbers(fromGroups(frame, "0020,9113", "0020,0032")?.value);
    const iop = decodeNumbers(fromGroups(frame, "0020,9116", "0020,0037")?.value);
    const ps = decodeNumbers(fromGroups(frame, "0028,9110", "0028,0030")?.value);
    if (ipp.length !== 3 || iop.length !== 6 || ps.length !== 2) throw new InputError(`${path}: frame ${f + 1} lacks position, orientation or pixel spacing`);
    // pixel (r, c) → point = ipp + c·Δc·rowDir + r·Δr·colDir ; index is affine in (r, c)
    const i0 = pointToIndex(reference, ipp);
    const ic = pointToIndex(reference, [ipp[0]! + ps[1]! * iop[0]!, ipp[1]! + ps[1]! * iop[1]!, ipp[2]! + ps[1]! * iop[2]!]);
    const ir = pointToIndex(reference, [ipp[0]! + ps[0]! * iop[3]!, ipp[1]! + ps[0]! * iop[4]!, ipp[2]! + ps[0]! * iop[5]!]);
    const dc = [0, 1, 2].map((a) => ic[a]! - i0[a]!);
    const dr = [0, 1, 2].map((a) => ir[a]! - i0[a]!);
    for (const a of [0, 1, 2]) {
      const corner = i0[a]! + dc[a]! * (cols - 1) + dr[a]! * (rows - 1);
      for (const v of [i0[a]!, corner]) {
        if (Math.abs(v - Math.round(v)) > 0.1) throw new InputError(`${path}: frame ${f + 1} does not lie on the reference grid (axis ${a} index ${v.toFixed(3)})`);
      }
    }
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const k = f * frameLen + r * cols + c;
        const v = bits === 1 ? (pixels[k >> 3]! >> (k & 7)) & 1 : pixels[k]!;
        const inside = type === "FRACTIONAL" ? v / maxFrac >= threshold : v !== 0;
        if (!inside) continue;
        const x = Math.round(i0[0]! + dc[0]! * c + dr[0]! * r);
        const y = Math.round(i0[1]! + dc[1]! * c + dr[1]! * r);
        const z = Math.round(i0[2]! + dc[2]! * c + dr[2]! * r);
        if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) throw new InputError(`${path}: frame ${f + 1} pixel (${r}, ${c}) falls outside the reference volume`);
        out[x + nx * (y + ny * z)] = 1;
      }
    }
  }
  return { data: out, size: [...reference.size] as Vec3, spacing: [...reference.spacing] as Vec3, origin: [...reference.origin] as Vec3, direction: [...reference.direction] };
}

