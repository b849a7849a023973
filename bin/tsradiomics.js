#!/usr/bin/env node
// Thin launcher: the CLI lives in the built package (npm ci builds dist/ through `prepare`).
import { main } from "../dist/cli/main.js";
// `tsradiomics data list | head` closes the pipe early: that is not an error.
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
