import assert from "node:assert/strict";
import { test } from "node:test";
import { checkGeometry } from "../../src/image/mask.js";
import { simulatePaperCohort, simulatePatientImages } from "../../src/sim/paper-cohort.js";
import { groupMean, mannWhitneyAuc, pearson, spearman } from "./helpers.js";

/** Number of 26-connected components of a 0/1 mask (BFS written here, independent of src/sim). */
function components26(mask: Uint8Array, [nx, ny, nz]: readonly number[]): number {
  const seen = new Uint8Array(mask.length);
  let count = 0;
  for (let s = 0; s < mask.length; s++) {
    if (!mask[s] || seen[s]) continue;
    count++;
    const queue = [s];
    seen[s] = 1;
    while (queue.length) {
      const i = queue.pop()!;
      const x = i % nx, y = Math.floor(i / nx) % ny, z = Math.floor(i / (nx * ny));
      for (let dz = -1; dz <= 1; dz++) for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const X = x + dx, Y = y + dy, Z = z + dz;
        if (X < 0 || Y < 0 || Z < 0 || X >= nx || Y >= ny || Z >= nz) continue;
        const j = X + nx * (Y + ny * Z);
        if (mask[j] && !seen[j]) { seen[j] = 1; queue.push(j); }
      }
    }
  }
  return count;
}

const cohort = simulatePaperCohort();

test("same patient and seed → identical voxels; another seed → different", () => {
  const a = simulatePatientImages(cohort, 5);
  const b = simulatePatientImages(simulatePaperCohort(), 5);
  for (let k = 0; k < 3; k++) assert.deepEqual(a.phases[k].data, b.phases[k].data);
  assert.deepEqual(a.mask.data, b.mask.data);
  const c = simulatePatientImages(simulatePaperCohort({ seed: 7 }), 5);
  assert.notDeepEqual(a.phases[1].data, c.phases[1].data);
});

test("geometry, mask and subtraction are valid for every patient; relations hold as designed", () => {
  const pe: number[] = [], ser: number[] = [], cv: number[] = [], vol: number[] = [], y: number[] = [];
  for (const p of cohort.patients) {
    const im = simulatePatientImages(cohort, p.index);
    const [nx, ny, nz] = im.mask.size;
    assert.deepEqual(im.mask.size, [64, 64, 24]);
    assert.deepEqual(im.mask.spacing, [0.7, 0.7, 2]);
    // Direction columns orthonormal.
    const d = im.mask.direction;
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) {
      const dot = d[a] * d[b] + d[3 + a] * d[3 + b] + d[6 + a] * d[6 + b];
      assert.ok(Math.abs(dot - (a === b ? 1 : 0)) < 1e-12);
    }
    for (const img of [...im.phases, im.sub1]) checkGeometry(img, im.mask, 0);
    for (let i = 0; i < im.sub1.data.length; i++) {
      if (im.sub1.data[i] !== im.phases[1].data[i] - im.phases[0].data[i]) assert.fail(`${p.clinical.patient_id}: sub1 ≠ S1 − S0 at ${i}`);
    }
    // Mask: 0/1, non-empty, one 26-connected lesion, ≥ 1 voxel away from every face.
    let count = 0, s0 = 0, s1 = 0, s2 = 0, sumPe = 0, sumPe2 = 0;
    for (let i = 0; i < im.mask.data.length; i++) {
      const m = im.mask.data[i];
      if (m > 1) assert.fail(`mask value ${m}`);
      if (!m) continue;
      count++;
      const x = i % nx, yy = Math.floor(i / nx) % ny, z = Math.floor(i / (nx * ny));
      if (x === 0 || yy === 0 || z === 0 || x === nx - 1 || yy === ny - 1 || z === nz - 1) assert.fail(`${p.clinical.patient_id}: mask touches the border`);
      const a = im.phases[0].data[i], b = im.phases[1].data[i], c = im.phases[2].data[i];
      s0 += a; s1 += b; s2 += c;
      sumPe += (b - a) / a; sumPe2 += ((b - a) / a) ** 2;
    }
    assert.ok(count >= 20, `${p.clinical.patient_id}: ${count} mask voxels`);
    assert.equal(count, im.lesionVoxels);
    assert.equal(components26(im.mask.data, im.mask.size), 1, `${p.clinical.patient_id}: one lesion`);
    pe.push((s1 - s0) / s0);
    ser.push((s1 - s0) / (s2 - s0));
    const m = sumPe / count;
    cv.push(Math.sqrt(sumPe2 / count - m * m) / m);
    vol.push(count);
    y.push(p.clinical.imn_metastasis);
  }
  const size = cohort.patients.map((p) => p.clinical.tumour_size_cm);
  const washIn = cohort.patients.map((p) => p.lesion.washIn);
  const trueSer = cohort.patients.map((p) => p.lesion.ser);
  // Measured enhancement tracks the latent wash-in and SER.
  assert.ok(pearson(pe, washIn) > 0.9, `PE vs washIn r=${pearson(pe, washIn)}`);
  assert.ok(pearson(ser, trueSer) > 0.8, `SER vs true r=${pearson(ser, trueSer)}`);
  // Documented directions: IMN+ lesions enhance more, wash out more, are more heterogeneous.
  const report = {
    pe: [groupMean(pe, y, 0), groupMean(pe, y, 1), mannWhitneyAuc(pe, y)],
    ser: [groupMean(ser, y, 0), groupMean(ser, y, 1), mannWhitneyAuc(ser, y)],
    cv: [groupMean(cv, y, 0), groupMean(cv, y, 1), mannWhitneyAuc(cv, y)],
    vol: [groupMean(vol, y, 0), groupMean(vol, y, 1), mannWhitneyAuc(vol, y)],
    sizeRho: spearman(vol, size),
  };
  console.log(JSON.stringify(report));
  assert.ok(report.pe[2] >= 0.65, `PE AUC ${report.pe[2]}`);
  assert.ok(report.ser[2] >= 0.65, `SER AUC ${report.ser[2]}`);
  assert.ok(report.cv[2] >= 0.6, `heterogeneity AUC ${report.cv[2]}`);
  assert.ok(report.vol[1] > report.vol[0], "IMN+ lesions larger on average");
  assert.ok(report.sizeRho > 0.8, `mask volume vs tumour size ρ=${report.sizeRho}`);
});

