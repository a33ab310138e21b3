/**
 * The disclosure catalogue: documents (索引号 unique) with versions — a correction is a new version,
 * a published version is never overwritten (a trigger enforces it) — the three review steps per
 * version, attachments (bytea), each agency's 政府信息公开指南, and bigram search (tsvector + GIN).
 */
import { type Kysely, sql } from "kysely";

/** One statement each: the PostgreSQL extended protocol takes a single command at a time. */
const STATEMENTS = [
  `create table catalogue_document (
    id serial primary key,
    agency_id integer not null references agency(id),
    index_no text not null unique,
    created_at timestamptz not null default now()
  )`,
  `create table catalogue_version (
    id serial primary key,
    document_id integer not null references catalogue_document(id),
    version integer not null,
    title text not null,
    doc_number text,
    publisher text not null,
    written_on date,
    published_on date,
    category text not null,
    validity text not null check (validity in ('valid', 'expired', 'repealed', 'none')),
    doc_kind text not null check (doc_kind in ('regulation', 'normative_document', 'other')),
    article20_item smallint not null check (article20_item between 1 and 15),
    body text not null default '',
    correction_note text,
    state text not null default 'draft'
      check (state in ('draft', 'review1', 'review2', 'review3', 'published', 'superseded')),
    author_id integer not null references app_user(id),
    created_at timestamptz not null default now(),
    search_tokens tsvector not null,
    search_text text not null,
    unique (document_id, version),
    check ((state in ('published', 'superseded')) = (published_on is not null))
  )`,
  "create index catalogue_version_search on catalogue_version using gin (search_tokens) where state = 'published'",
  "create index catalogue_version_published on catalogue_version (published_on desc, id desc) where state = 'published'",
  "create unique index catalogue_version_one_published on catalogue_version (document_id) where state = 'published'",
  "create unique index catalogue_version_one_open on catalogue_version (document_id) where state not in ('published', 'superseded')",
  `-- A published version is frozen: only its state may move on to 'superseded' (条例第二十六条: 更正 keeps the record).
  create function catalogue_version_frozen() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' or old.state = 'superseded'
      or (old.state = 'published' and (new.state <> 'superseded'
        or (new.title, new.doc_number, new.publisher, new.written_on, new.published_on, new.category,
            new.validity, new.doc_kind, new.article20_item, new.body)
           is distinct from
           (old.title, old.doc_number, old.publisher, old.written_on, old.published_on, old.category,
            old.validity, old.doc_kind, old.article20_item, old.body))) then
      raise exception 'published catalogue versions are frozen (已发布的目录版本不可修改，请提交更正版本)';
    end if;
    return new;
  end $$`,
  `create trigger catalogue_version_frozen before update or delete on catalogue_version
    for each row when (old.state in ('published', 'superseded'))
    execute function catalogue_version_frozen()`,
  `create table catalogue_review (
    id serial primary key,
    version_id integer not null references catalogue_version(id),
    step smallint not null check (step between 0 and 3),
    approved boolean not null,
    reason text,
    user_id integer not null references app_user(id),
    at timestamptz not null default now(),
    check (approved or (reason is not null and reason <> ''))
  )`,
  `create table catalogue_attachment (
    id serial primary key,
    version_id integer not null references catalogue_version(id),
    filename text not null,
    media_type text not null,
    size integer not null check (size > 0 and size <= 10485760),
    content bytea not null
  )`,
  "create index catalogue_attachment_version on catalogue_attachment (version_id)",
  `create table agency_guide (
    agency_id integer primary key references agency(id),
    guide jsonb not null,
    updated_at timestamptz not null default now(),
    updated_by text not null
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
