/**
 * Use cases of the disclosure catalogue for staff: draft a document, submit it, the three reviews
 * (初审 → 复审 → 终审, policy.ts decides who), corrections as new versions, attachments.
 */
import {
  afterReview,
  type DocumentFields,
  REVIEW_STEPS,
  type ReviewStep,
  validateFields,
} from "../domain/catalogue/catalogue.js";
import { GongkaiError } from "../domain/errors.js";
import {
  attachmentsOf,
  copyAttachments,
  documentByIndexNo,
  insertAttachment,
  insertDocument,
  insertReview,
  insertVersion,
  reviewsOf,
  setVersionState,
  staffList,
  updateDraft,
  type VersionRow,
  versionById,
  versionsOfDocument,
} from "../store/catalogue.js";
import type { Db } from "../store/db.js";
import { inTransaction } from "../store/transaction.js";
import { sniffAttachment } from "./attachment-type.js";
import { chinaToday } from "./case-clock.js";
import { type Actor, authorize, canSee } from "./policy.js";

const INDEX_NO = /^[\p{L}\p{N}\-/_.]{3,60}$/u;
const STEP_ACTION = { 1: "catalogue.review1", 2: "catalogue.review2", 3: "catalogue.review3" } as const;

async function loadVersion(db: Db, actor: Actor, versionId: number): Promise<VersionRow> {
  const v = await versionById(db, versionId);
  if (!v || !canSee(actor, v.agencyId)) throw new GongkaiError("NOT-FOUND", `没有找到目录版本 #${versionId}`);
  return v;
}

/** Creates a document (索引号 unique) with its first draft; returns the ids. */
export async function createDocument(
  db: Db,
  actor: Actor,
  input: { agencyId: number; indexNo: string; fields: DocumentFields },
): Promise<{ documentId: number; versionId: number }> {
  authorize(actor, "catalogue.edit", input.agencyId);
  const indexNo = input.indexNo.trim();
  if (!INDEX_NO.test(indexNo))
    throw new GongkaiError("CATALOGUE-INVALID", "目录信息填写有误", [
      `索引号：“${input.indexNo}”应为 3 至 60 个字母、数字或 - / _ .`,
    ]);
  const fields = validateFields(input.fields);
  return inTransaction(db, actor.login, async (tx, record) => {
    const documentId = await insertDocument(tx, input.agencyId, indexNo);
    if (documentId === undefined)
      throw new GongkaiError("CATALOGUE-INDEX-EXISTS", `索引号“${indexNo}”已被使用，请换一个索引号`);
    const versionId = await insertVersion(tx, documentId, 1, fields, actor.userId, null);
    await record({
      action: "catalogue.create",
      entity: "catalogue_version",
      entityId: versionId,
      after: fields,
    });
    return { documentId, versionId };
  });
}

/** Changes a draft (only a draft: what is under review or published is not edited in place). */
export async function editDraft(
  db: Db,
  actor: Actor,
  versionId: number,
  fields: DocumentFields,
): Promise<void> {
  const v = await loadVersion(db, actor, versionId);
  authorize(actor, "catalogue.edit", v.agencyId);
  if (v.state !== "draft")
    throw new GongkaiError("CATALOGUE-STATE", "只有草稿可以修改；已发布的文件请提交更正版本");
  const f = validateFields(fields);
  await inTransaction(db, actor.login, async (tx, record) => {
    await updateDraft(tx, versionId, f);
    await record({
      action: "catalogue.edit",
      entity: "catalogue_version",
      entityId: versionId,
      before: v.fields,
      after: f,
    });
  });
}

/** Submits a draft for 初审. */
export async function submitForReview(db: Db, actor: Actor, versionId: number): Promise<void> {
  const v = await loadVersion(db, actor, versionId);
  authorize(actor, "catalogue.edit", v.agencyId);
  if (v.state !== "draft") throw new GongkaiError("CATALOGUE-STATE", "只有草稿可以提交审核");
  await inTransaction(db, actor.login, async (tx, record) => {
    await setVersionState(tx, versionId, "review1");
    await insertReview(tx, versionId, 0, true, null, actor.userId);
    await record({ action: "catalogue.submit", entity: "catalogue_version", entityId: versionId });
  });
}

/**
 * One review step: approve moves the version on (终审 publishes it, replacing the previous
 * published version, which is kept as history); reject returns it to draft with the reason.
 * Nobody reviews a version they drafted, and no one decides two steps of the same version.
 */
