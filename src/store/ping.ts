/** A round trip to the database, for readiness probes. */
import { sql } from "kysely";
import type { Db } from "./db.js";

/** Resolves when the database answers `select 1`; rejects otherwise. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
