/**
 * Use case: the annual report's 三审 workflow. 经办人 drafts the narrative and submits; 审核人
 * reviews (or returns it with a comment); 负责人 approves and publishes — publication freezes the
 * report derived from the records, with the draft's narrative, as a snapshot (条例第四十九条:
 * published, and submitted to the 主管部门, by 1月31日). Every transition is audited and leaves a
 * comment; a report can be returned to draft with a comment at any later state.
 */

import { GongkaiError } from "../domain/errors.js";
import { SECTIONS } from "../domain/report/definition.js";
import type { Sections } from "../domain/report/model.js";
import { type AgencyRow, agenciesByIds } from "../store/accounts.js";
import type { Db } from "../store/db.js";
import {
  type CommentRow,
  ensureDraft,
  findDraft,
  insertComment,
  listComments,
  moveDraft,
  updateSections,
} from "../store/report-drafts.js";
import { inTransaction } from "../store/transaction.js";
import { buildAgencyReport } from "./build-report.js";
import { type Action, type Actor, authorize, decide } from "./policy.js";
import { type Publication, preparePublication, writePublication } from "./publish-report.js";

export type DraftState = "draft" | "submitted" | "reviewed" | "approved" | "published";
export type TransitionAction = "submit" | "review" | "return" | "approve" | "publish";

/** States as staff read them. */
export const STATE_NAMES: Record<DraftState, string> = {
  draft: "起草中",
  submitted: "待审核",
  reviewed: "待批准",
  approved: "已批准待发布",
  published: "已发布",
};

export const TRANSITION_ACTIONS: TransitionAction[] = ["submit", "review", "return", "approve", "publish"];

/** The workflow: from which states, to which state, and the policy action that allows it. */
const TRANSITIONS: Record<
  TransitionAction,
  { from: DraftState[]; to: DraftState; may: Action[]; name: string }
> = {
  submit: { from: ["draft"], to: "submitted", may: ["report.draft"], name: "提交审核" },
  review: { from: ["submitted"], to: "reviewed", may: ["report.review"], name: "审核通过" },
  // 审核人 returns what waits for review; 负责人 may also return later states (e.g. to correct a published report).
  return: {
    from: ["submitted", "reviewed", "approved", "published"],
    to: "draft",
    may: ["report.review", "report.approve"],
    name: "退回修改",
  },
  approve: { from: ["reviewed"], to: "approved", may: ["report.approve"], name: "批准" },
  publish: { from: ["approved"], to: "published", may: ["report.publish"], name: "发布" },
};

/** The narrative keys a draft holds: the preamble and the six sections. */
export const NARRATIVE_KEYS = ["preamble", ...SECTIONS.map((s) => s.key)] as const;

export interface DraftView {
  agencyId: number;
  year: number;
  state: DraftState;
  stateName: string;
  sections: Sections;
  snapshotId: number | null;
  updatedAt: string | null;
  updatedBy: string | null;
  /** Whether the actor may edit the sections now. */
  editable: boolean;
  /** The transitions the actor may make now. */
  actions: TransitionAction[];
}

/** The agency by id after `action` is authorized (NOT-FOUND / FORBIDDEN otherwise). */
async function agencyFor(db: Db, actor: Actor, action: Action, agencyId: number): Promise<AgencyRow> {
  authorize(actor, action, agencyId);
  const [agency] = await agenciesByIds(db, [agencyId]);
  if (!agency) throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
  return agency;
}

/** The policy actions that allow a transition from a state: only the 负责人 returns what it approved or published. */
const allowedBy = (t: TransitionAction, from: DraftState): Action[] =>
  t === "return" && (from === "approved" || from === "published") ? ["report.approve"] : TRANSITIONS[t].may;

const mayDo = (actor: Actor, t: TransitionAction, from: DraftState, agencyId: number): boolean =>
  allowedBy(t, from).some((a) => decide(actor, a, agencyId) === "allow");

/** The draft of an agency's report for a year (an empty draft when none was started). */
export async function reportDraft(db: Db, actor: Actor, agencyId: number, year: number): Promise<DraftView> {
  await agencyFor(db, actor, "report.read", agencyId);
  const d = await findDraft(db, agencyId, year);
  const state = (d?.state ?? "draft") as DraftState;
  return {
    agencyId,
    year,
    state,
    stateName: STATE_NAMES[state],
    sections: d?.sections ?? {},
    snapshotId: d?.snapshotId ?? null,
    updatedAt: d ? d.updatedAt.toISOString() : null,
    updatedBy: d?.updatedBy ?? null,
    editable: state === "draft" && decide(actor, "report.draft", agencyId) === "allow",
    actions: TRANSITION_ACTIONS.filter(
      (t) => TRANSITIONS[t].from.includes(state) && mayDo(actor, t, state, agencyId),
    ),
  };
}

