/**
 * Tracking from the portal: the tracking code plus the check (last four digits of the phone, or of
 * the ID number) open one application's public facts — status, the dates that matter and the served
 * letters (table issued_letter, 0006). Status and dates are derived by the case domain (deriveCase), never computed here.
 */

import type { CaseEvent } from "../domain/cases/index.js";
import { type CaseStatus, deriveCase, EVENT_LABEL } from "../domain/cases/index.js";
import { GongkaiError } from "../domain/errors.js";
import { APPLICATION_ROW, type ApplicationRowKey, OUTCOME_GROUPS } from "../domain/report/definition.js";
import { letterName } from "../render/letters/templates.js";
import { loadEvents } from "../store/cases.js";
import type { Db } from "../store/db.js";
import { findIssuedLetter, listIssuedLetters } from "../store/letters.js";
import { applicationByTracking, receiptByCode } from "../store/portal.js";
import { caseClock } from "./case-clock.js";
import { trackingCheckHash } from "./register-application.js";

/** How the applicant reads each status. */
export const PUBLIC_STATUS: Record<CaseStatus | "invalid" | "no_calendar", string> = {
  on_time: "办理中",
  due_soon: "办理中（临近答复期限）",
  overdue: "办理中（已超过答复期限）",
  waiting_applicant: "等待申请人补正或缴费",
  paused_consultation: "征求第三方或其他机关意见中（期间不计入答复期限）",
  paused_fee: "等待缴纳信息处理费（期间不计入答复期限）",
  closed: "已办结",
  invalid: "办理中",
  no_calendar: "办理中（答复期限待国家公布节假日安排后确定）",
};

/** A tracking code as typed: upper case, without spaces or dashes. */
export const normalizeCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, "");

/** The outcome as the applicant reads it: （三）不予公开：1.属于国家秘密. */
export function outcomeLabel(key: string): string {
  const row = APPLICATION_ROW[key as ApplicationRowKey];
  if (!row) return key;
  const group = (Object.keys(OUTCOME_GROUPS) as (keyof typeof OUTCOME_GROUPS)[]).find((g) =>
    key.startsWith(`${g}_`),
  );
  return group ? `${OUTCOME_GROUPS[group]}：${row.label}` : row.label;
}

export interface Tracked {
  id: string;
  ref: string;
  agencyName: string;
  receivedOn: string;
  status: string;
  dueDate: string | null;
  /** The events the applicant sees: date and name (补正告知, 延期答复, 答复 …). */
  steps: { date: string; label: string }[];
  waitingUntil?: string | undefined;
  answeredOn?: string | undefined;
  outcome?: string | undefined;
  letters: { id: string; kind: string; fileName: string }[];
}

/** The public facts of an application, or undefined when code and check do not match. */
export async function trackApplication(db: Db, code: string, check: string): Promise<Tracked | undefined> {
  const norm = normalizeCode(code);
  if (!/^[0-9A-Z]{6,20}$/.test(norm) || !check.trim()) return undefined;
  const app = await applicationByTracking(db, norm, trackingCheckHash(norm, check));
  return app ? publicFacts(db, app) : undefined;
}

/** The public facts of one application the caller has already proven a right to (code + check, or its account). */
export async function publicFacts(
  db: Db,
  app: { id: string; ref: string; agency_name: string; received: string },
): Promise<Tracked> {
  const stored = await loadEvents(db, app.id);
  const events = stored.map(({ seq: _s, recordedBy: _b, recordedAt: _a, ...e }) => e as unknown as CaseEvent);
  const clock = caseClock();
  let status = "办理中";
  let dueDate: string | null = null;
  let waitingUntil: string | undefined;
  let answeredOn: string | undefined;
  let outcome: string | undefined;
  try {
    const st = deriveCase(events, clock.today(), clock.calendar());
    status = PUBLIC_STATUS[st.status];
    dueDate = st.status === "closed" ? null : st.dueDate;
    waitingUntil = st.waitingUntil;
    answeredOn = st.closedOn;
    outcome = st.outcome ? outcomeLabel(st.outcome) : undefined;
  } catch (e) {
    if (!(e instanceof GongkaiError)) throw e;
  }
  const letters = await listIssuedLetters(db, app.id);
  return {
    id: app.id,
    ref: app.ref,
    agencyName: app.agency_name,
    receivedOn: app.received,
    status,
    dueDate,
    steps: events.map((e) => ({ date: e.date, label: EVENT_LABEL[e.type] ?? e.type })),
    waitingUntil,
    answeredOn,
    outcome,
    letters: letters.map((l) => ({ id: l.id, kind: letterName(l.kind), fileName: l.fileName })),
  };
}

/** A served letter, for an applicant who gives code and check again. */
export async function trackedLetter(db: Db, code: string, check: string, letterId: string) {
  const t = await trackApplication(db, code, check);
  const letter = t && (await findIssuedLetter(db, t.id, letterId));
  if (!letter) throw new GongkaiError("NOT-FOUND", "没有找到该文书，请重新查询");
  return { fileName: letter.file_name, docx: letter.docx };
}

/** The receipt of a portal application: no personal data, and the due date the case domain derives. */
export async function receiptOf(db: Db, code: string) {
  const r = await receiptByCode(db, normalizeCode(code));
  if (!r) throw new GongkaiError("NOT-FOUND", "没有找到该查询码对应的申请");
  const stored = await loadEvents(db, r.id);
  const events = stored.map(({ seq: _s, recordedBy: _b, recordedAt: _a, ...e }) => e as unknown as CaseEvent);
  const clock = caseClock();
  let dueDate: string | null = null;
  try {
    dueDate = deriveCase(events.slice(0, 1), clock.today(), clock.calendar()).dueDate;
  } catch {
    dueDate = null;
  }
  const extra = r.extra as Record<string, string>;
  return {
    code: normalizeCode(code),
    ref: r.ref,
    agencyName: r.agency_name,
    receivedOn: r.received,
    dueDate,
    medium: extra.medium,
    delivery: extra.delivery,
  };
}
