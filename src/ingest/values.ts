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
export function trimValues(values: readonly ValueToken[], n: number): ValueToken[] {
  const out = [...values];
  while (out.length > n && out[out.length - 1]!.type === "blank") out.pop();
  while (out.length > n && out[0]!.type === "blank") out.shift();
  return out;
}

/** True when the tokens are runs of digits that could hold n cells (fewer tokens than cells). */
export function isRunTogether(values: readonly ValueToken[], n: number): boolean {
  if (values.length >= n || values.length === 0) return false;
  if (!values.every((v) => v.run)) return false;
  return values.reduce((a, v) => a + v.num.length, 0) >= n;
}

/** Can these tokens fill a row of n cells (directly or by splitting digits)? */
export function fits(values: readonly ValueToken[], n: number): boolean {
  return trimValues(values, n).length === n || isRunTogether(values, n);
}

export interface RowRead {
  /** Options for the row's cells; one option when printed with separators. */
  options: CellValue[][];
  /** The split was cut short (too many ways): treat as unsettled. */
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
): RowRead {
  const n = kinds.length;
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
    options,
    truncated,
    locs: Array(n).fill(loc),
    split: true,
  };
}
