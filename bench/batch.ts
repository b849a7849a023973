/**
 * Batch benchmark on the STS cohort (shared/data/sts: 51 folders, 49 with image + mask): Original +
 * LoG (σ = 1…5 mm) + Wavelet, all default feature classes, with --jobs 1 and --jobs 2. Prints cases/s
 * and the peak resident memory of each run (each run in its own process, so maxRSS is its own).
 *
 *   npx tsx bench/batch.ts [--jobs 1,2] [--limit N]
 *
 * Not a test: it takes minutes on the full cohort. STS_009 and STS_020 lack the image and are counted
 * as failed cases (the batch goes on).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { casesFromRecords } from "../src/batch/cases.js";
import { runBatch } from "../src/batch/engine.js";
import { dataRoot } from "../src/data/registry.js";

const STS = join(dataRoot(), "sts/nifti");

const PARAMS = {
  setting: { binWidth: 25, label: 1 },
  imageType: { Original: {}, LoG: { sigma: [1.0, 2.0, 3.0, 4.0, 5.0] }, Wavelet: {} },
  featureClass: { shape: null, firstorder: null, glcm: null, glrlm: null, glszm: null, gldm: null, ngtdm: null },
};

/** The cohort as batch records (every STS_xxx folder, whether or not its image exists). */
function stsRecords(limit: number): Record<string, string>[] {
  return readdirSync(STS)
    .filter((d) => d.startsWith("STS_"))
    .sort()
    .slice(0, limit)
    .map((d) => ({ ID: d, Image: join(STS, d, "MR_T1_image.nii.gz"), Mask: join(STS, d, "MR_T1_mask.nii.gz") }));
}

interface RunReport {
  jobs: number;
  cases: number;
  failed: number;
  seconds: number;
  casesPerSecond: number;
  peakRssMB: number;
  features: number;
}

/** One measured run (child-process mode). */
async function measure(jobs: number, limit: number): Promise<RunReport> {
  const { cases } = casesFromRecords(stsRecords(limit));
  const dir = mkdtempSync(join(tmpdir(), "tsr-bench-"));
  const params = join(dir, "params.json");
  writeFileSync(params, JSON.stringify(PARAMS));
  const start = performance.now();
  const { results, failed } = await runBatch(cases, {
    params,
    jobs,
    onProgress: (p) => process.stderr.write(`\r  jobs ${jobs}: ${p.done}/${p.total} cases, ${p.failed} failed   `),
  });
  process.stderr.write("\n");
  const seconds = (performance.now() - start) / 1000;
  const ok = results.filter((r) => r.status === "done");
  return {
    jobs,
    cases: cases.length,
    failed,
    seconds,
    casesPerSecond: ok.length / seconds,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    features: ok[0]?.features?.length ?? 0,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { jobs: { type: "string", default: "1,2" }, limit: { type: "string", default: "1000" }, child: { type: "boolean" } },
  });
  const limit = Number(values.limit);
  if (!existsSync(STS)) throw new Error(`STS cohort not found at ${STS}`);
  if (values.child) {
    process.stdout.write(`${JSON.stringify(await measure(Number(values.jobs), limit))}\n`);
    return;
  }
  const rows: RunReport[] = [];
  for (const jobs of values.jobs!.split(",").map(Number)) {
    const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, "--child", "--jobs", String(jobs), "--limit", String(limit)], {
      stdio: ["ignore", "pipe", "inherit"],
      encoding: "utf8",
    });
    if (child.status !== 0) throw new Error(`benchmark run with --jobs ${jobs} failed (status ${child.status})`);
    rows.push(JSON.parse(child.stdout.trim().split("\n").at(-1)!) as RunReport);
  }
  console.log("STS cohort, Original + LoG σ 1–5 mm + Wavelet (14 images), all default feature classes");
  console.log("jobs  cases  failed  seconds  cases/s  peak RSS (MB)  features/case");
  for (const r of rows) {
    console.log(
      `${String(r.jobs).padStart(4)}  ${String(r.cases).padStart(5)}  ${String(r.failed).padStart(6)}  ${r.seconds.toFixed(1).padStart(7)}  ${r.casesPerSecond.toFixed(3).padStart(7)}  ${r.peakRssMB.toFixed(0).padStart(13)}  ${String(r.features).padStart(13)}`,
    );
  }
}

await main();
