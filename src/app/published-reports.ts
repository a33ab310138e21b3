/**
 * Use case: published annual reports, readable by anyone (the public portal): the list by agency
 * and/or year, and one agency's report for a year. 条例第四十九条: each agency publishes its
 * previous year's report; a newer publication supersedes an older one of the same year.
 */
import type { Report } from "../domain/report/model.js";
import type { Db } from "../store/db.js";
import { type PublishedRow, selectPublished, snapshotReport } from "../store/published-reports.js";

/** One published report in a list: who, which year, when; `imported` when published outside Gongkai. */
export type PublishedReportSummary = PublishedRow;

/** A published report with its frozen content. */
export interface PublishedReport extends PublishedReportSummary {
  report: Report;
}

/** The latest published report of every agency and year, optionally of one agency and/or one year. */
export async function listPublishedReports(
  db: Db,
  filter: { agencyId?: number; year?: number } = {},
): Promise<PublishedReportSummary[]> {
  return selectPublished(db, filter);
}

/** The published report of an agency for a year (its latest snapshot), or undefined when none. */
export async function loadPublishedReport(
  db: Db,
  agencyId: number,
  year: number,
): Promise<PublishedReport | undefined> {
  const [row] = await selectPublished(db, { agencyId, year });
  if (!row) return undefined;
  const report = await snapshotReport(db, row.snapshotId);
  return report ? { ...row, report } : undefined;
}
