/** Rotterdam breast cancer cohort (R survival::rotterdam): a clinical nodal-status cohort. */
import { readFileSync } from "node:fs";
import * as aq from "arquero";
import { dataFile } from "../data/registry.js";
import { InputError } from "../errors.js";
import { parseCsv } from "../batch/csv.js";

/**
 * One row per patient with the raw columns plus:
 * `node_positive` = nodes > 0 (the label), `size_cat` = 0 (≤20 mm), 1 (20–50), 2 (>50),
 * dummies `size_20_50`, `size_gt50`. `nodes` is the label's source, never a predictor.
 */
export function loadRotterdam(): aq.ColumnTable {
  const path = dataFile("rotterdam", "rotterdam.csv");
  const lines = parseCsv(readFileSync(path, "utf8"), path).filter((r) => !(r.length === 1 && r[0] === ""));
  const header = lines[0];
  const cols: Record<string, (number | string)[]> = Object.fromEntries(header.map((h) => [h, []]));
  lines.slice(1).forEach((line, i) => {
    const cells = line;
    if (cells.length !== header.length) throw new InputError(`${path}: row ${i + 2} has ${cells.length} fields, expected ${header.length}`);
    header.forEach((h, j) => {
      if (h === "size") return void cols[h].push(cells[j]);
      const v = Number(cells[j]);
      if (cells[j] === "" || !Number.isFinite(v)) throw new InputError(`${path}: row ${i + 2}, column '${h}': not a number: '${cells[j]}'`);
      cols[h].push(v);
    });
  });
  const sizeCode: Record<string, number> = { "<=20": 0, "20-50": 1, ">50": 2 };
  const sizeCat = (cols.size as string[]).map((s, i) => {
    if (!(s in sizeCode)) throw new InputError(`${path}: row ${i + 2}, column 'size': unknown category '${s}'`);
    return sizeCode[s];
  });
  return aq.table({
    ...cols,
    node_positive: (cols.nodes as number[]).map((n) => (n > 0 ? 1 : 0)),
    size_cat: sizeCat,
    size_20_50: sizeCat.map((c) => (c === 1 ? 1 : 0)),
    size_gt50: sizeCat.map((c) => (c === 2 ? 1 : 0)),
  });
}
