/**
 * The two engines every store test runs on: embedded PGlite (in memory) and the PostgreSQL server
 * on 127.0.0.1:5432 (TEST_DATABASE_URL overrides), in a database created for the test and dropped after.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Db, openDatabase } from "../src/store/db.js";

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface Engine {
  name: "pglite" | "postgres";
  /** A fresh, migrated database, and a function that closes and removes it. */
  open(): Promise<{ db: Db; close(): Promise<void> }>;
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const ENGINES: Engine[] = [
  {
    name: "pglite",
    async open() {
      const db = await openDatabase({ dataDir: "memory://" });
      return { db, close: () => db.destroy() };
    },
  },
  {
    name: "postgres",
    async open() {
      const name = `gongkai_test_${randomBytes(6).toString("hex")}`;
      await admin((c) => c.query(`create database ${name}`));
      const url = new URL(ADMIN_URL);
      url.pathname = `/${name}`;
      const db = await openDatabase({ url: url.toString() });
      return {
        db,
        async close() {
          await db.destroy();
          await admin((c) => c.query(`drop database if exists ${name} with (force)`));
        },
      };
    },
  },
];
