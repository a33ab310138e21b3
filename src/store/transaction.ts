/**
 * Every change runs in a transaction that also appends audit rows (who, what, when, before/after):
 * either both the change and its audit are committed, or neither.
 */
import type { Transaction } from "kysely";
import type { Db } from "./db.js";
import type { Database } from "./schema.js";

export type Tx = Transaction<Database>;

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit row inside the transaction. */
export async function audit(tx: Tx, actor: string, entry: AuditEntry): Promise<void> {
  await tx
    .insertInto("audit")
    .values({
      actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

/** Runs `work` in a transaction; `record` appends audit rows attributed to `actor`. */
export async function inTransaction<T>(
  db: Db,
  actor: string,
  work: (tx: Tx, record: (entry: AuditEntry) => Promise<void>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute((tx) => work(tx, (entry) => audit(tx, actor, entry)));
}
