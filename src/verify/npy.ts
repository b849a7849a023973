import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";

/** A float64 array read from a NumPy .npy file, in C (row-major) order whatever the file's order. */
export interface NpyArray {
  shape: number[];
  data: Float64Array;
}

/**
 * Reads a little-endian float64 / int64 / int32 .npy file (format versions 1–3).
 * Fortran-ordered arrays are transposed to C order so that `data[((i*s1)+j)*s2+k]` = a[i,j,k].
 */
export function readNpy(path: string): NpyArray {
  const buf = readFileSync(path);
  return parseNpy(buf, path);
}

/** Parses the bytes of a .npy file (see readNpy). */
export function parseNpy(buf: Buffer, source = "npy"): NpyArray {
  if (buf.length < 10 || buf.readUInt8(0) !== 0x93 || buf.toString("latin1", 1, 6) !== "NUMPY") {
    throw new InputError(`${source}: not a .npy file (bad magic)`);
  }
  const major = buf.readUInt8(6);
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const headerStart = major === 1 ? 10 : 12;
  const header = buf.toString("latin1", headerStart, headerStart + headerLen);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*True/.test(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || shapeText === undefined) throw new InputError(`${source}: unreadable .npy header ${header}`);
  const shape = shapeText.split(",").map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  const n = shape.reduce((a, b) => a * b, 1);
  const offset = headerStart + headerLen;
  const raw = readElements(buf, offset, n, descr, source);
  return { shape, data: fortran ? fortranToC(raw, shape) : raw };
}

function readElements(buf: Buffer, offset: number, n: number, descr: string, source: string): Float64Array {
  const out = new Float64Array(n);
  const reader: Record<string, [number, (o: number) => number]> = {
    "<f8": [8, (o) => buf.readDoubleLE(o)],
    "<f4": [4, (o) => buf.readFloatLE(o)],
    "<i8": [8, (o) => Number(buf.readBigInt64LE(o))],
    "<i4": [4, (o) => buf.readInt32LE(o)],
  };
  const r = reader[descr];
  if (!r) throw new InputError(`${source}: unsupported .npy dtype ${descr} (supported: ${Object.keys(reader).join(", ")})`);
  if (offset + n * r[0] > buf.length) throw new InputError(`${source}: truncated .npy data`);
  for (let i = 0; i < n; i++) out[i] = r[1](offset + i * r[0]);
  return out;
}

/** Fortran order: first index fastest. Re-lays the data with the last index fastest. */
function fortranToC(f: Float64Array, shape: number[]): Float64Array {
  const out = new Float64Array(f.length);
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  for (let k = 0; k < f.length; k++) {
    // k walks Fortran order; compute its C-order position.
    let c = 0;
    for (let d = 0; d < nd; d++) c = c * shape[d] + idx[d];
    out[c] = f[k];
    for (let d = 0; d < nd; d++) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}
