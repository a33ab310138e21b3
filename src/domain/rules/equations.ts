/** Small helpers for the table equations: a term is a cell path with its value and its label. */
import type { CellValue } from "../report/model.js";

export interface Term {
  path: string;
  label: string;
  value: CellValue | undefined;
}

/** The numbers of the terms, or null when any is blank, "/", missing or not a number (then the equation is not evaluated). */
export function numbers(terms: readonly Term[]): number[] | null {
  const out: number[] = [];
  for (const t of terms) {
    if (typeof t.value !== "number" || !Number.isFinite(t.value)) return null;
    out.push(t.value);
  }
  return out;
}

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** "标签 值 + 标签 值"; with `skipZeros`, zero terms are left out (long outcome sums). */
export function spell(terms: readonly Term[], skipZeros = false): string {
  const shown = skipZeros ? terms.filter((t) => t.value !== 0) : terms;
  if (shown.length === 0) return "0";
  return shown.map((t) => `${t.label} ${t.value}`).join(" + ");
}
