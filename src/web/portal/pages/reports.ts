/** The annual-report archive: every published report by year, and one report in the official layout. */
import type { PublishedReportSummary } from "../../../app/published-reports.js";
import { reportTitle, SECTIONS } from "../../../domain/report/definition.js";
import type { Report } from "../../../domain/report/model.js";
import { gridToHtml, paragraphs } from "../../../render/html.js";
import { gridFor } from "../../../render/layout.js";
import { html, raw } from "../html.js";
import { page } from "../layout.js";

/** The list, grouped by year (newest first). */
export function reportsPage(rows: readonly PublishedReportSummary[], agencyName?: string): string {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => b - a);
  return page({
    title: agencyName ? `${agencyName}政府信息公开工作年度报告` : "政府信息公开工作年度报告",
    section: "/reports",
    trail: [["/", "首页"]],
    body: years.length
      ? html`${years.map(
          (y) =>
            html`<h2>${y}年度</h2><ul>${rows
              .filter((r) => r.year === y)
              .map(
                (r) =>
                  html`<li><a href="/reports/${r.agencyId}/${r.year}">${reportTitle(r.agencyName, r.year)}</a></li>`,
              )}</ul>`,
        )}`
      : html`<p>暂无已发布的年度报告。</p>`,
  });
}

/** One report: the six sections with their tables, and the downloads. */
export function reportPage(agencyId: number, report: Report): string {
  const title = report.title ?? reportTitle(report.agency, report.year);
  const parts: string[] = [paragraphs(report.sections?.preamble)];
  for (const s of SECTIONS) {
    parts.push(
      `<section id="s-${s.key}"><h2>${html`${s.heading}`}</h2>`,
      paragraphs(report.sections?.[s.key]),
    );
    if (s.table) parts.push(gridToHtml(gridFor(s.table, report), s.heading.replace(/^.、/, "")));
    parts.push("</section>");
  }
  return page({
    title,
    section: "/reports",
    trail: [
      ["/", "首页"],
      ["/reports", "年度报告"],
    ],
    body: html`<p class="no-print"><a class="button" href="/reports/${agencyId}/${report.year}.pdf">下载 PDF</a>
<a class="button secondary" href="/reports/${agencyId}/${report.year}.docx">下载 Word</a></p>
<div class="report-doc">${raw(parts.filter(Boolean).join("\n"))}</div>`,
  });
}
