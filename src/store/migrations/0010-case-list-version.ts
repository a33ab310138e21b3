/**
 * A change counter per agency for the worklist: every statement that inserts, updates or deletes an
 * agency's applications or their events bumps the agency's `case_list_version` in the same
 * transaction (statement-level triggers over the transition tables, so a bulk import of 100,000 rows
 * bumps once per agency, not once per row — and once per transaction), as does renaming a user who handles its cases. An app
 * process keeps each agency's derived worklist in memory and reuses it while the counter and the day
 * are unchanged — one primary-key read per request instead of replaying every open case — and any
 * number of processes stay correct, because the counter lives in the database.
 * `gongkai restore` writes the saved counters as they were: it sets gongkai.restoring, and the
 * triggers then do nothing.
 */
import { type Kysely, sql } from "kysely";

// Once per transaction and agency: readers only ever see committed counters, so a second bump in
// the same transaction adds nothing — and each would leave another row version behind (a bulk
// import of 1,000 agencies in 200 batches piled up 400 versions per row and slowed every probe).
const BUMP = `insert into case_list_version (agency_id, version, xact)
      select agency_id, 1, txid_current() from changed group by agency_id order by agency_id
      on conflict (agency_id) do update set version = case_list_version.version + 1, xact = excluded.xact
      where case_list_version.xact is distinct from excluded.xact`;

const SKIP_ON_RESTORE = "if current_setting('gongkai.restoring', true) = 'on' then return null; end if;";

/** One statement each: the PostgreSQL extended protocol takes a single command at a time. */
const STATEMENTS = [
  `create table case_list_version (
    agency_id integer primary key,
    version bigint not null,
    -- the transaction that last bumped it
    xact bigint not null
  )`,
  // Applications carry their agency.
  `create function case_list_bump_applications() returns trigger language plpgsql as $$
    begin
      ${SKIP_ON_RESTORE}
      with changed as (select agency_id from changed_rows) ${BUMP};
      return null;
    end $$`,
  // An update could move a case to another agency: both the old and the new agency change.
  `create function case_list_bump_application_update() returns trigger language plpgsql as $$
    begin
      ${SKIP_ON_RESTORE}
      with changed as (
        select agency_id from changed_rows union all select agency_id from old_rows
      ) ${BUMP};
      return null;
    end $$`,
  // Events name their application; a deleted application's events are covered by its own delete.
  // The ids go to the primary key as one array (an index probe each): a join with the transition
  // table, whose size the planner cannot know, was planned as a scan of every application per
  // statement — a bulk import of 1,000,000 rows then took 88 s instead of 39 s.
  `create function case_list_bump_events() returns trigger language plpgsql as $$
    begin
      ${SKIP_ON_RESTORE}
      with changed as (
        select a.agency_id from application a
        where a.id = any(array(select distinct application_id from changed_rows))
      ) ${BUMP};
      return null;
    end $$`,
  // The worklist shows each handler's name: a renamed user changes the lists of the cases it handles.
  `create function case_list_bump_handler() returns trigger language plpgsql as $$
    begin
      ${SKIP_ON_RESTORE}
      with changed as (select agency_id from application where handler_id = new.id) ${BUMP};
      return null;
    end $$`,
  ...["insert", "update", "delete"].flatMap((op) => {
    const rows = op === "delete" ? "old table as changed_rows" : "new table as changed_rows";
    const onApplication =
      op === "update"
        ? "referencing old table as old_rows new table as changed_rows for each statement execute function case_list_bump_application_update()"
        : `referencing ${rows} for each statement execute function case_list_bump_applications()`;
    return [
      `create trigger case_list_application_${op} after ${op} on application ${onApplication}`,
      `create trigger case_list_event_${op} after ${op} on application_event
        referencing ${rows} for each statement execute function case_list_bump_events()`,
    ];
  }),
  `create trigger case_list_handler_rename after update of name on app_user
    for each row when (old.name is distinct from new.name) execute function case_list_bump_handler()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
