import { InputError } from "../errors.js";

/** A value of Python's literal syntax: dict → object, list/tuple → array, None → null. */
export type PyValue = null | boolean | number | string | PyValue[] | { [key: string]: PyValue };

/**
 * Parses a Python literal (the repr of dicts, lists, tuples, strings, numbers, True/False/None) such as
 * PyRadiomics' `diagnostics_Configuration_Settings` cell. Dict keys are converted to strings.
 * Throws InputError with the offending position on malformed input.
 */
export function parsePythonLiteral(text: string): PyValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new InputError(`cannot parse Python literal at position ${i} (${what}): ${text.slice(Math.max(0, i - 20), i + 20)}`);
  };
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const expect = (ch: string) => {
    ws();
    if (text[i] !== ch) fail(`expected '${ch}'`);
    i++;
  };
  const sequence = (close: string): PyValue[] => {
    const out: PyValue[] = [];
    ws();
    while (text[i] !== close) {
      out.push(value());
      ws();
      if (text[i] === ",") i++;
      else if (text[i] !== close) fail(`expected ',' or '${close}'`);
      ws();
    }
    i++;
    return out;
  };
  const str = (): string => {
    const q = text[i]!;
    i++;
    let s = "";
    while (i < text.length && text[i] !== q) {
      if (text[i] === "\\") {
        const e = text[i + 1]!;
        const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0" };
        s += map[e] ?? "\\" + e;
        i += 2;
      } else s += text[i++];
    }
    if (i >= text.length) fail("unterminated string");
    i++;
    return s;
  };
  const value = (): PyValue => {
    ws();
    const ch = text[i];
    if (ch === undefined) return fail("unexpected end");
    if (ch === "{") {
      i++;
      const obj: { [key: string]: PyValue } = {};
      ws();
      while (text[i] !== "}") {
        const k = value();
        expect(":");
        obj[String(k)] = value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] !== "}") fail("expected ',' or '}'");
        ws();
      }
      i++;
      return obj;
    }
    if (ch === "[") {
      i++;
      return sequence("]");
    }
    if (ch === "(") {
      i++;
      return sequence(")");
    }
    if (ch === "'" || ch === '"') return str();
    const word = /^(True|False|None|[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|inf|nan))L?/.exec(text.slice(i));
    if (!word) return fail("unexpected token");
    i += word[0].length;
    const w = word[1]!;
    if (w === "True") return true;
    if (w === "False") return false;
    if (w === "None") return null;
    if (/inf$/.test(w)) return w.startsWith("-") ? -Infinity : Infinity;
    if (/nan$/.test(w)) return NaN;
    return Number(w);
  };
  const v = value();
  ws();
  if (i !== text.length) fail("trailing characters");
  return v;
}
