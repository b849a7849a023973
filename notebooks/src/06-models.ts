// %% [markdown]
// # 06 · Clinical, radiomics and clinical–radiomics models
//
// As in the paper: clinical factors are screened one by one (univariable logistic regression), those with
// p < 0.05 enter a multivariable model reduced by backward stepwise AIC; the **radiomics model** is a
// logistic regression on the rad-score (notebook 05); the **clinical–radiomics model** combines the selected
// clinical factors with the rad-score. The combined model is drawn as a nomogram (rms point scales).
// Rotterdam has no images (clinical model only; its size and grade come from surgery — the cohort has no
// preoperative variables — so its model illustrates the statistics, not a preoperative tool); STS has no
// clinical factors (radiomics model only).

// %%
import * as tsr from "../dist/index.js";

// %% [markdown]
// ## Duke (real)

// %%
tsr.showAll(await tsr.modelsReport("duke"));

// %% [markdown]
// ## Simulated paper cohort (SIMULATED)

// %%
tsr.showAll(await tsr.modelsReport("simulated"));

// %% [markdown]
// ## STS (real, radiomics only)

// %%
tsr.showAll(await tsr.modelsReport("sts"));

// %% [markdown]
// ## Rotterdam (real, clinical only)

// %%
tsr.showAll(await tsr.modelsReport("rotterdam"));
