/** Queries for applications and agencies: bulk upsert for imports, loading facts for derivation. */
import { sql } from "kysely";
import type { ApplicationRecord } from "../domain/register/application-row.js";
import type { ApplicationRowKey } from "../domain/report/definition.js";
import type { CaseFacts, RegisterRecord, ReviewRecord, YearlyFigures } from "../domain/stats/derive.js";
import type { Db } from "./db.js";
import type { Tx } from "./transaction.js";

/** The ids of agencies by name, creating those that do not exist yet. */
export async function ensureAgencies(
  tx: Tx,
  names: readonly string[],
): Promise<{ ids: Map<string, number>; created: string[] }> {
  const unique = [...new Set(names)];
  const existing = unique.length
    ? await tx.selectFrom("agency").select(["id", "name"]).where("name", "in", unique).execute()
    : [];
  const ids = new Map(existing.map((a) => [a.name, a.id]));
  const missing = unique.filter((n) => !ids.has(n));
  if (missing.length) {
    const rows = await tx
      .insertInto("agency")
      .values(missing.map((name) => ({ name, parent_id: null })))
      .returning(["id", "name"])
      .execute();
    for (const r of rows) ids.set(r.name, r.id);
  }
  return { ids, created: missing };
}

/**
 * Inserts or updates applications by (agency, ref) and replaces their events; returns the refs
 * inserted and updated. Rows travel as one array per column through unnest(): one statement per
 * batch whatever its size, on PGlite and PostgreSQL alike.
 */
export async function upsertApplications(
  tx: Tx,
  agencyIds: Map<string, number>,
  records: readonly ApplicationRecord[],
  actor: string,
): Promise<{ inserted: string[]; updated: string[] }> {
  if (records.length === 0) return { inserted: [], updated: [] };
  const col = <T>(f: (r: ApplicationRecord) => T) => records.map(f);
  const { rows } = await sql<{ id: string; ref: string; agency_id: number; inserted: boolean }>`
    insert into application (agency_id, ref, received, channel, applicant_type, applicant, subject, answered, outcome, extra)
    select * from unnest(
      ${col((r) => agencyIds.get(r.agency)!)}::int[], ${col((r) => r.ref)}::text[], ${col((r) => r.received)}::date[],
      ${col((r) => r.channel)}::text[], ${col((r) => r.applicantType)}::smallint[],
      ${col((r) => JSON.stringify({ name: r.applicant }))}::jsonb[], ${col((r) => r.subject)}::text[],
      ${col((r) => r.answered)}::date[], ${col((r) => r.outcome)}::text[], ${col((r) => JSON.stringify(r.extra))}::jsonb[])
    on conflict (agency_id, ref) do update set
      received = excluded.received, channel = excluded.channel, applicant_type = excluded.applicant_type,
      applicant = excluded.applicant, subject = excluded.subject, answered = excluded.answered,
      outcome = excluded.outcome, extra = excluded.extra, updated_at = now()
    returning id, ref, agency_id, (xmax = 0) as inserted
  `.execute(tx);
  const idOf = new Map(rows.map((r) => [`${r.agency_id}\u0000${r.ref}`, r.id]));
  const updatedIds = rows.filter((r) => !r.inserted).map((r) => r.id);
  if (updatedIds.length > 0)
    await sql`delete from application_event where application_id = any(${updatedIds}::bigint[])`.execute(tx);
  const events = records.flatMap((r) => {
    const applicationId = idOf.get(`${agencyIds.get(r.agency)}\u0000${r.ref}`)!;
    return r.events.map((e, seq) => ({ applicationId, seq, e }));
  });
  if (events.length > 0) {
    await sql`
      insert into application_event (application_id, seq, type, on_date, data, recorded_by)
      select a, s, t, d, j, ${actor} from unnest(
        ${events.map((x) => x.applicationId)}::bigint[], ${events.map((x) => x.seq)}::int[],
        ${events.map((x) => x.e.type)}::text[], ${events.map((x) => x.e.date)}::date[],
        ${events.map((x) => JSON.stringify(x.e.data))}::jsonb[]) as u(a, s, t, d, j)
    `.execute(tx);
  }
  return {
    inserted: rows.filter((r) => r.inserted).map((r) => r.ref),
    updated: rows.filter((r) => !r.inserted).map((r) => r.ref),
  };
}

/** An agency by name, or undefined. */
export async function findAgency(db: Db, name: string) {
  return db.selectFrom("agency").selectAll().where("name", "=", name).executeTakeFirst();
}

/** The facts derivation needs for one agency and year: applications open at some point in the year. */
export async function loadCaseFacts(db: Db, agencyId: number, year: number): Promise<CaseFacts[]> {
  const rows = await db
    .selectFrom("application")
    .select(["id", "ref", "applicant_type", "received", "answered", "outcome"])
    .where("agency_id", "=", agencyId)
    .where("received", "<=", `${year}-12-31`)
    .where((eb) => eb.or([eb("answered", "is", null), eb("answered", ">=", `${year}-01-01`)]))
    .execute();
  return rows.map((r) => ({
    id: r.ref,
    applicantType: r.applicant_type,
    received: r.received,
    answered: r.answered,
    outcome: r.outcome as ApplicationRowKey | null,
  }));
}

/** Review and litigation records of an agency. */
export async function loadReviews(db: Db, agencyId: number): Promise<ReviewRecord[]> {
  const rows = await db.selectFrom("review_case").selectAll().where("agency_id", "=", agencyId).execute();
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind as ReviewRecord["kind"],
    filed: r.filed,
    result: r.result as ReviewRecord["result"],
    decided: r.decided,
  }));
}

/** The 规章 / 行政规范性文件 register of an agency. */
export async function loadRegister(db: Db, agencyId: number): Promise<RegisterRecord[]> {
  const rows = await db
    .selectFrom("register_document")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind as RegisterRecord["kind"],
    issued: r.issued,
    repealed: r.repealed,
  }));
}

/** The yearly figures of an agency, if entered. */
export async function loadFigures(db: Db, agencyId: number, year: number): Promise<YearlyFigures | null> {
  const r = await db
    .selectFrom("yearly_figures")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("year", "=", year)
    .executeTakeFirst();
  if (!r) return null;
  return {
    licensing: r.licensing,
    penalty: r.penalty,
    coercion: r.coercion,
    fees10kYuan: r.fees_10k_yuan,
    edition2019: (r.edition2019 as YearlyFigures["edition2019"]) ?? null,
  };
}
