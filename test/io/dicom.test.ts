import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDicomFiles, readDicomPhases, readDicomSeg, readDicomSeries, scanDicomFolder } from "../../src/io/dicom.js";
import { decodeNumbers, parseDicomFile } from "../../src/io/dicom-parse.js";
import { readImage } from "../../src/io/read.js";
import { indexToPoint, pointToIndex } from "../../src/image/mask.js";
import { InputError } from "../../src/errors.js";
import { dataRoot } from "../../src/data/registry.js";

const EXAM = `${dataRoot()}/breast_dce/UCSF-BR-06`;
const ORIG = `${EXAM}/image_dce_3dfgre_orig`;
const tmp = mkdtempSync(join(tmpdir(), "tsradiomics-dicom-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const phasesP = readDicomPhases(ORIG);

/** Seeded LCG so the shuffled order is reproducible. */
function shuffled<T>(xs: T[], seed: number): T[] {
  const a = [...xs];
  let s = seed;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Folder of symlinks (no data copied) with the given link names. */
function linkFolder(name: string, files: [string, string][]): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [target, link] of files) symlinkSync(target, join(dir, link));
  return dir;
}

test("DCE series splits into 3 time points of 60 sagittal slices with the exam's geometry", async () => {
  const phases = await phasesP;
  assert.equal(phases.length, 3);
  // ContentTime 10:25:51 (pre-contrast), 10:32:38, 10:38:32
  assert.deepEqual(phases.map((p) => p.key.split("|")[3]), ["102551", "103238", "103832"]);
  // the exam's derived maps record the phase times relative to injection in a private tag (0117,1034):
  // −230, 177, 531 s — the same 407 s and 354 s gaps as the ContentTimes
  const seconds = (t: string) => 3600 * Number(t.slice(0, 2)) + 60 * Number(t.slice(2, 4)) + Number(t.slice(4, 6));
  const times = phases.map((p) => seconds(p.key.split("|")[3]!));
  const relative = decodeNumbers(parseDicomFile(`${EXAM}/image_dce_pe1/1-01.dcm`, { headerOnly: true }).get("0117,1034")!.value);
  assert.deepEqual(relative, [-230, 177, 531]);
  assert.deepEqual([times[1]! - times[0]!, times[2]! - times[1]!], [relative[1]! - relative[0]!, relative[2]! - relative[1]!]);
  for (const p of phases) {
    assert.equal(p.files.length, 60);
    assert.deepEqual(p.image.size, [256, 256, 60]);
    assert.deepEqual(p.image.spacing.slice(0, 2), [0.703125, 0.703125]);
    assert.ok(Math.abs(p.image.spacing[2] - 2) < 1e-6);
    assert.deepEqual(p.image.origin, [157.800003, -106.699997, 78]); // ImagePositionPatient of the first slice
    assert.deepEqual(p.image.direction, [0, 0, -1, 1, 0, 0, 0, -1, 0]); // rows along +y, columns along −z, slices along −x
  }
  // every slice of every phase equals the raw pixels of the file at that position and time
  const infos = scanDicomFolder(ORIG);
  for (const [k, p] of phases.entries()) {
    for (const z of [0, 17, 59]) {
      const pos = indexToPoint(p.image, [0, 0, z]);
      const file = infos.find((f) => f.temporal.join("|") === p.key && f.position.every((v, a) => Math.abs(v - pos[a]!) < 1e-3))!;
      assert.ok(file, `phase ${k} slice ${z}: no file at ${pos}`);
      const px = parseDicomFile(file.path).get("7fe0,0010")!.value;
      const raw = new Int16Array(px.buffer.slice(px.byteOffset, px.byteOffset + px.byteLength));
      assert.deepEqual(p.image.data.subarray(z * 65536, (z + 1) * 65536), raw, `phase ${k} slice ${z} (${file.path})`);
    }
  }
  // contrast arrives: the post-contrast phases are brighter on average than the pre-contrast one
  const mean = (d: ArrayLike<number>) => Array.from(d).reduce((s, v) => s + v, 0) / d.length;
  assert.ok(mean(phases[1]!.image.data) > mean(phases[0]!.image.data));
});

test("readDicomSeries / readDicomFiles: shuffled file names and list order give the same volume", async () => {
  const phases = await phasesP;
  const ref = phases[0]!.image;
  // 12 consecutive slices (positions 20 … 31) of phase 0, in the phase's position order
  const slab = phases[0]!.files
    .map((f) => ({ f, x: parseDicomFile(f, { headerOnly: true }).get("0020,0032")! }))
    .map(({ f, x }) => ({ f, pos: decodeNumbers(x.value) }))
    .sort((a, b) => b.pos[0]! - a.pos[0]!)
    .slice(20, 32)
    .map((e) => e.f);
  const names = shuffled(slab, 12345);
  const dir = linkFolder("shuffled", names.map((f, i) => [f, `x${(i * 7) % 12}-${i}.dcm`]));
  const fromFolder = await readImage(dir); // a folder is read as one DICOM series
  const fromList = await readDicomFiles(shuffled(slab, 987));
  for (const img of [fromFolder, fromList]) {
    assert.deepEqual(img.size, [256, 256, 12]);
    assert.deepEqual(img.direction, ref.direction);
    const expectOrigin = indexToPoint(ref, [0, 0, 20]);
    img.origin.forEach((v, a) => assert.ok(Math.abs(v - expectOrigin[a]!) < 1e-4, `origin ${img.origin} vs ${expectOrigin}`));
    assert.deepEqual(img.data, ref.data.subarray(20 * 65536, 32 * 65536));
  }
});

test("a folder mixing two series, or several time points, is an InputError", async () => {
  const orig = readdirSync(ORIG).slice(0, 3).map((f) => join(ORIG, f));
  const pe = readdirSync(`${EXAM}/image_dce_pe1`).slice(0, 3).map((f) => join(`${EXAM}/image_dce_pe1`, f));
  const dir = linkFolder("mixed", [...orig, ...pe].map((f, i) => [f, `f${i}.dcm`]));
  await assert.rejects(readDicomSeries(dir), (e: unknown) => e instanceof InputError && /mixes 2 series/.test(e.message) && /PE1/.test(e.message) && e.message.includes(dir));
  await assert.rejects(readDicomSeries(ORIG), (e: unknown) => e instanceof InputError && /time points; use readDicomPhases/.test(e.message));
  const notDicom = linkFolder("notdicom", [[`${dataRoot()}/pyradiomics/brain1_image.nrrd`, "a.dcm"]]);
  await assert.rejects(readDicomSeries(notDicom), (e: unknown) => e instanceof InputError && /not a DICOM Part 10 file/.test(e.message));
});

test("DICOM SEG (FRACTIONAL, 42 frames) placed frame by frame agrees with dcmqi's labelmap", async () => {
  const phases = await phasesP;
  const ref = phases[0]!.image;
  const seg = readDicomSeg(`${EXAM}/mask/1-1.dcm`, ref);
  let n = 0;
  const slices = new Set<number>();
  for (let i = 0; i < seg.data.length; i++) if (seg.data[i]) (n++, slices.add(Math.floor(i / 65536)));
  // frames sit at x = 139.8 … 57.8 mm, i.e. reference slices 9 … 50
  assert.equal(Math.min(...slices), 9);
  assert.equal(Math.max(...slices), 50);
  // independent placement: dcmqi (itk-wasm readSegmentationNode) + its own geometry, mapped into the reference grid
  const { readSegmentationNode } = await import("@itk-wasm/dicom");
  const { segImage } = await readSegmentationNode(`${EXAM}/mask/1-1.dcm`);
  const g = { origin: segImage.origin, spacing: segImage.spacing, direction: Array.from(segImage.direction) } as never;
  const [sx, sy] = segImage.size as [number, number, number];
  const d = segImage.data as Int16Array;
  let m = 0;
  for (let i = 0; i < d.length; i++) {
    if (!d[i]) continue;
    m++;
    const idx = pointToIndex(ref, indexToPoint(g, [i % sx, Math.floor(i / sx) % sy, Math.floor(i / (sx * sy))])).map(Math.round);
    assert.equal(seg.data[idx[0]! + 256 * (idx[1]! + 256 * idx[2]!)], 1);
  }
  assert.equal(n, m);
  assert.equal(n, 82527);
  // occupancy threshold: values are 0 or 255 here, so any threshold in (0, 1] keeps the same voxels
  let n1 = 0;
  for (const v of readDicomSeg(`${EXAM}/mask/1-1.dcm`, ref, { threshold: 1 }).data) n1 += v;
  assert.equal(n1, n);
  assert.throws(() => readDicomSeg(`${ORIG}/1-001.dcm`, ref), /not a DICOM Segmentation/);
  // same frame of reference as the DCE series; a different one is refused
  const forUID = scanDicomFolder(ORIG)[0]!.frameOfReferenceUID;
  assert.equal(readDicomSeg(`${EXAM}/mask/1-1.dcm`, ref, { frameOfReferenceUID: forUID }).data.length, 256 * 256 * 60);
  assert.throws(() => readDicomSeg(`${EXAM}/mask/1-1.dcm`, ref, { frameOfReferenceUID: "1.2.3" }), /FrameOfReferenceUID .* differs/);
  const frame1 = decodeNumbers(parseDicomFile(`${EXAM}/mask/1-1.dcm`).get("5200,9230")!.items![0]!.get("0020,9113")!.items![0]!.get("0020,0032")!.value);
  assert.deepEqual(frame1, [139.800003, -106.699997, 78]);
});
