/**
 * Casework queries: one application with its events, appending events with the denormalised
 * reply columns kept in step, handler assignment, and the worklist's two halves (open cases to
 * derive, closed cases straight from the denormalised columns).
 */
import { sql } from "kysely";
import { GongkaiError } from "../domain/errors.js";
import type { Db } from "./db.js";
import type { Tx } from "./transaction.js";

/** A stored event in the case domain's shape: { type, date, ...data }. */
export type StoredEvent = { type: string; date: string } & Record<string, unknown>;

export interface ApplicationRow {
  id: string;
  agencyId: number;
  ref: string;
  received: string;
  channel: string;
  applicantType: number;
  applicant: Record<string, string>;
  subject: string;
  answered: string | null;
  outcome: string | null;
  handlerId: number | null;
  source: string;
  trackingCode: string | null;
}

const columns = [
  "a.id",
  "a.agency_id as agencyId",
  "a.ref",
  "a.received",
  "a.channel",
  "a.applicant_type as applicantType",
  "a.applicant",
  "a.subject",
  "a.answered",
  "a.outcome",
  "a.handler_id as handlerId",
  "a.source",
  "a.tracking_code as trackingCode",
] as const;

export interface NewApplicationRow {
  agencyId: number;
  ref: string;
  received: string;
  channel: string;
  applicantType: number;
  applicant: object;
  subject: string;
  handlerId: number | null;
  source: "staff" | "portal";
  trackingCode: string | null;
  trackingCheck: string | null;
  extra?: object;
}

/** Inserts an application; CASE-REF-EXISTS when the agency already has the ref. */
export async function insertApplication(tx: Tx, a: NewApplicationRow): Promise<string> {
  const row = await tx
    .insertInto("application")
    .values({
      agency_id: a.agencyId,
      ref: a.ref,
      received: a.received,
      channel: a.channel,
      applicant_type: a.applicantType,
      applicant: JSON.stringify(a.applicant),
      subject: a.subject,
      answered: null,
      outcome: null,
      extra: JSON.stringify(a.extra ?? {}),
      handler_id: a.handlerId,
      source: a.source,
      tracking_code: a.trackingCode,
      tracking_check: a.trackingCheck,
    })
    .returning("id")
    .executeTakeFirstOrThrow()
    .catch((e: unknown) => {
      const err = e as { code?: string; constraint?: string; message?: string };
      // 23505 unique_violation: (agency_id, ref), or a tracking code drawn twice (retried by the caller).
      if (err.code === "23505" && !String(err.constraint ?? err.message).includes("tracking"))
        throw new GongkaiError("CASE-REF-EXISTS", `本机关已有编号为“${a.ref}”的申请`);
      throw e;
    });
  return row.id;
}

/** Appends one event at the next sequence number (the caller holds the application's row lock). */
export async function insertEvent(
  tx: Tx,
  applicationId: string,
  event: StoredEvent,
  recordedBy: string,
): Promise<number> {
  const { type, date, ...data } = event;
  const last = await tx
    .selectFrom("application_event")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .where("application_id", "=", applicationId)
    .executeTakeFirst();
  const seq = last?.seq === null || last?.seq === undefined ? 0 : Number(last.seq) + 1;
  await tx
    .insertInto("application_event")
    .values({
      application_id: applicationId,
      seq,
      type,
      on_date: date,
      data: JSON.stringify(data),
      recorded_by: recordedBy,
    })
    .execute();
  return seq;
}

/** One application, optionally locked FOR UPDATE (inside a transaction). */
export async function findApplication(
  db: Db | Tx,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ApplicationRow | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  let q = db.selectFrom("application as a").select(columns).where("a.id", "=", id);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** An application by its agency and ref. */
export async function findApplicationByRef(
  db: Db | Tx,
  agencyId: number,
  ref: string,
): Promise<ApplicationRow | undefined> {
  return db
    .selectFrom("application as a")
    .select(columns)
    .where("a.agency_id", "=", agencyId)
    .where("a.ref", "=", ref)
    .executeTakeFirst();
}

export interface EventRow extends Record<string, unknown> {
  type: string;
  date: string;
  seq: number;
  recordedBy: string;
  recordedAt: string;
}

/** The events of an application, in order, each with who recorded it and when. */
export async function loadEvents(db: Db | Tx, applicationId: string): Promise<EventRow[]> {
  const rows = await db
    .selectFrom("application_event")
    .select(["seq", "type", "on_date", "data", "recorded_by", "recorded_at"])
    .where("application_id", "=", applicationId)
    .orderBy("seq")
    .execute();
  return rows.map((r) => ({
    ...(r.data as Record<string, unknown>),
    type: r.type,
    date: r.on_date,
    seq: r.seq,
    recordedBy: r.recorded_by,
    recordedAt: new Date(r.recorded_at as unknown as string).toISOString(),
  }));
}

/** Events of many applications at once, grouped by application id (for the worklist). */
export async function loadEventsOf(db: Db, ids: readonly string[]): Promise<Map<string, StoredEvent[]>> {
  const out = new Map<string, StoredEvent[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const { rows } = await sql<{ application_id: string; type: string; on_date: string; data: unknown }>`
    select application_id, type, on_date, data from application_event
    where application_id = any(${ids}::bigint[]) order by application_id, seq`.execute(db);
  for (const r of rows) {
    const data = (typeof r.data === "string" ? JSON.parse(r.data) : r.data) as Record<string, unknown>;
    out.get(String(r.application_id))?.push({ ...data, type: r.type, date: r.on_date });
  }
  return out;
}

/** Sets (or clears) the denormalised reply date and outcome when a case closes. */
export async function setClosed(
  tx: Tx,
  id: string,
  closed: { date: string; outcome: string } | null,
): Promise<void> {
  await tx
    .updateTable("application")
    .set({ answered: closed?.date ?? null, outcome: closed?.outcome ?? null, updated_at: sql`now()` })
    .where("id", "=", id)
    .execute();
}

/** Assigns the handler. */
export async function setHandler(tx: Tx, id: string, handlerId: number | null): Promise<void> {
  await tx
    .updateTable("application")
    .set({ handler_id: handlerId, updated_at: sql`now()` })
    .where("id", "=", id)
    .execute();
}

/** A staff user of the agency who can handle cases, if any. */
export async function findHandler(db: Db | Tx, agencyId: number, userId: number) {
  return db
    .selectFrom("app_user")
    .select(["id", "name", "role"])
    .where("id", "=", userId)
    .where("agency_id", "=", agencyId)
    .where("role", "in", ["clerk", "reviewer", "head"])
    .where("disabled", "=", false)
    .executeTakeFirst();
}
