/** Queries for the supervising office: published reports of a set of agencies over years; agencies on the platform. */
import { reportFromJson } from "../domain/report/json.js";
import type { Report } from "../domain/report/model.js";
import type { Db } from "./db.js";
import { type PublishedRow, selectPublished } from "./published-reports.js";
import type { Tx } from "./transaction.js";

/** The latest published report of each of the agencies for each of the years, with its content. */
export async function publishedReportsOf(
  db: Db,
  agencyIds: readonly number[],
  years: readonly number[],
): Promise<(PublishedRow & { report: Report })[]> {
  if (agencyIds.length === 0 || years.length === 0) return [];
  const rows = (await selectPublished(db, { agencyIds })).filter((r) => years.includes(r.year));
  if (rows.length === 0) return [];
  const reports = await db
    .selectFrom("report_snapshot")
    .select(["id", "report", "year"])
    .where(
      "id",
      "in",
      rows.map((r) => r.snapshotId),
    )
    .execute();
  const byId = new Map(
    reports.map((r) => [r.id, reportFromJson(r.report, `${r.year} 年度报告快照 #${r.id}`)]),
  );
  return rows.map((r) => ({ ...r, report: byId.get(r.snapshotId)! }));
}

/** True when the agency has staff accounts (it publishes through Gongkai, not by import). */
export async function agencyHasUsers(db: Db | Tx, agencyId: number): Promise<boolean> {
  const row = await db
    .selectFrom("app_user")
    .select("id")
    .where("agency_id", "=", agencyId)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** An agency by exact name (id and parent), if any. */
export async function agencyByName(
  db: Db | Tx,
  name: string,
): Promise<{ id: number; parentId: number | null } | undefined> {
  return db
    .selectFrom("agency")
    .select(["id", "parent_id as parentId"])
    .where("name", "=", name)
    .executeTakeFirst();
}
