/**
 * Catalog-driven reading and writing of every table, for `gongkai backup` / `gongkai restore`.
 * Tables, columns, keys, foreign keys and sequences come from the PostgreSQL catalog, so tables
 * added by later migrations are included without a list to maintain. Rows travel as the text of
 * row_to_json (exact for every type: numeric, dates, jsonb, timestamps in UTC) and come back through
 * json_populate_recordset, so no value passes through a JavaScript number or Date.
 */
import { type Kysely, sql } from "kysely";
import type { Db } from "./db.js";

/** Kysely's own migration tables: restored by name, never truncated. */
export const MIGRATION_TABLES = ["gongkai_migration", "gongkai_migration_lock"];

export interface TableInfo {
  name: string;
  /** Columns in order, generated columns left out (they are computed again on insert). */
  columns: string[];
  /** Primary-key columns (empty when the table has none). */
  key: string[];
  /** SQL types of the primary-key columns (for keyset paging). */
  keyTypes: string[];
  /** True when a foreign key points back at the same table (agency.parent_id). */
  selfReferencing: boolean;
}

export interface SequenceValue {
  name: string;
  value: string;
  called: boolean;
}

type AnyDb = Kysely<unknown>;

const ident = (name: string) => sql.id(name);

/** The base tables of the public schema, parents before children (foreign-key order). */
export async function listTables(db: Db | AnyDb): Promise<TableInfo[]> {
  const k = db as AnyDb;
  const tables = (
    await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`.execute(k)
  ).rows.map((r) => r.name);
  const cols = (
    await sql<{ table: string; column: string }>`
      select c.relname as "table", a.attname as "column"
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
        and a.attgenerated = ''
      order by c.relname, a.attnum`.execute(k)
  ).rows;
  const keys = (
    await sql<{ table: string; column: string; type: string }>`
      select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as type
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
      cross join lateral unnest(k.conkey) with ordinality as u(attnum, pos)
      join pg_attribute a on a.attrelid = c.oid and a.attnum = u.attnum
      where n.nspname = 'public' and k.contype = 'p' order by c.relname, u.pos`.execute(k)
  ).rows;
  const fks = (
    await sql<{ child: string; parent: string }>`
      select c.relname as child, p.relname as parent
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and k.contype = 'f'`.execute(k)
  ).rows;
  const infos = new Map<string, TableInfo>(
    tables.map((name) => [
      name,
      {
        name,
        columns: cols.filter((c) => c.table === name).map((c) => c.column),
        key: keys.filter((c) => c.table === name).map((c) => c.column),
        keyTypes: keys.filter((c) => c.table === name).map((c) => c.type),
        selfReferencing: fks.some((f) => f.child === name && f.parent === name),
      },
    ]),
  );
  // Depth-first topological order; a cycle between tables (none today) falls back to name order.
  const ordered: TableInfo[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string) => {
    if (state.get(name)) return;
    state.set(name, "visiting");
    for (const f of fks) if (f.child === name && f.parent !== name) visit(f.parent);
    state.set(name, "done");
    const info = infos.get(name);
    if (info) ordered.push(info);
  };
  for (const name of tables) visit(name);
  return ordered;
}

/** The sequences of the public schema with their current values. */
export async function readSequences(db: Db | AnyDb): Promise<SequenceValue[]> {
  const k = db as AnyDb;
  const names = (
    await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'S' order by c.relname`.execute(k)
  ).rows;
  const out: SequenceValue[] = [];
  for (const { name } of names) {
    const r = await sql<{ value: string; called: boolean }>`
      select last_value::text as value, is_called as called from ${ident(name)}`.execute(k);
    const row = r.rows[0];
    if (row) out.push({ name, value: row.value, called: row.called });
  }
  return out;
}

