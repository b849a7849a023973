import { test } from "node:test";
import assert from "node:assert/strict";
import type { Image3D, Mask3D, Vec3 } from "../../src/image/types.js";
import {
  busiestSliceIndex, loadDceExam, mapAgreement, panelFigure, percentileWindow, phaseTable, sliceNormalName, slicePanel, stsExamples, voxelCount,
} from "../../src/study/images.js";

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];
const grid = (size: Vec3, direction = IDENTITY) => ({ size, spacing: [1, 1, 2] as Vec3, origin: [0, 0, 0] as Vec3, direction });

test("busiestSliceIndex and voxelCount count mask voxels per slice along each axis", () => {
  // 3×2×3 mask: slice z = 0 has 1 voxel, z = 1 has 3, z = 2 has 2
  const data = Uint8Array.from([1, 0, 0, 0, 0, 0, /* z1 */ 1, 1, 0, 0, 1, 0, /* z2 */ 0, 0, 1, 0, 0, 1]);
  const mask: Mask3D = { data, ...grid([3, 2, 3]) };
  assert.equal(voxelCount(mask), 6);
  assert.deepEqual(busiestSliceIndex(mask, 2), { index: 1, voxels: 3 });
  // along x: x = 0 → 2 voxels, x = 1 → 2, x = 2 → 2 → first maximum
  assert.deepEqual(busiestSliceIndex(mask, 0), { index: 0, voxels: 2 });
  // along y: y = 0 → 4 (voxels 0, 6, 7, 14), y = 1 → 2
  assert.deepEqual(busiestSliceIndex(mask, 1), { index: 0, voxels: 4 });
});

test("percentileWindow: nearest-rank 1st and high percentiles of one slice, 2 significant digits", () => {
  // axial slice z = 1 of a 10×10×2 image holds 0 … 99; slice 0 holds 1000s (must be ignored)
  const data = new Float64Array(200);
  for (let i = 0; i < 100; i++) (data[i] = 1000 + i), (data[100 + i] = i);
  const image: Image3D = { data, ...grid([10, 10, 2]) };
  // ranks round(0.01·99) = 1 → 1; round(0.995·99) = 99 → 99; round(0.5·99) = 50 → 50
  assert.deepEqual(percentileWindow(image, "axial", 1), [1, 99]);
  assert.deepEqual(percentileWindow(image, "axial", 1, 0.5), [1, 50]);
  assert.deepEqual(percentileWindow(image, "axial", 0, 0.5), [1000, 1100]); // 1001 and 1050 at 2 digits
});

test("sliceNormalName reads the slice plane from the direction cosines", () => {
  const img = (direction: number[]): Image3D => ({ data: new Float64Array(1), ...grid([1, 1, 1], direction) });
  assert.equal(sliceNormalName(img(IDENTITY)), "axial (S–I)");
  // UCSF-BR-06: x → P, y → I, z → R (row-major [0 0 −1; 1 0 0; 0 −1 0])
  assert.equal(sliceNormalName(img([0, 0, -1, 1, 0, 0, 0, -1, 0])), "sagittal (L–R)");
  assert.equal(sliceNormalName(img([1, 0, 0, 0, 0, 1, 0, -1, 0])), "coronal (A–P)");
});

test("panelFigure lays panels on a grid with captions, scale bars and the legend", () => {
  const data = new Float64Array(16).map((_, i) => i);
  const image: Image3D = { data, ...grid([4, 4, 1]) };
  const mask: Mask3D = { data: Uint8Array.from({ length: 16 }, (_, i) => (i === 5 || i === 6 ? 1 : 0)), ...grid([4, 4, 1]) };
  const p = slicePanel(image, mask, "first\nsecond line", { width: 100 });
  assert.equal(p.width, 100);
  assert.equal(p.pxPerMm, 25); // 100 px over 4 voxels × 1 mm
  const svg = panelFigure([p, p, p], { title: "T & <x>", columns: 2, legend: [{ color: "#f00", text: "ROI" }], scaleBarMm: 2 });
  assert.match(svg, /T &amp; &lt;x&gt;/);
  assert.equal((svg.match(/class="roi-outline"/g) ?? []).length, 3);
  assert.equal((svg.match(/>2 mm</g) ?? []).length, 3);
  assert.match(svg, /width="50\.0" height="4"/); // 2 mm × 25 px/mm
  assert.match(svg, />second line</);
  // 2 columns of 100 px + 3 gaps of 12 px
  assert.match(svg, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="236"/);
});

test("stsExamples takes the first patients of each outcome in patient order", () => {
  const ids = stsExamples(2).map((c) => `${c.patientId}:${c.lungMetastasis}`);
  assert.deepEqual(ids, ["STS_006:1", "STS_014:1", "STS_001:0", "STS_002:0"]);
});

test("UCSF-BR-06: phase table timing and PE/SER agreement with the exam's maps", async () => {
  const exam = await loadDceExam();
  const rows = phaseTable(exam);
  // ContentTimes 10:25:51, 10:32:38, 10:38:32 → 0, 407, 761 s (the 407 s / 354 s gaps of the private injection times)
  assert.deepEqual(rows.map((r) => [r.content_time, r.seconds_after_pre, r.files, r.grid, r.slice_normal]), [
    ["10:25:51", 0, 60, "256 × 256 × 60", "sagittal (L–R)"],
    ["10:32:38", 407, 60, "256 × 256 × 60", "sagittal (L–R)"],
    ["10:38:32", 761, 60, "256 × 256 × 60", "sagittal (L–R)"],
  ]);
  assert.equal(voxelCount(exam.seg), 82527);
  const { rows: agreement } = mapAgreement(exam);
  assert.equal(agreement[0]!.agree, 256 * 256 * 60);
  assert.equal(agreement[0]!.max_abs_difference, 0);
  assert.ok((agreement[1]!.agree as number) >= 41595);
  assert.ok((agreement[1]!.only_ours as number) + (agreement[1]!.only_exam as number) <= 3);
  assert.ok((agreement[1]!.max_abs_difference as number) <= 0.0005 + 1e-9);
});
