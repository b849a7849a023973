// %% [markdown]
// # 07 · ROC analysis and DeLong tests
//
// For each model: the ROC curve, the AUC with its DeLong 95% confidence interval (pROC), the Youden-optimal
// cut-off with sensitivity, specificity, accuracy, PPV and NPV, and paired DeLong tests between models
// (pROC::roc.test). These are **apparent** performances on the development cohort, as the paper reports them;
// notebook 10 gives cross-validated and optimism-corrected estimates.

// %%
import * as tsr from "../dist/index.js";

// %% [markdown]
// ## Duke (real)

// %%
tsr.showAll(await tsr.rocReport("duke"));

// %% [markdown]
// ## Simulated paper cohort (SIMULATED)

// %%
tsr.showAll(await tsr.rocReport("simulated"));

// %% [markdown]
// ## STS (real, radiomics only)

// %%
tsr.showAll(await tsr.rocReport("sts"));

// %% [markdown]
// ## Rotterdam (real, clinical only)

// %%
tsr.showAll(await tsr.rocReport("rotterdam"));
