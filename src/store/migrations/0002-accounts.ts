/**
 * Accounts: agencies as a tree with a kind and an optional code; staff users belonging to an agency
 * with one role each; login sessions stored in the database (so app processes stay stateless).
 */
import { type Kysely, sql } from "kysely";

/** The five staff roles (经办人, 审核人, 负责人, 公开办管理员, 系统管理员); src/app/policy.ts says what each may do. */
export const ROLE_CHECK = "('clerk', 'reviewer', 'head', 'supervisor', 'admin')";

/** One statement each: the PostgreSQL extended protocol takes a single command at a time. */
const STATEMENTS = [
  `alter table agency add column kind text
    check (kind in ('province', 'city', 'district', 'department', 'office'))`,
  "alter table agency add column code text unique",
  "create index agency_parent on agency (parent_id)",
  `create table app_user (
    id serial primary key,
    agency_id integer not null references agency(id),
    login text not null unique,
    name text not null,
    role text not null check (role in ${ROLE_CHECK}),
    password_hash text not null,
    disabled boolean not null default false,
    created_at timestamptz not null default now()
  )`,
  "create index app_user_agency on app_user (agency_id)",
  `-- The id is the SHA-256 of the cookie's token: a copy of this table opens no session.
  create table app_session (
    id text primary key,
    user_id integer not null references app_user(id) on delete cascade,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
  )`,
  "create index app_session_expires on app_session (expires_at)",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
