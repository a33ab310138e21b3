/**
 * The report as one standalone, print-ready HTML page in the official order (一 … 六, tables in
 * place), with table structures exactly as the national format prints them (see layout.ts).
 */
import { EDITION_SOURCE, reportTitle, SECTIONS } from "../domain/report/definition.js";
import type { Report } from "../domain/report/model.js";
import { type Grid, gridFor } from "./layout.js";

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

/** Narrative text as paragraphs: one <p> per non-empty line. */
export function paragraphs(text: string | undefined): string {
  if (!text) return "";
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join("\n");
}

/** One table grid as an HTML <table> with the official rowspans/colspans. */
export function gridToHtml(grid: Grid, caption: string): string {
  const row = (cells: Grid["rows"][number]) =>
    cells
      .map((c) => {
        const tag = c.role === "header" ? "th" : c.role === "label" ? "th" : "td";
        const attrs = [
          c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : "",
          c.colspan > 1 ? ` colspan="${c.colspan}"` : "",
          c.role === "label" ? ' scope="row" class="label"' : c.role === "header" ? ' scope="col"' : "",
          c.path ? ` data-cell="${escapeHtml(c.path)}"` : "",
        ].join("");
        return `<${tag}${attrs}>${escapeHtml(c.text)}</${tag}>`;
      })
      .join("");
  const head = grid.rows.slice(0, grid.headerRows).map((r) => `<tr>${row(r)}</tr>`);
  const body = grid.rows.slice(grid.headerRows).map((r) => `<tr>${row(r)}</tr>`);
  return [
    `<table class="t-${grid.table}">`,
    `<caption class="visually-hidden">${escapeHtml(caption)}</caption>`,
    head.length ? `<thead>\n${head.join("\n")}\n</thead>` : "",
    `<tbody>\n${body.join("\n")}\n</tbody>`,
    "</table>",
  ]
    .filter(Boolean)
    .join("\n");
}

const STYLE = `
@page { size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }
:root { color: #111; background: #fff; }
body { font-family: "FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC", "Noto Serif SC", serif;
  font-size: 16pt; line-height: 1.75; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "宋体", "Noto Serif CJK SC", serif;
  font-size: 22pt; font-weight: bold; text-align: center; line-height: 1.5; margin: 0 0 1em; }
h2 { break-after: avoid; page-break-after: avoid; font-family: "黑体", "SimHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif; font-size: 16pt; font-weight: bold; margin: 1em 0 .5em; }
p { text-indent: 2em; margin: 0; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; font-size: 10.5pt; line-height: 1.35;
  font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; page-break-inside: auto; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
th, td { border: 1px solid #000; padding: .25em .35em; text-align: center; vertical-align: middle; }
th { font-weight: normal; }
th.label { text-align: left; }
table.t-applications th.label[rowspan] { text-align: center; }
td { min-width: 2.5em; }
table.t-applications th.label:not([rowspan]) { min-width: 8em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { margin-top: 2em; font-size: 10.5pt; color: #555; text-align: right; }
@media print { body { max-width: none; margin: 0; padding: 0; } footer { display: none; } }
`;

/** The whole report as a standalone HTML document. */
export function renderHtml(report: Report): string {
  const title = report.title ?? reportTitle(report.agency, report.year);
  const parts: string[] = [`<h1>${escapeHtml(title)}</h1>`, paragraphs(report.sections?.preamble)];
  for (const s of SECTIONS) {
    parts.push(
      `<section id="s-${s.key}">`,
      `<h2>${escapeHtml(s.heading)}</h2>`,
      paragraphs(report.sections?.[s.key]),
    );
    if (s.table) parts.push(gridToHtml(gridFor(s.table, report), s.heading.replace(/^.、/, "")));
    parts.push("</section>");
  }
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Gongkai">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${parts.filter(Boolean).join("\n")}
</main>
<footer>表格格式：${escapeHtml(EDITION_SOURCE[report.edition])}</footer>
</body>
</html>
`;
}
