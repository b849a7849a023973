/** Wavelet filter: published taps, hand-derived sub-band responses, perfect reconstruction, naming. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Image3D } from "../../src/image/types.js";
import { padWrapToEven, swtAxis, waveletFilters, waveletImages } from "../../src/filters/wavelet.js";

function image(size: [number, number, number], f: (x: number, y: number, z: number) => number): Image3D<Float64Array> {
  const data = new Float64Array(size[0] * size[1] * size[2]);
  for (let z = 0; z < size[2]; z++)
    for (let y = 0; y < size[1]; y++) for (let x = 0; x < size[0]; x++) data[x + size[0] * (y + size[1] * z)] = f(x, y, z);
  return { data, size, spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
}

/** Deterministic pseudo-random values (LCG) for reconstruction tests. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 200 - 100;
}

test("coif1 taps: orthonormal, Σlo = √2, Σhi = 0, two vanishing moments of the wavelet", () => {
  const { lo, hi } = waveletFilters("coif1");
  const sum = (a: Float64Array, f: (v: number, k: number) => number) => a.reduce((s, v, k) => s + f(v, k), 0);
  assert.ok(Math.abs(sum(lo, (v) => v) - Math.SQRT2) < 1e-14);
  assert.ok(Math.abs(sum(lo, (v) => v * v) - 1) < 1e-14);
  assert.ok(Math.abs(sum(lo, (v, k) => (k + 2 < lo.length ? v * lo[k + 2] : 0))) < 1e-14);
  assert.ok(Math.abs(sum(lo, (v, k) => (k + 4 < lo.length ? v * lo[k + 4] : 0))) < 1e-14);
  assert.ok(Math.abs(sum(hi, (v) => v)) < 1e-14);
  assert.ok(Math.abs(sum(hi, (v, k) => k * v)) < 1e-13);
  // hi is the quadrature mirror of lo: hi[k] = (−1)^(k+1) lo[F−1−k]
  assert.equal(hi[0], -lo[5]);
  assert.equal(hi[1], lo[4]);
});

test("haar sub-bands of a ramp in x: HLL = −√2·slope inside, detail bands along constant axes are 0", () => {
  const img = image([6, 4, 4], (x) => 5 * x);
  const bands = new Map([...waveletImages(img, undefined, { wavelet: "haar" })].map((d) => [d.name, d.image.data]));
  assert.deepEqual([...bands.keys()], ["LLH", "LHL", "LHH", "HLL", "HLH", "HHL", "HHH", "LLL"].map((b) => `wavelet-${b}`));
  const hll = bands.get("wavelet-HLL")!;
  const lll = bands.get("wavelet-LLL")!;
  for (let z = 0; z < 4; z++) {
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 6; x++) {
        const i = x + 6 * (y + 4 * z);
        // haar hi: out[o] = −x[o+1]/√2 + x[o]/√2 (periodic); lo along y and z multiplies by √2 twice.
        const next = x === 5 ? 0 : 5 * (x + 1);
        assert.ok(Math.abs(hll[i] - 2 * Math.SQRT1_2 * (5 * x - next)) < 1e-12);
        assert.ok(Math.abs(lll[i] - 2 * Math.SQRT1_2 * (5 * x + next)) < 1e-12);
        for (const b of ["LLH", "LHL", "LHH", "HLH", "HHL", "HHH"]) assert.ok(Math.abs(bands.get(`wavelet-${b}`)![i]) < 1e-12);
      }
    }
  }
});

test("coif1 output index alignment: out[o] = Σ_j lo[j] x[(o + 3 − j) mod N] on a unit impulse", () => {
  const { lo } = waveletFilters("coif1");
  const n = 10;
  const x = new Float64Array(n);
  x[4] = 1;
  const out = swtAxis(x, [n, 1, 1], 0, lo);
  // impulse at 4 → out[o] = lo[o + 3 − 4] for 0 ≤ o − 1 + 0 < 6
  for (let o = 0; o < n; o++) assert.equal(out[o], o - 1 + 3 - 3 >= 0 && o + 3 - 4 < 6 && o + 3 - 4 >= 0 ? lo[o - 1] : 0);
});

test("odd sizes are wrap-padded (numpy.pad 'wrap') and outputs cropped back", () => {
  const img = image([3, 2, 1], (x, y) => x + 10 * y);
  const { data, shape } = padWrapToEven(img.data, img.size);
  assert.deepEqual(shape, [4, 2, 2]);
  assert.deepEqual([...data.subarray(0, 8)], [0, 1, 2, 0, 10, 11, 12, 10]);
  assert.deepEqual([...data.subarray(8)], [0, 1, 2, 0, 10, 11, 12, 10]);
  for (const d of waveletImages(img, undefined, {})) assert.equal(d.image.data.length, 6);
});

/** Inverse of one periodic undecimated level along an axis: x[i] = ½ Σ_j (lo[j] a[i − h + j] + hi[j] d[i − h + j]). */
function inverseAxis(a: Float64Array, d: Float64Array, shape: number[], axis: number, lo: Float64Array, hi: Float64Array): Float64Array {
  const [nx, ny] = shape;
  const n = shape[axis];
  const stride = [1, nx, nx * ny][axis];
  const out = new Float64Array(a.length);
  const h = lo.length >> 1;
  for (let i = 0; i < a.length; i++) {
    const c = Math.floor(i / stride) % n;
    const base = i - c * stride;
    let s = 0;
    for (let j = 0; j < lo.length; j++) {
      const k = (((c - h + j) % n) + n) % n;
      s += lo[j] * a[base + k * stride] + hi[j] * d[base + k * stride];
    }
    out[i] = s / 2;
  }
  return out;
}

