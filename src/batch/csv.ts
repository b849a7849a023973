import { InputError } from "../errors.js";

/**
 * RFC 4180 CSV parsing: fields separated by commas, optionally double-quoted ("" escapes a quote,
 * quoted fields may hold commas and newlines); CRLF or LF line ends; a trailing newline is not a row.
 */
export function parseCsv(text: string, source = "CSV"): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // skip a UTF-8 BOM (Excel)
  let lineNo = 1;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") lineNo++;
        field += ch;
      }
    } else if (ch === '"' && field.length === 0) {
      quoted = true;
    } else if (ch === ",") {
      endField();
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endField();
      rows.push(row);
      row = [];
      lineNo++;
    } else {
      field += ch;
    }
  }
  if (quoted) throw new InputError(`${source}: unterminated quoted field (line ${lineNo})`);
  if (field.length > 0 || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** One CSV cell: quoted when it holds a comma, quote, CR or LF (quotes doubled). */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (LF-terminated). */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\n`;
}

/**
 * A feature value as text, the way PyRadiomics' CSV shows numbers (Python `repr` of a float): shortest
 * round-trip digits, integers with `.0`, exponent form below 1e-4 or from 1e16 (`1e-05`, `1.5e+16`),
 * `nan`, `inf`, `-inf`. Strings are written as they are.
 */
export function formatValue(v: number | string | boolean | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
  // Shortest round-trip digits and decimal exponent from JS, re-rendered in Python's layout.
  const [mant, expText] = v.toExponential().split("e");
  const exp = Number(expText);
  const sign = mant.startsWith("-") ? "-" : "";
  const digits = mant.replace("-", "").replace(".", "");
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const intLen = exp + 1;
  if (digits.length <= intLen) return `${sign}${digits}${"0".repeat(intLen - digits.length)}.0`;
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}
