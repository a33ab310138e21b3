/** Queries for reports: published snapshots, and the records every agency's report is derived from. */
import { reportFromJson } from "../domain/report/json.js";
import type { Report } from "../domain/report/model.js";
import type { Db } from "./db.js";
import type { Tx } from "./transaction.js";

export interface SnapshotRow {
  id: number;
  agencyId: number;
  report: Report;
  publishedAt: Date;
  publishedBy: string;
}

/** The latest snapshot (published or imported) of an agency's report for a year, if any. */
export async function latestSnapshot(
  db: Db,
  agencyId: number,
  year: number,
): Promise<SnapshotRow | undefined> {
  const row = await db
    .selectFrom("report_snapshot")
    .select(["id", "agency_id", "report", "published_at", "published_by"])
    .where("agency_id", "=", agencyId)
    .where("year", "=", year)
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    agencyId: row.agency_id,
    report: reportFromJson(row.report, `${year} 年度报告快照 #${row.id}`),
    publishedAt: new Date(row.published_at),
    publishedBy: row.published_by,
  };
}

/** Stores a frozen snapshot; returns its id. */
export async function insertSnapshot(
  tx: Tx,
  agencyId: number,
  report: Report,
  json: Record<string, unknown>,
  publishedAt: Date,
  publishedBy: string,
): Promise<number> {
  const row = await tx
    .insertInto("report_snapshot")
    .values({
      agency_id: agencyId,
      year: report.year,
      report: JSON.stringify(json),
      published_at: publishedAt,
      published_by: publishedBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** For agencies whose records start in `year`: their latest snapshot of the year before. */
export async function snapshotsOfAgenciesStartingIn(db: Db, year: number): Promise<SnapshotRow[]> {
  const rows = await db
    .selectFrom("report_snapshot")
    .select(["id", "agency_id", "report", "published_at", "published_by"])
    .where("year", "=", year - 1)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("application")
            .select("application.id")
            .whereRef("application.agency_id", "=", "report_snapshot.agency_id")
            .where("application.received", "<", `${year}-01-01`),
        ),
      ),
    )
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    agencyId: row.agency_id,
    report: reportFromJson(row.report, `${year - 1} 年度报告快照 #${row.id}`),
    publishedAt: new Date(row.published_at),
    publishedBy: row.published_by,
  }));
}

/** True when the agency has no application received before `year` (its records start then or later). */
export async function recordsStartIn(db: Db, agencyId: number, year: number): Promise<boolean> {
  const earlier = await db
    .selectFrom("application")
    .select("id")
    .where("agency_id", "=", agencyId)
    .where("received", "<", `${year}-01-01`)
    .limit(1)
    .executeTakeFirst();
  return !earlier;
}

/** Names of some agencies, for "did you mean" messages. */
export async function someAgencyNames(db: Db, limit = 20): Promise<string[]> {
  const rows = await db.selectFrom("agency").select("name").orderBy("name").limit(limit).execute();
  return rows.map((r) => r.name);
}

/** Every agency, and every review case, register document and the year's figures (bulk derivation). */
export async function loadAllForYear(db: Db, year: number) {
  const [agencies, reviews, register, figures] = await Promise.all([
    db.selectFrom("agency").select(["id", "name"]).orderBy("id").execute(),
    db.selectFrom("review_case").selectAll().execute(),
    db.selectFrom("register_document").selectAll().execute(),
    db.selectFrom("yearly_figures").selectAll().where("year", "=", year).execute(),
  ]);
  return { agencies, reviews, register, figures };
}
