/** Queries of the public portal's application pages: the receipt by tracking code, tracking. */
import { sql } from "kysely";
import type { Db } from "./db.js";

/** Merges portal details (desired form and delivery) into application.extra. */
export async function saveApplicationExtra(db: Db, id: string, extra: Record<string, string>): Promise<void> {
  await db
    .updateTable("application")
    .set({ extra: sql`extra || ${JSON.stringify(extra)}::jsonb` as never })
    .where("id", "=", id)
    .execute();
}

/** What a receipt shows (no personal data): the agency, the reference and the receipt date. */
export async function receiptByCode(db: Db, code: string) {
  return db
    .selectFrom("application as a")
    .innerJoin("agency as g", "g.id", "a.agency_id")
    .select(["a.id", "a.ref", "a.received", "a.created_at", "a.extra", "g.name as agency_name"])
    .where("a.tracking_code", "=", code)
    .executeTakeFirst();
}

/** The application a code + check hash opens. */
export async function applicationByTracking(db: Db, code: string, checkHash: string) {
  return db
    .selectFrom("application as a")
    .innerJoin("agency as g", "g.id", "a.agency_id")
    .select(["a.id", "a.ref", "a.received", "a.subject", "a.extra", "g.name as agency_name"])
    .where("a.tracking_code", "=", code)
    .where("a.tracking_check", "=", checkHash)
    .executeTakeFirst();
}
