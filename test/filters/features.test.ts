/**
 * Every filtered feature PyRadiomics produced (baseline_filters.csv, 16 columns: breast1/brain1 ×
 * wavelet, wavelet-haar, square, squareroot, logarithm, exponential, lbp2D; LBP3D not implemented)
 * recomputed through the extractor façade with the baseline's settings, within 1e-6 relative.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { PYRAD, readFilterBaseline, relDev } from "./helpers.js";

const EXTRACTOR = join(import.meta.dirname, "../../src/extract/extractor.ts");
const TOLERANCE = 1e-6;

/** The settings row of the README (same for every column). */
const SETTING = {
  distances: [1], voxelArrayShift: 2000, additionalInfo: true, force2D: false, interpolator: null,
  resampledPixelSpacing: null, gldm_a: 0, weightingNorm: null, normalizeScale: 1, normalize: false,
  force2Ddimension: 0, removeOutliers: null, minimumROISize: null, binWidth: 25, label: 1,
  minimumROIDimensions: 1, preCrop: false, resegmentRange: null, padDistance: 5,
};
const CONFIGS: Record<string, Record<string, Record<string, unknown>>> = {
  wavelet: { Original: {}, Wavelet: {} },
  "wavelet-haar": { Original: {}, Wavelet: { wavelet: "haar" } },
  square: { Original: {}, Square: {} },
  squareroot: { Original: {}, SquareRoot: {} },
  logarithm: { Original: {}, Logarithm: {} },
  exponential: { Original: {}, Exponential: {} },
  lbp2D: { Original: {}, LBP2D: {} },
};
const ALL_CLASSES = { firstorder: null, glcm: null, glrlm: null, glszm: null, gldm: null, ngtdm: null, shape: null };

describe("filtered features vs PyRadiomics filter baseline", { skip: existsSync(EXTRACTOR) ? false : "extractor façade not present" }, () => {
  const baseline = readFilterBaseline();
  for (const caseName of ["breast1", "brain1"]) {
    for (const [suffix, imageType] of Object.entries(CONFIGS)) {
      const column = `${caseName}_${suffix}`;
      test(column, async () => {
        const { extractFeatures } = (await import("../../src/extract/extractor.js")) as typeof import("../../src/extract/extractor.js");
        const features = await extractFeatures(join(PYRAD, `${caseName}_image.nrrd`), join(PYRAD, `${caseName}_label.nrrd`), {
          setting: SETTING,
          imageType,
          featureClass: ALL_CLASSES,
        });
        let compared = 0;
        const failures: string[] = [];
        for (const [name, cells] of baseline.rows) {
          const ref = cells.get(column);
          if (name.startsWith("original_") || !ref) continue;
          const value = features.get(name);
          compared++;
          if (value === undefined) {
            failures.push(`${name}: missing`);
            continue;
          }
          const dev = relDev(Number(value), Number(ref));
          if (!(dev <= TOLERANCE)) failures.push(`${name}: ${value} vs ${ref} (rel ${dev.toExponential(2)})`);
        }
        assert.equal(compared, suffix.startsWith("wavelet") ? 8 * 93 : 93);
        assert.deepEqual(failures, []);
      });
    }
  }
});
