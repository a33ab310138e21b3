/**
 * Opening the database: embedded PGlite by default (data directory ./data or $GONGKAI_DATA), a
 * PostgreSQL server when DATABASE_URL is set. Same dialect, same schema, same queries.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { migrateToLatest } from "./migrate.js";
import { PGliteDialect } from "./pglite-dialect.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;

/** OIDs whose text form we keep: date (1082) as 'YYYY-MM-DD', int8 (20) and numeric (1700) as exact strings. */
const KEEP_AS_TEXT = [1082, 20, 1700];

export interface OpenOptions {
  /** postgres://… — a PostgreSQL server. */
  url?: string | undefined;
  /** PGlite data directory; "memory://" for a throwaway in-memory database. */
  dataDir?: string | undefined;
  /** Apply migrations (default true). */
  migrate?: boolean;
}

/** Where the embedded database lives when nothing is configured. */
export const defaultDataDir = (): string => resolve(process.env.GONGKAI_DATA ?? "data");

/** Which engine a configuration selects, for logs: "PostgreSQL …" or "PGlite …". */
export function describeEngine(opts: OpenOptions = {}): string {
  const url = opts.url ?? process.env.DATABASE_URL;
  if (url) return `PostgreSQL（${url.replace(/\/\/[^@/]*@/, "//***@")}）`;
  return `PGlite（${opts.dataDir ?? defaultDataDir()}）`;
}

/** Opens (and by default migrates) the database. */
export async function openDatabase(opts: OpenOptions = {}): Promise<Db> {
  const url = opts.url ?? process.env.DATABASE_URL;
  let db: Db;
  if (url) {
    const parsers = new Map(KEEP_AS_TEXT.map((oid) => [oid, (v: string) => v]));
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          parsers.get(oid) ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection the server closed (restart, dropped database) must not crash the process;
    // the next query through the pool reports the failure where it happens.
    pool.on("error", () => {});
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    const dir = opts.dataDir ?? defaultDataDir();
    if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
    const parsers = Object.fromEntries(KEEP_AS_TEXT.map((oid) => [oid, (v: string) => v]));
    const lite = await PGlite.create(dir.startsWith("memory://") ? undefined : dir, { parsers });
    db = new Kysely<Database>({ dialect: new PGliteDialect(lite) });
  }
  if (opts.migrate !== false) await migrateToLatest(db as Kysely<unknown>);
  return db;
}
