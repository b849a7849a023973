/** The simulated paper cohort (synthetic data with a known truth; see docs/simulated-cohort.md). */
export * from "./paper-cohort.js";
