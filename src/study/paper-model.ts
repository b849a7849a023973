/**
 * The paper's three models as estimators (fit/predictProba), so the whole development procedure —
 * clinical factor selection, radiomics scaling, filtering, LASSO and the rad-score — is refitted on
 * every training set of a cross-validation or bootstrap loop and never sees held-out rows.
 *
 * Design (Wang et al. 2025, as far as the paper describes it; defaults documented here):
 * - clinical: univariable logistic screen (Wald p < `clinicalP`), then backward stepwise AIC over the
 *   screened factors (MASS::stepAIC); if no factor passes, the single best one is kept;
 * - radiomics: z-score (train mean/SD) → Mann–Whitney U filter (p < `uAlpha`) → Spearman redundancy
 *   filter (|ρ| > `corrThreshold`, the more outcome-relevant feature kept) → LASSO logistic with
 *   `lassoFolds`-fold CV (glmnet semantics) at λ_1se (or λ_min) → rad-score = LASSO linear
 *   predictor → logistic regression on the rad-score;
 * - combined: logistic regression on the selected clinical factors + the rad-score.
 * X is a row-major matrix whose columns are `layout.clinical` then `layout.radiomics`.
 */
import { InputError } from "../errors.js";
import { cvGlmnet, radScore, selectedFeatures, type CvGlmnet } from "../stats/glmnet.js";
import { fitLogistic, predictProbability, univariableScreen, type LogisticFit, type ScreenRow } from "../stats/logistic.js";
import { CorrelationFilter, StandardScaler, UnivariateFilter, type Matrix } from "../stats/selection.js";
import { stepAicBackward, type StepAicResult } from "../stats/stepaic.js";
import type { Estimator } from "../stats/validation.js";

export interface ColumnLayout {
  clinical: string[];
  radiomics: string[];
}

export interface PaperModelSettings {
  /** Univariable screening threshold for clinical factors (default 0.05). */
  clinicalP: number;
  /** Backward stepwise AIC after screening (default true). */
  stepwise: boolean;
  /** Mann–Whitney U filter threshold (default 0.05). */
  uAlpha: number;
  /** |Spearman ρ| above which the less relevant feature is dropped (default 0.9). */
  corrThreshold: number;
  /** Inner CV folds of the LASSO (default 10). */
  lassoFolds: number;
  /** Which λ defines the rad-score (default "1se", the sparser model). */
  lambda: "min" | "1se";
  /**
   * glmnet's lambda.min.ratio (default here 0.01, glmnet's own default when n < p). The end of the path
   * near λ = 0 approaches the unpenalised, often near-separated fit: costly to compute and never chosen
   * by CV on these cohorts (λ_min lies at ≈ 0.1·λ_max); a CV minimum at the path's end would show in the
   * CV-curve figure of notebook 05.
   */
  lambdaMinRatio: number;
  /** Seed of the LASSO folds. */
  seed: number;
}

export const DEFAULT_SETTINGS: PaperModelSettings = {
  clinicalP: 0.05,
  stepwise: true,
  uAlpha: 0.05,
  corrThreshold: 0.9,
  lassoFolds: 10,
  lambda: "1se",
  lambdaMinRatio: 0.01,
  seed: 2025,
};

function columns(x: Matrix, idx: number[]): number[][] {
  return Array.from(x, (row) => idx.map((j) => row[j]));
}

function asColumns(x: Matrix, idx: number[], names: string[]): Record<string, Float64Array> {
  return Object.fromEntries(idx.map((j, k) => [names[k], Float64Array.from(x, (row) => row[j])]));
}

/** Clinical factor selection learnt on the training rows. */
export class ClinicalSelection {
  screen: ScreenRow[] = [];
  step?: StepAicResult;
  selected: string[] = [];
  /** Why the selection departed from the rule (e.g. no factor passed the screen), or "". */
  note = "";

  constructor(readonly layout: ColumnLayout, readonly settings: PaperModelSettings) {}

