export * from "./figure.js";
export * from "./plots.js";
export * from "./results.js";
export * from "./provenance.js";
export * from "./display.js";
export * from "./text-table.js";
export * from "./progress.js";
