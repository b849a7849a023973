import { test } from "node:test";
import assert from "node:assert/strict";
import { readImage } from "../../src/io/read.js";
import { prepareCase, type PreparedCase } from "../../src/image/preprocess.js";
import { parsePythonLiteral } from "../../src/io/python-literal.js";
import type { Image3D } from "../../src/image/types.js";
import { InputError } from "../../src/errors.js";
import { PYRAD, parseTuple, readBaseline } from "./baseline.js";
import { firstOrder } from "./firstorder.js";

const CLASSES = ["firstorder", "glcm", "gldm", "glrlm", "glszm", "ngtdm", "shape", "shape2D"];
const tables = new Map(CLASSES.map((c) => [c, readBaseline(c)]));
const images = new Map<string, { image: Image3D; label: Image3D }>();
async function load(name: string) {
  if (!images.has(name)) {
    images.set(name, { image: await readImage(`${PYRAD}/${name}_image.nrrd`), label: await readImage(`${PYRAD}/${name}_label.nrrd`) });
  }
  return images.get(name)!;
}

/** Relative difference, absolute near zero. */
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/** Compares every diagnostics_* value PyRadiomics reported with ours; returns the number compared. */
function compareDiagnostics(col: string, ref: Map<string, string>, diag: PreparedCase["diagnostics"]): number {
  let n = 0;
  for (const [key, text] of ref) {
    if (!key.startsWith("diagnostics_") || text === "" || key.includes("Versions") || key.includes("Configuration")) continue;
    assert.ok(key in diag, `${col}: missing ${key}`);
    const ours = diag[key]!;
    if (/^[0-9a-f]{40}$/.test(text)) assert.equal(ours, text, `${col} ${key}`);
    else if (text.startsWith("(")) {
      const a = parseTuple(String(ours)), b = parseTuple(text);
      assert.equal(a.length, b.length, `${col} ${key}`);
      a.forEach((v, i) => assert.ok(rel(v, b[i]!) <= 1e-12, `${col} ${key}[${i}]: ${v} vs ${b[i]}`));
    } else assert.ok(rel(Number(ours), Number(text)) <= 1e-12, `${col} ${key}: ${ours} vs ${text}`);
    n++;
  }
  return n;
}

for (const name of ["brain1", "breast1"]) {
  test(`${name}: diagnostics of every baseline configuration equal PyRadiomics'`, async () => {
    const { image, label } = await load(name);
    const cache = new Map<string, PreparedCase>();
    let columns = 0, values = 0;
    for (const [cls, table] of tables) {
      for (const [col, ref] of table) {
        if (!col.startsWith(name) || cls === "shape2D") continue;
        const settingsText = ref.get("diagnostics_Configuration_Settings")!;
        if (!cache.has(settingsText)) cache.set(settingsText, prepareCase(image, label, parsePythonLiteral(settingsText) as Record<string, unknown>));
        values += compareDiagnostics(`${cls}/${col}`, ref, cache.get(settingsText)!.diagnostics);
        columns++;
      }
    }
    assert.ok(columns >= 30 && values >= 300, `compared ${values} values in ${columns} columns`);
  });

  test(`${name}: first-order features of the prepared ROI equal baseline_firstorder (all configurations)`, async () => {
    const { image, label } = await load(name);
    for (const [col, ref] of tables.get("firstorder")!) {
      if (!col.startsWith(name)) continue;
      const settings = parsePythonLiteral(ref.get("diagnostics_Configuration_Settings")!) as Record<string, number>;
      const prepared = prepareCase(image, label, settings);
      const ours = firstOrder(prepared.image, prepared.mask, settings);
      let worst = 0;
      for (const [k, v] of Object.entries(ours)) {
        const r = Number(ref.get(`original_firstorder_${k}`));
        assert.ok(Number.isFinite(r), `${col}: no reference for ${k}`);
        worst = Math.max(worst, rel(v, r));
        assert.ok(rel(v, r) <= 1e-10, `${col} ${k}: ${v} vs ${r}`);
      }
      console.log(`# ${col}: ${Object.keys(ours).length} first-order features, largest relative deviation ${worst.toExponential(2)}`);
    }
  });

  test(`${name}: resampled ROI voxel count matches shape VoxelVolume (2 mm B-spline)`, async () => {
    const { image, label } = await load(name);
    const ref = tables.get("shape")!.get(`${name}_resampling`)!;
    const prepared = prepareCase(image, label, parsePythonLiteral(ref.get("diagnostics_Configuration_Settings")!) as Record<string, unknown>);
    let n = 0;
    for (const v of prepared.mask.data) n += v;
    assert.deepEqual(prepared.image.spacing, [2, 2, 2]);
    assert.equal(n * 8, Number(ref.get("original_shape_VoxelVolume")));
    assert.equal(prepared.diagnostics["diagnostics_Mask-interpolated_VoxelNum"], n);
  });
}

test("breast1 2-D mask on slice 9 is corrected onto the image grid (shape2D column, correctMask)", async () => {
  const { image, label } = await load("breast1");
  const ref = tables.get("shape2D")!.get("breast1_shape2D")!;
  const [nx, ny] = label.size;
  const slice = label.data.slice(nx * ny * 9, nx * ny * 10);
  const z = label.origin[2] + 9 * label.spacing[2];
  const mask2d: Image3D = { ...label, data: slice, size: [nx, ny, 1], origin: [label.origin[0], label.origin[1], z] };
  const settings = parsePythonLiteral(ref.get("diagnostics_Configuration_Settings")!) as Record<string, unknown>;
  assert.equal(settings.correctMask, true);
  const prepared = prepareCase(image, mask2d, settings);
  const compared = compareDiagnostics("shape2D/breast1_shape2D", ref, prepared.diagnostics);
  assert.ok(compared >= 20, `compared ${compared}`);
  assert.throws(() => prepareCase(image, mask2d, { ...settings, correctMask: false }), (e: unknown) => e instanceof InputError && /size differs/.test(e.message));
});
