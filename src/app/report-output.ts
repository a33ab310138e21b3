/**
 * Use cases of the report workspace: the report as it stands (derived from the records, with the
 * draft's narrative) or as published, rendered in a format; and the records behind one cell.
 */
import { GongkaiError } from "../domain/errors.js";
import { type Report, reportCells } from "../domain/report/model.js";
import { render } from "../render/index.js";
import { agenciesByIds } from "../store/accounts.js";
import type { Db } from "../store/db.js";
import { applicationsByRefs, documentsByIds, reviewCasesByIds } from "../store/register-queries.js";
import { findDraft } from "../store/report-drafts.js";
import { buildAgencyReport } from "./build-report.js";
import { type Action, type Actor, authorize } from "./policy.js";
import { loadPublishedReport } from "./published-reports.js";

export const OUTPUT_FORMATS = ["html", "docx", "pdf", "md", "json"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

async function agencyName(db: Db, actor: Actor, action: Action, agencyId: number): Promise<string> {
  authorize(actor, action, agencyId);
  const [agency] = await agenciesByIds(db, [agencyId]);
  if (!agency) throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
  return agency.name;
}

/** The report as it stands: derived from the records now, with the draft's narrative and the official title. */
export async function currentReport(db: Db, agencyId: number, name: string, year: number): Promise<Report> {
  const [derived, draft] = await Promise.all([
    buildAgencyReport(db, name, year),
    findDraft(db, agencyId, year),
  ]);
  return {
    ...derived.report,
    title: `${name}${year}年政府信息公开工作年度报告`,
    sections: draft?.sections ?? {},
  };
}

/** An agency's published report for a year, for staff (NOT-FOUND when not published). */
export async function publishedReportOf(db: Db, actor: Actor, agencyId: number, year: number) {
  await agencyName(db, actor, "report.read", agencyId);
  const published = await loadPublishedReport(db, agencyId, year);
  if (!published) throw new GongkaiError("NOT-FOUND", `该机关 ${year} 年度报告尚未发布`);
  return published;
}

/** The report rendered in a format: `current` (records + draft) or `published` (the frozen snapshot). */
export async function renderAgencyReport(
  db: Db,
  actor: Actor,
  agencyId: number,
  year: number,
  format: OutputFormat,
  version: "current" | "published",
): Promise<{ bytes: Buffer; fileName: string }> {
  const name = await agencyName(db, actor, "report.read", agencyId);
  const report =
    version === "published"
      ? (await publishedReportOf(db, actor, agencyId, year)).report
      : await currentReport(db, agencyId, name, year);
  return { bytes: await render(report, format), fileName: `${name}${year}年度报告.${format}` };
}

/** The records behind one cell of the derived report: applications (table 三), cases (四), documents (二). */
export async function cellSources(db: Db, actor: Actor, agencyId: number, year: number, path: string) {
  // Application references are case data: the agency's own staff and the supervising office.
  const name = await agencyName(db, actor, "case.read", agencyId);
  const derived = await buildAgencyReport(db, name, year);
  const cell = reportCells(derived.report).find((c) => c.path === path);
  if (!cell)
    throw new GongkaiError("REQUEST-INVALID", `报告中没有单元格“${path}”`, [
      "单元格路径形如 applications.new_received[0]、review_litigation.review.upheld、active.regulation.issued",
    ]);
  const ids = derived.sources[path] ?? [];
  const base = { path, describe: cell.describe, value: cell.get(derived.report) ?? null, count: ids.length };
  if (cell.table === "applications") {
    // Derivation names applications by the agency's reference (ref), unique per agency.
    const rows = await applicationsByRefs(db, agencyId, [...new Set(ids)]);
    return { ...base, kind: "application" as const, items: rows };
  }
  const numeric = [...new Set(ids.map(Number).filter(Number.isSafeInteger))];
  if (cell.table === "review_litigation")
    return { ...base, kind: "review" as const, items: await reviewCasesByIds(db, agencyId, numeric) };
  return { ...base, kind: "document" as const, items: await documentsByIds(db, agencyId, numeric) };
}
