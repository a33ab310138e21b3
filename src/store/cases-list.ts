/**
 * The worklist's queries over one agency's applications: the open ones (to be replayed by the case
 * domain), counts and pages of the closed ones (from the denormalised answered/outcome columns),
 * and a page by receipt date over both. Filters are bound parameters, never spliced into SQL.
 */
import { type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import type { Db } from "./db.js";
import type { Database } from "./schema.js";

export interface CaseFilter {
  agencyId: number;
  handlerId?: number | undefined;
  channel?: string | undefined;
  /** Received in this year. */
  year?: number | undefined;
  /** A substring of the ref or the subject. */
  q?: string | undefined;
}

export interface ListRow {
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
  handlerName: string | null;
  source: string;
}

type Q = SelectQueryBuilder<Database, "application" | "app_user", object>;

/** LIKE pattern for a literal substring: % _ and \ escaped. */
const likeLiteral = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function base(db: Db, f: CaseFilter, withHandler = true): Q {
  const from = db.selectFrom("application");
  let q = (withHandler ? from.leftJoin("app_user", "app_user.id", "application.handler_id") : from).where(
    "application.agency_id",
    "=",
    f.agencyId,
  ) as unknown as Q;
  if (f.handlerId !== undefined) q = q.where("application.handler_id", "=", f.handlerId);
  if (f.channel !== undefined) q = q.where("application.channel", "=", f.channel);
  if (f.year !== undefined)
    q = q
      .where("application.received", ">=", `${f.year}-01-01`)
      .where("application.received", "<=", `${f.year}-12-31`);
  if (f.q) {
    const pattern = likeLiteral(f.q);
    q = q.where((eb) =>
      eb.or([eb("application.ref", "ilike", pattern), eb("application.subject", "ilike", pattern)]),
    );
  }
  return q;
}

const listColumns = [
  "application.id",
  "application.agency_id as agencyId",
  "application.ref",
  "application.received",
  "application.channel",
  "application.applicant_type as applicantType",
  "application.applicant",
  "application.subject",
  "application.answered",
  "application.outcome",
  "application.handler_id as handlerId",
  "app_user.name as handlerName",
  "application.source",
] as const;

/** Every open application matching the filter (the worklist replays these). */
export async function openApplications(db: Db, f: CaseFilter): Promise<ListRow[]> {
  return (await base(db, f)
    .where("application.answered", "is", null)
    .select(listColumns)
    .execute()) as ListRow[];
}

/** How many closed applications match the filter. */
export async function countClosed(db: Db, f: CaseFilter): Promise<number> {
  // The handler's name is not needed to count: no join (the filters use application's own columns).
  const r = await (base(db, f, false) as Q)
    .where("application.answered", "is not", null)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A page of closed applications, newest receipt first. */
export async function closedPage(db: Db, f: CaseFilter, offset: number, limit: number): Promise<ListRow[]> {
  if (limit <= 0) return [];
  return (await base(db, f)
    .where("application.answered", "is not", null)
    .select(listColumns)
    .orderBy("application.received", "desc")
    .orderBy("application.id", "desc")
    .offset(offset)
    .limit(limit)
    .execute()) as ListRow[];
}

/**
 * A page by receipt date (newest first) over the closed applications (when `withClosed`) and the
 * open ones whose ids are given (those the status filter kept).
 */
export async function pageByReceived(
  db: Db,
  f: CaseFilter,
  openIds: readonly string[],
  withClosed: boolean,
  offset: number,
  limit: number,
): Promise<ListRow[]> {
  if (limit <= 0 || (!withClosed && openIds.length === 0)) return [];
  return (await base(db, f)
    .where((eb) => {
      const parts = [];
      if (withClosed) parts.push(eb("application.answered", "is not", null));
      // One array parameter, however many ids (an IN list would hit the bind-parameter limit).
      if (openIds.length) parts.push(sql<SqlBool>`application.id = any(${[...openIds]}::bigint[])`);
      return eb.or(parts);
    })
    .select(listColumns)
    .orderBy("application.received", "desc")
    .orderBy("application.id", "desc")
    .offset(offset)
    .limit(limit)
    .execute()) as ListRow[];
}

/**
 * The agency's worklist change counter (migration 0010: bumped in the same transaction as every
 * change to its applications, their events, or their handlers' names); "0" before the first change.
 */
export async function caseListVersion(db: Db, agencyId: number): Promise<string> {
  const r = await db
    .selectFrom("case_list_version")
    .select("version")
    .where("agency_id", "=", agencyId)
    .executeTakeFirst();
  return r ? String(r.version) : "0";
}
