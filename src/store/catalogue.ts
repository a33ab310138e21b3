/** Queries of the disclosure catalogue: documents, versions, reviews, attachments, search; and agency guides. */
import { sql } from "kysely";
import type { DocumentFields, VersionState } from "../domain/catalogue/catalogue.js";
import { documentSearchText, documentTokens } from "../domain/catalogue/search-text.js";
import type { Db } from "./db.js";
import type { Tx } from "./transaction.js";

export type Q = Db | Tx;

/** A version with its document's agency and 索引号. */
export interface VersionRow {
  id: number;
  documentId: number;
  agencyId: number;
  agencyName: string;
  indexNo: string;
  version: number;
  fields: DocumentFields;
  publishedOn: string | null;
  correctionNote: string | null;
  state: VersionState;
  authorId: number;
}

export const VERSION_COLUMNS = [
  "v.id",
  "v.document_id",
  "d.agency_id",
  "a.name as agency_name",
  "d.index_no",
  "v.version",
  "v.title",
  "v.doc_number",
  "v.publisher",
  "v.written_on",
  "v.published_on",
  "v.category",
  "v.validity",
  "v.doc_kind",
  "v.article20_item",
  "v.body",
  "v.correction_note",
  "v.state",
  "v.author_id",
] as const;

export type RawVersion = {
  id: number;
  document_id: number;
  agency_id: number;
  agency_name: string;
  index_no: string;
  version: number;
  title: string;
  doc_number: string | null;
  publisher: string;
  written_on: string | null;
  published_on: string | null;
  category: string;
  validity: string;
  doc_kind: string;
  article20_item: number;
  body: string;
  correction_note: string | null;
  state: string;
  author_id: number;
};

/** A row of VERSION_COLUMNS as a VersionRow. */
export function toVersion(r: RawVersion): VersionRow {
  return {
    id: r.id,
    documentId: r.document_id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    indexNo: r.index_no,
    version: r.version,
    fields: {
      title: r.title,
      docNumber: r.doc_number,
      publisher: r.publisher,
      writtenOn: r.written_on,
      category: r.category,
      validity: r.validity as DocumentFields["validity"],
      docKind: r.doc_kind as DocumentFields["docKind"],
      article20Item: r.article20_item,
      body: r.body,
    },
    publishedOn: r.published_on,
    correctionNote: r.correction_note,
    state: r.state as VersionState,
    authorId: r.author_id,
  };
}

const versions = (q: Q) =>
  q
    .selectFrom("catalogue_version as v")
    .innerJoin("catalogue_document as d", "d.id", "v.document_id")
    .innerJoin("agency as a", "a.id", "d.agency_id")
    .select(VERSION_COLUMNS);

/** Search columns of a version's fields. */
function searchColumns(f: DocumentFields) {
  const fields = [f.title, f.docNumber, f.publisher, f.body];
  return {
    search_tokens: sql<string>`array_to_tsvector(${documentTokens(fields)}::text[])`,
    search_text: documentSearchText(fields),
  };
}

function fieldColumns(f: DocumentFields) {
  return {
    title: f.title,
    doc_number: f.docNumber,
    publisher: f.publisher,
    written_on: f.writtenOn,
    category: f.category,
    validity: f.validity,
    doc_kind: f.docKind,
    article20_item: f.article20Item,
    body: f.body,
  };
}

