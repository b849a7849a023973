// %% [markdown]
// # 12 · Replication scorecard
//
// The paper's reported numbers beside the same quantities computed here, cohort by cohort. Written to
// `results/scorecard.md` (and `results/tables/12-scorecard.csv`) with its provenance.
//
// **Caveat:** the paper's patients are private and none of these cohorts is the paper's; the simulated cohort
// is synthetic and says so.

// %%
import * as tsr from "../dist/index.js";
const card = await tsr.scorecard(["duke", "simulated", "sts", "rotterdam"]);
tsr.show(card.markdown);
