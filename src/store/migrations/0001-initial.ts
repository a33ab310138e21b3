/** The first schema: agencies, applications and their events, review/litigation, registers, snapshots, audit. */
import { type Kysely, sql } from "kysely";

/** One statement each: the PostgreSQL extended protocol takes a single command at a time. */
const STATEMENTS = [
  `create table agency (
    id serial primary key,
    name text not null unique,
    parent_id integer references agency(id),
    created_at timestamptz not null default now()
  )`,
  `create table application (
    id bigserial primary key,
    agency_id integer not null references agency(id),
    ref text not null,
    received date not null,
    channel text not null,
    applicant_type smallint not null check (applicant_type between 0 and 5),
    applicant jsonb not null default '{}',
    subject text not null default '',
    answered date,
    outcome text,
    extra jsonb not null default '{}',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (agency_id, ref),
    check ((answered is null) = (outcome is null))
  )`,
  `create index application_agency_received on application (agency_id, received)`,
  `create table application_event (
    application_id bigint not null references application(id) on delete cascade,
    seq integer not null,
    type text not null,
    on_date date not null,
    data jsonb not null default '{}',
    recorded_at timestamptz not null default now(),
    recorded_by text not null,
    primary key (application_id, seq)
  )`,
  `create table review_case (
    id serial primary key,
    agency_id integer not null references agency(id),
    application_id bigint references application(id),
    kind text not null check (kind in ('review', 'litigation_direct', 'litigation_after_review')),
    filed date not null,
    result text check (result in ('upheld', 'corrected', 'other')),
    decided date,
    check ((result is null) = (decided is null))
  )`,
  `create table register_document (
    id serial primary key,
    agency_id integer not null references agency(id),
    kind text not null check (kind in ('regulation', 'normative_document')),
    title text not null,
    doc_number text,
    issued date not null,
    repealed date,
    check (repealed is null or repealed >= issued)
  )`,
  `create table yearly_figures (
    agency_id integer not null references agency(id),
    year integer not null,
    licensing integer check (licensing >= 0),
    penalty integer check (penalty >= 0),
    coercion integer check (coercion >= 0),
    fees_10k_yuan numeric,
    edition2019 jsonb,
    primary key (agency_id, year)
  )`,
  `create table report_snapshot (
    id serial primary key,
    agency_id integer not null references agency(id),
    year integer not null,
    report jsonb not null,
    published_at timestamptz not null,
    published_by text not null
  )`,
  `create table audit (
    id bigserial primary key,
    at timestamptz not null default now(),
    actor text not null,
    action text not null,
    entity text not null,
    entity_id text,
    before jsonb,
    after jsonb
  )`,
  `-- The audit trail is append-only: no row is ever changed or removed.
  create function audit_is_append_only() returns trigger language plpgsql as $$
  begin
    raise exception 'audit rows are append-only (审计记录只能追加)';
  end $$`,
  `create trigger audit_append_only before update or delete on audit
    for each row execute function audit_is_append_only()`,
  `-- A published report is frozen: its snapshot never changes.
  create function snapshot_is_frozen() returns trigger language plpgsql as $$
  begin
    raise exception 'published report snapshots are frozen (已发布的年报快照不可修改)';
  end $$`,
  `create trigger report_snapshot_frozen before update on report_snapshot
    for each row execute function snapshot_is_frozen()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
