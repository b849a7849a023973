import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeImage } from "../../src/io/write.js";
import { prepareCaseFromFiles } from "../../src/image/preprocess.js";
import { InputError } from "../../src/errors.js";
import type { Image3D, Vec3 } from "../../src/image/types.js";

const tmp = mkdtempSync(join(tmpdir(), "tsradiomics-bad-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** 6×6×4 image with a gradient and a label image with the given labelled voxels (x, y, z, label). */
const SIZE: Vec3 = [6, 6, 4];
const IMAGE: Image3D = { data: Float32Array.from({ length: 144 }, (_, i) => 100 + (i % 17)), size: SIZE, spacing: [1, 1, 2], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
function images(labels: [number, number, number, number][], geo: Partial<Image3D> = {}): { image: Image3D; mask: Image3D } {
  const image = IMAGE;
  const mask: Image3D = { ...image, data: new Uint8Array(144), ...geo };
  for (const [x, y, z, l] of labels) mask.data[x + 6 * (y + 6 * z)] = l;
  return { image, mask };
}
const BLOCK: [number, number, number, number][] = [];
for (let z = 1; z < 3; z++) for (let y = 1; y < 4; y++) for (let x = 1; x < 4; x++) BLOCK.push([x, y, z, 1]);

/** Each distinct image object is written once (itk-wasm calls dominate this test's time). */
const written = new WeakMap<Image3D, string>();
async function writeOnce(image: Image3D, name: string): Promise<string> {
  if (!written.has(image)) {
    const p = join(tmp, `${name}-image.nrrd`);
    await writeImage(image, p);
    written.set(image, p);
  }
  return written.get(image)!;
}

/** Writes the pair and expects prepareCaseFromFiles to reject with an InputError naming `who` and matching `what`. */
async function expectError(name: string, pair: { image: Image3D; mask: Image3D }, settings: Record<string, unknown>, who: "image" | "mask", what: RegExp) {
  const ip = await writeOnce(pair.image, name), mp = join(tmp, `${name}-label.nrrd`);
  await writeImage(pair.mask, mp);
  await assert.rejects(prepareCaseFromFiles(ip, mp, settings), (e: unknown) => {
    assert.ok(e instanceof InputError, `${name}: ${e}`);
    assert.ok(e.message.includes(who === "image" ? ip : mp), `${name}: message does not name the ${who} file: ${e.message}`);
    assert.match(e.message, what, name);
    return true;
  });
}

test("a valid synthetic case prepares (control for the failures below)", async () => {
  const pair = images(BLOCK);
  const ip = join(tmp, "ok-image.nrrd"), mp = join(tmp, "ok-label.nrrd");
  await writeImage(pair.image, ip);
  await writeImage(pair.mask, mp);
  const c = await prepareCaseFromFiles(ip, mp, {});
  assert.equal(c.diagnostics["diagnostics_Mask-original_VoxelNum"], 18);
  assert.equal(c.diagnostics["diagnostics_Mask-original_BoundingBox"], "(1, 1, 1, 3, 3, 2)");
});

test("missing label names the mask file and the labels present", () =>
  expectError("nolabel", images(BLOCK.map(([x, y, z]) => [x, y, z, 2])), { label: 1 }, "mask", /label 1 not present.*labels present: 2/));

test("empty mask", () => expectError("empty", images([]), {}, "mask", /labels present: none — mask is empty/));

test("single-voxel ROI", () => expectError("single", images([[2, 2, 2, 1]]), {}, "mask", /single voxel/));

test("ROI in one slice fails minimumROIDimensions 3; minimumROISize", async () => {
  const flat = BLOCK.filter(([, , z]) => z === 1);
  await expectError("flat", images(flat), { minimumROIDimensions: 3 }, "mask", /spans 2 dimension\(s\), minimumROIDimensions requires 3/);
  await expectError("small", images(BLOCK), { minimumROISize: 20 }, "mask", /18 voxels, minimumROISize requires more than 20/);
});

test("image/mask geometry mismatch beyond geometryTolerance: size, spacing, origin", async () => {
  await expectError("spacing", images(BLOCK, { spacing: [1, 1, 2.5] }), {}, "mask", /spacing differs.*geometryTolerance/);
  await expectError("origin", images(BLOCK, { origin: [0.01, 0, 0] }), {}, "mask", /origin differs \(image \(0, 0, 0\), mask \(0.01, 0, 0\)\) beyond geometryTolerance 0.000001 \(relative/);
  // within a widened tolerance the same pair is accepted (ITK scales it by the x spacing)
  const pair = images(BLOCK, { origin: [0.01, 0, 0] });
  const ip = join(tmp, "tol-image.nrrd"), mp = join(tmp, "tol-label.nrrd");
  await writeImage(pair.image, ip);
  await writeImage(pair.mask, mp);
  await prepareCaseFromFiles(ip, mp, { geometryTolerance: 0.02 });
  const big = images([]);
  big.mask = { ...big.mask, data: new Uint8Array(6 * 6 * 5), size: [6, 6, 5] };
  big.mask.data[50] = 1;
  big.mask.data[51] = 1;
  await expectError("size", big, {}, "mask", /size differs/);
});

test("NaN voxels in the image", async () => {
  const pair = images(BLOCK);
  pair.image = { ...IMAGE, data: Float32Array.from(IMAGE.data as Float32Array) };
  pair.image.data[40] = NaN;
  await expectError("nan", pair, {}, "image", /voxel 40 is NaN; images must hold finite values/);
  const inf = images(BLOCK);
  inf.image = { ...IMAGE, data: Float32Array.from(IMAGE.data as Float32Array) };
  inf.image.data[7] = -Infinity;
  await expectError("inf", inf, {}, "image", /voxel 7 is -Infinity/);
});

test("resegmentation that leaves ≤ 1 voxel, and bad settings", async () => {
  await expectError("reseg", images(BLOCK), { resegmentRange: [1000] }, "mask", /resegmentation \(absolute \[1000\]\) left 0 voxel/);
  const pair = images(BLOCK);
  const ip = join(tmp, "set-image.nrrd"), mp = join(tmp, "set-label.nrrd");
  await writeImage(pair.image, ip);
  await writeImage(pair.mask, mp);
  await assert.rejects(prepareCaseFromFiles(ip, mp, { resampledPixelSpacing: "2mm", interpolator: "sitkBSpline" }), /setting resampledPixelSpacing: expected a list of 3 numbers/);
  await assert.rejects(prepareCaseFromFiles(ip, mp, { resampledPixelSpacing: [2, 2, 2], interpolator: "sitkLanczos" }), /setting interpolator: "sitkLanczos" is not supported/);
  await assert.rejects(prepareCaseFromFiles(ip, mp, { resegmentRange: [1], resegmentMode: "percent" }), /resegmentMode: "percent"/);
});
