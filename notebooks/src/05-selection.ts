// %% [markdown]
// # 05 · Radiomics feature selection and the rad-score
//
// The paper reduced many DCE-MRI features to a short radiomics signature. Here, on each cohort with
// image features, the same chain runs on the whole development cohort:
//
// 1. **z-score** every feature with the cohort's mean and SD;
// 2. **Mann–Whitney U filter**: keep features that differ between outcome groups (p < 0.05);
// 3. **redundancy filter**: of any pair with |Spearman ρ| > 0.9, keep the one more related to the outcome;
// 4. **LASSO logistic regression** (glmnet semantics, 10-fold CV) at λ₁ₛₑ — the sparsest model within one
//    standard error of the best cross-validated deviance;
// 5. **rad-score** = the LASSO linear predictor of the selected features.
//
// In notebook 10 the *same chain* is refitted inside every cross-validation training fold, so the held-out
// patients never influence scaling or selection (no leakage).
//
// Not applied here: the paper's ICC filter on segmentation robustness. Notebook 04 measures ICC under mask
// perturbation on STS; Duke ships features, not masks, and the simulated masks are exact, so the models below
// use every extracted feature.

// %%
import * as tsr from "../dist/index.js";

// %% [markdown]
// ## Duke (real): 507 published DCE-MRI features, node-positive vs node-negative

// %%
tsr.showAll(await tsr.selectionReport("duke"));

// %% [markdown]
// ## Simulated paper cohort (SIMULATED): our own features of the synthetic early subtraction images

// %%
tsr.showAll(await tsr.selectionReport("simulated"));

// %% [markdown]
// ## STS (real): our own features of the T1 MRI, lung metastasis

// %%
tsr.showAll(await tsr.selectionReport("sts"));
