import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";

/**
 * A minimal DICOM Part 10 reader for what the project needs beyond itk-wasm: the functional-group
 * sequences of multi-frame objects (DICOM SEG). Supports explicit and implicit VR little endian,
 * defined and undefined lengths. Element values stay raw bytes; helpers decode them.
 */
export interface DicomElement {
  tag: string; // "gggg,eeee" lower-case hex
  vr: string;
  value: Uint8Array;
  items?: DicomDataset[];
}
export type DicomDataset = Map<string, DicomElement>;

const LONG_VRS = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"]);
/** VRs of tags we read in implicit-VR files (everything else is treated as raw bytes). */
const IMPLICIT_SQ = new Set(["5200,9229", "5200,9230", "0020,9113", "0020,9116", "0028,9110", "0062,000a", "0062,0002", "0008,1115", "0008,114a", "0008,9124", "0020,9111"]);

const hex4 = (n: number) => n.toString(16).padStart(4, "0");

/** Parses a DICOM file; InputError names the file when it is not DICOM, truncated or uses an unsupported encoding. */
export function parseDicomFile(path: string, opts: { headerOnly?: boolean } = {}): DicomDataset {
  let buf: Uint8Array;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new InputError(`cannot read DICOM file ${path}: ${(e as Error).message}`);
  }
  if (buf.length < 132 || String.fromCharCode(...buf.subarray(128, 132)) !== "DICM") {
    throw new InputError(`${path} is not a DICOM Part 10 file (no "DICM" preamble)`);
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const meta = parseDataset(view, buf, 132, buf.length, true, path, true);
  const ts = decodeString(meta.ds.get("0002,0010")?.value);
  const explicit = ts !== "1.2.840.10008.1.2";
  if (ts === "1.2.840.10008.1.2.2") throw new InputError(`${path}: big-endian DICOM is not supported`);
  if (ts !== "1.2.840.10008.1.2" && ts !== "1.2.840.10008.1.2.1") {
    throw new InputError(`${path}: transfer syntax ${ts} is not supported by the built-in reader (only uncompressed little endian)`);
  }
  const body = parseDataset(view, buf, meta.end, buf.length, explicit, path, false, opts.headerOnly ?? false);
  for (const [k, v] of meta.ds) body.ds.set(k, v);
  return body.ds;
}

/**
 * Parses elements from `start` to `end` (or an item delimiter); sequences recurse into items.
 * `metaOnly` stops after group 0002, `headerOnly` before the pixel data group 7FE0.
 */
function parseDataset(view: DataView, buf: Uint8Array, start: number, end: number, explicit: boolean, path: string, metaOnly: boolean, headerOnly = false): { ds: DicomDataset; end: number } {
  const ds: DicomDataset = new Map();
  let p = start;
  const need = (n: number) => {
    if (p + n > buf.length) throw new InputError(`${path}: DICOM file is truncated (element at byte ${p} runs past the end)`);
  };
  while (p < end) {
    need(8);
    const group = view.getUint16(p, true);
    if (metaOnly && group !== 0x0002) break;
    if (headerOnly && group === 0x7fe0) break;
    const elem = view.getUint16(p + 2, true);
    const tag = `${hex4(group)},${hex4(elem)}`;
    if (tag === "fffe,e00d") return { ds, end: p + 8 }; // item delimitation
    let vr: string, len: number;
    const useExplicit = explicit || group === 0x0002;
    if (useExplicit && group !== 0xfffe) {
      vr = String.fromCharCode(buf[p + 4]!, buf[p + 5]!);
      if (LONG_VRS.has(vr)) {
        need(12);
        len = view.getUint32(p + 8, true);
        p += 12;
      } else {
        len = view.getUint16(p + 6, true);
        p += 8;
      }
    } else {
      vr = IMPLICIT_SQ.has(tag) ? "SQ" : "UN";
      len = view.getUint32(p + 4, true);
      p += 8;
    }
    if (vr === "SQ" || (len === 0xffffffff && vr === "UN")) {
      const items: DicomDataset[] = [];
      const stop = len === 0xffffffff ? Infinity : p + len;
      while (p < stop) {
        need(8);
        const ig = view.getUint16(p, true), ie = view.getUint16(p + 2, true);
        const ilen = view.getUint32(p + 4, true);
        p += 8;
        if (ig === 0xfffe && ie === 0xe0dd) break; // sequence delimitation
        if (ig !== 0xfffe || ie !== 0xe000) throw new InputError(`${path}: malformed sequence ${tag} at byte ${p - 8}`);
        const item = parseDataset(view, buf, p, ilen === 0xffffffff ? buf.length : p + ilen, explicit, path, false);
        items.push(item.ds);
        p = ilen === 0xffffffff ? item.end : p + ilen;
      }
      ds.set(tag, { tag, vr: "SQ", value: new Uint8Array(0), items });
      continue;
    }
    if (len === 0xffffffff) throw new InputError(`${path}: encapsulated (compressed) pixel data is not supported by the built-in reader`);
    need(len);
    ds.set(tag, { tag, vr, value: buf.subarray(p, p + len) });
    p += len;
  }
  return { ds, end: p };
}

/** Text value with DICOM padding removed. */
export function decodeString(v: Uint8Array | undefined): string {
  if (!v) return "";
  return Buffer.from(v).toString("latin1").replace(/[\0 ]+$/, "").trim();
}

/** Backslash-separated decimal/integer string values as numbers. */
export function decodeNumbers(v: Uint8Array | undefined): number[] {
  const s = decodeString(v);
  return s === "" ? [] : s.split("\\").map((x) => Number(x.trim()));
}

/** US (unsigned short) value. */
export function decodeUint16(v: Uint8Array | undefined): number | undefined {
  if (!v || v.length < 2) return undefined;
  return v[0]! | (v[1]! << 8);
}

/** Element at a path of (sequence tag, first item) … leaf tag, e.g. ["5200,9229", "0028,9110", "0028,0030"]. */
export function getPath(ds: DicomDataset, path: string[]): DicomElement | undefined {
  let cur: DicomDataset | undefined = ds;
  for (let i = 0; i < path.length - 1; i++) cur = cur?.get(path[i]!)?.items?.[0];
  return cur?.get(path[path.length - 1]!);
}
