/**
 * Column positions of table 三 from its printed header (PDF): 自然人, 商业企业 … 总计, each possibly
 * broken over lines (商业/企业) — a header piece names a column when it is part of exactly one
 * column label. Used to place the values of rows with blank cells.
 */
import { APPLICANT_COLUMNS, REVIEW_FIELDS } from "../domain/report/definition.js";
import { normLabel } from "./labels.js";
import type { SourceDoc } from "./source.js";

const LABELS = APPLICANT_COLUMNS.map((c) => c.label);

export function headerColumns(doc: SourceDoc): number[] | undefined {
  if (doc.format !== "pdf") return undefined;
  const start = doc.lines.findIndex((l) =>
    l.cells.some((c) => /申请人情况|勾稽关系/.test(normLabel(c.text))),
  );
  if (start < 0) return undefined;
  const xs: number[][] = LABELS.map(() => []);
  const stacks: { x: number; text: string }[] = [];
  const own = (t: string, x: number) => {
    const owners = LABELS.map((l, i) => (l.includes(t) ? i : -1)).filter((i) => i >= 0);
    if (owners.length === 1) xs[owners[0]!]!.push(x);
  };
  for (const line of doc.lines.slice(start, start + 30)) {
    if (line.cells.some((c) => normLabel(c.text).startsWith("一、本年新收"))) break;
    for (const cell of line.cells) {
      if (cell.x === undefined) continue;
      const t = normLabel(cell.text);
      // Pieces at one position read downwards (商/业/企/业 printed one character a line).
      const stack = stacks.find((st) => Math.abs(st.x - cell.x!) < 4);
      if (stack) stack.text += t;
      else stacks.push({ x: cell.x, text: t });
      if (t.length >= 2) own(t, cell.x);
    }
  }
  for (const st of stacks) if (st.text.length >= 2 && LABELS.includes(st.text)) own(st.text, st.x);
  if (xs.some((x) => x.length === 0)) return undefined;
  const cols = xs.map((x) => x.reduce((a, b) => a + b, 0) / x.length);
  for (let i = 1; i < cols.length; i++) if (cols[i]! <= cols[i - 1]!) return undefined;
  return cols;
}

/**
 * Column positions of table 四 (15 columns) from its printed header: pieces of 结果维持, 结果纠正,
 * 其他结果, 尚未审结 and 总计 (often broken over lines), clustered by position.
 */
const FIELD_CHARS = new Set([...REVIEW_FIELDS.map((f) => f.label).join("")]);

export function reviewHeaderColumns(doc: SourceDoc): number[] | undefined {
  if (doc.format !== "pdf") return undefined;
  for (let i = doc.lines.length - 1; i >= 0; i--) {
    if (!doc.lines[i]!.cells.some((c) => c.x !== undefined && normLabel(c.text) === "行政复议")) continue;
    const xs: number[] = [];
    for (const line of doc.lines.slice(i + 1, i + 9)) {
      for (const cell of line.cells) {
        const t = normLabel(cell.text);
        // Pieces of the five field labels, down to single characters printed one a line.
        if (cell.x !== undefined && t.length > 0 && [...t].every((ch) => FIELD_CHARS.has(ch)))
          xs.push(cell.x);
      }
    }
    xs.sort((a, b) => a - b);
    const cols: number[][] = [];
    for (const x of xs) {
      const last = cols[cols.length - 1];
      if (last && x - last[last.length - 1]! < 6) last.push(x);
      else cols.push([x]);
    }
    if (cols.length === 15) return cols.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
  }
  return undefined;
}
