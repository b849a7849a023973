export * from "./first-look.js";
export * from "./table1.js";
export * from "./duke.js";
