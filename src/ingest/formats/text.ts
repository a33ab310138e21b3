/**
 * Plain text: a Word document flattened to text (one cell per line, tab-indented), or a portal
 * page with the whole body on one line. Each line is a free-text line; tabs separate cells.
 */
import type { SourceDoc, SourceLine } from "../source.js";

export function readText(text: string): SourceDoc {
  const lines: SourceLine[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const cells = line
      .split("\t")
      .map((c) => c.trim())
      .filter((c) => c.replace(/[\s\u3000]/g, "") !== "")
      .map((c) => ({ text: c, loc: `第${i + 1}行` }));
    if (cells.length > 0) lines.push({ cells, structured: false });
  });
  return { format: "text", lines, warnings: [] };
}
