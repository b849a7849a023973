import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, truncateSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readImage, sniffFormat } from "../../src/io/read.js";
import { writeImage } from "../../src/io/write.js";
import { selectLabel } from "../../src/image/mask.js";
import { InputError } from "../../src/errors.js";
import type { Image3D } from "../../src/image/types.js";
import { dataRoot } from "../../src/data/registry.js";

const PYRAD = `${dataRoot()}/pyradiomics`;
const tmp = mkdtempSync(join(tmpdir(), "tsradiomics-io-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function assertSameGeometry(a: Image3D, b: Image3D, tol: number, what: string) {
  assert.deepEqual(a.size, b.size, `${what} size`);
  for (const k of ["spacing", "origin", "direction"] as const) {
    (a[k] as number[]).forEach((v, i) => assert.ok(Math.abs(v - (b[k] as number[])[i]!) <= tol, `${what} ${k}[${i}]: ${v} vs ${(b[k] as number[])[i]}`));
  }
}

test("NRRD read: brain1 geometry and voxel type as PyRadiomics reports them", async () => {
  const img = await readImage(`${PYRAD}/brain1_image.nrrd`);
  assert.ok(img.data instanceof Int16Array);
  assert.deepEqual(img.size, [256, 256, 25]);
  assert.deepEqual(img.spacing, [0.7812499999999999, 0.7812499999999999, 6.499999999999998]);
  assert.deepEqual(img.direction, [1, 0, 0, 0, -1, 0, 0, 0, 1]);
});

test("NIfTI (.nii.gz) read: IBSI digital phantom — 74 ROI voxels of 8 mm³, ROI mean 2.15", async () => {
  const dir = `${dataRoot()}/ibsi/digital_phantom/nifti`;
  const image = await readImage(`${dir}/image/phantom.nii.gz`);
  const mask = selectLabel(await readImage(`${dir}/mask/mask.nii.gz`), 1);
  assert.deepEqual(image.size, [5, 4, 4]);
  let n = 0, sum = 0;
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) (n++, (sum += image.data[i]!));
  assert.equal(n, 74);
  assert.equal(n * image.spacing[0] * image.spacing[1] * image.spacing[2], 592); // IBSI morph_vol_approx
  assert.equal((sum / n).toFixed(2), "2.15"); // IBSI stat_mean
});

/** Round trip through every writable format; NIfTI stores geometry in float32, hence its tolerance. */
const FORMATS: [string, number, boolean][] = [
  ["img.nrrd", 1e-12, false],
  ["img-gz.nrrd", 1e-12, true],
  ["img.nii", 1e-4, false],
  ["img.nii.gz", 1e-4, true],
  ["img.mha", 1e-12, false],
  ["img-gz.mha", 1e-12, true],
  ["det-mhd.mhd", 1e-12, false],
  ["det-nhdr.nhdr", 1e-12, false],
];

for (const [file, tol, compress] of FORMATS) {
  test(`writeImage → readImage round trip: ${file} (int16 image, float64 with oblique direction)`, async () => {
    const brain = await readImage(`${PYRAD}/breast1_image.nrrd`);
    const path = join(tmp, file);
    await writeImage(brain, path, { compress });
    const back = await readImage(path);
    assert.ok(back.data instanceof Int16Array);
    assert.deepEqual(back.data, brain.data);
    assertSameGeometry(back, brain, tol, file);
    if (compress) assert.ok(statSync(path).size < brain.data.byteLength * 0.8, "compressed file should be smaller than the raw voxels");

    // float64 voxels with an oblique (rotated 30° about z) direction
    const c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
    const f: Image3D = { data: Float64Array.from({ length: 24 }, (_, i) => i * 0.1 - 1), size: [2, 3, 4], spacing: [0.5, 1.25, 3], origin: [-10.5, 20.25, 7], direction: [c, -s, 0, s, c, 0, 0, 0, 1] };
    const fpath = join(tmp, `f-${file}`);
    await writeImage(f, fpath, { compress });
    const fb = await readImage(fpath);
    assert.ok(fb.data instanceof Float64Array);
    assert.deepEqual(Array.from(fb.data), Array.from(f.data));
    assertSameGeometry(fb, f, tol, `f-${file}`);
  });
}

test("gzip NRRD header says so and sniffing recognises formats without extensions", async () => {
  const brain = await readImage(`${PYRAD}/breast1_label.nrrd`);
  const path = join(tmp, "gz.nrrd");
  await writeImage(brain, path, { compress: true });
  assert.match(readFileSync(path, "latin1").slice(0, 400), /encoding: gzip/);
  assert.equal(sniffFormat(path), "nrrd");
  assert.equal(sniffFormat(join(tmp, "img.mha")), "metaimage");
  assert.equal(sniffFormat(join(tmp, "img.nii")), "nifti");
});

test("bad files are InputErrors naming the file and the problem", async () => {
  const is = (re: RegExp) => (e: unknown) => e instanceof InputError && re.test(e.message);
  await assert.rejects(readImage(join(tmp, "missing.nrrd")), is(/not found.*missing\.nrrd/));

  const text = join(tmp, "notes.nrrd");
  writeFileSync(text, "this is not an image\n");
  await assert.rejects(readImage(text), is(/notes\.nrrd/));

  const unknown = join(tmp, "data.xyz");
  writeFileSync(unknown, Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]));
  await assert.rejects(readImage(unknown), is(/data\.xyz: unknown image format/));

  const empty = join(tmp, "empty.nii");
  writeFileSync(empty, "");
  await assert.rejects(readImage(empty), is(/empty\.nii: file is empty/));

  const brain = await readImage(`${PYRAD}/breast1_image.nrrd`);
  const trunc = join(tmp, "truncated.nrrd");
  await writeImage(brain, trunc);
  truncateSync(trunc, statSync(trunc).size - 1000);
  await assert.rejects(readImage(trunc), is(/truncated\.nrrd/));

  const truncNii = join(tmp, "truncated.nii");
  await writeImage(brain, truncNii);
  truncateSync(truncNii, 1000);
  await assert.rejects(readImage(truncNii), is(/truncated\.nii/));

  for (const [name, keep] of [["truncated.nii.gz", 20000], ["truncated.mha", 50000], ["truncated-gz.nrrd", 20000]] as const) {
    const p = join(tmp, name);
    await writeImage(brain, p, { compress: name.includes("gz") });
    truncateSync(p, keep);
    await assert.rejects(readImage(p), is(new RegExp(name.replace(".", "\\."))), name);
  }

  // detached MetaImage whose .raw data file is cut short
  const mhd = join(tmp, "cut.mhd");
  await writeImage(brain, mhd);
  truncateSync(join(tmp, "cut.raw"), 5000);
  await assert.rejects(readImage(mhd), is(/cut\.mhd/));

  const flat = join(tmp, "flat2d.nrrd");
  writeFileSync(flat, Buffer.concat([Buffer.from("NRRD0004\ntype: uint8\ndimension: 2\nsizes: 2 2\nencoding: raw\n\n"), Buffer.from([1, 2, 3, 4])]));
  await assert.rejects(readImage(flat), is(/flat2d\.nrrd: expected a 3D image/));

  await assert.rejects(writeImage(brain, join(tmp, "out.png")), is(/unknown output image format/));
});
