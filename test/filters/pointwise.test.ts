/** Square, SquareRoot, Logarithm, Exponential, Gradient and LBP2D on small arrays derived by hand. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Image3D, Vec3, VoxelArray } from "../../src/filters/../image/types.js";
import { exponentialImage } from "../../src/filters/exponential.js";
import { gradientImage } from "../../src/filters/gradient.js";
import { lbp2DImage } from "../../src/filters/lbp2d.js";
import { logarithmImage } from "../../src/filters/logarithm.js";
import { squareImage } from "../../src/filters/square.js";
import { squareRootImage } from "../../src/filters/squareroot.js";

function img<T extends VoxelArray>(data: T, size: Vec3, spacing: Vec3 = [1, 1, 1]): Image3D<T> {
  return { data, size, spacing, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
}
const only = (it: Iterable<{ name: string; image: Image3D }>) => {
  const all = [...it];
  assert.equal(all.length, 1);
  return all[0];
};
function close(actual: ArrayLike<number>, expected: number[], tol = 1e-12): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `[${i}] ${actual[i]} vs ${expected[i]}`);
}

const x = img(Int16Array.from([-4, 0, 1, 2]), [4, 1, 1]);

test("Square: (x/√max|x|)² = x²/4", () => {
  const d = only(squareImage(x));
  assert.equal(d.name, "square");
  close(d.image.data, [4, 0, 0.25, 1]);
});

test("SquareRoot: sign(x)·√(|x|·max|x|)", () => {
  const d = only(squareRootImage(x));
  assert.equal(d.name, "squareroot");
  close(d.image.data, [-4, 0, 2, Math.sqrt(8)]);
});

test("Logarithm: sign(x)·log(|x|+1) rescaled so that max|f| = max|x|", () => {
  const d = only(logarithmImage(x));
  assert.equal(d.name, "logarithm");
  const c = 4 / Math.log(5);
  close(d.image.data, [-4, 0, c * Math.log(2), c * Math.log(3)]);
});

test("Exponential: exp(x·log(max|x|)/max|x|) = 4^(x/4)", () => {
  const d = only(exponentialImage(x));
  assert.equal(d.name, "exponential");
  close(d.image.data, [0.25, 1, Math.SQRT2, 2]);
});

test("Gradient: central differences / spacing, one-sided halves at the edges", () => {
  // f = 3x + 2y on a 4×3×2 grid with spacing (0.5, 2, 1)
  const size: Vec3 = [4, 3, 2];
  const data = new Float64Array(24);
  for (let z = 0; z < 2; z++) for (let y = 0; y < 3; y++) for (let i = 0; i < 4; i++) data[i + 4 * (y + 3 * z)] = 3 * i + 2 * y;
  const d = only(gradientImage(img(data, size, [0.5, 2, 1]), undefined, {}));
  assert.equal(d.name, "gradient");
  for (let z = 0; z < 2; z++)
    for (let y = 0; y < 3; y++)
      for (let i = 0; i < 4; i++) {
        const gx = (i === 0 || i === 3 ? 1.5 : 3) / 0.5;
        const gy = (y === 0 || y === 2 ? 1 : 2) / 2;
        assert.ok(Math.abs(d.image.data[i + 4 * (y + 3 * z)] - Math.hypot(gx, gy)) < 1e-12);
      }
  const noSpacing = only(gradientImage(img(data, size, [0.5, 2, 1]), undefined, { gradientUseSpacing: false }));
  assert.ok(Math.abs(noSpacing.image.data[1 + 4 * 1] - Math.hypot(3, 2)) < 1e-12);
});

test("LBP2D uniform (P=8, R=1) on one axial slice, by hand", () => {
  // 3×3 slice, rows = y, cols = x; neighbours p = 0..7 at angles 45°·p: (r, c) offsets
  // (0,1), (−.70711,.70711), (−1,0), (−.70711,−.70711), (0,−1), (.70711,−.70711), (1,0), (.70711,.70711).
  // Centre 5; right 9, up 9, left 1, down 1, corners 5 (diagonals interpolate with centre and edges).
  const slice = Int16Array.from([5, 9, 5, 1, 5, 9, 5, 1, 5]);
  const d = only(lbp2DImage(img(slice, [3, 3, 1]), undefined, {}));
  assert.equal(d.name, "lbp-2D");
  assert.ok(d.image.data instanceof Int16Array);
  // Centre (1,1) = 5. Axis neighbours: right 9 → 1, up 9 → 1, left 1 → 0, down 1 → 0. The diagonals are
  // bilinear mixes with weights 0.29289 / 0.70711 of the 2×2 cell they fall in, worked out below.
  const centre = d.image.data[4];
  const s = [1]; // p = 0: right
  {
    // p = 1, up-right (r = 0.29289, c = 1.70711): cell rows 0..1, cols 1..2 = [9, 5; 5, 9]
    const dr1 = 1 - 0.70711;
    const dc1 = 1.70711 - 1;
    const t = (1 - dc1) * 9 + dc1 * 5;
    const b = (1 - dc1) * 5 + dc1 * 9;
    s.push((1 - dr1) * t + dr1 * b - 5 >= 0 ? 1 : 0);
  }
  s.push(1); // p = 2: up
  const dr = 1 - 0.70711;
  const top = (1 - dr) * 5 + dr * 9;
  const bottom = (1 - dr) * 1 + dr * 5;
  s.push((1 - dr) * top + dr * bottom - 5 >= 0 ? 1 : 0);
  s.push(0); // p = 4: left = 1
  // p = 5, down-left: rows 1..2, cols 0..1: (1,0)=1,(1,1)=5,(2,0)=5,(2,1)=1 → r = 1.70711 (dr = .70711), c = .29289 (dc = .29289)
  {
    const dr2 = 1.70711 - 1;
    const dc2 = 1 - 0.70711;
    const t = (1 - dc2) * 1 + dc2 * 5;
    const b = (1 - dc2) * 5 + dc2 * 1;
    s.push((1 - dr2) * t + dr2 * b - 5 >= 0 ? 1 : 0);
  }
  s.push(0); // p = 6: down = 1
  {
    // p = 7, down-right: (1,1)=5,(1,2)=9,(2,1)=1,(2,2)=5 at dr = .70711, dc = .70711
    const t = (1 - 0.70711) * 5 + 0.70711 * 9;
    const b = (1 - 0.70711) * 1 + 0.70711 * 5;
    s.push((1 - 0.70711) * t + 0.70711 * b - 5 >= 0 ? 1 : 0);
  }
  let changes = 0;
  for (let p = 0; p < 7; p++) if (s[p] !== s[p + 1]) changes++;
  const expected = changes <= 2 ? s.reduce((a, b) => a + b, 0) : 9;
  assert.equal(centre, expected);
  // a constant slice: every neighbour equals the centre inside (all bits 1 → 8); corners see zeros outside
  const flat = only(lbp2DImage(img(new Float64Array(9).fill(3), [3, 3, 1]), undefined, {}));
  assert.equal(flat.image.data[4], 8);
  assert.throws(() => [...lbp2DImage(img(slice, [3, 3, 1]), undefined, { lbp2DMethod: "var" })], /lbp2DMethod 'var' is not supported/);
});

test("LBP3D: icosphere(1, 1) has 42 unit vertices; m1 = (#s_v = 1)·√42/(4π); m2 depends on the pattern only", async () => {
  const { icosphereVertices, lbp3DImages, sphHarm } = await import("../../src/filters/lbp3d.js");
  const v = icosphereVertices(1, 1);
  assert.equal(v.length, 42);
  for (const p of v) assert.ok(Math.abs(Math.hypot(p[0], p[1], p[2]) - 1) < 1e-15);
  // Y_0^0 = 1/(2√π); |Y_1^1|² + |Y_1^0|² + |Y_1^-1|² = 3/(4π) (Unsöld) at any angle
  assert.ok(Math.abs(sphHarm(0, 0, 0.3, 1.1)[0] - 1 / (2 * Math.sqrt(Math.PI))) < 1e-16);
  const sq = ([re, im]: [number, number]) => re * re + im * im;
  assert.ok(Math.abs(sq(sphHarm(1, 1, 0.3, 1.1)) + sq(sphHarm(0, 1, 0.3, 1.1)) + sq(sphHarm(-1, 1, 0.3, 1.1)) - 3 / (4 * Math.PI)) < 1e-15);
  // a 5×5×5 bowl (value = squared distance from the centre): every sample around the centre is ≥ it → 42 ones
  const size: Vec3 = [5, 5, 5];
  const data = new Int16Array(125);
  for (let z = 0; z < 5; z++) for (let y = 0; y < 5; y++) for (let x = 0; x < 5; x++) data[x + 5 * (y + 5 * z)] = 10 * ((x - 2) ** 2 + (y - 2) ** 2 + (z - 2) ** 2);
  const mask = new Uint8Array(125);
  mask[62] = 1;
  const out = new Map([...lbp3DImages(img(data, size), img(mask, size), {})].map((d) => [d.name, d.image.data]));
  assert.deepEqual([...out.keys()], ["lbp-3D-m1", "lbp-3D-m2", "lbp-3D-k"]);
  assert.ok(Math.abs(out.get("lbp-3D-m1")![62] - (42 / (4 * Math.PI)) * Math.sqrt(42)) < 1e-12);
  // m2 depends only on the pattern s_v: another bowl with the same all-ones pattern gives the same value
  const deeper = Int16Array.from(data, (x) => 3 * x + 7);
  const out2 = new Map([...lbp3DImages(img(deeper, size), img(mask, size), {})].map((d) => [d.name, d.image.data]));
  assert.ok(out.get("lbp-3D-m2")![62] > 0);
  assert.equal(out2.get("lbp-3D-m2")![62], out.get("lbp-3D-m2")![62]);
  assert.equal(out.get("lbp-3D-m1")![0], 0);
});
