/**
 * HTML: a streaming parse (htmlparser2, no DOM, so deep nesting costs nothing). Table rows become
 * table rows with one cell per td/th as printed (a merged cell is one value, never copied into
 * the columns it spans); text outside tables becomes free-text lines at block boundaries.
 */
import { Parser } from "htmlparser2";
import type { SourceCell, SourceDoc, SourceLine } from "../source.js";

const BLOCK = new Set([
  "p",
  "div",
  "br",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "ul",
  "ol",
  "section",
  "article",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "title",
  "hr",
  "header",
  "footer",
  "center",
  "blockquote",
  "pre",
  "dd",
  "dt",
]);
const SKIP = new Set(["script", "style", "noscript", "template"]);

interface OpenRow {
  cells: SourceCell[];
  cell: string | null;
  table: number;
  /** Start of its cells' locations: 表1第2行第. */
  loc: string;
  /** colspan of the open cell. */
  span: number;
}

/**
 * Wrapper tags that only group or style text: flattened before parsing, so nesting depth costs
 * nothing. Block wrappers (captured) become line breaks, inline ones go.
 */
const WRAPPERS =
  /<\/?(?:(div|section|article|center|header|footer|main|nav|aside|blockquote|ul|ol|li|dl|dd|dt|form|fieldset)|span|font|b|strong|i|em|u|a|small|big|label|sup|sub|o:p|ins|del|s|strike|abbr|nobr)\b[^>]*>/gi;
const unwrap = (_m: string, block: string | undefined): string => (block ? "<br>" : "");

/**
 * Attributes are dropped before parsing (styles make up much of a portal page), except a cell's
 * colspan (only td and th are read for it).
 */
const ATTRIBUTES = /<([a-zA-Z][\w:-]*)(\s[^<>]*)>/g;
const CELL_TAG = /^t[dh]$/i;
const COLSPAN = /\bcolspan\s*=\s*["']?(\d+)/i;
const keepColspan = (_m: string, tag: string, attrs: string): string => {
  const span = CELL_TAG.test(tag) ? COLSPAN.exec(attrs) : null;
  const selfClosing = attrs.trimEnd().endsWith("/") ? "/" : "";
  return span ? `<${tag} colspan="${span[1]}"${selfClosing}>` : `<${tag}${selfClosing}>`;
};
const KEEP = /<(?!\/?(?:table|tr|td|th|br|p|title|script|style|noscript|template)\b)\/?[a-zA-Z][^>]*>/g;
const MAX_DEPTH = 400;
const MAX_TABLES = 300;

const VOID = new Set(["br", "hr", "img", "meta", "link", "input", "col", "wbr", "area", "base", "source"]);
/** First letters of the void element names (lower-case char codes): other tags skip the lookup. */
const VOID_FIRST = new Set([...VOID].map((v) => v.charCodeAt(0)));

const isNameChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c === 45;

/**
 * Deepest tag nesting, in one scan without a regex (void and self-closed tags ignored). A closing tag
 * counts only against an open tag of its name (names told apart by a case-folded hash): a close that
 * matches nothing is ignored, as the parser ignores it — `<y></z>` repeated nests ever deeper there,
 * and the parser's cost grows with the square of that depth, so the guard must see it.
 */
function maxDepth(html: string): number {
  const open = new Map<number, number>();
  let depth = 0;
  let max = 0;
  for (let i = html.indexOf("<"); i >= 0; ) {
    let j = i + 1;
    const close = html.charCodeAt(j) === 47;
    if (close) j++;
    const start = j;
    let c = html.charCodeAt(j);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) {
      i = html.indexOf("<", i + 1);
      continue;
    }
    // Tag name: [a-zA-Z][\w:-]*, hashed as it is read.
    let name = c | 32;
    for (c = html.charCodeAt(++j); isNameChar(c); c = html.charCodeAt(++j))
      name = (Math.imul(name, 31) + (c | 32)) | 0;
    const end = html.indexOf(">", j);
    if (end < 0) break;
    i = html.indexOf("<", end + 1);
    if (html.charCodeAt(end - 1) === 47) continue;
    if (VOID_FIRST.has(html.charCodeAt(start) | 32) && VOID.has(html.slice(start, j).toLowerCase())) continue;
    const n = open.get(name) ?? 0;
    if (close) {
      if (n > 0) {
        open.set(name, n - 1);
        depth--;
      }
    } else {
      open.set(name, n + 1);
      if (++depth > max) max = depth;
    }
  }
  return max;
}

