/**
 * Feature-extraction benchmark: median wall time of ≥ 5 in-process runs of all default features
 * (Original image; shape, firstorder, glcm, glrlm, glszm, gldm, ngtdm) for brain1, breast1 and STS_001,
 * images already in memory. PyRadiomics' reference times: ~0.25 s (brain1), ~0.02 s (breast1).
 * Usage: npx tsx bench/features.ts [--runs N]
 */
import { dataFile } from "../src/data/registry.js";
import { computeFeatures } from "../src/extract/extractor.js";
import { DEFAULT_SETTINGS, normaliseParams } from "../src/extract/params.js";
import { prepareCase } from "../src/image/preprocess.js";
import { readImage } from "../src/io/read.js";

/** Benchmark cases: files resolved (and SHA-256 verified) through the data registry, data/datasets.json. */
const CASES: { name: string; dataset: string; image: string; mask: string; pyradiomicsSeconds?: number }[] = [
  { name: "brain1", dataset: "pyradiomics", image: "brain1_image.nrrd", mask: "brain1_label.nrrd", pyradiomicsSeconds: 0.25 },
  { name: "breast1", dataset: "pyradiomics", image: "breast1_image.nrrd", mask: "breast1_label.nrrd", pyradiomicsSeconds: 0.02 },
  { name: "STS_001", dataset: "sts", image: "nifti/STS_001/MR_T1_image.nii.gz", mask: "nifti/STS_001/MR_T1_mask.nii.gz" },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function main(): Promise<void> {
  const k = process.argv.indexOf("--runs");
  const runs = Math.max(5, k >= 0 ? Number(process.argv[k + 1]) : 5);
  const params = normaliseParams({});
  for (const c of CASES) {
    const image = await readImage(dataFile(c.dataset, c.image));
    const mask = await readImage(dataFile(c.dataset, c.mask));
    const times: number[] = [];
    const cpuTimes: number[] = [];
    const prepTimes: number[] = [];
    let nFeatures = 0;
    for (let r = 0; r < runs + 1; r++) {
      let t = performance.now();
      const cpu = process.cpuUsage();
      const out = await computeFeatures(image, mask, params);
      const dt = (performance.now() - t) / 1000;
      const used = process.cpuUsage(cpu);
      const dc = (used.user + used.system) / 1e6;
      t = performance.now();
      prepareCase(image, mask, { ...DEFAULT_SETTINGS }); // preprocessing share (src/image, issue 3)
      const dp = (performance.now() - t) / 1000;
      if (r > 0) times.push(dt), cpuTimes.push(dc), prepTimes.push(dp); // first run warms the JIT
      nFeatures = [...out.keys()].filter((key) => key.startsWith("original_")).length;
    }
    const med = median(times);
    const prep = median(prepTimes);
    // min of runs and process CPU seconds (GC threads included): less sensitive than the median to a loaded machine
    const min = Math.min(...times);
    const cpuMed = median(cpuTimes);
    const ref = c.pyradiomicsSeconds ? `  PyRadiomics ~${c.pyradiomicsSeconds} s → ratio ${(med / c.pyradiomicsSeconds).toFixed(2)}` : "";
    process.stdout.write(
      `${c.name.padEnd(8)} ${nFeatures} features  median ${med.toFixed(4)} s over ${runs} runs (min ${min.toFixed(4)} s, process CPU ${cpuMed.toFixed(4)} s; of which prepareCase ~${prep.toFixed(4)} s)${ref}\n`,
    );
  }
}

await main();
