/**
 * The annual report's 三审 workflow: one draft per agency and year holding the narrative sections
 * and its state (draft → submitted → reviewed → approved → published), and the comments left at
 * every transition (append-only). Publication freezes a snapshot in report_snapshot.
 */
import { type Kysely, sql } from "kysely";

/** One statement each: the PostgreSQL extended protocol takes a single command at a time. */
const STATEMENTS = [
  `create table report_draft (
    id serial primary key,
    agency_id integer not null references agency(id),
    year integer not null check (year between 2000 and 2100),
    state text not null default 'draft'
      check (state in ('draft', 'submitted', 'reviewed', 'approved', 'published')),
    sections jsonb not null default '{}',
    snapshot_id integer references report_snapshot(id),
    updated_at timestamptz not null default now(),
    updated_by text not null,
    unique (agency_id, year)
  )`,
  `create table report_comment (
    id serial primary key,
    draft_id integer not null references report_draft(id),
    action text not null check (action in ('submit', 'review', 'return', 'approve', 'publish')),
    from_state text not null,
    to_state text not null,
    body text not null default '',
    author_id integer references app_user(id),
    author text not null,
    at timestamptz not null default now()
  )`,
  "create index report_comment_draft on report_comment (draft_id, id)",
  `-- Comments are the record of the review: never changed or removed.
  create function report_comment_is_append_only() returns trigger language plpgsql as $$
  begin
    raise exception 'report comments are append-only (审核意见只能追加)';
  end $$`,
  `create trigger report_comment_append_only before update or delete on report_comment
    for each row execute function report_comment_is_append_only()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
