/** 行政复议 / 行政诉讼 records (review_case), listed, created and decided one at a time. */
import type { Db } from "./db.js";
import type { Tx } from "./transaction.js";

export interface ReviewRow {
  id: number;
  agencyId: number;
  kind: string;
  filed: string;
  result: string | null;
  decided: string | null;
  caseNumber: string | null;
  authority: string | null;
  application: { id: string; ref: string } | null;
}

export interface ReviewFilter {
  agencyId: number;
  kind?: string | undefined;
  /** true: not yet decided; false: decided. */
  pending?: boolean | undefined;
  applicationId?: string | undefined;
}

const select = (db: Db | Tx) =>
  db
    .selectFrom("review_case as r")
    .leftJoin("application as a", "a.id", "r.application_id")
    .select([
      "r.id",
      "r.agency_id as agencyId",
      "r.kind",
      "r.filed",
      "r.result",
      "r.decided",
      "r.case_number as caseNumber",
      "r.authority",
      "a.id as applicationId",
      "a.ref as applicationRef",
    ]);

type Raw = Awaited<ReturnType<ReturnType<typeof select>["execute"]>>[number];
const toRow = ({ applicationId, applicationRef, ...r }: Raw): ReviewRow => ({
  ...r,
  application: applicationId ? { id: String(applicationId), ref: applicationRef ?? "" } : null,
});

/** A page of an agency's records (newest filing first) and how many match. */
export async function listReviews(
  db: Db,
  f: ReviewFilter,
  offset: number,
  limit: number,
): Promise<{ rows: ReviewRow[]; total: number }> {
  let q = select(db).where("r.agency_id", "=", f.agencyId);
  if (f.kind) q = q.where("r.kind", "=", f.kind);
  if (f.pending !== undefined) q = q.where("r.decided", f.pending ? "is" : "is not", null);
  if (f.applicationId) q = q.where("r.application_id", "=", f.applicationId);
  const rows = await q
    .orderBy("r.filed", "desc")
    .orderBy("r.id", "desc")
    .offset(offset)
    .limit(limit)
    .execute();
  const { n } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return { rows: rows.map(toRow), total: Number(n) };
}

/** One record, if any. */
export async function findReview(db: Db | Tx, id: number, lock = false): Promise<ReviewRow | undefined> {
  let q = select(db).where("r.id", "=", id);
  if (lock) q = q.forUpdate("r");
  const r = await q.executeTakeFirst();
  return r && toRow(r);
}

/** Inserts a record; returns its id. */
export async function insertReview(
  tx: Tx,
  r: {
    agencyId: number;
    applicationId: string | null;
    kind: string;
    filed: string;
    caseNumber: string | null;
    authority: string | null;
  },
): Promise<number> {
  const row = await tx
    .insertInto("review_case")
    .values({
      agency_id: r.agencyId,
      application_id: r.applicationId,
      kind: r.kind,
      filed: r.filed,
      result: null,
      decided: null,
      case_number: r.caseNumber,
      authority: r.authority,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records the decision. */
export async function decideReview(tx: Tx, id: number, result: string, decided: string): Promise<void> {
  await tx.updateTable("review_case").set({ result, decided }).where("id", "=", id).execute();
}
