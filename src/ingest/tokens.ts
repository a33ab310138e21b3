/**
 * Cutting source cells into tokens: text (labels, headings, narrative) and values (numbers,
 * blanks, slashes, amounts with a unit or a remark). Table cells are read whole; free text (a
 * portal page with the table run together) is cut where digits start and stop, leaving the
 * numbering of the next label (`00000002.其他…` → `0000000` + `2.其他…`) to the label.
 */
import type { SourceCell, SourceLine } from "./source.js";

export type ValueKind = "int" | "signed" | "decimal" | "printed" | "blank" | "slash";

export interface ValueToken {
  kind: "value";
  type: ValueKind;
  /** The number as printed, without unit or remark ("178.2028", "251000"); "" for blank, "/" for slash. */
  num: string;
  /** The value as printed with its unit ("251000元"); equals num when there is no unit. */
  printed: string;
  /**
   * True when this token is digits glued to the text around it (`…数量640020470二、…`), so that it
   * may hold several cells run together. Numbers in their own cell or between spaces are not.
   */
  run: boolean;
  loc: string;
  /** Horizontal centre on the page (PDF), for placing values into columns when some cells are blank. */
  x?: number;
}

export interface TextToken {
  kind: "text";
  text: string;
  loc: string;
}

export type Token = ValueToken | TextToken;

const SPACE_RE = /[\s\u00a0\u3000\u200b\ufeff]+/g;
/** Something other than SPACE_RE's white space. */
const NOT_SPACE_RE = /[^\s\u00a0\u3000\u200b\ufeff]/;
/** A date or percentage after the number (`2019 年`, `5 %`): the first character after white space. */
const WORD_AFTER_RE = /^[\s\u00a0\u3000\u200b\ufeff]*[年月日号%]/;
const SLASH_RE = /^[/／\\\-—－–―~～]+$/;
const CELL_VALUE_RE = /^([+-]?\d+(?:\.\d+)?)(万?元|件|个|项|次)?(?:[(（][^)）]*[)）])?$/;

/** Reads a whole table cell as a value, or null when it is text. */
export function cellValue(raw: string, loc: string): ValueToken | null {
  if (/^\d{1,9}$/.test(raw)) return { kind: "value", type: "int", num: raw, printed: raw, run: false, loc };
  if (raw === "") return { kind: "value", type: "blank", num: "", printed: "", run: false, loc };
  if (raw.length > 40) return null;
  // A cell that starts with an ideograph (which NFKC keeps) is text: no value starts so.
  const first = raw.charCodeAt(0);
  if (first >= 0x4e00 && first <= 0x9fff) return null;
  const n = raw.normalize("NFKC");
  // Digits on both sides of a space are two numbers, never one (`1 0 2` is not 102).
  if (/\d[\s\u00a0\u3000\u200b]+[\d+-]/.test(n)) return null;
  const t = n.replace(SPACE_RE, "").replace(/,(?=\d{3}\b)/g, "");
  if (t === "") return { kind: "value", type: "blank", num: "", printed: "", run: false, loc };
  if (SLASH_RE.test(t)) return { kind: "value", type: "slash", num: "/", printed: "/", run: false, loc };
  const m = CELL_VALUE_RE.exec(t);
  if (!m) return null;
  const num = m[1]!;
  const unit = m[2]?.endsWith("元") ? m[2] : "";
  const type: ValueKind = unit
    ? "printed"
    : num.includes(".")
      ? "decimal"
      : /^[+-]/.test(num)
        ? "signed"
        : "int";
  return { kind: "value", type, num, printed: num + unit, run: false, loc };
}

/** Cuts free text into text and digit tokens. */
export function freeTokens(raw: string, loc: string, x?: number): Token[] {
  const text = raw.normalize("NFKC");
  const whole = cellValue(text, loc);
  if (whole && whole.type !== "blank") return [x === undefined ? whole : { ...whole, x }];
  const out: Token[] = [];
  const re = /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?/g;
  let last = 0;
  let pendingText = "";
  let skip = 0;
  const pushText = (s: string) => {
    pendingText += s;
  };
  const flushText = () => {
    if (NOT_SPACE_RE.test(pendingText)) out.push({ kind: "text", text: pendingText, loc });
    pendingText = "";
  };
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let num = m[0].includes(",") ? m[0].replace(/,/g, "") : m[0];
    const before = text.slice(last, m.index);
    pushText(before);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
    let numbering = "";
    // `…0000002.其他…`: the last digit numbers the next label.
    if (!num.includes(".") && /^[.、．]\D/.test(after)) {
      numbering = num.slice(-1);
      num = num.slice(0, -1);
    }
    const prevChar = text[m.index - 1] ?? "";
    const isWordNumber = /[第A-Za-z]/.test(prevChar) || WORD_AFTER_RE.test(after);
    if (num !== "") {
      if (isWordNumber) pushText(num);
      else {
        flushText();
        const unit = numbering ? "" : (/^(万元|元)/.exec(after)?.[1] ?? "");
        const type: ValueKind = unit ? "printed" : num.includes(".") ? "decimal" : "int";
        const next = numbering || (text[m.index + m[0].length] ?? "");
        const glued = numbering !== "" || /[^\s\d]/.test(prevChar) || /[^\s\d]/.test(next);
        const run = type === "int" && glued && !m[0].includes(",");
        out.push({ kind: "value", type, num, printed: num + unit, run, loc });
        if (unit) skip = unit.length;
      }
    }
    if (numbering) pushText(numbering);
    last = m.index + m[0].length + skip;
    skip = 0;
  }
  pushText(text.slice(last));
  flushText();
  return out;
}

/** Tokens of one line; in table rows, blank cells before the row's label are dropped (merged cells). */
export function lineTokens(line: SourceLine): Token[] {
  if (!line.structured)
    return line.cells.flatMap((c) => (c.blank ? [cellValue("", c.loc)!] : freeTokens(c.text, c.loc, c.x)));
  const tokens: (Token | null)[] = line.cells.map(
    (c: SourceCell) => cellValue(c.text, c.loc) ?? textToken(c),
  );
  let lastText = -1;
  tokens.forEach((t, i) => {
    if (t?.kind === "text") lastText = i;
  });
  return tokens.filter(
    (t, i): t is Token => t !== null && !(i < lastText && t.kind === "value" && t.type === "blank"),
  );
}

function textToken(c: SourceCell): TextToken {
  return { kind: "text", text: c.text, loc: c.loc };
}

/** A page footer or page number line: `- 3 -`, `— 5 —`, `第 2 页`, `2/5`. */
export function isPageMark(text: string): boolean {
  if (text.length > 24) return false;
  const t = text.normalize("NFKC").trim();
  return (
    /^[-—–－―]+\s*\d{1,3}\s*[-—–－―]+$/.test(t) ||
    /^第\s*\d{1,3}\s*页(\s*[,，/]?\s*共\s*\d{1,3}\s*页)?$/.test(t) ||
    /^\d{1,3}\s*\/\s*\d{1,3}$/.test(t)
  );
}
