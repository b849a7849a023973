/**
 * The label every output of the simulated cohort carries (figure and table titles, the output
 * folder's README, the `cohort` field of the data). The simulated cohort mirrors the *design* of
 * Wang et al. (Front Oncol 2025; 124 patients, IMN metastasis, clinical + DCE-MRI radiomics); its
 * numbers are generated from documented assumptions and are not the paper's (private) data.
 */
export const SIMULATED_LABEL = "SIMULATED cohort (synthetic data, not the Wang et al. 2025 patients)";

/** Short tag for file names and table columns. */
export const SIMULATED_TAG = "simulated";