  fit(x: Matrix, y: ArrayLike<number>): this {
    const names = this.layout.clinical;
    if (names.length === 0) throw new InputError("clinical model: the cohort has no clinical factors");
    const cols = asColumns(x, names.map((_, j) => j), names);
    // A factor constant in these rows (possible in a small fold) carries no information: p = 1.
    this.screen = names.map((name) => {
      const col = cols[name];
      if (col.every((v) => v === col[0])) return { name, oddsRatio: NaN, orCiLower: NaN, orCiUpper: NaN, pValue: 1, selected: false };
      return univariableScreen({ [name]: col }, y, this.settings.clinicalP)[0];
    });
    const best = [...this.screen].sort((a, b) => a.pValue - b.pValue)[0].name;
    let chosen = this.screen.filter((r) => r.selected).map((r) => r.name);
    this.note = "";
    if (chosen.length === 0) {
      chosen = [best];
      this.note = `no factor had p < ${this.settings.clinicalP}: the single best (${best}) is kept`;
    }
    if (this.settings.stepwise && chosen.length > 1) {
      this.step = stepAicBackward(Object.fromEntries(chosen.map((c) => [c, cols[c]])), y);
      chosen = this.step.selectedTerms;
      if (chosen.length === 0) {
        chosen = [best];
        this.note = `stepwise AIC removed every factor: the single best (${best}) is kept`;
      }
    }
    this.selected = chosen;
    return this;
  }

  /** Selected clinical columns of X (in selection order). */
  transform(x: Matrix): number[][] {
    return columns(x, this.selected.map((s) => this.layout.clinical.indexOf(s)));
  }
}

/** Radiomics signature learnt on the training rows: scaler → U filter → correlation filter → LASSO. */
export class RadScore {
  scaler = new StandardScaler();
  uFilter: UnivariateFilter;
  corrFilter: CorrelationFilter;
  lasso?: CvGlmnet;
  /** Path index of the λ that defines the rad-score. */
  k = 0;
  afterU: string[] = [];
  afterCorr: string[] = [];
  selected: string[] = [];
  lambdaUsed = NaN;
  lambdaRule = "";

  constructor(readonly layout: ColumnLayout, readonly settings: PaperModelSettings) {
    this.uFilter = new UnivariateFilter({ test: "mannwhitney", alpha: settings.uAlpha, minKeep: 2 });
    this.corrFilter = new CorrelationFilter({ threshold: settings.corrThreshold, method: "spearman" });
  }

  private radiomicsColumns(x: Matrix): number[][] {
    const offset = this.layout.clinical.length;
    return columns(x, this.layout.radiomics.map((_, j) => offset + j));
  }

  fit(x: Matrix, y: ArrayLike<number>): this {
    const names = this.layout.radiomics;
    if (names.length === 0) throw new InputError("radiomics model: the cohort has no radiomics features");
    let z = this.scaler.fit(this.radiomicsColumns(x)).transform(this.radiomicsColumns(x));
    z = this.uFilter.fit(z, y).transform(z);
    this.afterU = this.uFilter.outputNames(names);
    if (this.afterU.length > 1) {
      z = this.corrFilter.fit(z, y).transform(z);
      this.afterCorr = this.corrFilter.outputNames(this.afterU);
    } else this.afterCorr = this.afterU;
    // glmnet needs at least two columns; a single surviving feature is its own signature.
    if (this.afterCorr.length === 1) z = z.map((r) => [r[0], r[0]]);
    const lassoNames = this.afterCorr.length === 1 ? [this.afterCorr[0], `${this.afterCorr[0]} (copy)`] : this.afterCorr;
    this.lasso = cvGlmnet(z, y, { nfolds: this.settings.lassoFolds, seed: this.settings.seed, names: lassoNames, lambdaMinRatio: this.settings.lambdaMinRatio });
    const preferred = this.settings.lambda === "min" ? this.lasso.indexMin : this.lasso.index1se;
    // λ_1se can select nothing on weak signals: then λ_min. If the CV-chosen λ selects nothing either, the
    // data support no signature: the rad-score is 0 for everyone (the radiomics model predicts the prevalence).
    const path = this.lasso.fit;
    const candidates: [number, string][] = [
      [preferred, `lambda.${this.settings.lambda}`],
      [this.lasso.indexMin, "lambda.min (no feature at lambda.1se)"],
    ];
    const found = candidates.find(([k]) => k >= 0 && path.df[k] > 0);
    [this.k, this.lambdaRule] = found ?? [this.lasso.indexMin, "none: no feature at the CV-chosen lambda (no signature)"];
    this.lambdaUsed = path.lambda[this.k];
    this.selected = found ? selectedFeatures(path, this.k) : [];
    return this;
  }

