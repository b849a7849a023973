/**
 * Random helpers for the simulated cohort, all driven by the project's seeded generator
 * (`Rng`, xoshiro128** in src/stats/rng.ts) so every draw is reproducible from one seed.
 */
import { Rng } from "../stats/rng.js";

/** Logistic function 1 / (1 + e^(−x)). */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** 1 with probability p, else 0 (one uniform draw). */
export function bernoulli(rng: Rng, p: number): 0 | 1 {
  return rng.uniform() < p ? 1 : 0;
}

/** Clamps x into [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Uniform draw in [lo, hi). */
export function uniformIn(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.uniform();
}

/**
 * Seed of patient `index`'s own image stream: the cohort seed mixed with the index (golden-ratio
 * increment), so one patient's images can be regenerated alone, without rendering the others.
 */
export function patientSeed(cohortSeed: number, index: number): number {
  return (Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(cohortSeed >>> 0, 0x85ebca6b) ^ 0x5bd1e995) >>> 0;
}

/**
 * Bulk uniform stream for voxel noise: the same xoshiro128** recurrence as `Rng`, with its state
 * in a Uint32Array (≈ 6× faster per draw than `Rng`'s number fields, which overflow to heap
 * doubles). Seeded from four draws of the project `Rng`, so it is fully determined by that seed.
 */
class BulkStream {
  private readonly s = new Uint32Array(4);

  constructor(rng: Rng) {
    for (let i = 0; i < 4; i++) this.s[i] = rng.nextUint32();
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1; // all-zero state is absorbing
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  next(): number {
    const s = this.s;
    const r = Math.imul(rotl32(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl32(s[3], 11);
    return r;
  }
}

function rotl32(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Fills `out` with independent N(0, 1) deviates by Box–Muller, using both deviates of each pair
 * (z1 = r cos 2πu₂, z2 = r sin 2πu₂, r = √(−2 ln u₁)) and 32-bit uniforms u = (k + ½)/2³² (never
 * 0; ample resolution for image noise) from a `BulkStream` seeded by `rng`.
 */
export function fillStandardNormal(rng: Rng, out: Float32Array | Float64Array): void {
  const stream = new BulkStream(rng);
  const n = out.length;
  const inv = 1 / 4294967296;
  let i = 0;
  while (i < n) {
    const u1 = (stream.next() + 0.5) * inv;
    const r = Math.sqrt(-2 * Math.log(u1));
    const t = 2 * Math.PI * (stream.next() + 0.5) * inv;
    out[i++] = r * Math.cos(t);
    if (i < n) out[i++] = r * Math.sin(t);
  }
}
