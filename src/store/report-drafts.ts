/** Queries for the 三审 drafts of annual reports and the comments left at their transitions. */
import type { Db } from "./db.js";
import type { Tx } from "./transaction.js";

export interface DraftRow {
  id: number;
  agencyId: number;
  year: number;
  state: string;
  sections: Record<string, string>;
  snapshotId: number | null;
  updatedAt: Date;
  updatedBy: string;
}

export interface CommentRow {
  id: number;
  action: string;
  fromState: string;
  toState: string;
  body: string;
  author: string;
  authorId: number | null;
  at: Date;
}

const DRAFT_COLUMNS = [
  "id",
  "agency_id",
  "year",
  "state",
  "sections",
  "snapshot_id",
  "updated_at",
  "updated_by",
] as const;

type RawDraft = {
  id: number;
  agency_id: number;
  year: number;
  state: string;
  sections: Record<string, string>;
  snapshot_id: number | null;
  updated_at: Date;
  updated_by: string;
};

const toDraft = (r: RawDraft): DraftRow => ({
  id: r.id,
  agencyId: r.agency_id,
  year: r.year,
  state: r.state,
  sections: r.sections ?? {},
  snapshotId: r.snapshot_id,
  updatedAt: new Date(r.updated_at),
  updatedBy: r.updated_by,
});

/** The draft of an agency's report for a year, if one was started. */
export async function findDraft(db: Db | Tx, agencyId: number, year: number): Promise<DraftRow | undefined> {
  const row = await db
    .selectFrom("report_draft")
    .select(DRAFT_COLUMNS)
    .where("agency_id", "=", agencyId)
    .where("year", "=", year)
    .executeTakeFirst();
  return row ? toDraft(row) : undefined;
}

/** The draft, created empty (state draft) when missing. */
export async function ensureDraft(tx: Tx, agencyId: number, year: number, by: string): Promise<DraftRow> {
  await tx
    .insertInto("report_draft")
    .values({ agency_id: agencyId, year, sections: "{}", updated_at: new Date(), updated_by: by })
    .onConflict((oc) => oc.columns(["agency_id", "year"]).doNothing())
    .execute();
  return (await findDraft(tx, agencyId, year))!;
}

/** Replaces the sections of a draft that is still in state draft; false when it is not (any more). */
export async function updateSections(
  tx: Tx,
  draftId: number,
  sections: Record<string, string>,
  by: string,
): Promise<boolean> {
  const r = await tx
    .updateTable("report_draft")
    .set({ sections: JSON.stringify(sections), updated_at: new Date(), updated_by: by })
    .where("id", "=", draftId)
    .where("state", "=", "draft")
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** Moves a draft from one state to the next; false when it was not in `from` (a concurrent change). */
export async function moveDraft(
  tx: Tx,
  draftId: number,
  from: string,
  to: string,
  by: string,
  snapshotId?: number,
): Promise<boolean> {
  const r = await tx
    .updateTable("report_draft")
    .set({
      state: to,
      updated_at: new Date(),
      updated_by: by,
      ...(snapshotId !== undefined ? { snapshot_id: snapshotId } : {}),
    })
    .where("id", "=", draftId)
    .where("state", "=", from)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** Appends a comment to a draft's record of review. */
export async function insertComment(
  tx: Tx,
  c: {
    draftId: number;
    action: string;
    from: string;
    to: string;
    body: string;
    authorId: number;
    author: string;
  },
): Promise<number> {
  const row = await tx
    .insertInto("report_comment")
    .values({
      draft_id: c.draftId,
      action: c.action,
      from_state: c.from,
      to_state: c.to,
      body: c.body,
      author_id: c.authorId,
      author: c.author,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The comments of a draft, oldest first. */
export async function listComments(db: Db, draftId: number): Promise<CommentRow[]> {
  const rows = await db
    .selectFrom("report_comment")
    .selectAll()
    .where("draft_id", "=", draftId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    fromState: r.from_state,
    toState: r.to_state,
    body: r.body,
    author: r.author,
    authorId: r.author_id,
    at: new Date(r.at),
  }));
}

/** The drafts of some agencies for a year (supervision: who is where in the workflow). */
export async function draftsOf(db: Db, agencyIds: readonly number[], year: number): Promise<DraftRow[]> {
  if (agencyIds.length === 0) return [];
  const rows = await db
    .selectFrom("report_draft")
    .select(DRAFT_COLUMNS)
    .where("agency_id", "in", [...agencyIds])
    .where("year", "=", year)
    .execute();
  return rows.map(toDraft);
}
