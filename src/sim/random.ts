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
 * increment), so one patient's images can be regenerated alone and do not shift when n changes.
 */
export function patientSeed(cohortSeed: number, index: number): number {
  return (Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(cohortSeed >>> 0, 0x85ebca6b) ^ 0x5bd1e995) >>> 0;
}

/**
 * Fills `out` with independent N(0, 1) deviates by Box–Muller, using both deviates of each pair
 * (z1 = r cos 2πu₂, z2 = r sin 2πu₂, r = √(−2 ln u₁)) and 32-bit uniforms u = (k + ½)/2³² (never
 * 0; ample resolution for image noise) — a quarter of the generator calls of `Rng.normal`.
 */
export function fillStandardNormal(rng: Rng, out: Float32Array | Float64Array): void {
  const n = out.length;
  const inv = 1 / 4294967296;
  let i = 0;
  while (i < n) {
    const u1 = (rng.nextUint32() + 0.5) * inv;
    const r = Math.sqrt(-2 * Math.log(u1));
    const t = 2 * Math.PI * (rng.nextUint32() + 0.5) * inv;
    out[i++] = r * Math.cos(t);
    if (i < n) out[i++] = r * Math.sin(t);
  }
}
