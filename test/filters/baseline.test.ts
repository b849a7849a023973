/**
 * Filtered images vs PyRadiomics' filter baseline (shared/data/pyradiomics/filter_baseline): for every
 * image type PyRadiomics produced, the first-order Mean/Minimum/Maximum/Variance of our filtered image
 * inside the label-1 mask must equal the `<type>_firstorder_*` rows within 1e-6 relative.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { IMAGE_TYPES, type DerivedImage } from "../../src/filters/index.js";
import type { Image3D, Mask3D } from "../../src/image/types.js";
import { loadCase, maskStats, readFilterBaseline, relDev } from "./helpers.js";

const CONFIGS: Record<string, { type: string; settings: Record<string, unknown>; names: string[] }> = {
  wavelet: { type: "Wavelet", settings: {}, names: ["LLH", "LHL", "LHH", "HLL", "HLH", "HHL", "HHH", "LLL"].map((b) => `wavelet-${b}`) },
  "wavelet-haar": {
    type: "Wavelet",
    settings: { wavelet: "haar" },
    names: ["LLH", "LHL", "LHH", "HLL", "HLH", "HHL", "HHH", "LLL"].map((b) => `wavelet-${b}`),
  },
  square: { type: "Square", settings: {}, names: ["square"] },
  squareroot: { type: "SquareRoot", settings: {}, names: ["squareroot"] },
  logarithm: { type: "Logarithm", settings: {}, names: ["logarithm"] },
  exponential: { type: "Exponential", settings: {}, names: ["exponential"] },
  lbp2D: { type: "LBP2D", settings: {}, names: ["lbp-2D"] },
  lbp3D: { type: "LBP3D", settings: {}, names: ["lbp-3D-m1", "lbp-3D-m2", "lbp-3D-k"] },
};

const TOLERANCE = 1e-6;
const baseline = readFilterBaseline();

async function collect(type: string, image: Image3D, mask: Mask3D, settings: Record<string, unknown>): Promise<DerivedImage[]> {
  const out: DerivedImage[] = [];
  for await (const d of IMAGE_TYPES[type](image, mask, settings)) out.push(d);
  return out;
}

for (const caseName of ["breast1", "brain1"] as const) {
  describe(`PyRadiomics filter baseline — ${caseName}`, () => {
    let image: Image3D;
    let maskData: Uint8Array;
    before(async () => {
      ({ image, mask: maskData } = await loadCase(caseName));
    });
    for (const [suffix, cfg] of Object.entries(CONFIGS)) {
      test(`${suffix}: image names, order and first-order statistics in the mask`, async () => {
        const mask: Mask3D = { ...image, data: maskData };
        const derived = await collect(cfg.type, image, mask, cfg.settings);
        assert.deepEqual(
          derived.map((d) => d.name),
          cfg.names,
        );
        const column = `${caseName}_${suffix}`;
        for (const d of derived) {
          assert.deepEqual(d.image.size, image.size);
          const stats = maskStats(d.image.data, maskData);
          for (const [stat, value] of Object.entries(stats)) {
            const cell = baseline.rows.get(`${d.name}_firstorder_${stat}`)?.get(column);
            assert.ok(cell !== undefined && cell !== "", `baseline lacks ${d.name}_firstorder_${stat} in ${column}`);
            const ref = Number(cell);
            const dev = relDev(value, ref);
            assert.ok(dev <= TOLERANCE, `${column} ${d.name} ${stat}: ${value} vs ${ref} (rel ${dev.toExponential(2)})`);
          }
        }
      });
    }
  });
}
