// %% [markdown]
// # 08 · Calibration
//
// Do predicted probabilities match observed frequencies? For each model: the calibration curve (deciles of
// predicted risk with 95% CIs, and a lowess smooth as rms::val.prob draws it), the calibration slope and
// intercept (logistic regression of the outcome on the logit of the prediction), calibration-in-the-large,
// Brier score, Emax/Eavg, and the Hosmer–Lemeshow test with 10 groups (ResourceSelection::hoslem.test).
// On the development data a logistic model's slope is 1 by construction; the cross-validated slope is in
// notebook 10 and the scorecard.

// %%
import * as tsr from "../dist/index.js";

// %% [markdown]
// ## Duke (real)

// %%
tsr.showAll(await tsr.calibrationReport("duke"));

// %% [markdown]
// ## Simulated paper cohort (SIMULATED)

// %%
tsr.showAll(await tsr.calibrationReport("simulated"));

// %% [markdown]
// ## STS (real, radiomics only)

// %%
tsr.showAll(await tsr.calibrationReport("sts"));

// %% [markdown]
// ## Rotterdam (real, clinical only)

// %%
tsr.showAll(await tsr.calibrationReport("rotterdam"));
