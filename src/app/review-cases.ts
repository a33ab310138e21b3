/**
 * 行政复议 and 行政诉讼 records arising from the agency's GI work (条例第五十条第（三）项; the report's
 * table 四): listed (case.read — the supervising office reads its subtree), filed and decided
 * (review.edit), each optionally linked to an application by id or ref of the same agency.
 */
import { isIsoDate } from "../domain/calendar/index.js";
import { GongkaiError } from "../domain/errors.js";
import { REVIEW_GROUP_LABEL, REVIEW_RESULT_LABEL } from "../domain/report/definition.js";
import { findApplication, findApplicationByRef } from "../store/cases.js";
import type { Db } from "../store/db.js";
import {
  decideReview,
  findReview,
  insertReview,
  listReviews,
  type ReviewRow,
} from "../store/review-cases.js";
import { inTransaction } from "../store/transaction.js";
import { caseClock } from "./case-clock.js";
import { MAX_PAGE_SIZE } from "./cases-list.js";
import { type Actor, authorize } from "./policy.js";

/** Table 四 groups (行政复议, 未经复议直接起诉, 复议后起诉) and results, from the one table definition. */
export const REVIEW_KINDS = REVIEW_GROUP_LABEL;
export const REVIEW_RESULTS = REVIEW_RESULT_LABEL;

export interface ReviewQuery {
  agencyId?: number;
  kind?: string;
  pending?: boolean;
  applicationId?: string;
  page?: number;
  pageSize?: number;
}

/** A page of an agency's records (case.read). */
export async function listReviewCases(
  db: Db,
  actor: Actor,
  q: ReviewQuery,
): Promise<{ items: ReviewRow[]; total: number; page: number; pageSize: number }> {
  const agencyId = q.agencyId ?? actor.agencyId;
  authorize(actor, "case.read", agencyId);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  if (
    !Number.isInteger(page) ||
    page < 1 ||
    !Number.isInteger(pageSize) ||
    pageSize < 1 ||
    pageSize > MAX_PAGE_SIZE
  )
    throw new GongkaiError(
      "REQUEST-INVALID",
      `分页参数有误：page 应为正整数，pageSize 应为 1 至 ${MAX_PAGE_SIZE}`,
    );
  const { rows, total } = await listReviews(
    db,
    { agencyId, kind: q.kind, pending: q.pending, applicationId: q.applicationId },
    (page - 1) * pageSize,
    pageSize,
  );
  return { items: rows, total, page, pageSize };
}

/** One record (case.read on its agency; NOT-FOUND otherwise). */
export async function getReviewCase(db: Db, actor: Actor, id: number): Promise<ReviewRow> {
  const r = await findReview(db, id);
  if (!r) throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
  authorize(actor, "case.read", r.agencyId);
  return r;
}

export interface NewReview {
  agencyId?: number;
  applicationId?: string;
  applicationRef?: string;
  kind: keyof typeof REVIEW_KINDS;
  filed: string;
  caseNumber?: string;
  authority?: string;
}

/** Files a record (review.edit); the linked application must be the same agency's. */
export async function createReviewCase(db: Db, actor: Actor, input: NewReview): Promise<ReviewRow> {
  const agencyId = input.agencyId ?? actor.agencyId;
  authorize(actor, "review.edit", agencyId);
  const p: string[] = [];
  if (!(input.kind in REVIEW_KINDS))
    p.push(`类别（kind）：应为 ${Object.keys(REVIEW_KINDS).join("、")} 之一`);
  if (!isIsoDate(input.filed)) p.push(`立案日期（filed）：“${input.filed}”不是有效日期`);
  else if (input.filed > caseClock().today()) p.push(`立案日期（filed）：${input.filed} 晚于今天`);
  if (input.applicationId && input.applicationRef) p.push("applicationId 与 applicationRef 只能填写一个");
  if (p.length) throw new GongkaiError("REVIEW-INVALID", "复议、诉讼记录有误", p);
  let applicationId: string | null = null;
  if (input.applicationId || input.applicationRef) {
    const app = input.applicationId
      ? await findApplication(db, input.applicationId)
      : await findApplicationByRef(db, agencyId, input.applicationRef!);
    if (!app || app.agencyId !== agencyId)
      throw new GongkaiError("REVIEW-INVALID", "复议、诉讼记录有误", [
        `关联申请（${input.applicationId ? `applicationId ${input.applicationId}` : `applicationRef “${input.applicationRef}”`}）：本机关没有这件申请`,
      ]);
    applicationId = app.id;
  }
  return inTransaction(db, actor.login, async (tx, record) => {
    const id = await insertReview(tx, {
      agencyId,
      applicationId,
      kind: input.kind,
      filed: input.filed,
      caseNumber: input.caseNumber?.trim() || null,
      authority: input.authority?.trim() || null,
    });
    await record({
      action: "review.create",
      entity: "review_case",
      entityId: id,
      after: { ...input, agencyId, applicationId },
    });
    return (await findReview(tx, id))!;
  });
}

/** Records the decision (review.edit); REVIEW-DECIDED when it already has one. */
export async function decideReviewCase(
  db: Db,
  actor: Actor,
  id: number,
  d: { result: keyof typeof REVIEW_RESULTS; decided: string },
): Promise<ReviewRow> {
  const found = await findReview(db, id);
  if (!found) throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
  authorize(actor, "review.edit", found.agencyId);
  const p: string[] = [];
  if (!(d.result in REVIEW_RESULTS))
    p.push(`结果（result）：应为 ${Object.keys(REVIEW_RESULTS).join("、")} 之一`);
  if (!isIsoDate(d.decided)) p.push(`审结日期（decided）：“${d.decided}”不是有效日期`);
  else if (d.decided < found.filed) p.push(`审结日期（decided）：${d.decided} 早于立案日期 ${found.filed}`);
  else if (d.decided > caseClock().today()) p.push(`审结日期（decided）：${d.decided} 晚于今天`);
  if (p.length) throw new GongkaiError("REVIEW-INVALID", "复议、诉讼记录有误", p);
  return inTransaction(db, actor.login, async (tx, record) => {
    const r = await findReview(tx, id, true);
    if (r?.decided)
      throw new GongkaiError("REVIEW-DECIDED", `该案已于 ${r.decided} 审结（${r.result}），不能再次记录结果`);
    await decideReview(tx, id, d.result, d.decided);
    await record({
      action: "review.decide",
      entity: "review_case",
      entityId: id,
      before: { result: null },
      after: d,
    });
    return (await findReview(tx, id))!;
  });
}
