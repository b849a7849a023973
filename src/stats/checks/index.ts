/** Topic name (the JSON's `topic`) → checker. Topics absent here are reported "not implemented". */
import type { TopicChecker } from "./core.js";
import { checkGlm } from "./glm.js";
import { checkRoc, checkRocTest } from "./roc.js";
import { checkCalibration, checkDca } from "./calibration.js";
import { checkGlmnet } from "./glmnet.js";
import { checkTests } from "./tests.js";
import { checkIcc, checkNriIdi } from "./icc.js";
import { checkStepAic } from "./stepaic.js";
import { checkNomogram } from "./nomogram.js";

export const TOPIC_CHECKERS: Record<string, TopicChecker> = {
  glm: checkGlm,
  roc: checkRoc,
  roc_test: checkRocTest,
  calibration: checkCalibration,
  dca: checkDca,
  glmnet: checkGlmnet,
  tests: checkTests,
  icc: checkIcc,
  nri_idi: checkNriIdi,
  stepaic: checkStepAic,
  nomogram: checkNomogram,
};
