/** Queries for published reports (the latest snapshot per agency and year), for the public portal. */
import { sql } from "kysely";
import { reportFromJson } from "../domain/report/json.js";
import type { Report } from "../domain/report/model.js";
import type { Db } from "./db.js";

export interface PublishedRow {
  snapshotId: number;
  agencyId: number;
  agencyName: string;
  year: number;
  publishedAt: Date;
  /** True for a report published outside Gongkai and imported (published_by "import:…"). */
  imported: boolean;
}

/** The latest snapshot of each agency and year, optionally of one agency and/or one year; by year desc, agency. */
export async function selectPublished(
  db: Db,
  filter: { agencyId?: number | undefined; year?: number | undefined; agencyIds?: readonly number[] },
): Promise<PublishedRow[]> {
  if (filter.agencyIds && filter.agencyIds.length === 0) return [];
  let q = db
    .selectFrom("report_snapshot as s")
    .innerJoin("agency as a", "a.id", "s.agency_id")
    .select(["s.id", "s.agency_id", "a.name", "s.year", "s.published_at", "s.published_by"])
    // The newest snapshot of its agency and year supersedes the older ones.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("report_snapshot as n")
            .select("n.id")
            .whereRef("n.agency_id", "=", "s.agency_id")
            .whereRef("n.year", "=", "s.year")
            .whereRef("n.id", ">", "s.id"),
        ),
      ),
    );
  if (filter.agencyId !== undefined) q = q.where("s.agency_id", "=", filter.agencyId);
  if (filter.year !== undefined) q = q.where("s.year", "=", filter.year);
  if (filter.agencyIds) q = q.where("s.agency_id", "in", [...filter.agencyIds]);
  const rows = await q.orderBy("s.year", "desc").orderBy("a.name").orderBy("s.id").execute();
  return rows.map((r) => ({
    snapshotId: r.id,
    agencyId: r.agency_id,
    agencyName: r.name,
    year: r.year,
    publishedAt: new Date(r.published_at),
    imported: r.published_by.startsWith("import:"),
  }));
}

/** The report JSON of a snapshot by id. */
export async function snapshotReport(db: Db, snapshotId: number): Promise<Report | undefined> {
  const row = await db
    .selectFrom("report_snapshot")
    .select(["report", "year"])
    .where("id", "=", snapshotId)
    .executeTakeFirst();
  return row ? reportFromJson(row.report, `${row.year} 年度报告快照 #${snapshotId}`) : undefined;
}

/** Years that have at least one published report (newest first). */
export async function publishedYears(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom("report_snapshot")
    .select(sql<number>`distinct year`.as("year"))
    .orderBy("year", "desc")
    .execute();
  return rows.map((r) => Number(r.year));
}
