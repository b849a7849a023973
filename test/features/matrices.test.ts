import { test } from "node:test";
import assert from "node:assert/strict";
import { computeGlcm } from "../../src/features/glcm.js";
import { computeGlrlm } from "../../src/features/glrlm.js";
import { computeGlszm, glszmCoefficients } from "../../src/features/glszm.js";
import { computeGldm, gldmCoefficients } from "../../src/features/gldm.js";
import { computeNgtdm } from "../../src/features/ngtdm.js";
import { readNpy, type NpyArray } from "../../src/verify/npy.js";
import { BASELINE, loadCase, roiOf } from "./helpers.js";

function assertSameMatrix(got: ArrayLike<number>, shape: number[], ref: NpyArray, what: string): void {
  assert.deepEqual(shape, ref.shape, `${what}: shape`);
  for (let i = 0; i < ref.data.length; i++) {
    assert.ok(Math.abs(got[i] - ref.data[i]) <= 1e-12, `${what}: element ${i} is ${got[i]}, PyRadiomics ${ref.data[i]}`);
  }
}

/** GLRLM with run-length columns that are empty over all angles removed (PyRadiomics' stored matrix). */
function trimmedGlrlm(m: ReturnType<typeof computeGlrlm>): { data: number[]; shape: number[] } {
  const ng = m.grayLevels.length;
  const keep = [];
  for (let j = 0; j < m.nr; j++) {
    let s = 0;
    for (let i = 0; i < ng; i++) for (let a = 0; a < m.na; a++) s += m.p[(i * m.nr + j) * m.na + a];
    if (s > 0) keep.push(j);
  }
  const data = [];
  for (let i = 0; i < ng; i++) for (const j of keep) for (let a = 0; a < m.na; a++) data.push(m.p[(i * m.nr + j) * m.na + a]);
  return { data, shape: [ng, keep.length, m.na] };
}

for (const name of ["breast1", "brain1"]) {
  test(`${name}: texture matrices equal PyRadiomics' .npy matrices (binWidth 25)`, async () => {
    const { image, mask } = await loadCase(name);
    const roi = roiOf(image, mask, 25);
    const glcm = computeGlcm(roi);
    assertSameMatrix(glcm.p, [glcm.grayLevels.length, glcm.grayLevels.length, glcm.na], readNpy(`${BASELINE}/${name}_glcm.npy`), "GLCM");
    const glrlm = trimmedGlrlm(computeGlrlm(roi));
    assertSameMatrix(glrlm.data, glrlm.shape, readNpy(`${BASELINE}/${name}_glrlm.npy`), "GLRLM");
    const szm = glszmCoefficients(computeGlszm(roi));
    assertSameMatrix(szm.P, [szm.ni, szm.nj], readNpy(`${BASELINE}/${name}_glszm.npy`), "GLSZM");
    const dm = gldmCoefficients(computeGldm(roi));
    assertSameMatrix(dm.P, [dm.ni, dm.nj], readNpy(`${BASELINE}/${name}_gldm.npy`), "GLDM");
    const ng = computeNgtdm(roi);
    assertSameMatrix(ng.p, [ng.ngp, 3], readNpy(`${BASELINE}/${name}_ngtdm.npy`), "NGTDM");
  });
}
