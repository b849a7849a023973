import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDicomSeg } from "../../src/io/dicom.js";
import { InputError } from "../../src/errors.js";
import type { Image3D } from "../../src/image/types.js";

const tmp = mkdtempSync(join(tmpdir(), "tsradiomics-seg-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Explicit-VR little-endian element; SQ items are lists of element buffers (undefined lengths). */
function el(group: number, elem: number, vr: string, value: Buffer | Buffer[][]): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(group, 0);
  head.writeUInt16LE(elem, 2);
  if (vr === "SQ") {
    const items = (value as Buffer[][]).map((item) => {
      const start = Buffer.from([0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff]);
      const end = Buffer.from([0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0]);
      return Buffer.concat([start, ...item, end]);
    });
    const seqEnd = Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
    return Buffer.concat([head, Buffer.from("SQ\0\0"), Buffer.from([0xff, 0xff, 0xff, 0xff]), ...items, seqEnd]);
  }
  let v = value as Buffer;
  if (v.length % 2) v = Buffer.concat([v, Buffer.from(vr === "UI" ? "\0" : vr === "OB" ? "\0" : " ")]);
  if (vr === "OB") {
    const len = Buffer.alloc(4);
    len.writeUInt32LE(v.length);
    return Buffer.concat([head, Buffer.from("OB\0\0"), len, v]);
  }
  const len = Buffer.alloc(2);
  len.writeUInt16LE(v.length);
  return Buffer.concat([head, Buffer.from(vr), len, v]);
}
const us = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const str = (s: string) => Buffer.from(s, "latin1");

/** A DICOM SEG with `frames` (4×3 pixels each) at the given z positions and segment numbers. */
function writeSeg(name: string, type: "BINARY" | "FRACTIONAL", frames: { z: number; segment: number; pixels: number[] }[]): string {
  const meta = el(0x0002, 0x0010, "UI", str("1.2.840.10008.1.2.1"));
  const groupLen = el(0x0002, 0x0000, "UL", (() => { const b = Buffer.alloc(4); b.writeUInt32LE(meta.length); return b; })());
  let pixels: Buffer;
  if (type === "BINARY") {
    const bits = frames.flatMap((f) => f.pixels);
    pixels = Buffer.alloc(Math.ceil(bits.length / 8));
    bits.forEach((b, k) => { if (b) pixels[k >> 3] |= 1 << (k & 7); });
  } else pixels = Buffer.from(frames.flatMap((f) => f.pixels));
  const body = [
    el(0x0008, 0x0016, "UI", str("1.2.840.10008.5.1.4.1.1.66.4")),
    el(0x0028, 0x0008, "IS", str(String(frames.length))),
    el(0x0028, 0x0010, "US", us(3)),
    el(0x0028, 0x0011, "US", us(4)),
    el(0x0028, 0x0100, "US", us(type === "BINARY" ? 1 : 8)),
    el(0x0062, 0x0001, "CS", str(type)),
    ...(type === "FRACTIONAL" ? [el(0x0062, 0x000e, "US", us(255))] : []),
    el(0x5200, 0x9229, "SQ", [[
      el(0x0020, 0x9116, "SQ", [[el(0x0020, 0x0037, "DS", str("1\\0\\0\\0\\1\\0"))]]),
      el(0x0028, 0x9110, "SQ", [[el(0x0028, 0x0030, "DS", str("2\\0.5"))]]), // row spacing (y) 2, column spacing (x) 0.5
    ]]),
    el(0x5200, 0x9230, "SQ", frames.map((f) => [
      el(0x0020, 0x9113, "SQ", [[el(0x0020, 0x0032, "DS", str(`10\\20\\${f.z}`))]]),
      el(0x0062, 0x000a, "SQ", [[el(0x0062, 0x000b, "US", us(f.segment))]]),
    ])),
    el(0x7fe0, 0x0010, "OB", pixels),
  ];
  const path = join(tmp, name);
  writeFileSync(path, Buffer.concat([Buffer.alloc(128), str("DICM"), groupLen, meta, ...body]));
  return path;
}

/** Reference grid 4×3×4: x spacing 0.5, y 2, z 3, origin (10, 20, 5). */
const REF: Image3D = { data: new Int16Array(48), size: [4, 3, 4], spacing: [0.5, 2, 3], origin: [10, 20, 5], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
const ones = (m: { data: Uint8Array }) => [...m.data.keys()].filter((i) => m.data[i]);

test("FRACTIONAL SEG: occupancy threshold (default 0.5), per-frame z placement, segment selection", () => {
  const frac = [0, 100, 128, 255, 127, 0, 0, 0, 0, 0, 0, 200];
  const path = writeSeg("frac.dcm", "FRACTIONAL", [
    { z: 11, segment: 1, pixels: frac }, // z = 11 mm → slice 2
    { z: 5, segment: 2, pixels: [255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }, // slice 0
  ]);
  const slice2 = 2 * 12;
  // v/255 ≥ 0.5 ⇔ v ≥ 128: pixels 2 (128), 3 (255), 11 (200) of slice 2, and pixel 0 of slice 0
  assert.deepEqual(ones(readDicomSeg(path, REF)), [0, slice2 + 2, slice2 + 3, slice2 + 11]);
  // threshold 0.3 ⇔ v ≥ 76.5 adds 100 and 127
  assert.deepEqual(ones(readDicomSeg(path, REF, { threshold: 0.3, segment: 1 })), [slice2 + 1, slice2 + 2, slice2 + 3, slice2 + 4, slice2 + 11]);
  assert.deepEqual(ones(readDicomSeg(path, REF, { segment: 2 })), [0]);
});

test("BINARY SEG: bit-packed frames that do not start on byte boundaries", () => {
  const f1 = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1];
  const f2 = [0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0];
  const path = writeSeg("bin.dcm", "BINARY", [{ z: 8, segment: 1, pixels: f1 }, { z: 14, segment: 1, pixels: f2 }]);
  const expect = [...f1.keys()].filter((k) => f1[k]).map((k) => 12 + k).concat([...f2.keys()].filter((k) => f2[k]).map((k) => 36 + k));
  assert.deepEqual(ones(readDicomSeg(path, REF)), expect);
});

test("SEG frames off the reference grid or outside it are InputErrors", () => {
  const off = writeSeg("off.dcm", "BINARY", [{ z: 9.5, segment: 1, pixels: new Array(12).fill(1) }]);
  assert.throws(() => readDicomSeg(off, REF), (e: unknown) => e instanceof InputError && /off\.dcm: frame 1 does not lie on the reference grid/.test(e.message));
  const outside = writeSeg("outside.dcm", "BINARY", [{ z: 50, segment: 1, pixels: new Array(12).fill(1) }]);
  assert.throws(() => readDicomSeg(outside, REF), /outside the reference volume/);
  const truncated = join(tmp, "trunc.dcm");
  writeFileSync(truncated, Buffer.concat([Buffer.alloc(128), str("DICM"), el(0x0002, 0x0010, "UI", str("1.2.840.10008.1.2.1")).subarray(0, 10)]));
  assert.throws(() => readDicomSeg(truncated, REF), /trunc\.dcm: DICOM file is truncated/);
});
