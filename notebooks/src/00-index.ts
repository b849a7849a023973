// %% [markdown]
// # tsradiomics · replicating a clinical–radiomics study
//
// **The paper.** Wang W, Zhang W, Yu T, Wu Q, Yang C, Li J. *Clinical–radiomics model for predicting internal
// mammary lymph node metastasis in operable breast cancer patients.* Front Oncol 2025 (doi:10.3389/fonc.2025.1477866).
// 124 patients; clinical factors + preoperative DCE-MRI radiomics → logistic models; AUC 0.913 (clinical),
// 0.831 (radiomics), 0.964 (clinical–radiomics, 95% CI 0.935–0.993); DeLong clinical vs combined p < 0.05;
// calibration slope 1.08; repeated k-fold CV accuracy 90.23% ± 8.45%.
//
// **What replication means here.** The paper's patients are private. These notebooks (1) compute every step as
// the trusted tools do — PyRadiomics/IBSI for features, R (pROC, glmnet, rms, dcurves, ResourceSelection, irr)
// for statistics — proven by the project's tests against their reference values; (2) run the study design on
// real public cohorts; (3) run it on a clearly labelled **simulated** cohort that follows the paper's design.
//
// | cohort | role | outcome | models |
// |---|---|---|---|
// | Duke Breast Cancer MRI (922, TCIA) | primary real clinical–radiomics cohort | node-positive (N ≥ 1) | clinical, radiomics (507 published DCE-MRI features), combined |
// | Simulated paper cohort (124) | the paper's design, synthetic DCE images | IMN metastasis (simulated) | clinical, radiomics (our extraction), combined |
// | Soft-tissue sarcoma (51, TCIA/IBSI) | image → features → model on real MRI | lung metastasis | radiomics (our extraction) |
// | Rotterdam (2,982) | large clinical nodal cohort | node-positive (nodes > 0) | clinical |
//
// ## Notebooks
// | | notebook | what |
// |---|---|---|
// | 01 | [first look](01-first-look.ipynb) | data check, STS first model, Duke Table 1 |
// | 02 | [images](02-images.ipynb) | the real DCE exam: phases, subtraction, PE/SER, ROI; STS slices |
// | 03 | [features](03-features.ipynb) | params, PyRadiomics parity and IBSI summaries, cohort extraction |
// | 04 | [reliability](04-reliability.ipynb) | ICC of features under mask perturbation |
// | 05 | [selection](05-selection.ipynb) | U test, correlation filter, LASSO path and CV, rad-score |
// | 06 | [models](06-models.ipynb) | clinical, radiomics, combined; OR tables; nomogram |
// | 07 | [ROC](07-roc.ipynb) | AUC with DeLong CI, DeLong tests |
// | 08 | [calibration](08-calibration.ipynb) | curves, slope, Hosmer–Lemeshow |
// | 09 | [DCA](09-dca.ipynb) | decision curves |
// | 10 | [validation](10-validation.ipynb) | repeated k-fold CV, bootstrap optimism |
// | 11 | [alternatives](11-alternatives.ipynb) | other feature sets and selection methods |
// | 12 | [scorecard](12-scorecard.ipynb) | the paper's numbers beside ours |
//
// Results land in `results/` (figures SVG + PNG, tables CSV + Markdown), each with a provenance record.

// %%
import * as tsr from "../dist/index.js";
const checks = tsr.checkAll();
console.log(`${checks.filter((c) => c.status === "ok").length}/${checks.length} registered data files verified (SHA-256).`);
if (checks.some((c) => c.status !== "ok")) throw new Error("some dataset files are missing or altered: run `npx tsradiomics data check`");
