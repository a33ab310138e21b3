/**
 * Markdown (OCR output or a PDF converted to Markdown): pipe-table rows are table rows, headings
 * and other lines are free text.
 */
import { cleanText } from "../cjk.js";
import type { SourceDoc, SourceLine } from "../source.js";

const SEPARATOR_CELL = /^:?-{3,}:?$/;
const ENTITIES: Record<string, string> = {
  nbsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  emsp: " ",
  ensp: " ",
};

/** A pipe cell as text: converters leave <br> and entities such as &nbsp; in cells. */
function cellText(c: string): string {
  return c
    .replace(/<br\s*\/?>/gi, "")
    .replace(/&(nbsp|amp|lt|gt|quot|emsp|ensp);/g, (_m, e: string) => ENTITIES[e] ?? "")
    .replace(/\\\|/g, "|")
    .trim();
}

export function readMarkdown(input: string): SourceDoc {
  const text = cleanText(input);
  const lines: SourceLine[] = [];
  let table = 0;
  let row = 0;
  let inTable = false;
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const t = line.trim();
    if (t.startsWith("|")) {
      const cells = t
        .replace(/^\|/, "")
        .replace(/\|$/, "")
        .split("|")
        .map((c) => cellText(c));
      if (!inTable) {
        table++;
        row = 0;
        inTable = true;
      }
      if (cells.every((c) => SEPARATOR_CELL.test(c.replace(/\s/g, "")))) return;
      row++;
      lines.push({
        cells: cells.map((c, j) => ({ text: c, loc: `第${i + 1}行（表${table}第${row}行第${j + 1}列）` })),
        structured: true,
      });
      return;
    }
    inTable = false;
    const body = t.replace(/^#{1,6}\s*/, "").replace(/^[*>-]\s+/, "");
    if (body !== "") lines.push({ cells: [{ text: body, loc: `第${i + 1}行` }], structured: false });
  });
  return { format: "markdown", lines, warnings: [] };
}