export async function reviewVersion(
  db: Db,
  actor: Actor,
  versionId: number,
  step: ReviewStep,
  decision: { approve: boolean; reason?: string | undefined },
  today: string = chinaToday(),
): Promise<{ state: string }> {
  const v = await loadVersion(db, actor, versionId);
  authorize(actor, STEP_ACTION[step], v.agencyId);
  const reason = decision.reason?.trim() || null;
  if (!decision.approve && !reason)
    throw new GongkaiError("CATALOGUE-INVALID", `退回时请填写${REVIEW_STEPS[step]}意见（退回理由）`);
  const next = afterReview(v.state, step, decision.approve);
  const earlier = await reviewsOf(db, versionId);
  const lastSubmit = earlier.map((r) => r.step).lastIndexOf(0);
  const sameRound = earlier.slice(lastSubmit + 1);
  if (v.authorId === actor.userId || sameRound.some((r) => r.user_id === actor.userId))
    throw new GongkaiError(
      "CATALOGUE-SAME-REVIEWER",
      `${REVIEW_STEPS[step]}须由未起草、未参与前序审核的人员进行`,
    );
  await inTransaction(db, actor.login, async (tx, record) => {
    if (next === "published") {
      const all = await versionsOfDocument(tx, v.documentId);
      for (const old of all) if (old.state === "published") await setVersionState(tx, old.id, "superseded");
      await setVersionState(tx, versionId, "published", today);
    } else await setVersionState(tx, versionId, next);
    await insertReview(tx, versionId, step, decision.approve, reason, actor.userId);
    await record({
      action: `catalogue.review${step}`,
      entity: "catalogue_version",
      entityId: versionId,
      after: { approve: decision.approve, reason, state: next },
    });
  });
  return { state: next };
}

/** A correction (更正): a new draft version of a published document; the published one stays until the new one is published. */
export async function correctDocument(
  db: Db,
  actor: Actor,
  indexNo: string,
  fields: DocumentFields,
  note: string,
): Promise<{ versionId: number }> {
  const doc = await documentByIndexNo(db, indexNo);
  if (!doc || !canSee(actor, doc.agency_id))
    throw new GongkaiError("NOT-FOUND", `没有找到索引号为“${indexNo}”的文件`);
  authorize(actor, "catalogue.edit", doc.agency_id);
  if (!note.trim()) throw new GongkaiError("CATALOGUE-INVALID", "请填写更正说明");
  const f = validateFields(fields);
  const all = await versionsOfDocument(db, doc.id);
  const published = all.find((x) => x.state === "published");
  if (!published) throw new GongkaiError("CATALOGUE-STATE", "该文件尚未发布，请直接修改草稿");
  if (all.some((x) => x.state !== "published" && x.state !== "superseded"))
    throw new GongkaiError("CATALOGUE-STATE", "该文件已有未发布的版本，请先完成其审核或修改");
  return inTransaction(db, actor.login, async (tx, record) => {
    const versionId = await insertVersion(tx, doc.id, all[0]!.version + 1, f, actor.userId, note.trim());
    await copyAttachments(tx, published.id, versionId);
    await record({
      action: "catalogue.correct",
      entity: "catalogue_version",
      entityId: versionId,
      before: published.fields,
      after: f,
    });
    return { versionId };
  });
}

/** Adds an attachment to a draft (type sniffed from the bytes, 10 MB at most). */
export async function addAttachment(
  db: Db,
  actor: Actor,
  versionId: number,
  file: { filename: string; content: Buffer },
): Promise<{ id: number; mediaType: string; size: number }> {
  const v = await loadVersion(db, actor, versionId);
  authorize(actor, "catalogue.edit", v.agencyId);
  if (v.state !== "draft") throw new GongkaiError("CATALOGUE-STATE", "只能给草稿添加附件");
  const mediaType = sniffAttachment(file.filename, file.content);
  return inTransaction(db, actor.login, async (tx, record) => {
    const id = await insertAttachment(tx, versionId, { ...file, mediaType });
    await record({
      action: "catalogue.attach",
      entity: "catalogue_attachment",
      entityId: id,
      after: { filename: file.filename, size: file.content.length },
    });
    return { id, mediaType, size: file.content.length };
  });
}

/** Staff list: the latest version of each document of the visible agencies (optionally one agency, one state). */
export async function listForStaff(
  db: Db,
  actor: Actor,
  opts: { agencyId?: number | undefined; state?: string | undefined; limit: number; offset: number },
): Promise<VersionRow[]> {
  const ids =
    opts.agencyId !== undefined
      ? canSee(actor, opts.agencyId)
        ? [opts.agencyId]
        : []
      : [actor.agencyId, ...actor.below].filter((id) => canSee(actor, id));
  return staffList(db, ids, opts.state, opts.limit, opts.offset);
}

/** One version with its review decisions and attachments. */
export async function versionDetail(db: Db, actor: Actor, versionId: number) {
  const v = await loadVersion(db, actor, versionId);
  const [reviews, attachments] = await Promise.all([reviewsOf(db, versionId), attachmentsOf(db, versionId)]);
  return {
    ...v,
    reviews: reviews.map((r) => ({
      step: r.step,
      approved: r.approved,
      reason: r.reason,
      by: r.name,
      at: new Date(r.at as unknown as Date).toISOString(),
    })),
    attachments,
  };
}
