/** Letter templates per agency and kind (0006-letters), and letters as issued (frozen DOCX bytes). */
import { createHash } from "node:crypto";
import type { Db } from "./db.js";
import type { Tx } from "./transaction.js";

export interface StoredTemplate {
  kind: string;
  title: string;
  body: string;
  updatedAt: string;
  updatedBy: string;
}

/** The templates an agency has saved (kinds without a row use the shipped default). */
export async function agencyTemplates(db: Db | Tx, agencyId: number): Promise<StoredTemplate[]> {
  const rows = await db
    .selectFrom("letter_template")
    .select(["kind", "title", "body", "updated_at", "updated_by"])
    .where("agency_id", "=", agencyId)
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    title: r.title,
    body: r.body,
    updatedAt: new Date(r.updated_at as unknown as string).toISOString(),
    updatedBy: r.updated_by,
  }));
}

/** Saves an agency's text of one kind; returns the text it replaced, if any. */
export async function saveTemplate(
  tx: Tx,
  agencyId: number,
  t: { kind: string; title: string; body: string },
  by: string,
): Promise<{ title: string; body: string } | undefined> {
  const before = await tx
    .selectFrom("letter_template")
    .select(["title", "body"])
    .where("agency_id", "=", agencyId)
    .where("kind", "=", t.kind)
    .forUpdate()
    .executeTakeFirst();
  await tx
    .insertInto("letter_template")
    .values({ agency_id: agencyId, kind: t.kind, title: t.title, body: t.body, updated_by: by })
    .onConflict((oc) =>
      oc
        .columns(["agency_id", "kind"])
        .doUpdateSet({ title: t.title, body: t.body, updated_by: by, updated_at: new Date() }),
    )
    .execute();
  return before;
}

/** Stores an issued letter; returns its id and the SHA-256 of its bytes. */
export async function insertIssuedLetter(
  tx: Tx,
  l: {
    applicationId: string;
    kind: string;
    eventSeq: number | null;
    fileName: string;
    docx: Buffer;
    by: string;
  },
): Promise<{ id: string; sha256: string }> {
  const sha256 = createHash("sha256").update(l.docx).digest("hex");
  const row = await tx
    .insertInto("issued_letter")
    .values({
      application_id: l.applicationId,
      kind: l.kind,
      event_seq: l.eventSeq,
      file_name: l.fileName,
      docx: l.docx,
      sha256,
      issued_by: l.by,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: String(row.id), sha256 };
}

export interface IssuedLetterInfo {
  id: string;
  kind: string;
  fileName: string;
  eventSeq: number | null;
  issuedAt: string;
  issuedBy: string;
}

/** The letters issued for an application, oldest first (no bytes). */
export async function listIssuedLetters(db: Db | Tx, applicationId: string): Promise<IssuedLetterInfo[]> {
  const rows = await db
    .selectFrom("issued_letter")
    .select(["id", "kind", "file_name", "event_seq", "issued_at", "issued_by"])
    .where("application_id", "=", applicationId)
    .orderBy("issued_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind,
    fileName: r.file_name,
    eventSeq: r.event_seq,
    issuedAt: new Date(r.issued_at as unknown as string).toISOString(),
    issuedBy: r.issued_by,
  }));
}

/** One issued letter with its bytes, if it belongs to the application. */
export async function findIssuedLetter(db: Db, applicationId: string, letterId: string) {
  if (!/^\d{1,18}$/.test(letterId)) return undefined;
  const r = await db
    .selectFrom("issued_letter")
    .select(["id", "kind", "file_name", "docx", "sha256", "issued_at"])
    .where("application_id", "=", applicationId)
    .where("id", "=", letterId)
    .executeTakeFirst();
  return r && { ...r, docx: Buffer.from(r.docx) };
}
