/**
 * Every filtered feature PyRadiomics produced (baseline_filters.csv, 16 columns: breast1/brain1 ×
 * wavelet, wavelet-haar, square, squareroot, logarithm, exponential, lbp2D, lbp3D)
 * recomputed through the extractor façade with the baseline's settings, within 1e-6 relative.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import type { Mask3D } from "../../src/image/types.js";
import { PYRAD, loadCase, readFilterBaseline, relDev } from "./helpers.js";

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
    /**
     * LBP3D samples the image with scipy's map_coordinates in the image's own dtype (int16 here: samples
     * rounded). The preprocessing stage hands generators a float64 copy, so this case applies the
     * extractor's feature stage (crop to the ROI box, computeIntensityClasses) to LBP3D of the int16
     * source image; with these settings preprocessing changes no value.
     */
    test(`${caseName}_lbp3D`, async () => {
      const { computeIntensityClasses } = (await import("../../src/extract/extractor.js")) as typeof import("../../src/extract/extractor.js");
      const { DEFAULT_SETTINGS, normaliseParams } = (await import("../../src/extract/params.js")) as typeof import("../../src/extract/params.js");
      const { boundingBox, cropToBox } = await import("../../src/image/mask.js");
      const { lbp3DImages } = await import("../../src/filters/lbp3d.js");
      const { image, mask: maskData } = await loadCase(caseName as "breast1" | "brain1");
      const mask: Mask3D = { ...image, data: maskData };
      const params = normaliseParams({ setting: SETTING, imageType: { Original: {}, LBP3D: {} }, featureClass: ALL_CLASSES });
      const settings = { ...DEFAULT_SETTINGS, ...SETTING };
      const box = boundingBox(mask);
      const features = new Map<string, number | string>();
      for (const d of lbp3DImages(image, mask, settings)) {
        computeIntensityClasses(d.name, cropToBox(d.image, box), cropToBox(mask, box), settings, params, features);
      }
      const column = `${caseName}_lbp3D`;
      let compared = 0;
      const failures: string[] = [];
      for (const [name, cells] of baseline.rows) {
        const ref = cells.get(column);
        if (name.startsWith("original_") || !ref) continue;
        compared++;
        const value = features.get(name);
        const dev = value === undefined ? Infinity : relDev(Number(value), Number(ref));
        // The baseline README: last-bit sph_harm differences flip which tied m1/m2 voxels fall inside
        // [P10, P90], so PyRadiomics itself reproduces this feature only to ~1e-2 (brain1 m2: 4.0656 with
        // scipy 1.17 vs 4.0505 with scipy 1.10); every other LBP3D feature is held to 1e-6.
        const tol = /^lbp-3D-m\d_firstorder_RobustMeanAbsoluteDeviation$/.test(name) ? 1e-2 : TOLERANCE;
        if (!(dev <= tol)) failures.push(`${name}: ${value} vs ${ref} (rel ${dev.toExponential(2)})`);
      }
      assert.equal(compared, 3 * 93);
      assert.deepEqual(failures, []);
    });
  }
});