/** Row count of one table. */
export async function countRows(db: Db | AnyDb, table: string): Promise<number> {
  const r = await sql<{ n: string }>`select count(*)::text as n from ${ident(table)}`.execute(db as AnyDb);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Runs `work` on one connection inside a REPEATABLE READ, READ ONLY transaction: every query
 * in it sees the same snapshot, whatever is committed meanwhile.
 */
export async function inSnapshot<T>(db: Db, work: (conn: AnyDb) => Promise<T>): Promise<T> {
  return onOneConnection(db, sql`begin isolation level repeatable read read only`, work);
}

/** Runs `work` in one read-write transaction on one connection (all or nothing). */
export async function inWriteTransaction<T>(db: Db, work: (conn: AnyDb) => Promise<T>): Promise<T> {
  return onOneConnection(db, sql`begin`, work);
}

async function onOneConnection<T>(
  db: Db,
  begin: ReturnType<typeof sql>,
  work: (conn: AnyDb) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    const k = conn as unknown as AnyDb;
    await begin.execute(k);
    try {
      await sql`set local timezone = 'UTC'`.execute(k);
      const result = await work(k);
      await sql`commit`.execute(k);
      return result;
    } catch (e) {
      await sql`rollback`.execute(k);
      throw e;
    }
  });
}

/** The rows of a table as JSON text, in primary-key order, `page` rows per query (keyset paging). */
export async function* readRows(conn: AnyDb, table: TableInfo, page = 5000): AsyncGenerator<string[]> {
  const t = ident(table.name);
  if (table.key.length === 0) {
    const r = await sql<{ j: string }>`select row_to_json(t)::text as j from ${t} t`.execute(conn);
    if (r.rows.length) yield r.rows.map((x) => x.j);
    return;
  }
  const keyList = sql.join(table.key.map((c) => sql.ref(`t.${c}`)));
  const keyText = sql.join(table.key.map((c, i) => sql`${sql.ref(`t.${c}`)}::text as ${ident(`k${i}`)}`));
  let last: string[] | undefined;
  for (;;) {
    // Keys travel back as text cast to the column's own type, so any key type pages correctly.
    const after = last
      ? sql`where (${keyList}) > (${sql.join(
          last.map((v, i) => sql`cast(${v} as ${sql.raw(table.keyTypes[i] ?? "text")})`),
        )})`
      : sql``;
    const r = await sql<Record<string, string>>`
      select row_to_json(t)::text as j, ${keyText} from ${t} t ${after} order by ${keyList} limit ${page}`.execute(
      conn,
    );
    if (r.rows.length === 0) return;
    yield r.rows.map((x) => x.j as string);
    const tail = r.rows[r.rows.length - 1] as Record<string, string>;
    last = table.key.map((_, i) => tail[`k${i}`] as string);
    if (r.rows.length < page) return;
  }
}

/** Inserts rows (JSON text, as read by readRows) into a table; inserts only, so no trigger objects. */
export async function insertRows(
  conn: AnyDb,
  table: string,
  columns: string[],
  rows: string[],
): Promise<void> {
  if (rows.length === 0) return;
  const cols = sql.join(columns.map((c) => ident(c)));
  await sql`
    insert into ${ident(table)} (${cols}) overriding system value
    select ${cols} from json_populate_recordset(null::${ident(table)}, ${`[${rows.join(",")}]`}::json)`.execute(
    conn,
  );
}

/** Empties every application table (not the migration tables) and restarts their sequences. */
export async function truncateAll(conn: AnyDb, tables: string[]): Promise<void> {
  const names = tables.filter((t) => !MIGRATION_TABLES.includes(t));
  if (names.length === 0) return;
  await sql`truncate ${sql.join(names.map((n) => ident(n)))} restart identity cascade`.execute(conn);
}

/** Sets a sequence to a saved value. */
export async function setSequence(conn: AnyDb, s: SequenceValue): Promise<void> {
  await sql`select setval(${s.name}::regclass, ${s.value}::bigint, ${s.called})`.execute(conn);
}

/** Replaces the migration-table rows named in a backup by the backup's rows (same names, original times). */
export async function replaceMigrationRows(
  conn: AnyDb,
  table: string,
  key: string,
  rows: string[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    delete from ${ident(table)} where ${ident(key)} in (
      select ${ident(key)} from json_populate_recordset(null::${ident(table)}, ${`[${rows.join(",")}]`}::json))`.execute(
    conn,
  );
}

/** Names of the applied migrations, in order (empty before the first migration). */
export async function appliedMigrations(conn: Db | AnyDb): Promise<string[]> {
  const exists = await sql<{
    t: string | null;
  }>`select to_regclass('public.gongkai_migration')::text as t`.execute(conn as AnyDb);
  if (!exists.rows[0]?.t) return [];
  const r = await sql<{ name: string }>`select name from gongkai_migration order by name`.execute(
    conn as AnyDb,
  );
  return r.rows.map((x) => x.name);
}
