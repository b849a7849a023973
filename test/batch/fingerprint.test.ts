import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_RUNNER, engineFingerprint } from "../../src/batch/runner.ts";

test("the default runner's cache id carries a fingerprint of the feature-engine code", () => {
  const fp = engineFingerprint();
  assert.match(fp, /^[0-9a-f]{16}$/);
  assert.equal(engineFingerprint(), fp, "stable within a version");
  assert.equal(DEFAULT_RUNNER.id, `tsradiomics-extract-v1+${fp}`);
});
