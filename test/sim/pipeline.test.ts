import assert from "node:assert/strict";
import { test } from "node:test";
import { extractFeatures } from "../../src/extract/extractor.js";
import { simulatePaperCohort, simulatePatientImages } from "../../src/sim/paper-cohort.js";

test("a simulated case runs through the extractor; its Mean and VoxelVolume equal hand values", async () => {
  const cohort = simulatePaperCohort({ n: 3 });
  const im = simulatePatientImages(cohort, 0);
  const f = await extractFeatures(im.sub1, im.mask, { featureClass: { firstorder: ["Mean"], shape: ["VoxelVolume"] } });
  let sum = 0;
  let count = 0;
  for (let i = 0; i < im.mask.data.length; i++) {
    if (im.mask.data[i]) {
      sum += im.sub1.data[i];
      count++;
    }
  }
  assert.equal(f.get("diagnostics_Mask-original_VoxelNum"), count);
  assert.ok(Math.abs((f.get("original_firstorder_Mean") as number) - sum / count) < 1e-9);
  // VoxelVolume = voxel count × 0.7·0.7·2 mm³.
  assert.ok(Math.abs((f.get("original_shape_VoxelVolume") as number) - count * 0.98) < 1e-6);
});
