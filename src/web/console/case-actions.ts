/**
 * Which next steps of a case are lawful, decided by the domain itself (src/domain/cases): a step is
 * offered when replayEvents accepts the case's events plus that step; a step the replay refuses is
 * disabled with the domain's own Chinese reason. A step that is possible but late (a violation such as
 * 超期答复) stays enabled and the new violations are shown before it is recorded.
 */

import type { Role } from "../../app/policy.js";
import { shippedCalendar, type WorkingCalendar } from "../../domain/calendar/index.js";
import {
  type CaseEvent,
  type CaseEventType,
  deriveCase,
  MAX_EXTENSION_WORKING_DAYS,
  replayEvents,
} from "../../domain/cases/index.js";
import { GongkaiError } from "../../domain/errors.js";

/** The steps the case page offers, in the order of the law's procedure. */
export const STEPS = [
  "correction_requested",
  "correction_received",
  "correction_expired",
  "consultation_started",
  "consultation_ended",
  "extension_approved",
  "fee_notice",
  "fee_paid",
  "fee_expired",
  "replied",
  "withdrawn",
] as const satisfies readonly CaseEventType[];
export type Step = (typeof STEPS)[number];

/** Button labels (the step, as staff say it). */
export const STEP_LABEL: Record<Step, string> = {
  correction_requested: "发出补正告知",
  correction_received: "收到补正材料",
  correction_expired: "逾期未补正",
  consultation_started: "开始征求意见",
  consultation_ended: "结束征求意见",
  extension_approved: "批准延期答复",
  fee_notice: "发出收费通知",
  fee_paid: "登记缴费",
  fee_expired: "逾期未缴费",
  replied: "答复（登记送达）",
  withdrawn: "申请人撤回",
};

export interface StepDecision {
  step: Step;
  allowed: boolean;
  /** Why not (the domain's message or the policy's). */
  reason?: string;
}

/** Today's date in China Standard Time (UTC+8), as the server counts it. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

let calendar: WorkingCalendar | undefined;
/** The shipped working-day calendar (built once). */
export function consoleCalendar(): WorkingCalendar {
  calendar ??= shippedCalendar();
  return calendar;
}

/** A representative event of a step on `date`, for the legality test and as the form's default. */
export function sampleEvent(step: Step, date: string, cal: WorkingCalendar = consoleCalendar()): CaseEvent {
  switch (step) {
    case "correction_requested":
      return { type: step, date, deadline: cal.addWorkingDays(date, 15) };
    case "consultation_started":
      return { type: step, date, party: "third_party" };
    case "extension_approved":
      return { type: step, date, workingDays: MAX_EXTENSION_WORKING_DAYS, approverRole: "负责人" };
    case "fee_notice":
      return { type: step, date, amountYuan: 100 };
    case "replied":
      return { type: step, date, outcome: "granted", delivery: "post" };
    default:
      return { type: step, date } as CaseEvent;
  }
}

/** For each step: may it be recorded today, by this role? */
export function decideSteps(
  events: readonly CaseEvent[],
  role: Role,
  today: string,
  cal: WorkingCalendar = consoleCalendar(),
  can?: { edit: boolean; approveExtension: boolean },
): StepDecision[] {
  const canEdit = can ? can.edit : role === "clerk" || role === "reviewer" || role === "head";
  const canExtend = can ? can.approveExtension : role === "head";
  return STEPS.map((step) => {
    if (!canEdit) return { step, allowed: false, reason: "只读：本角色不办理申请" };
    // 条例第三十三条第二款: an extension needs the consent of the head of the GI work body (policy extension.approve).
    if (step === "extension_approved" && !canExtend)
      return { step, allowed: false, reason: "延期答复须经负责人批准" };
    try {
      replayEvents([...events, sampleEvent(step, today, cal)], today, cal);
      return { step, allowed: true };
    } catch (e) {
      if (e instanceof GongkaiError) return { step, allowed: false, reason: stripPrefix(e.message) };
      throw e;
    }
  });
}

/** The replay's message names the would-be record; keep the part after 申请办理记录有误：. */
function stripPrefix(msg: string): string {
  return msg.replace(/^申请办理记录有误：/, "");
}

/** The violations a new event would add (shown as a warning before it is recorded). */
export function newViolations(
  events: readonly CaseEvent[],
  next: CaseEvent,
  today: string,
  cal: WorkingCalendar = consoleCalendar(),
): string[] {
  try {
    const before = new Set(deriveCase(events, today, cal).violations.map((v) => `${v.id}|${v.message}`));
    return deriveCase([...events, next], today, cal)
      .violations.filter((v) => !before.has(`${v.id}|${v.message}`) && v.id !== "CASE-REPLY-OVERDUE")
      .map((v) => `${v.message}（${v.basis}）`);
  } catch (e) {
    if (e instanceof GongkaiError) return [e.message];
    throw e;
  }
}