for (const wavelet of ["haar", "coif1"]) {
  test(`${wavelet}: the 8 sub-bands reconstruct the image exactly (inverse SWT, even sizes)`, () => {
    const rnd = lcg(42);
    const size: [number, number, number] = [8, 6, 4];
    const img = image(size, () => rnd());
    const { lo, hi } = waveletFilters(wavelet);
    const bands = new Map([...waveletImages(img, undefined, { wavelet })].map((d) => [d.name.slice(-3), d.image.data as Float64Array]));
    // Undo z, then y, then x: key letters are in x, y, z order.
    const level2 = new Map<string, Float64Array>();
    for (const xy of ["LL", "LH", "HL", "HH"]) level2.set(xy, inverseAxis(bands.get(`${xy}L`)!, bands.get(`${xy}H`)!, size, 2, lo, hi));
    const level1 = new Map<string, Float64Array>();
    for (const x of ["L", "H"]) level1.set(x, inverseAxis(level2.get(`${x}L`)!, level2.get(`${x}H`)!, size, 1, lo, hi));
    const rec = inverseAxis(level1.get("L")!, level1.get("H")!, size, 0, lo, hi);
    for (let i = 0; i < rec.length; i++) assert.ok(Math.abs(rec[i] - img.data[i]) < 1e-10, `voxel ${i}: ${rec[i]} vs ${img.data[i]}`);
  });
}

test("level 2 names and start_level; force2D decomposes 2 axes only", () => {
  const img = image([8, 8, 4], (x, y, z) => x * y - z);
  const names = [...waveletImages(img, undefined, { wavelet: "haar", level: 2 })].map((d) => d.name);
  assert.equal(names.length, 15);
  assert.equal(names[7], "wavelet2-LLH");
  assert.equal(names[14], "wavelet2-LLL");
  const flat = [...waveletImages(img, undefined, { wavelet: "haar", force2D: true, force2Ddimension: 0 })].map((d) => d.name);
  assert.deepEqual(flat, ["wavelet-LH", "wavelet-HL", "wavelet-HH", "wavelet-LL"]);
  // start_level 1 = level-1 approximation decomposed once more
  const approx1 = [...waveletImages(img, undefined, { wavelet: "haar" })].at(-1)!.image;
  const fromStart = [...waveletImages(img, undefined, { wavelet: "haar", start_level: 1 })].at(-1)!.image.data;
  const twice = [...waveletImages(approx1, undefined, { wavelet: "haar" })].at(-1)!.image.data;
  assert.deepEqual([...fromStart], [...twice]);
  assert.throws(() => [...waveletImages(img, undefined, { wavelet: "db7" })], /wavelet 'db7' is not supported/);
});
