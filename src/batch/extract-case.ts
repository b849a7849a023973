import { extractFeatures } from "../extract/extractor.js";
import { loadParams, type RadiomicsParams } from "../extract/params.js";
import type { FeatureEntries } from "./cache.js";
import type { CaseInput } from "./runner.js";

/** Params files parsed once per thread: the batch hashes the file once, so every case sees the same settings. */
const parsed = new Map<string, RadiomicsParams>();

/**
 * The default per-case function of `tsradiomics batch`: `extractFeatures(image, mask, params, {label})`
 * (the row's Label overrides the params' label, as in PyRadiomics' batch mode).
 */
export async function extractCase(c: CaseInput, params: unknown): Promise<FeatureEntries> {
  let p = params as Parameters<typeof extractFeatures>[2];
  if (typeof params === "string") {
    if (!parsed.has(params)) parsed.set(params, loadParams(params));
    p = parsed.get(params);
  }
  const features = await extractFeatures(c.image, c.mask, p, { label: c.label });
  return [...features.entries()];
}
