import { test } from "node:test";
import assert from "node:assert/strict";
import { readImage } from "../../src/io/read.js";
import { boundingBox, checkGeometry, cropToBox, labelsPresent, selectLabel, indexToPoint } from "../../src/image/mask.js";
import { InputError } from "../../src/errors.js";
import { PYRAD, parseTuple, readBaseline } from "./baseline.js";

const baseline = readBaseline("firstorder");

for (const name of ["brain1", "breast1"]) {
  test(`${name}: label selection and bounding box match PyRadiomics' diagnostics`, async () => {
    const image = await readImage(`${PYRAD}/${name}_image.nrrd`);
    const label = await readImage(`${PYRAD}/${name}_label.nrrd`);
    checkGeometry(image, label);
    assert.ok(labelsPresent(label).includes(1));
    const mask = selectLabel(label, 1, `${name}_label.nrrd`);
    const col = baseline.get(name)!;
    let n = 0;
    for (const v of mask.data) n += v;
    assert.equal(n, Number(col.get("diagnostics_Mask-original_VoxelNum")));
    const box = boundingBox(mask);
    const [x, y, z, sx, sy, sz] = parseTuple(col.get("diagnostics_Mask-original_BoundingBox")!);
    assert.deepEqual(box, { lower: [x, y, z], upper: [x! + sx!, y! + sy!, z! + sz!] });

    const crop = cropToBox(image, box, 2);
    assert.equal(crop.data.constructor, image.data.constructor);
    const lo = box.lower.map((v, a) => Math.max(0, v - 2));
    const hi = box.upper.map((v, a) => Math.min(image.size[a]!, v + 2));
    assert.deepEqual(crop.size, [hi[0]! - lo[0]!, hi[1]! - lo[1]!, hi[2]! - lo[2]!]);
    assert.deepEqual(crop.origin, indexToPoint(image, lo));
    // every cropped voxel equals the source voxel at the shifted index
    const [cx, cy] = crop.size;
    for (let k = 0; k < crop.data.length; k += 7) {
      const xx = k % cx, yy = Math.floor(k / cx) % cy, zz = Math.floor(k / (cx * cy));
      const src = xx + lo[0]! + image.size[0] * (yy + lo[1]! + image.size[1] * (zz + lo[2]!));
      assert.equal(crop.data[k], image.data[src]);
    }
    // the cropped mask keeps every ROI voxel
    const cm = cropToBox(mask, box);
    let m = 0;
    for (const v of cm.data) m += v;
    assert.equal(m, n);
  });
}

test("selectLabel names the file and the labels present when the label is absent", async () => {
  const label = await readImage(`${PYRAD}/brain1_label.nrrd`);
  const present = labelsPresent(label);
  assert.throws(() => selectLabel(label, 7, "brain1_label.nrrd"), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.match(e.message, /brain1_label\.nrrd/);
    assert.match(e.message, /label 7/);
    assert.ok(e.message.includes(present.join(", ")));
    return true;
  });
});

test("boundingBox throws InputError on an empty mask", () => {
  const m = { data: new Uint8Array(8), size: [2, 2, 2] as [number, number, number], spacing: [1, 1, 1] as [number, number, number], origin: [0, 0, 0] as [number, number, number], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  assert.throws(() => boundingBox(m), InputError);
});

test("checkGeometry reports which property differs", async () => {
  const image = await readImage(`${PYRAD}/breast1_image.nrrd`);
  const mask = await readImage(`${PYRAD}/breast1_label.nrrd`);
  const names = { image: "img.nrrd", mask: "msk.nrrd" };
  checkGeometry(image, { ...mask, origin: [mask.origin[0] + 5e-4, mask.origin[1], mask.origin[2]] }, 1e-3, names);
  assert.throws(() => checkGeometry(image, { ...mask, origin: [mask.origin[0] + 0.01, mask.origin[1], mask.origin[2]] }, 1e-3, names), /msk\.nrrd.*origin differs/);
  assert.throws(() => checkGeometry(image, { ...mask, spacing: [1, 1, 1] }, 1e-3, names), /spacing differs/);
  assert.throws(() => checkGeometry(image, { ...mask, size: [45, 120, 20] }, 1e-3, names), /size differs/);
  assert.throws(() => checkGeometry(image, { ...mask, direction: [0, 1, 0, 1, 0, 0, 0, 0, 1] }, 1e-3, names), /direction differs/);
});
