/**
 * From value tokens to cell values, by the cell's kind in the definition; and the options for a
 * row whose digits ran together.
 */
import type { CellKind } from "../domain/report/definition.js";
import type { CellValue } from "../domain/report/model.js";
import { enumerateSplits } from "./digits.js";
import type { ValueToken } from "./tokens.js";

export function cellFromToken(t: ValueToken, kind: CellKind): CellValue {
  if (t.type === "blank") return null;
  if (t.type === "slash") return "/";
  if (kind === "amount") return t.num.replace(/^\+/, "");
  if (kind === "amountAsPrinted") return t.printed;
  const n = Number(t.num);
  return Number.isFinite(n) ? n : null;
}

/** Drops trailing blank cells beyond the wanted count (an empty last column in Markdown). */
export function trimValues(values: readonly ValueToken[], n: number): readonly ValueToken[] {
  let start = 0;
  let end = values.length;
  while (end - start > n && values[end - 1]!.type === "blank") end--;
  while (end - start > n && values[start]!.type === "blank") start++;
  return start === 0 && end === values.length ? values : values.slice(start, end);
}

/** True when the tokens are runs of digits that could hold n cells (fewer tokens than cells). */
export function isRunTogether(values: readonly ValueToken[], n: number): boolean {
  if (values.length >= n || values.length === 0) return false;
  if (!values.every((v) => v.run)) return false;
  const digits = values.reduce((a, v) => a + v.num.length, 0);
  return digits >= n && digits <= n * 9;
}

/** Can these tokens fill a row of n cells (directly, by splitting digits, or by page position)? */
export function fits(values: readonly ValueToken[], n: number, columns?: readonly number[]): boolean {
  return (
    trimValues(values, n).length === n || isRunTogether(values, n) || placeByColumns(values, columns) !== null
  );
}

/**
 * Places values into columns by their horizontal position (PDF rows with blank cells): each value
 * goes to the nearest column centre; two values in one column, or a value far from every column,
 * means the row cannot be placed.
 */
export function placeByColumns(
  values: readonly ValueToken[],
  columns: readonly number[] | undefined,
): (ValueToken | null)[] | null {
  if (!columns || values.length === 0 || values.length >= columns.length) return null;
  if (values.some((v) => v.x === undefined || v.type === "blank")) return null;
  const pitch = Math.min(...columns.slice(1).map((c, i) => c - columns[i]!));
  const out: (ValueToken | null)[] = columns.map(() => null);
  for (const v of values) {
    let best = 0;
    for (let i = 1; i < columns.length; i++)
      if (Math.abs(columns[i]! - v.x!) < Math.abs(columns[best]! - v.x!)) best = i;
    if (out[best] || Math.abs(columns[best]! - v.x!) > pitch * 0.45) return null;
    out[best] = v;
  }
  return out;
}

/** Column centres from rows printed in full (median x per column), or undefined without x. */
export function columnCentres(rows: readonly (readonly ValueToken[])[], n: number): number[] | undefined {
  const full = rows.filter((r) => r.length === n && r.every((v) => v.x !== undefined));
  if (full.length < 2) return undefined;
  const cols = Array.from({ length: n }, (_, i) => {
    const xs = full.map((r) => r[i]!.x!).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)]!;
  });
  for (let i = 1; i < n; i++) if (cols[i]! <= cols[i - 1]!) return undefined;
  return cols;
}

export interface RowRead {
  /** Options for the row's cells; one option when printed with separators. */
  options: CellValue[][];
  /** The split was cut short (too many ways), or no split satisfies the row's equation: unsettled. */
  truncated: boolean;
  /** Provenance per cell. */
  locs: string[];
  split: boolean;
}

/** Reads n cells from tokens; `filter` keeps the splits that satisfy the row's own equation. */
export function readRow(
  values: readonly ValueToken[],
  kinds: readonly CellKind[],
  filter?: (s: number[][]) => number[][],
  columns?: readonly number[],
): RowRead {
  const n = kinds.length;
  const placed = trimValues(values, n).length === n ? null : placeByColumns(values, columns);
  if (placed) {
    return {
      options: [placed.map((t, i) => (t ? cellFromToken(t, kinds[i]!) : null))],
      truncated: false,
      locs: placed.map((t) => t?.loc ?? `${values[0]!.loc}（按版面位置判断为空白）`),
      split: false,
    };
  }
  const direct = trimValues(values, n);
  if (direct.length === n) {
    return {
      options: [direct.map((t, i) => cellFromToken(t, kinds[i]!))],
      truncated: false,
      locs: direct.map((t) => t.loc),
      split: false,
    };
  }
  const { splits, truncated } = enumerateSplits(
    values.map((v) => v.num),
    n,
  );
  const kept = filter ? filter(splits) : splits;
  const options = (kept.length > 0 ? kept : splits).map((s) =>
    s.map((x, i) => (kinds[i] === "amount" || kinds[i] === "amountAsPrinted" ? String(x) : x)),
  );
  const loc = `${values[0]?.loc ?? ""}（连写数字“${values.map((v) => v.num).join(" ")}”拆分）`;
  return {
    // A split that breaks the row's own equation is a guess: report the row as unsettled.
    options,
    truncated: truncated || (filter !== undefined && kept.length === 0),
    locs: Array(n).fill(loc),
    split: true,
  };
}
