/** Queries of the public portal's application pages: the receipt by tracking code, tracking, served letters. */
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

/** Letters served for an application (table issued_letter of migration 0006, when it exists). */
export async function servedLetters(db: Db, applicationId: string) {
  const exists = await sql<{ t: string | null }>`select to_regclass('issued_letter')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return [];
  const rows = await sql<{ id: string; kind: string; file_name: string; issued_at: Date }>`
    select id::text, kind, file_name, issued_at from issued_letter where application_id = ${applicationId}
    order by issued_at, id`.execute(db);
  return rows.rows;
}

/** One served letter's bytes, if it belongs to the application. */
export async function servedLetter(db: Db, applicationId: string, letterId: string) {
  if (!/^\d{1,18}$/.test(letterId)) return undefined;
  const rows = await sql<{ file_name: string; docx: Buffer }>`
    select file_name, docx from issued_letter where application_id = ${applicationId} and id = ${letterId}`.execute(
    db,
  );
  return rows.rows[0];
}