/** Creates a document; undefined when the 索引号 is taken. */
export async function insertDocument(tx: Tx, agencyId: number, indexNo: string): Promise<number | undefined> {
  const row = await tx
    .insertInto("catalogue_document")
    .values({ agency_id: agencyId, index_no: indexNo })
    .onConflict((oc) => oc.column("index_no").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

/** Adds a draft version; returns its id. */
export async function insertVersion(
  tx: Tx,
  documentId: number,
  version: number,
  f: DocumentFields,
  authorId: number,
  correctionNote: string | null,
): Promise<number> {
  const row = await tx
    .insertInto("catalogue_version")
    .values({
      document_id: documentId,
      agency_id: sql<number>`(select agency_id from catalogue_document where id = ${documentId})`,
      version,
      ...fieldColumns(f),
      ...searchColumns(f),
      correction_note: correctionNote,
      state: "draft",
      author_id: authorId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces a draft's fields. */
export async function updateDraft(tx: Tx, versionId: number, f: DocumentFields): Promise<void> {
  await tx
    .updateTable("catalogue_version")
    .set({ ...fieldColumns(f), ...searchColumns(f) })
    .where("id", "=", versionId)
    .execute();
}

/** Moves a version to a state (publishedOn for published, which also adds its filter tokens, migration 0007). */
export async function setVersionState(
  tx: Tx,
  versionId: number,
  state: VersionState,
  publishedOn?: string,
): Promise<void> {
  const filterTokens =
    state === "published"
      ? sql<string>`search_tokens || catalogue_filter_tokens(
          (select d.agency_id from catalogue_document d where d.id = document_id),
          ${publishedOn ?? null}::date, category, validity, article20_item)`
      : undefined;
  await tx
    .updateTable("catalogue_version")
    .set({
      state,
      ...(publishedOn ? { published_on: publishedOn } : {}),
      ...(filterTokens ? { search_tokens: filterTokens } : {}),
    })
    .where("id", "=", versionId)
    .execute();
}

/** Records a review decision (step 0: submitted for review). */
export async function insertReview(
  tx: Tx,
  versionId: number,
  step: number,
  approved: boolean,
  reason: string | null,
  userId: number,
): Promise<void> {
  await tx
    .insertInto("catalogue_review")
    .values({ version_id: versionId, step, approved, reason, user_id: userId })
    .execute();
}

/** The review decisions of a version, oldest first, with the reviewer's name. */
export async function reviewsOf(q: Q, versionId: number) {
  return q
    .selectFrom("catalogue_review as r")
    .innerJoin("app_user as u", "u.id", "r.user_id")
    .select(["r.step", "r.approved", "r.reason", "r.user_id", "u.name", "r.at"])
    .where("r.version_id", "=", versionId)
    .orderBy("r.id")
    .execute();
}

/** One version by id. */
export async function versionById(q: Q, id: number): Promise<VersionRow | undefined> {
  const r = await versions(q).where("v.id", "=", id).executeTakeFirst();
  return r ? toVersion(r as RawVersion) : undefined;
}

/** Every version of a document, newest first. */
export async function versionsOfDocument(q: Q, documentId: number): Promise<VersionRow[]> {
  const rows = await versions(q)
    .where("v.document_id", "=", documentId)
    .orderBy("v.version", "desc")
    .execute();
  return rows.map((r) => toVersion(r as RawVersion));
}

/** The document id of a 索引号. */
export async function documentByIndexNo(q: Q, indexNo: string) {
  return q
    .selectFrom("catalogue_document")
    .select(["id", "agency_id"])
    .where("index_no", "=", indexNo)
    .executeTakeFirst();
}

/** Staff list: the latest version of each document of the given agencies, optionally in one state. */
export async function staffList(
  q: Q,
  agencyIds: readonly number[],
  state: string | undefined,
  limit: number,
  offset: number,
): Promise<VersionRow[]> {
  if (agencyIds.length === 0) return [];
  let query = versions(q)
    .where("d.agency_id", "in", agencyIds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("catalogue_version as w")
            .select("w.id")
            .whereRef("w.document_id", "=", "v.document_id")
            .whereRef("w.version", ">", "v.version"),
        ),
      ),
    );
  if (state) query = query.where("v.state", "=", state);
  const rows = await query.orderBy("v.id", "desc").limit(limit).offset(offset).execute();
  return rows.map((r) => toVersion(r as RawVersion));
}

/** Attachment metadata of a version. */
export async function attachmentsOf(q: Q, versionId: number) {
  return q
    .selectFrom("catalogue_attachment")
    .select(["id", "filename", "media_type", "size"])
    .where("version_id", "=", versionId)
    .orderBy("id")
    .execute();
}

/** Adds an attachment to a version; returns its id. */
export async function insertAttachment(
  tx: Tx,
  versionId: number,
  a: { filename: string; mediaType: string; content: Buffer },
): Promise<number> {
  const row = await tx
    .insertInto("catalogue_attachment")
    .values({
      version_id: versionId,
      filename: a.filename,
      media_type: a.mediaType,
      size: a.content.length,
      content: a.content,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Copies a version's attachments to a new version (a correction starts from what was published). */
export async function copyAttachments(tx: Tx, fromVersion: number, toVersion: number): Promise<void> {
  await sql`insert into catalogue_attachment (version_id, filename, media_type, size, content)
    select ${toVersion}, filename, media_type, size, content from catalogue_attachment
    where version_id = ${fromVersion} order by id`.execute(tx);
}

/** One attachment with its bytes and its version's state and agency. */
export async function attachmentById(q: Q, id: number) {
  return q
    .selectFrom("catalogue_attachment as f")
    .innerJoin("catalogue_version as v", "v.id", "f.version_id")
    .innerJoin("catalogue_document as d", "d.id", "v.document_id")
    .select(["f.id", "f.filename", "f.media_type", "f.size", "f.content", "v.state", "d.agency_id"])
    .where("f.id", "=", id)
    .executeTakeFirst();
}

/** An agency's guide, if it has written one. */
export async function guideOf(q: Q, agencyId: number) {
  return q
    .selectFrom("agency_guide")
    .select(["guide", "updated_at", "updated_by"])
    .where("agency_id", "=", agencyId)
    .executeTakeFirst();
}

/** Writes an agency's guide. */
export async function upsertGuide(tx: Tx, agencyId: number, guide: Record<string, string>, by: string) {
  const values = { guide: JSON.stringify(guide), updated_by: by };
  await tx
    .insertInto("agency_guide")
    .values({ agency_id: agencyId, ...values })
    .onConflict((oc) => oc.column("agency_id").doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}
