import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readImage } from "../../src/io/read.js";
import { boundingBox, cropToBox, selectLabel } from "../../src/image/mask.js";
import { shape2DFeatures } from "../../src/features/shape2D.js";
import { parseCsv, withinTolerance } from "../../src/verify/pyradiomics.js";
import { BASELINE, PYRAD } from "./helpers.js";

/**
 * PyRadiomics' shape2D baselines were made from single-slice labels (brain1_2D / breast1_2D, not shipped)
 * whose corrected bounding boxes are slice z = 16 of brain1 and z = 9 of breast1 (84 / 82 voxels as the
 * diagnostics report); the same slices of the 3D labels reproduce them.
 */
for (const [name, z, voxels] of [["brain1", 16, 984], ["breast1", 9, 82]] as const) {
  test(`${name}: shape2D on slice ${z} equals PyRadiomics' ${name}_shape2D baseline`, async () => {
    const lab = selectLabel(await readImage(`${PYRAD}/${name}_label.nrrd`), 1);
    const box = boundingBox(lab);
    const slice = cropToBox(lab, { lower: [box.lower[0], box.lower[1], z], upper: [box.upper[0], box.upper[1], z + 1] });
    let n = 0;
    for (const v of slice.data) n += v;
    assert.equal(n, voxels);
    const got = shape2DFeatures(slice, slice, 0);
    const rows = parseCsv(readFileSync(`${BASELINE}/baseline_shape2D.csv`, "utf8"));
    const col = rows[0].indexOf(`${name}_shape2D`);
    let compared = 0;
    for (const r of rows) {
      if (!r[0].startsWith("original_shape2D_")) continue;
      const f = r[0].slice("original_shape2D_".length);
      assert.ok(withinTolerance(got.get(f)!, Number(r[col])), `${f}: got ${got.get(f)}, PyRadiomics ${r[col]}`);
      compared++;
    }
    assert.equal(compared, 9);
  });
}
