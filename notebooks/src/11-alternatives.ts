// %% [markdown]
// # 11 · Alternative feature sets
//
// How much does the radiomics model depend on the choices made? Each variant below changes one thing — which
// image types or feature classes enter, which λ defines the rad-score, how strict the filters are — and the
// radiomics model is re-validated by repeated stratified 5-fold CV (2 repeats) with the whole selection refitted
// inside every fold. The variants are listed in `ALTERNATIVES` (src/study/reports.ts); add your own there.

// %%
import * as tsr from "../dist/index.js";
console.log(tsr.ALTERNATIVES.map((a) => a.name).join("\n"));

// %% [markdown]
// ## Simulated paper cohort (SIMULATED)

// %%
tsr.showAll(await tsr.alternativesReport("simulated"));

// %% [markdown]
// ## STS (real)

// %%
tsr.showAll(await tsr.alternativesReport("sts"));