/** Saves the narrative sections of a draft (经办人, while it is in state draft). */
export async function saveDraftSections(
  db: Db,
  actor: Actor,
  agencyId: number,
  year: number,
  sections: Sections,
): Promise<DraftView> {
  await agencyFor(db, actor, "report.draft", agencyId);
  const unknown = Object.keys(sections).filter((k) => !(NARRATIVE_KEYS as readonly string[]).includes(k));
  if (unknown.length)
    throw new GongkaiError("REQUEST-INVALID", `未知的报告部分：${unknown.join("、")}`, [
      `可用：${NARRATIVE_KEYS.join("、")}`,
    ]);
  await inTransaction(db, actor.login, async (tx, record) => {
    const draft = await ensureDraft(tx, agencyId, year, actor.login);
    const clean = Object.fromEntries(Object.entries(sections).filter(([, v]) => typeof v === "string"));
    if (!(await updateSections(tx, draft.id, clean, actor.login)))
      throw stateError(draft.state as DraftState, "修改正文");
    await record({
      action: "report.draft.save",
      entity: "report_draft",
      entityId: draft.id,
      before: draft.sections,
      after: clean,
    });
  });
  return reportDraft(db, actor, agencyId, year);
}

const stateError = (state: DraftState, what: string) =>
  new GongkaiError("REPORT-STATE", `报告当前状态为“${STATE_NAMES[state]}”，不能${what}`);

/** Makes one transition of the workflow, with its comment (required to return a report). */
export async function transitionReport(
  db: Db,
  actor: Actor,
  agencyId: number,
  year: number,
  action: TransitionAction,
  comment = "",
): Promise<DraftView> {
  const t = TRANSITIONS[action];
  const agency = await agencyFor(db, actor, "report.read", agencyId);
  const current = await findDraft(db, agencyId, year);
  const from = (current?.state ?? "draft") as DraftState;
  if (!mayDo(actor, action, from, agencyId)) authorize(actor, allowedBy(action, from)[0]!, agencyId);
  if (!t.from.includes(from)) throw stateError(from, t.name);
  const body = comment.trim();
  if (action === "return" && !body)
    throw new GongkaiError("REQUEST-INVALID", "退回修改时必须填写意见（comment）");

  // Publication: the report derived from the records now, with the draft's narrative, frozen.
  // The snapshot, the state move, the comment and the audit rows commit together or not at all.
  let publication: Publication | undefined;
  if (action === "publish") {
    const derived = await buildAgencyReport(db, agency.name, year);
    const report = {
      ...derived.report,
      title: `${agency.name}${year}年政府信息公开工作年度报告`,
      sections: current?.sections ?? {},
    };
    publication = await preparePublication(db, { agency: agency.name, year, report });
  }
  await inTransaction(db, actor.login, async (tx, record) => {
    const snapshotId = publication
      ? await writePublication(tx, record, publication, actor.login, new Date())
      : undefined;
    const draft = current ?? (await ensureDraft(tx, agencyId, year, actor.login));
    if (!(await moveDraft(tx, draft.id, from, t.to, actor.login, snapshotId)))
      throw new GongkaiError("REPORT-STATE", "报告状态已被他人更改，请刷新后重试");
    await insertComment(tx, {
      draftId: draft.id,
      action,
      from,
      to: t.to,
      body,
      authorId: actor.userId,
      author: actor.name,
    });
    await record({
      action: `report.${action}`,
      entity: "report_draft",
      entityId: draft.id,
      before: { state: from },
      after: { state: t.to, comment: body, ...(snapshotId ? { snapshotId } : {}) },
    });
  });
  return reportDraft(db, actor, agencyId, year);
}

/** The comments left on a report's draft, oldest first. */
export async function reportComments(
  db: Db,
  actor: Actor,
  agencyId: number,
  year: number,
): Promise<CommentRow[]> {
  await agencyFor(db, actor, "report.read", agencyId);
  const d = await findDraft(db, agencyId, year);
  return d ? listComments(db, d.id) : [];
}
