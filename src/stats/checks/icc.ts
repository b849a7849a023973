/** icc.json (irr::icc, psych::ICC) and nri_idi.json (Hmisc::improveProb). */
import { icc, psychIcc, type IccModel, type IccType, type IccUnit } from "../icc.js";
import { improveProb } from "../nri-idi.js";
import { fitLogistic } from "../logistic.js";
import { CLOSED_FORM, ITERATIVE } from "../../verify/tolerances.js";
import type { TopicChecker } from "./core.js";

export const checkIcc: TopicChecker = (c, check, ctx) => {
  const raters = (c.columns as { raters: string[] }).raters;
  const cols = ctx.select(c.dataset, c.rows as string, raters);
  const r = Array.from(cols[0], (_, i) => cols.map((col) => col[i]));
  const conf = (c.parameters.conf_level as number) ?? 0.95;
  for (const [key, e] of Object.entries(c.expected.irr as Record<string, any>)) {
    const [model, a, b] = key.split("_");
    const type = (model === "oneway" ? "consistency" : a) as IccType;
    const unit = (model === "oneway" ? a : b) as IccUnit;
    const res = icc(r, model as IccModel, type, unit, conf);
    check.same(`${key}.icc_name`, res.name, e.icc_name);
    check.num(`${key}.value`, res.value, e.value, CLOSED_FORM);
    check.num(`${key}.F`, res.F, e.F, CLOSED_FORM);
    check.num(`${key}.df1`, res.df1, e.df1, CLOSED_FORM);
    check.num(`${key}.df2`, res.df2, e.df2, CLOSED_FORM);
    check.num(`${key}.p_value`, res.pValue, e.p_value, CLOSED_FORM);
    check.num(`${key}.lower`, res.lower, e.lower, CLOSED_FORM);
    check.num(`${key}.upper`, res.upper, e.upper, CLOSED_FORM);
  }
  const ps = psychIcc(r, (c.parameters.psych_alpha as number) ?? 0.05);
  const ep = c.expected.psych;
  check.same("psych.type", ps.map((x) => x.type), ep.type);
  check.arr("psych.ICC", ps.map((x) => x.ICC), ep.ICC, CLOSED_FORM);
  check.arr("psych.F", ps.map((x) => x.F), ep.F, CLOSED_FORM);
  check.arr("psych.df1", ps.map((x) => x.df1), ep.df1, CLOSED_FORM);
  check.arr("psych.df2", ps.map((x) => x.df2), ep.df2, CLOSED_FORM);
  check.arr("psych.p", ps.map((x) => x.p), ep.p, CLOSED_FORM);
  check.arr("psych.lower_bound", ps.map((x) => x.lowerBound), ep.lower_bound, CLOSED_FORM);
  check.arr("psych.upper_bound", ps.map((x) => x.upperBound), ep.upper_bound, CLOSED_FORM);
};

export const checkNriIdi: TopicChecker = (c, check, ctx) => {
  const cols = c.columns as { outcome: string; old_model: string[]; new_model: string[] };
  const fitted = (names: string[]) => {
    const [y, ...xs] = ctx.select(c.dataset, c.rows as string, [cols.outcome, ...names]);
    return { y, p: fitLogistic(Array.from(y, (_, i) => xs.map((x) => x[i])), y, { names }).fitted };
  };
  const old = fitted(cols.old_model);
  const neu = fitted(cols.new_model);
  const e = c.expected;
  check.arr("p_old", old.p, e.p_old, ITERATIVE);
  check.arr("p_new", neu.p, e.p_new, ITERATIVE);
  const r = improveProb(old.p, neu.p, old.y);
  const ip = e.improveProb;
  check.same("n", r.n, ip.n);
  check.same("na", r.nEvents, ip.na);
  check.same("nb", r.nNonEvents, ip.nb);
  check.num("pup.ev", r.pUpEvents, ip["pup.ev"], CLOSED_FORM);
  check.num("pup.ne", r.pUpNonEvents, ip["pup.ne"], CLOSED_FORM);
  check.num("pdown.ev", r.pDownEvents, ip["pdown.ev"], CLOSED_FORM);
  check.num("pdown.ne", r.pDownNonEvents, ip["pdown.ne"], CLOSED_FORM);
  check.num("improveSens", r.improveSens, ip.improveSens, ITERATIVE);
  check.num("improveSpec", r.improveSpec, ip.improveSpec, ITERATIVE);
  const groups: [string, typeof r.nri, Record<string, number>, boolean][] = [
    ["nri", r.nri, e.nri, false],
    ["nri_events", r.nriEvents, e.nri_events, false],
    ["nri_nonevents", r.nriNonEvents, e.nri_nonevents, false],
    ["idi", r.idi, e.idi, true],
  ];
  for (const [name, s, ex, fromFit] of groups) {
    // The IDI is a mean of fitted-probability differences, so it inherits the fits' tolerance.
    const tol = fromFit ? ITERATIVE : CLOSED_FORM;
    check.num(`${name}.value`, s.value, ex.total ?? ex.value, tol);
    check.num(`${name}.se`, s.se, ex.se, tol);
    check.num(`${name}.z`, s.z, ex.z, tol);
    check.num(`${name}.p`, s.p, ex.p, tol);
    if (ex.lower !== undefined) check.num(`${name}.lower`, s.lower, ex.lower, tol);
    if (ex.upper !== undefined) check.num(`${name}.upper`, s.upper, ex.upper, tol);
  }
};
