/**
 * tsradiomics — the public API used by the notebooks and the CLI.
 * Stage modules are also importable one by one, without the .js extension (`tsradiomics/stats/index`,
 * `tsradiomics/extract/extractor`, …).
 */
export * from "./data/registry.js";
export * from "./cohorts/index.js";
export * from "./report/index.js";
export * from "./study/index.js";
export { readImage } from "./io/read.js";
export { InputError, DataError } from "./errors.js";
export * from "./sim/index.js";
export * from "./stats/index.js";
export { extractFeatures } from "./extract/extractor.js";
