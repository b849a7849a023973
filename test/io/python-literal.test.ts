import { test } from "node:test";
import assert from "node:assert/strict";
import { parsePythonLiteral } from "../../src/io/python-literal.js";
import { InputError } from "../../src/errors.js";
import { readBaseline } from "../image/baseline.js";

test("parses PyRadiomics' Configuration_Settings dict literal", () => {
  const text = readBaseline("firstorder").get("brain1_resegmentation")!.get("diagnostics_Configuration_Settings")!;
  const s = parsePythonLiteral(text) as Record<string, unknown>;
  assert.deepEqual(s.resegmentRange, [-3, 3]);
  assert.equal(s.resegmentMode, "sigma");
  assert.equal(s.interpolator, "sitkBSpline");
  assert.equal(s.resampledPixelSpacing, null);
  assert.equal(s.additionalInfo, true);
  assert.equal(s.force2D, false);
  assert.deepEqual(s.distances, [1]);
  assert.equal(s.padDistance, 5);
});

test("parses tuples, nested containers, quotes, escapes, floats and signs", () => {
  assert.deepEqual(parsePythonLiteral("(162, 84, 11, 47, 70, 7)"), [162, 84, 11, 47, 70, 7]);
  assert.deepEqual(parsePythonLiteral("{'Original': {}, 'LoG': {'sigma': [1.0, 2.5e-1]}}"), { Original: {}, LoG: { sigma: [1, 0.25] } });
  assert.deepEqual(parsePythonLiteral(`["it's", 'a "b"', 'x\\'y', -0.5, +3, ()]`), ["it's", 'a "b"', "x'y", -0.5, 3, []]);
  assert.deepEqual(parsePythonLiteral("(1,)"), [1]);
  assert.deepEqual(parsePythonLiteral("{1: None}"), { "1": null });
});

test("malformed literals are InputErrors with the position", () => {
  assert.throws(() => parsePythonLiteral("{'a': 1"), InputError);
  assert.throws(() => parsePythonLiteral("[1 2]"), /position/);
  assert.throws(() => parsePythonLiteral("'open"), /unterminated/);
  assert.throws(() => parsePythonLiteral("1 x"), /trailing/);
});
