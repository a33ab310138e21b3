/**
 * Letters: per-agency editable letter templates (one per kind; the shipped default applies until an
 * agency saves its own) and issued letters, frozen as the DOCX bytes served, with the event they
 * answer. Review/litigation records gain a case number and the deciding body.
 */
import { type Kysely, sql } from "kysely";

/** One statement each: the PostgreSQL extended protocol takes a single command at a time. */
const STATEMENTS = [
  `create table letter_template (
    agency_id integer not null references agency(id),
    kind text not null,
    title text not null,
    body text not null,
    updated_at timestamptz not null default now(),
    updated_by text not null,
    primary key (agency_id, kind)
  )`,
  `create table issued_letter (
    id bigserial primary key,
    application_id bigint not null references application(id) on delete cascade,
    kind text not null,
    event_seq integer,
    file_name text not null,
    docx bytea not null,
    sha256 text not null,
    issued_at timestamptz not null default now(),
    issued_by text not null
  )`,
  "create index issued_letter_application on issued_letter (application_id, issued_at)",
  `-- An issued letter is what the applicant received: it never changes.
  create function issued_letter_is_frozen() returns trigger language plpgsql as $$
  begin
    raise exception 'issued letters are frozen (已送达的文书不可修改)';
  end $$`,
  `create trigger issued_letter_frozen before update on issued_letter
    for each row execute function issued_letter_is_frozen()`,
  "alter table review_case add column case_number text",
  "alter table review_case add column authority text",
  "create index review_case_agency on review_case (agency_id, filed)",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
