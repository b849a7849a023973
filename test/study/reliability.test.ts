import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError } from "../../src/errors.js";
import type { Mask3D, Vec3 } from "../../src/image/types.js";
import {
  dilateInPlane, erodeInPlane, featureIccs, iccSummary, maskVoxels, perturbMask, shiftInPlane, splitFeatureName,
} from "../../src/study/reliability.js";

/** A mask from rows of '#'/'.' per slice (slices listed in z order). */
function maskOf(slices: string[][]): Mask3D {
  const ny = slices[0]!.length, nx = slices[0]![0]!.length, nz = slices.length;
  const data = new Uint8Array(nx * ny * nz);
  slices.forEach((rows, z) => rows.forEach((row, y) => [...row].forEach((ch, x) => (data[x + nx * (y + ny * z)] = ch === "#" ? 1 : 0))));
  return { data, size: [nx, ny, nz] as Vec3, spacing: [1, 1, 3], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
}

/** The mask back as '#'/'.' rows per slice. */
function picture(m: Mask3D): string[][] {
  const [nx, ny, nz] = m.size;
  return Array.from({ length: nz }, (_, z) => Array.from({ length: ny }, (_, y) => Array.from({ length: nx }, (_, x) => (m.data[x + nx * (y + ny * z)] ? "#" : ".")).join("")));
}

const square = maskOf([
  [".....", ".###.", ".###.", ".###.", "....."],
  [".....", ".....", "..#..", ".....", "....."],
]);

test("erosion keeps voxels whose 4 in-plane neighbours are inside (slice by slice)", () => {
  const e = erodeInPlane(square);
  assert.deepEqual(picture(e), [
    [".....", ".....", "..#..", ".....", "....."],
    [".....", ".....", ".....", ".....", "....."],
  ]);
  assert.equal(maskVoxels(e), 1);
  // a mask touching the border: the missing neighbour counts as outside
  assert.deepEqual(picture(erodeInPlane(maskOf([["###", "###", "###"]]))), [["...", ".#.", "..."]]);
  assert.deepEqual(e.spacing, square.spacing);
});

test("dilation adds the 4 in-plane neighbours (a cross, not the diagonals), clipped at the border", () => {
  const d = dilateInPlane(square);
  assert.deepEqual(picture(d), [
    [".###.", "#####", "#####", "#####", ".###."],
    [".....", "..#..", ".###.", "..#..", "....."],
  ]);
  assert.equal(maskVoxels(d), 21 + 5);
  assert.deepEqual(picture(dilateInPlane(maskOf([["#..", "...", "..."]]))), [["##.", "#..", "..."]]);
});

test("shift moves the mask by whole voxels in-plane, losing what leaves the grid", () => {
  assert.deepEqual(picture(shiftInPlane(square, 1, 0)), [
    [".....", "..###", "..###", "..###", "....."],
    [".....", ".....", "...#.", ".....", "....."],
  ]);
  assert.deepEqual(picture(shiftInPlane(maskOf([["##.", "#.."]]), -1, 1)), [["...", "#.."]]);
  assert.deepEqual(picture(perturbMask(square, "shifted")), picture(shiftInPlane(square, 1, 0)));
  assert.equal(perturbMask(square, "original"), square);
  assert.throws(() => shiftInPlane(square, 0.5, 0), InputError);
  assert.throws(() => erodeInPlane({ ...square, data: new Uint8Array(3) }), /3 voxels for size 5×5×2/);
});

test("erosion of a dilation gives back a convex (cross-closed) shape; dilation ⊇ original ⊇ erosion", () => {
  const closed = erodeInPlane(dilateInPlane(square));
  assert.deepEqual(picture(closed), picture(square));
  const d = dilateInPlane(square), e = erodeInPlane(square);
  for (let i = 0; i < square.data.length; i++) {
    assert.ok(d.data[i]! >= square.data[i]! && square.data[i]! >= e.data[i]!);
  }
});

test("featureIccs: ICC(A,1) and ICC(C,1) per feature against hand-computed mean squares, threshold 0.75", () => {
  // 4 patients × 3 mask versions. Feature a: versions add constants 0, 1, 2 (consistency 1, agreement < 1).
  // Rows 1,3,5,7 + (0,1,2): grand mean 5, SSR = 3·(4·... ) computed below by hand:
  // row means 2,4,6,8 → SSR = 3·(9+1+1+9) = 60, MSR = 20; column means 4,5,6 → SSC = 4·(1+0+1) = 8, MSC = 4;
  // SSE = 0 → ICC(C,1) = 1; ICC(A,1) = (20 − 0)/(20 + 0 + 3·(4 − 0)/4) = 20/23.
  const a = [[1, 2, 3], [3, 4, 5], [5, 6, 7], [7, 8, 9]];
  // Feature b: pure noise around one value: patients indistinguishable → ICC < 0.75.
  const b = [[1, 2, 1], [2, 1, 2], [1, 1, 2], [2, 2, 1]];
  const names = ["original_shape_Volume", "log-sigma-1-0-mm-3D_glcm_Contrast"];
  const agreement = featureIccs(names, [a, b], { type: "agreement" });
  assert.ok(Math.abs(agreement[0]!.icc - 20 / 23) < 1e-12);
  assert.equal(agreement[0]!.robust, true);
  assert.equal(agreement[1]!.robust, false);
  const consistency = featureIccs(names, [a, b], { type: "consistency" });
  assert.ok(Math.abs(consistency[0]!.icc - 1) < 1e-12);
  // feature b by hand: row means 4/3, 5/3, 4/3, 5/3; grand 1.5; SSR = 3·4·(1/36) = 1/3, MSR = 1/9;
  // column means 1.5, 1.5, 1.5 → SSC = 0; SST = 12·0.25 = 3; SSE = 3 − 1/3 = 8/3, MSE = 4/9;
  // ICC(C,1) = (1/9 − 4/9)/(1/9 + 8/9) = −1/3.
  assert.ok(Math.abs(consistency[1]!.icc + 1 / 3) < 1e-12);
  assert.deepEqual(
    iccSummary(consistency).map((r) => [r.image_type, r.feature_class, r.features, r.robust, r.dropped]),
    [["original", "shape", 1, 1, 0], ["log-sigma-1-0-mm-3D", "glcm", 1, 0, 1]],
  );
  assert.deepEqual(splitFeatureName("wavelet-LLH_glszm_SmallAreaLowGrayLevelEmphasis"), { imageType: "wavelet-LLH", featureClass: "glszm", feature: "SmallAreaLowGrayLevelEmphasis" });
  assert.throws(() => splitFeatureName("Volume"), InputError);
});

test("writeMaskVersions writes the four versions once and returns batch records with voxel counts", async () => {
  const { mkdtempSync, rmSync, statSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { readImage } = await import("../../src/io/read.js");
  const { writeMaskVersions } = await import("../../src/study/reliability.js");
  const dir = mkdtempSync(join(tmpdir(), "tsr-rel-"));
  try {
    const recs = await writeMaskVersions("P1", "/img.nii.gz", square, dir);
    assert.deepEqual(recs.map((r) => [r.version, r.voxels, r.patient_id, r.Image]), [
      ["original", 10, "P1", "/img.nii.gz"], ["eroded", 1, "P1", "/img.nii.gz"], ["dilated", 26, "P1", "/img.nii.gz"], ["shifted", 10, "P1", "/img.nii.gz"],
    ]);
    const back = await readImage(recs[2]!.Mask);
    assert.deepEqual(picture({ ...square, data: Uint8Array.from(back.data) }), picture(dilateInPlane(square)));
    const mtime = statSync(recs[0]!.Mask).mtimeMs;
    await writeMaskVersions("P1", "/img.nii.gz", square, dir);
    assert.equal(statSync(recs[0]!.Mask).mtimeMs, mtime); // kept, not rewritten
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
