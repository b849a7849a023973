export * from "./duke.js";
export * from "./sts.js";
export * from "./rotterdam.js";
export * from "./csv.js";
