/**
 * Grouping tokens into row candidates: the text read since the last row (its label, possibly
 * with headings and loose label fragments before it) and the values that follow. Table rows end a
 * candidate at the row's end; in free text, lone values on their own lines (one cell per line)
 * gather until the next text.
 */
import { normLabel } from "./labels.js";
import type { SourceDoc } from "./source.js";
import { isPageMark, lineTokens, type ValueToken } from "./tokens.js";

export interface Candidate {
  /** Index in reading order. */
  index: number;
  /** Normalised text read before the values (at most the last 240 characters). */
  label: string;
  /** Text of the label as printed (for messages). */
  rawLabel: string;
  values: ValueToken[];
  /** Where the row starts. */
  loc: string;
}

const MAX_LABEL = 240;

/** Most row candidates read from one document (a real report has a few hundred). */
export const MAX_CANDIDATES = 4000;

export function candidates(doc: SourceDoc): Candidate[] {
  const out: Candidate[] = [];
  let buf = "";
  let raw = "";
  let values: ValueToken[] = [];
  let loc = "";
  const flush = () => {
    if (values.length > 0) {
      out.push({
        index: out.length,
        label: buf.slice(-MAX_LABEL),
        rawLabel: raw.slice(-MAX_LABEL).trim(),
        values,
        loc: values[0]!.loc || loc,
      });
      buf = "";
      raw = "";
      values = [];
      loc = "";
    }
  };
  for (const line of doc.lines) {
    if (out.length >= MAX_CANDIDATES) {
      doc.warnings.push(`文件中的数据行过多，只读取了前 ${MAX_CANDIDATES} 行`);
      break;
    }
    if (!line.structured && line.cells.length === 1 && isPageMark(line.cells[0]!.text)) continue;
    if (line.structured) flush();
    let hadText = false;
    let lineValues = 0;
    for (const t of lineTokens(line)) {
      if (t.kind === "text") {
        flush();
        hadText = true;
        const n = normLabel(t.text);
        if (n === "") continue;
        // Only the last MAX_LABEL characters count: cut when flushed (and now and then on the way).
        buf += n;
        raw += t.text;
        if (buf.length > 8 * MAX_LABEL) buf = buf.slice(-MAX_LABEL);
        if (raw.length > 8 * MAX_LABEL) raw = raw.slice(-MAX_LABEL);
        loc ||= t.loc;
      } else {
        values.push(t);
        lineValues++;
      }
    }
    if (line.structured || (lineValues > 0 && (hadText || lineValues >= 2))) flush();
  }
  flush();
  return out;
}
