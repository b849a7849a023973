import { test } from "node:test";
import assert from "node:assert/strict";
import { readDicomPhases, readDicomSeg, readDicomSeries } from "../../src/io/dicom.js";
import { dceMaps, enhancementMask, percentEnhancement, selectPhase, signalEnhancementRatio, subtract } from "../../src/image/dce.js";
import { InputError } from "../../src/errors.js";
import type { Image3D } from "../../src/image/types.js";
import { dataRoot } from "../../src/data/registry.js";

const EXAM = `${dataRoot()}/breast_dce/UCSF-BR-06`;
const tiny = (vals: number[]): Image3D => ({ data: Float64Array.from(vals), size: [vals.length, 1, 1], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] });

test("PE, SER, subtraction and zero denominators on hand-computed voxels", () => {
  const s0 = tiny([40, 0, 50, 20, 10]);
  const s1 = tiny([86, 5, 25, 20, 40]);
  const s2 = tiny([94, 9, 50, 30, 40]);
  assert.deepEqual(Array.from(subtract(s1, s0).data), [46, 5, -25, 0, 30]);
  assert.deepEqual(Array.from(percentEnhancement(s0, s1).data), [115, 0, -50, 0, 300]);
  assert.ok(Number.isNaN(percentEnhancement(s0, s1, NaN).data[1]));
  // SER: 46/54, 5/9, (−25)/0 → zeroValue, 0/10, 30/30
  assert.deepEqual(Array.from(signalEnhancementRatio(s0, s1, s2).data), [46 / 54, 5 / 9, 0, 0, 1]);
  assert.ok(Number.isNaN(signalEnhancementRatio(s0, s1, s2, NaN).data[2]));
  const region = { ...tiny([1, 1, 1, 1, 0]), data: Uint8Array.from([1, 1, 1, 1, 0]) };
  assert.deepEqual(Array.from(enhancementMask(s0, s1, region, { minS0: 15, minPE: 70 }).data), [1, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(enhancementMask(s0, s1, null, { minPE: 70, minSER: 0.9 }, s2).data), [0, 0, 0, 0, 1]);
  assert.throws(() => enhancementMask(s0, s1, null, { minSER: 1 }), InputError);
  assert.throws(() => subtract(s0, tiny([1, 2])), /size/);
  assert.throws(() => selectPhase([{ image: s0 }], 3), /phase 3 requested but the series has 1/);
});

test("UCSF-BR-06: PE and SER agree with the exam's own PE1 and SER maps (every voxel)", async () => {
  const phases = await readDicomPhases(`${EXAM}/image_dce_3dfgre_orig`);
  const [S0, S1, S2] = [0, 1, 2].map((k) => selectPhase(phases, k));
  const peMap = await readDicomSeries(`${EXAM}/image_dce_pe1`);
  const serMap = await readDicomSeries(`${EXAM}/image_dce_ser`); // stored ×1000, RescaleSlope 0.001
  const voi = readDicomSeg(`${EXAM}/mask/1-1.dcm`, S0!);
  assert.deepEqual(peMap.origin, S0!.origin);
  const { pe, ser, region } = dceMaps(S0!, S1!, S2!);
  // PE1 convention found here: trunc(100·(S1−S0)/S0) where S0 ≥ 35 (background threshold), negative → 0
  let peAgree = 0;
  for (let i = 0; i < pe.data.length; i++) if (pe.data[i] === peMap.data[i]) peAgree++;
  console.log(`# PE1: ${peAgree} of ${pe.data.length} voxels equal trunc(100·(S1−S0)/S0) (S0 ≥ 35, negatives 0)`);
  assert.equal(peAgree, pe.data.length);
  // SER convention: where PE ≥ 70 % and S0 ≥ 35 and ≥ 4 of the 26 neighbours also pass (the SEG VOI is
  // NOT used), min(SER, 3) rounded to 0.001
  let voiCount = 0;
  for (const v of voi.data) voiCount += v;
  assert.equal(voiCount, 82527);
  let both = 0, onlyOurs = 0, onlyMap = 0, worst = 0;
  const examples: string[] = [];
  for (let i = 0; i < ser.data.length; i++) {
    const map = serMap.data[i]!;
    const ours = ser.data[i]! > 0;
    if (ours && map) {
      both++;
      worst = Math.max(worst, Math.abs(ser.data[i]! - map));
    } else if (ours) onlyOurs++;
    else if (map) {
      onlyMap++;
      if (examples.length < 3) examples.push(`voxel ${i} S ${S0!.data[i]},${S1!.data[i]},${S2!.data[i]} map ${map}`);
    }
  }
  let regionCount = 0;
  for (const v of region.data) regionCount += v;
  console.log(`# SER: region ${regionCount} voxels; ${both} voxels in both (max |ours − map| ${worst.toFixed(6)}), ${onlyOurs} only ours, ${onlyMap} only in the map (${examples.join("; ")})`);
  // the map stores SER rounded to 0.001 (ties go either way: the exam's float arithmetic)
  assert.ok(worst <= 0.0005 + 1e-9, `SER differs by ${worst}`);
  // the exam's noise filter is not exactly one pass of the 4-of-26 rule: a handful of voxels differ
  assert.ok(both >= 41595 && onlyOurs + onlyMap <= 3, `region differs: ${onlyOurs} + ${onlyMap}`);
});
