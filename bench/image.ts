/**
 * Image I/O and preprocessing timings (a script, no assertions):
 *   npx tsx bench/image.ts
 * brain1: NRRD read, prepareCase with the baseline settings (default, normalization, 2 mm B-spline
 * resampling, sigma resegmentation); UCSF-BR-06 DCE: header scan, phase split + 3 volume reads,
 * DICOM SEG placement, PE/SER maps.
 */
import { join } from "node:path";
import { readImage } from "../src/io/read.js";
import { readDicomPhases, readDicomSeg, scanDicomFolder } from "../src/io/dicom.js";
import { prepareCase } from "../src/image/preprocess.js";
import { percentEnhancement, signalEnhancementRatio } from "../src/image/dce.js";
import { dataRoot } from "../src/data/registry.js";

const SHARED = dataRoot();

async function time<T>(label: string, f: () => Promise<T> | T, repeat = 1): Promise<T> {
  let out!: T;
  const t0 = performance.now();
  for (let k = 0; k < repeat; k++) out = await f();
  const ms = (performance.now() - t0) / repeat;
  console.log(`${label.padEnd(58)} ${ms.toFixed(1).padStart(9)} ms`);
  return out;
}

const pyrad = join(SHARED, "pyradiomics");
const image = await time("brain1: read image (NRRD, first call loads itk-wasm)", () => readImage(join(pyrad, "brain1_image.nrrd")));
await time("brain1: read image (NRRD, warm)", () => readImage(join(pyrad, "brain1_image.nrrd")), 3);
const label = await time("brain1: read label (NRRD)", () => readImage(join(pyrad, "brain1_label.nrrd")));
const settings: [string, Record<string, unknown>][] = [
  ["default", {}],
  ["normalize ×100", { normalize: true, normalizeScale: 100 }],
  ["B-spline 2 mm", { interpolator: "sitkBSpline", resampledPixelSpacing: [2, 2, 2] }],
  ["linear 1 mm", { interpolator: "sitkLinear", resampledPixelSpacing: [1, 1, 1] }],
  ["resegment sigma ±3", { resegmentRange: [-3, 3], resegmentMode: "sigma" }],
];
for (const [name, s] of settings) await time(`brain1: prepareCase ${name}`, () => prepareCase(image, label, s), 3);

const dce = join(SHARED, "breast_dce/UCSF-BR-06");
await time("DCE: scan 180 DICOM headers", () => scanDicomFolder(join(dce, "image_dce_3dfgre_orig")));
const phases = await time("DCE: split + read 3 phases (itk-wasm)", () => readDicomPhases(join(dce, "image_dce_3dfgre_orig")));
await time("DCE: place DICOM SEG (42 frames) on the grid", () => readDicomSeg(join(dce, "mask/1-1.dcm"), phases[0]!.image));
await time("DCE: PE map (256×256×60)", () => percentEnhancement(phases[0]!.image, phases[1]!.image));
await time("DCE: SER map", () => signalEnhancementRatio(phases[0]!.image, phases[1]!.image, phases[2]!.image));
