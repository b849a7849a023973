/** Public entry of the statistics core (see docs/stats.md). */
export * from "./logistic.js";
export * from "./roc.js";
export * from "./delong.js";
export * from "./calibration.js";
export * from "./dca.js";
export * from "./glmnet.js";
export * from "./stepaic.js";
export * from "./nri-idi.js";
export * from "./icc.js";
export * from "./tests.js";
export * from "./nomogram.js";
export * from "./selection.js";
export * from "./validation.js";
export * from "./rng.js";
export * from "./dist.js";