/** White space runs to one space, trimmed; most cells have nothing to collapse. */
const squash = (t: string): string => (/[^\S ]| {2}/.test(t) ? t.replace(/[\s\u00a0]+/g, " ") : t).trim();

export function readHtml(input: string): SourceDoc {
  const warnings: string[] = [];
  let text = input.replace(WRAPPERS, unwrap).replace(ATTRIBUTES, keepColspan);
  if (maxDepth(text) > MAX_DEPTH) {
    text = text.replace(KEEP, "");
    warnings.push("HTML 标签嵌套过深，已忽略表格以外的标签");
  }
  const cut = nthTable(text, MAX_TABLES + 1);
  if (cut >= 0) {
    text = text.slice(0, cut);
    warnings.push(`HTML 中表格超过 ${MAX_TABLES} 个，只读取了前 ${MAX_TABLES} 个`);
  }

  const lines: SourceLine[] = [];
  let para = "";
  let skip = 0;
  let tables = 0;
  const rowCounts: number[] = [];
  const tableStack: number[] = [];
  const rows: OpenRow[] = [];
  // Markdown with HTML tables (PDF-to-Markdown converters): outside the tables, lines are lines.
  const fragment = !/<(html|body|p|div|br)\b/i.test(input.slice(0, 200_000));
  const flushPara = () => {
    const parts = fragment ? para.split("\n").map((l) => l.replace(/^\s*#{1,6}\s+/, "")) : [para];
    for (const part of parts) {
      const t = squash(part);
      if (t) lines.push({ cells: [{ text: t, loc: `第${lines.length + 1}段` }], structured: false });
    }
    para = "";
  };
  const closeRow = () => {
    const r = rows.pop();
    if (!r) return;
    if (r.cell !== null) pushCell(r);
    if (r.cells.length > 0) lines.push({ cells: r.cells, structured: true });
  };
  /**
   * A blank merged cell stands for blank cells in every column it spans; a filled one is one value.
   * (A cell of white space only is "" once squashed.)
   */
  const pushCell = (r: OpenRow) => {
    const cell = cellOf(r, r.cell ?? "");
    r.cells.push(cell);
    if (cell.text === "") for (let k = 1; k < r.span; k++) r.cells.push(cellOf(r, ""));
    r.cell = null;
  };
  const cellOf = (r: OpenRow, t: string): SourceCell => ({
    text: squash(t),
    loc: `${r.loc}${r.cells.length + 1}列`,
  });
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (SKIP.has(name)) skip++;
        if (skip > 0) return;
        const r = rows[rows.length - 1];
        if (name === "table") {
          flushPara();
          tables++;
          tableStack.push(tables);
          rowCounts[tables] = 0;
        } else if (name === "tr") {
          if (r && r.table === tableStack[tableStack.length - 1]) closeRow();
          const table = tableStack[tableStack.length - 1] ?? 0;
          rowCounts[table] = (rowCounts[table] ?? 0) + 1;
          const row = rowCounts[table]!;
          rows.push({ cells: [], cell: null, table, loc: `表${table}第${row}行第`, span: 1 });
        } else if ((name === "td" || name === "th") && r) {
          if (r.cell !== null) pushCell(r);
          r.cell = "";
          r.span = Math.min(20, Math.max(1, Number.parseInt(attrs.colspan ?? "1", 10) || 1));
        } else if (!r && BLOCK.has(name)) flushPara();
      },
      ontext(t) {
        if (skip > 0) return;
        const r = rows[rows.length - 1];
        if (r && r.cell !== null) r.cell += t;
        else if (!r || r.cell === null) para += t;
      },
      onclosetag(name) {
        if (SKIP.has(name)) {
          skip = Math.max(0, skip - 1);
          return;
        }
        if (skip > 0) return;
        const r = rows[rows.length - 1];
        if ((name === "td" || name === "th") && r && r.cell !== null) pushCell(r);
        else if (name === "tr" && r) closeRow();
        else if (name === "table") {
          while (rows.length > 0 && rows[rows.length - 1]!.table === tableStack[tableStack.length - 1])
            closeRow();
          tableStack.pop();
          flushPara();
        } else if (!r && BLOCK.has(name)) flushPara();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(text);
  parser.end();
  while (rows.length > 0) closeRow();
  flushPara();
  return { format: "html", lines, warnings };
}

/** Offset of the n-th `<table` (1-based), or -1. */
function nthTable(html: string, n: number): number {
  const re = /<table\b/gi;
  let k = 0;
  for (let m = re.exec(html); m !== null; m = re.exec(html)) if (++k === n) return m.index;
  return -1;
}
