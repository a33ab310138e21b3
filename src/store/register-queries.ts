/** Queries for one agency's registers over HTTP: documents (paged, filtered), yearly figures, cell sources. */
import { sql } from "kysely";
import type { Db } from "./db.js";
import type { Tx } from "./transaction.js";

export interface DocumentRow {
  id: number;
  agencyId: number;
  kind: "regulation" | "normative_document";
  title: string;
  docNumber: string | null;
  issued: string;
  repealed: string | null;
}

export interface DocumentFilter {
  kind?: string | undefined;
  /** in_force: not repealed on `on`; repealed: repealed on or before `on`. */
  validity?: "in_force" | "repealed" | undefined;
  on: string;
  /** Part of the title or 文号 (matched literally, not as a pattern). */
  q?: string | undefined;
  offset: number;
  limit: number;
}

const DOC_COLUMNS = ["id", "agency_id", "kind", "title", "doc_number", "issued", "repealed"] as const;

const toDoc = (r: {
  id: number;
  agency_id: number;
  kind: string;
  title: string;
  doc_number: string | null;
  issued: string;
  repealed: string | null;
}): DocumentRow => ({
  id: r.id,
  agencyId: r.agency_id,
  kind: r.kind as DocumentRow["kind"],
  title: r.title,
  docNumber: r.doc_number,
  issued: r.issued,
  repealed: r.repealed,
});

/** One page of an agency's documents, and the total that match the filter. */
export async function listDocuments(
  db: Db,
  agencyId: number,
  f: DocumentFilter,
): Promise<{ items: DocumentRow[]; total: number }> {
  let q = db.selectFrom("register_document").where("agency_id", "=", agencyId);
  if (f.kind) q = q.where("kind", "=", f.kind);
  if (f.validity === "in_force")
    q = q
      .where("issued", "<=", f.on)
      .where((eb) => eb.or([eb("repealed", "is", null), eb("repealed", ">", f.on)]));
  if (f.validity === "repealed") q = q.where("repealed", "<=", f.on);
  if (f.q) {
    // strpos: the text is a literal, never a LIKE pattern (no wildcard injection).
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([
        eb(sql`strpos(title, ${needle})`, ">", 0),
        eb(sql`strpos(coalesce(doc_number, ''), ${needle})`, ">", 0),
      ]),
    );
  }
  const [items, count] = await Promise.all([
    q
      .select(DOC_COLUMNS)
      .orderBy("issued", "desc")
      .orderBy("id", "desc")
      .offset(f.offset)
      .limit(f.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(toDoc), total: Number(count.n) };
}

/** One document of an agency by id. */
export async function findDocument(
  db: Db | Tx,
  agencyId: number,
  id: number,
): Promise<DocumentRow | undefined> {
  const r = await db
    .selectFrom("register_document")
    .select(DOC_COLUMNS)
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
  return r ? toDoc(r) : undefined;
}

export type DocumentValues = Omit<DocumentRow, "id" | "agencyId">;

/** Adds a document; returns its id. */
export async function insertDocument(tx: Tx, agencyId: number, d: DocumentValues): Promise<number> {
  const r = await tx
    .insertInto("register_document")
    .values({
      agency_id: agencyId,
      kind: d.kind,
      title: d.title,
      doc_number: d.docNumber,
      issued: d.issued,
      repealed: d.repealed,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Changes a document (all its values). */
export async function updateDocument(tx: Tx, agencyId: number, id: number, d: DocumentValues): Promise<void> {
  await tx
    .updateTable("register_document")
    .set({ kind: d.kind, title: d.title, doc_number: d.docNumber, issued: d.issued, repealed: d.repealed })
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .execute();
}

export interface FiguresRow {
  year: number;
  licensing: number | null;
  penalty: number | null;
  coercion: number | null;
  fees10kYuan: string | null;
  edition2019: Record<string, unknown> | null;
}

/** An agency's figures for a year, if entered. */
export async function findFigures(
  db: Db | Tx,
  agencyId: number,
  year: number,
): Promise<FiguresRow | undefined> {
  const r = await db
    .selectFrom("yearly_figures")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("year", "=", year)
    .executeTakeFirst();
  return r
    ? {
        year: r.year,
        licensing: r.licensing,
        penalty: r.penalty,
        coercion: r.coercion,
        fees10kYuan: r.fees_10k_yuan,
        edition2019: r.edition2019,
      }
    : undefined;
}

/** Sets an agency's figures for a year (insert or replace). */
export async function upsertFigures(tx: Tx, agencyId: number, f: FiguresRow): Promise<void> {
  const values = {
    licensing: f.licensing,
    penalty: f.penalty,
    coercion: f.coercion,
    fees_10k_yuan: f.fees10kYuan,
    edition2019: f.edition2019 ? JSON.stringify(f.edition2019) : null,
  };
  await tx
    .insertInto("yearly_figures")
    .values({ agency_id: agencyId, year: f.year, ...values })
    .onConflict((oc) => oc.columns(["agency_id", "year"]).doUpdateSet(values))
    .execute();
}

/** The applications behind a cell, by the agency's references: dates and outcome (no applicant data). */
export async function applicationsByRefs(db: Db, agencyId: number, refs: readonly string[]) {
  if (refs.length === 0) return [];
  return db
    .selectFrom("application")
    .select(["id", "ref", "received", "answered", "outcome", "applicant_type as applicantType"])
    .where("agency_id", "=", agencyId)
    .where("ref", "in", [...refs])
    .orderBy("received")
    .orderBy("id")
    .execute();
}

/** The review/litigation cases behind a cell of table 四. */
export async function reviewCasesByIds(db: Db, agencyId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("review_case")
    .select(["id", "kind", "filed", "result", "decided"])
    .where("agency_id", "=", agencyId)
    .where("id", "in", [...ids])
    .orderBy("filed")
    .execute();
}

/** The register documents behind a cell of table 二. */
export async function documentsByIds(db: Db, agencyId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("register_document")
    .select(DOC_COLUMNS)
    .where("agency_id", "=", agencyId)
    .where("id", "in", [...ids])
    .orderBy("issued")
    .execute();
  return rows.map(toDoc);
}