  /** The rad-score of each row (linear predictor of the LASSO on the standardised filtered features). */
  score(x: Matrix): Float64Array {
    if (!this.lasso) throw new InputError("RadScore: score() before fit()");
    if (this.selected.length === 0) return new Float64Array(x.length);
    let z = this.scaler.transform(this.radiomicsColumns(x));
    z = this.uFilter.transform(z);
    if (this.afterU.length > 1) z = this.corrFilter.transform(z);
    if (this.afterCorr.length === 1) z = z.map((r) => [r[0], r[0]]);
    return radScore(this.lasso.fit, z, this.k);
  }

  /** rad-score = a0 + Σ β_j · z_j, with z_j = (x_j − mean_j)/sd_j from the training rows. */
  formula(): { intercept: number; terms: { feature: string; coefficient: number; mean: number; sd: number }[] } {
    if (!this.lasso) throw new InputError("RadScore: formula() before fit()");
    const path = this.lasso.fit;
    const terms = path.names
      .map((feature, j) => ({ feature, coefficient: path.beta[this.k][j] }))
      .filter((t) => t.coefficient !== 0)
      .map((t) => {
        const col = this.layout.radiomics.indexOf(t.feature.replace(/ \(copy\)$/, ""));
        return { ...t, mean: this.scaler.mean[col], sd: this.scaler.sd[col] };
      });
    return { intercept: path.a0[this.k], terms };
  }
}

export type ModelKind = "clinical" | "radiomics" | "combined";

/** One of the paper's models as an Estimator over X = [clinical | radiomics]. */
export class PaperModel implements Estimator {
  clinical?: ClinicalSelection;
  radscore?: RadScore;
  fitResult?: LogisticFit;
  predictors: string[] = [];

  constructor(readonly kind: ModelKind, readonly layout: ColumnLayout, readonly settings: PaperModelSettings = DEFAULT_SETTINGS) {}

  private design(x: Matrix): number[][] {
    const parts: number[][][] = [];
    if (this.clinical) parts.push(this.clinical.transform(x));
    if (this.radscore?.selected.length) {
      const s = this.radscore.score(x);
      parts.push(Array.from(s, (v) => [v]));
    }
    return Array.from(x, (_, i) => parts.flatMap((p) => p[i]));
  }

  fit(x: Matrix, y: ArrayLike<number>): this {
    if (this.kind !== "radiomics") this.clinical = new ClinicalSelection(this.layout, this.settings).fit(x, y);
    if (this.kind !== "clinical") this.radscore = new RadScore(this.layout, this.settings).fit(x, y);
    this.predictors = [...(this.clinical?.selected ?? []), ...(this.radscore?.selected.length ? ["rad_score"] : [])];
    this.fitResult = fitLogistic(this.design(x), y, { names: this.predictors });
    return this;
  }

  predictProba(x: Matrix): Float64Array {
    if (!this.fitResult) throw new InputError(`${this.kind} model: predictProba() before fit()`);
    return predictProbability(this.fitResult, this.design(x));
  }

  /** Columns of the final logistic model (for nomograms): name → values on the given rows. */
  designColumns(x: Matrix): Record<string, Float64Array> {
    const d = this.design(x);
    return Object.fromEntries(this.predictors.map((name, j) => [name, Float64Array.from(d, (r) => r[j])]));
  }
}
