/**
 * Public applicants' accounts on the portal (issue 5): an account per login — a mainland mobile
 * number or an e-mail address, normalised — with an argon2id password hash; portal sessions in their
 * own table (never app_session: a staff session and an applicant session can never be confused);
 * and the account an application was filed under (nullable: most applications have none).
 */
import { type Kysely, sql } from "kysely";

/** One statement each: the PostgreSQL extended protocol takes a single command at a time. */
const STATEMENTS = [
  `create table applicant_account (
    id serial primary key,
    login text not null unique,
    display_name text not null,
    password_hash text not null,
    disabled boolean not null default false,
    created_at timestamptz not null default now()
  )`,
  `-- The key is the SHA-256 of the cookie's token: a copy of this table opens no session.
  create table applicant_session (
    token_hash text primary key,
    account_id integer not null references applicant_account(id) on delete cascade,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
  )`,
  "create index applicant_session_expires on applicant_session (expires_at)",
  "create index applicant_session_account on applicant_session (account_id)",
  "alter table application add column applicant_account_id integer references applicant_account(id)",
  `create index application_applicant_account on application (applicant_account_id, received)
    where applicant_account_id is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
