// %% [markdown]
// # 09 · Decision-curve analysis
//
// Net benefit (Vickers & Elkin) of acting on each model's predicted risk, across threshold probabilities,
// against treating everyone and treating no one (dcurves semantics: a patient is treated when risk ≥ t).
// A model is useful at a threshold where its curve lies above both references.

// %%
import * as tsr from "../dist/index.js";

// %% [markdown]
// ## Duke (real)

// %%
tsr.showAll(await tsr.dcaReport("duke"));

// %% [markdown]
// ## Simulated paper cohort (SIMULATED)

// %%
tsr.showAll(await tsr.dcaReport("simulated"));

// %% [markdown]
// ## STS (real, radiomics only)

// %%
tsr.showAll(await tsr.dcaReport("sts"));

// %% [markdown]
// ## Rotterdam (real, clinical only)

// %%
tsr.showAll(await tsr.dcaReport("rotterdam"));
