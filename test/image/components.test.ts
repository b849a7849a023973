import { test } from "node:test";
import assert from "node:assert/strict";
import { boundingBox } from "../../src/image/mask.js";
import { countComponents } from "../../src/image/preprocess.js";
import type { Mask3D, Vec3 } from "../../src/image/types.js";

/** Reference: union–find over all 26-neighbour pairs of the full grid. */
function reference(mask: Mask3D): number {
  const [nx, ny, nz] = mask.size;
  const parent = Int32Array.from(mask.data, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        const i = x + nx * (y + ny * z);
        if (!mask.data[i]) continue;
        for (let dz = -1; dz <= 1; dz++)
          for (let dy = -1; dy <= 1; dy++)
            for (let dx = -1; dx <= 1; dx++) {
              const [xx, yy, zz] = [x + dx, y + dy, z + dz];
              if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) continue;
              const j = xx + nx * (yy + ny * zz);
              if (mask.data[j]) parent[find(i)] = find(j);
            }
      }
  let n = 0;
  for (let i = 0; i < parent.length; i++) if (mask.data[i] && find(i) === i) n++;
  return n;
}

test("countComponents (26-connected, on the padded bounding box) equals union–find on random masks", () => {
  let s = 12345;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let t = 0; t < 60; t++) {
    const size: Vec3 = [1 + Math.floor(r() * 12), 1 + Math.floor(r() * 9), 1 + Math.floor(r() * 7)];
    const density = 0.05 + 0.4 * r();
    const data = Uint8Array.from({ length: size[0] * size[1] * size[2] }, () => (r() < density ? 1 : 0));
    if (!data.some((v) => v)) data[data.length - 1] = 1;
    const mask: Mask3D = { size, spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data };
    assert.equal(countComponents(mask), reference(mask), `case ${t} ${size}`);
    assert.equal(countComponents(mask, boundingBox(mask)), reference(mask));
  }
});
