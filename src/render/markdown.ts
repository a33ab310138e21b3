/**
 * The report as Markdown. Pipe tables cannot merge cells, so each row carries its full label
 * (the merged label cells read across, e.g. "三、本年度办理结果 （三）不予公开 1.属于国家秘密").
 */
import {
  ACTIVE_BLOCKS,
  APPLICANT_COLUMNS,
  APPLICATIONS_NOTE,
  applicationRowFullLabel,
  applicationRows,
  REVIEW_FIELDS,
  REVIEW_GROUPS,
  reportTitle,
  SECTIONS,
} from "../domain/report/definition.js";
import { activeCells, otherLayoutOf, type Report } from "../domain/report/model.js";
import { cellText } from "./layout.js";

const esc = (s: string) => s.replace(/\|/g, "\\|");
const line = (cells: string[]) => `| ${cells.map(esc).join(" | ")} |`;
const rule = (n: number) => `|${" --- |".repeat(n)}`;

function activeTables(report: Report): string[] {
  const refs = new Map(activeCells(report.edition).map((c) => [c.path, c]));
  return ACTIVE_BLOCKS[report.edition].map((block) => {
    const rows = block.rows.map((r) =>
      line([
        r.label,
        ...block.columns.map((c) =>
          cellText(refs.get(c.key === null ? `active.${r.key}` : `active.${r.key}.${c.key}`)?.get(report)),
        ),
      ]),
    );
    return [
      `**${block.item}**`,
      "",
      line([block.contentLabel, ...block.columns.map((c) => c.label)]),
      rule(1 + block.columns.length),
      ...rows,
    ].join("\n");
  });
}

function applicationsTable(report: Report): string {
  const rows = applicationRows(otherLayoutOf(report)).map((r) =>
    line([
      applicationRowFullLabel(r),
      ...APPLICANT_COLUMNS.map((c) => cellText(report.applications[r.key]?.[c.index])),
    ]),
  );
  return [APPLICATIONS_NOTE, "", line(["", ...APPLICANT_COLUMNS.map((c) => c.label)]), rule(8), ...rows].join(
    "\n",
  );
}

function reviewTable(report: Report): string {
  const head = line(["", ...REVIEW_FIELDS.map((f) => f.label)]);
  const rows = REVIEW_GROUPS.map((g) =>
    line([g.fullLabel, ...REVIEW_FIELDS.map((f) => cellText(report.review_litigation[g.key]?.[f.key]))]),
  );
  return [head, rule(6), ...rows].join("\n");
}

/** The whole report as Markdown in the official order. */
export function renderMarkdown(report: Report): string {
  const out: string[] = [`# ${report.title ?? reportTitle(report.agency, report.year)}`];
  const text = (t: string | undefined) => {
    if (t?.trim())
      out.push(
        t
          .trim()
          .split(/\r?\n/)
          .filter((l) => l.trim())
          .join("\n\n"),
      );
  };
  text(report.sections?.preamble);
  for (const s of SECTIONS) {
    out.push(`## ${s.heading}`);
    text(report.sections?.[s.key]);
    if (s.table === "active") out.push(...activeTables(report));
    if (s.table === "applications") out.push(applicationsTable(report));
    if (s.table === "review_litigation") out.push(reviewTable(report));
  }
  return `${out.join("\n\n")}\n`;
}
