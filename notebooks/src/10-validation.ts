// %% [markdown]
// # 10 · Internal validation
//
// The paper reports repeated k-fold cross-validation (accuracy 90.23% ± 8.45% for the combined model). Here
// every model is validated by **repeated stratified k-fold CV** (accuracy at a 0.5 cut-off and AUC, mean ± SD
// over all held-out folds) and by **bootstrap optimism correction** (Harrell): apparent AUC minus the mean
// optimism of models refitted in bootstrap samples.
//
// The whole development — clinical screening and stepwise AIC, z-scoring, U and correlation filters, LASSO
// with its own inner CV, the final logistic fit — is refitted inside every training fold and bootstrap sample
// (`PaperModel` is an estimator with `fit`/`predictProba`), so held-out patients never leak into selection.
// Fold and bootstrap settings per cohort are in `VALIDATION` (the clinical-only Rotterdam models are cheap
// enough for 10 × 10-fold CV and 100 bootstraps; the image cohorts get 5-fold × 5 and 20 bootstraps).

// %%
import * as tsr from "../dist/index.js";
console.log(tsr.VALIDATION);

// %%
tsr.showAll(await tsr.validationReport(["simulated", "sts", "rotterdam", "duke"]));