test("noise-free lesion interior reproduces the signal model: SER and wash-in by hand", () => {
  const c = simulatePaperCohort({ image: { noiseSd: 0 } });
  const p = c.patients[2];
  const im = simulatePatientImages(c, 2);
  // Deep-interior voxels (26 neighbours all in the mask) have partial-volume weight 1, so
  // S1 − S0 = S0·E and S2 − S0 = S0·E/SER up to rounding to integers.
  const [nx, ny] = im.mask.size;
  let d1 = 0, d2 = 0, base = 0, k = 0;
  const m = im.mask.data;
  for (let i = 0; i < m.length; i++) {
    if (!m[i]) continue;
    let inner = true;
    for (const o of [1, -1, nx, -nx, nx * ny, -nx * ny]) if (!m[i + o]) inner = false;
    if (!inner) continue;
    d1 += im.phases[1].data[i] - im.phases[0].data[i];
    d2 += im.phases[2].data[i] - im.phases[0].data[i];
    base += im.phases[0].data[i];
    k++;
  }
  assert.ok(k > 50, `${k} interior voxels`);
  assert.ok(Math.abs(d1 / d2 - p.lesion.ser) < 0.01 * p.lesion.ser, `SER ${d1 / d2} vs ${p.lesion.ser}`);
  // Pre-contrast lesion signal is 300·(1 + 0.04·T), T standardised: interior mean ≈ 300.
  assert.ok(Math.abs(base / k - 300) < 15, `S0 interior mean ${base / k}`);
  assert.ok(Math.abs(d1 / base - p.lesion.washIn) < 0.1 * p.lesion.washIn, `wash-in ${d1 / base} vs ${p.lesion.washIn}`);
});

test("a smaller grid shrinks large lesions to fit: masks stay inside and connected", () => {
  const c = simulatePaperCohort({ n: 12, seed: 3, image: { size: [32, 32, 12] } });
  for (const p of c.patients) {
    const im = simulatePatientImages(c, p.index);
    const [nx, ny, nz] = im.mask.size;
    assert.deepEqual([nx, ny, nz], [32, 32, 12]);
    assert.ok(im.lesionVoxels > 0);
    for (let i = 0; i < im.mask.data.length; i++) {
      if (!im.mask.data[i]) continue;
      const x = i % nx, y = Math.floor(i / nx) % ny, z = Math.floor(i / (nx * ny));
      assert.ok(x > 0 && y > 0 && z > 0 && x < nx - 1 && y < ny - 1 && z < nz - 1, `${p.clinical.patient_id}: border voxel`);
    }
    assert.equal(components26(im.mask.data, im.mask.size), 1);
  }
  assert.throws(() => simulatePaperCohort({ image: { size: [4, 64, 24] } }), /image\.size/);
  assert.throws(() => simulatePaperCohort({ image: { spacing: [0.7, 0, 2] } }), /image\.spacing/);
});
