/** Small helpers the study notebooks share: titles, provenance specs, Table-1 rows of a cohort. */
import type { ProvenanceSpec } from "../report/provenance.js";
import type { StudyCohort } from "./cohorts.js";
import type { Table1Variable, Value } from "./table1.js";

/** "Duke … · n = 827 (350 events)"; simulated cohorts say so first. */
export function cohortSubtitle(c: StudyCohort): string {
  const events = c.y.filter((v) => v === 1).length;
  return `${c.simulated ? "SIMULATED data" : "real data"} · n = ${c.y.length} · ${events} with ${c.outcome}`;
}

/** Short cohort name for titles and file names. */
export function cohortName(c: StudyCohort): string {
  return c.simulated ? "Simulated paper cohort (SIMULATED)" : { duke: "Duke", sts: "STS", rotterdam: "Rotterdam" }[c.id] ?? c.id;
}

/** A provenance spec for a result of `notebook` on cohort `c`. */
export function resultSpec(notebook: string, c: StudyCohort, description: string, settings: Record<string, unknown> = {}, seed?: number): ProvenanceSpec {
  return {
    producedBy: `notebooks/${notebook}.ipynb`,
    description: `${c.simulated ? "[SIMULATED] " : ""}${description} — ${cohortName(c)}`,
    inputs: c.inputs,
    settings: { cohort: c.id, n: c.y.length, excluded: c.excluded.length, ...settings },
    seed: seed ?? null,
  };
}

/** Clinical columns and outcome of a cohort as row records, with Table-1 variable specs. */
export function cohortTable1Input(c: StudyCohort): { rows: Record<string, Value>[]; variables: Table1Variable[] } {
  const rows = c.x.map((r, i) => ({ outcome: c.y[i], ...Object.fromEntries(c.layout.clinical.map((name, j) => [name, r[j]])) }));
  const variables: Table1Variable[] = c.layout.clinical.map((name, j) => {
    const values = new Set(c.x.map((r) => r[j]));
    const binary = [...values].every((v) => v === 0 || v === 1);
    const categorical = binary || values.size <= 4;
    return {
      name,
      label: c.labels[name] ?? name,
      kind: categorical ? "categorical" : "continuous",
      levels: binary ? [[0, "no"], [1, "yes"]] : undefined,
    };
  });
  return { rows, variables };
}
