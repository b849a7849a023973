import { parseCsv } from "../batch/csv.js";
import { InputError } from "../errors.js";

export interface NumericCsv {
  ids: string[];
  /** Column name → values (NaN where the cell is empty, NA or NaN). */
  columns: Map<string, Float64Array>;
}

/**
 * A CSV with one string key column and numeric columns. Empty/NA/NaN cells become NaN (missing);
 * any other non-numeric cell is an error naming file, row, column and value.
 */
export function parseNumericCsv(
  text: string,
  source: string,
  options: { idColumn: string; dropColumns?: string[] },
): NumericCsv {
  const lines = parseCsv(text, source).filter((r) => !(r.length === 1 && r[0] === ""));
  const header = lines[0];
  const idIndex = header.indexOf(options.idColumn);
  if (idIndex < 0) throw new InputError(`${source}: no column '${options.idColumn}' (columns: ${header.slice(0, 8).join(", ")}, …)`);
  const keep = header.map((h, j) => j !== idIndex && !(options.dropColumns ?? []).includes(h));
  const columns = new Map<string, Float64Array>();
  header.forEach((h, j) => keep[j] && columns.set(h, new Float64Array(lines.length - 1)));
  const ids: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i];
    if (cells.length !== header.length) {
      throw new InputError(`${source}: row ${i + 1} has ${cells.length} fields, the header has ${header.length}`);
    }
    ids.push(cells[idIndex]);
    header.forEach((h, j) => {
      if (!keep[j]) return;
      const cell = cells[j].trim();
      let v = NaN;
      if (cell !== "" && cell !== "NA" && cell !== "NaN") {
        v = Number(cell);
        if (!Number.isFinite(v)) throw new InputError(`${source}: row ${i + 1} (${cells[idIndex]}), column '${h}': not a number: '${cell}'`);
      }
      columns.get(h)![i - 1] = v;
    });
  }
  return { ids, columns };
}
