import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { extractFeatures } from "../../src/extract/extractor.js";
import { parseCsv, withinTolerance } from "../../src/verify/pyradiomics.js";
import { PYRAD } from "./helpers.js";

test("extractor hands filters the source voxel type when nothing resamples or normalises (LBP3D, breast1)", async () => {
  // PyRadiomics keeps int16 for the filters; LBP3D rounds its samples to that type.
  const rows = parseCsv(readFileSync(`${PYRAD}/filter_baseline/baseline_filters.csv`, "utf8"));
  const col = rows[0].indexOf("breast1_lbp3D");
  const want = new Map(rows.filter((r) => r[0].startsWith("lbp-3D-m1_firstorder_")).map((r) => [r[0], Number(r[col])]));
  const f = await extractFeatures(`${PYRAD}/breast1_image.nrrd`, `${PYRAD}/breast1_label.nrrd`, {
    setting: { binWidth: 25, voxelArrayShift: 2000, interpolator: null, minimumROIDimensions: 1 },
    imageType: { LBP3D: {} },
    featureClass: { firstorder: null },
  });
  assert.ok(want.size >= 18);
  for (const [k, v] of want) assert.ok(withinTolerance(f.get(k) as number, v), `${k}: ${f.get(k)} vs ${v}`);
});
