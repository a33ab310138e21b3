/**
 * Plain text: a Word document flattened to text (one cell per line, tab-indented, a cell's further
 * paragraphs on lines without the tab), or a portal page with the whole body on one line. Each
 * line is a free-text line; tabs separate cells. In the flattened layout a line holding only a tab
 * is an empty cell — a blank — unless the cell goes on in the next untabbed line (`\t` then `0`).
 */
import type { SourceCell, SourceDoc, SourceLine } from "../source.js";

const EMPTY = /^[\s\u3000]*$/;

export function readText(text: string): SourceDoc {
  const lines: SourceLine[] = [];
  const raw = text.split(/\r\n|\r|\n/);
  const tabbed = raw.filter((l) => l.startsWith("\t")).length;
  const flattened = tabbed > raw.length / 4 || tabbed >= 40;
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!;
    if (flattened && line.startsWith("\t") && EMPTY.test(line)) {
      // An empty cell: blank, unless its text follows on the next untabbed line.
      let j = i + 1;
      while (j < raw.length && EMPTY.test(raw[j]!) && !raw[j]!.startsWith("\t")) j++;
      const next = raw[j];
      if (next !== undefined && !next.startsWith("\t") && j - i <= 3 && next.trim().length <= 12) continue;
      lines.push({ cells: [{ text: "", loc: `第${i + 1}行`, blank: true }], structured: false });
      continue;
    }
    // A row printed with tabs between cells: an empty cell after the first filled one is a blank.
    const parts = line.split("\t").map((c) => c.trim());
    const first = parts.findIndex((c) => !EMPTY.test(c));
    const cells: SourceCell[] = parts.flatMap((c, k): SourceCell[] => {
      if (!EMPTY.test(c)) return [{ text: c, loc: `第${i + 1}行` }];
      return parts.length >= 4 && k > first ? [{ text: "", loc: `第${i + 1}行`, blank: true }] : [];
    });
    if (cells.length > 0) lines.push({ cells, structured: false });
  }
  return { format: "text", lines, warnings: [] };
}
