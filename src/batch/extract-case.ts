import { extractFeatures } from "../extract/extractor.js";
import type { FeatureEntries } from "./cache.js";
import type { CaseInput } from "./runner.js";

/**
 * The default per-case function of `tsradiomics batch`: `extractFeatures(image, mask, params, {label})`
 * (the row's Label overrides the params' label, as in PyRadiomics' batch mode).
 */
export async function extractCase(c: CaseInput, params: unknown): Promise<FeatureEntries> {
  const features = await extractFeatures(c.image, c.mask, params as Parameters<typeof extractFeatures>[2], {
    label: c.label,
  });
  return [...features.entries()];
}
