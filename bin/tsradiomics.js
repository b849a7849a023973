#!/usr/bin/env node
// Thin launcher: the CLI lives in the built package (npm ci builds dist/ through `prepare`).
import { main } from "../dist/cli/main.js";
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
