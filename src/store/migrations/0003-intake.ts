/**
 * Intake: who handles an application, where it came from, and the public tracking code.
 * An applicant without an account tracks an application with its tracking code plus a check
 * (the tail of the phone or ID number); only a hash of code + check is stored.
 */
import { type Kysely, sql } from "kysely";

/** One statement each: the PostgreSQL extended protocol takes a single command at a time. */
const STATEMENTS = [
  "alter table application add column handler_id integer references app_user(id)",
  `alter table application add column source text not null default 'register'
    check (source in ('register', 'staff', 'portal'))`,
  "alter table application add column tracking_code text unique",
  "alter table application add column tracking_check text",
  "create index application_handler on application (handler_id) where handler_id is not null",
  "create index application_open on application (agency_id, received) where answered is null",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
