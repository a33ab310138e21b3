/**
 * A case's state derived from its events and today's date: status, due date, working days left,
 * outcome and the statutory violations found (条例第三十、三十二至三十四条; 国办函〔2020〕109号).
 */
import type { WorkingCalendar } from "../calendar/calendar.js";
import { dueDate, type Pause, pausedWorkingDays } from "./clock.js";
import type { CaseEvent, OutcomeKey } from "./events.js";
import {
  CONSULTATION_WORKING_DAYS,
  CORRECTION_NOTICE_WORKING_DAYS,
  MAX_EXTENSION_WORKING_DAYS,
  REPLY_WORKING_DAYS,
} from "./periods.js";
import {
  CONSULTATION_PAUSE_CAPPED,
  DUE_SOON_WORKING_DAYS,
  EXTENSION_EXCESS_IGNORED,
  EXTENSION_ON_DUE_DATE_IN_TIME,
  FEE_PAUSES_CLOCK,
} from "./readings.js";
import { type ReplayedCase, replayEvents } from "./replay.js";

/** What the staff console shows for a case. */
export type CaseStatus =
  | "on_time"
  | "due_soon"
  | "overdue"
  | "waiting_applicant"
  | "paused_consultation"
  | "paused_fee"
  | "closed";

/** A statutory rule the recorded handling broke (data, not an exception). */
export interface Violation {
  id: string;
  severity: "error" | "warning";
  /** The date of the act (or of today for a still-open overdue case). */
  date: string;
  message: string;
  /** The legal source. */
  basis: string;
}

/** The derived state of a case. */
export interface CaseState {
  status: CaseStatus;
  receivedOn: string;
  /** The day the reply clock counts from (receipt, or the corrected application); null while waiting for 补正. */
  clockStartsOn: string | null;
  /** The reply due date; for a paused case, the due date if the clock ran again tomorrow. */
  dueDate: string | null;
  /** Working days from today to the due date (negative when overdue); null when closed or not running. */
  workingDaysLeft: number | null;
  /** Lawful extension counted (≤ 20 working days). */
  extensionWorkingDays: number;
  /** Working days the pauses excluded so far. */
  pausedWorkingDays: number;
  /** While waiting: the applicant's correction or payment deadline, or the consulted party's deadline. */
  waitingUntil?: string;
  /** True when `waitingUntil` has passed: record the expiry (or the reply) to move on. */
  waitingOverdue?: boolean;
  outcome?: OutcomeKey;
  closedOn?: string;
  violations: Violation[];
}

/** The pauses of a case, open ones closed at `until` (reading R3–R5). */
function pausesOf(rec: ReplayedCase, cal: WorkingCalendar, until: string): Pause[] {
  const pauses: Pause[] = [];
  for (const c of rec.consultations) {
    let end = c.end ?? until;
    if (CONSULTATION_PAUSE_CAPPED) {
      // 条例第三十二、三十四条: the party's 15 working days bound the excluded time (reading R4).
      const cap = cal.addWorkingDays(c.start, CONSULTATION_WORKING_DAYS);
      if (end > cap) end = cap;
    }
    pauses.push({ kind: "consultation", start: c.start, end });
  }
  if (FEE_PAUSES_CLOCK) {
    for (const f of rec.fees) {
      pauses.push({ kind: "fee", start: f.noticeOn, end: f.paidOn ?? f.expiredOn ?? until });
    }
  }
  return pauses;
}

/** Derives status, due date, outcome and violations from a case's events (today is an argument). */
export function deriveCase(events: readonly CaseEvent[], today: string, cal: WorkingCalendar): CaseState {
  const rec = replayEvents(events, today, cal);
  const violations: Violation[] = [];
  const v = (
    id: string,
    date: string,
    message: string,
    basis: string,
    severity: Violation["severity"] = "error",
  ) => violations.push({ id, severity, date, message, basis });

  // 条例第三十条: one 补正 notice, within 7 working days of receipt.
  rec.corrections.forEach((c, i) => {
    const used = cal.workingDaysBetween(rec.receivedOn, c.requestedOn);
    if (used > CORRECTION_NOTICE_WORKING_DAYS) {
      v(
        "CASE-CORRECTION-LATE",
        c.requestedOn,
        `补正告知在收到申请后第 ${used} 个工作日发出，超过 7 个工作日`,
        "条例第三十条",
      );
    }
    if (i > 0)
      v("CASE-CORRECTION-REPEATED", c.requestedOn, "补正应一次性告知，本件第二次告知补正", "条例第三十条");
  });

  // 条例第三十条: the reply clock runs from the last corrected application; none while 补正 is pending.
  const lastCorrection = rec.corrections.at(-1);
  const clockStartsOn = !lastCorrection ? rec.receivedOn : (lastCorrection.receivedOn ?? null);
  const until = rec.closed?.date ?? today;
  const pauses = pausesOf(rec, cal, until);

  // 条例第三十三条第二款: extensions need the head's approval, add ≤ 20 working days in all, and must be
  // notified by the original due date.
  let lawfulExtension = 0;
  for (const x of rec.extensions) {
    if (x.approverRole.trim() === "") {
      v(
        "CASE-EXTENSION-NO-APPROVAL",
        x.date,
        "延期答复未记录批准人（应经政府信息公开工作机构负责人同意）",
        "条例第三十三条第二款",
      );
    }
    if (clockStartsOn && x.date >= clockStartsOn) {
      const before = pauses.filter((p) => p.start <= x.date);
      const due = dueDate(cal, clockStartsOn, REPLY_WORKING_DAYS + lawfulExtension, before);
      const late = EXTENSION_ON_DUE_DATE_IN_TIME ? x.date > due : x.date >= due;
      if (late) v("CASE-EXTENSION-LATE", x.date, `延期告知晚于原答复期限 ${due}`, "条例第三十三条第二款");
    }
    const room = MAX_EXTENSION_WORKING_DAYS - lawfulExtension;
    if (x.workingDays > room) {
      v(
        "CASE-EXTENSION-TOO-LONG",
        x.date,
        `延长 ${x.workingDays} 个工作日，累计超过 20 个工作日；只计入 ${Math.max(room, 0)} 个工作日`,
        "条例第三十三条第二款",
      );
    }
    lawfulExtension += EXTENSION_EXCESS_IGNORED ? Math.min(x.workingDays, Math.max(room, 0)) : x.workingDays;
  }

  const budget = REPLY_WORKING_DAYS + lawfulExtension;
  const due = clockStartsOn ? dueDate(cal, clockStartsOn, budget, pauses) : null;

  // 国办函〔2020〕109号: the fee notice is sent within the handling period; payment within 20 working days.
  for (const f of rec.fees) {
    if (clockStartsOn && f.noticeOn >= clockStartsOn) {
      const before = pauses.filter((p) => p.start < f.noticeOn);
      const dueThen = dueDate(cal, clockStartsOn, budget, before);
      if (f.noticeOn > dueThen) {
        v("CASE-FEE-NOTICE-LATE", f.noticeOn, `收费通知晚于答复期限 ${dueThen}`, "国办函〔2020〕109号");
      }
    }
    if (f.paidOn && f.paidOn > f.payBy) {
      v(
        "CASE-FEE-PAID-LATE",
        f.paidOn,
        `缴费晚于缴费期限 ${f.payBy}（逾期可视为放弃申请）`,
        "国办函〔2020〕109号",
        "warning",
      );
    }
  }

  const state: CaseState = {
    status: rec.closed ? "closed" : "on_time",
    receivedOn: rec.receivedOn,
    clockStartsOn,
    dueDate: due,
    workingDaysLeft: null,
    extensionWorkingDays: lawfulExtension,
    pausedWorkingDays: clockStartsOn ? pausedWorkingDays(cal, clockStartsOn, until, pauses) : 0,
    violations,
  };

  if (rec.closed) {
    const c = rec.closed;
    state.outcome = c.outcome;
    state.closedOn = c.date;
    // 条例第三十三条: a reply counts on the day signed for or handed to the post (235号).
    if (c.by === "replied" && due && c.date > due) {
      v("CASE-REPLY-LATE", c.date, `答复日期 ${c.date} 晚于答复期限 ${due}`, "条例第三十三条");
    }
    checkOutcome(rec, v);
    return state;
  }

  const pendingCorrection = rec.corrections.find((c) => !c.receivedOn && !c.expiredOn);
  const openFee = rec.fees.find((f) => !f.paidOn);
  // Reading R4: a consultation pauses the clock only within the consulted party's 15 working days.
  const consultationCap = (start: string) => cal.addWorkingDays(start, CONSULTATION_WORKING_DAYS);
  const openConsultation = rec.consultations.find(
    (c) => c.end === undefined && (!CONSULTATION_PAUSE_CAPPED || today <= consultationCap(c.start)),
  );
  let isWaiting = false;
  const waiting = (status: CaseStatus, until: string) => {
    isWaiting = true;
    state.status = status;
    state.waitingUntil = until;
    state.waitingOverdue = today > until;
  };
  if (pendingCorrection) waiting("waiting_applicant", pendingCorrection.deadline);
  else if (openFee) waiting("paused_fee", openFee.payBy);
  else if (openConsultation) {
    waiting("paused_consultation", consultationCap(openConsultation.start));
  }
  if (due) {
    const left = cal.workingDaysBetween(today, due);
    state.workingDaysLeft = left;
    if (!isWaiting) {
      state.status = left < 0 ? "overdue" : left <= DUE_SOON_WORKING_DAYS ? "due_soon" : "on_time";
    }
    if (left < 0) {
      v("CASE-REPLY-OVERDUE", today, `已超过答复期限 ${due}，仍未答复`, "条例第三十三条");
    }
  }
  return state;
}

/** Outcomes that presuppose a step the events do not show. */
function checkOutcome(rec: ReplayedCase, v: (id: string, date: string, m: string, b: string) => void): void {
  const c = rec.closed;
  if (c?.by !== "replied") return;
  const need = (ok: boolean, what: string, basis: string) => {
    if (!ok) v("CASE-OUTCOME-INCONSISTENT", c.date, `办理结果为「${c.outcome}」，但记录中没有${what}`, basis);
  };
  if (c.outcome === "other_no_correction") need(rec.corrections.length > 0, "补正告知", "条例第三十条");
  if (c.outcome === "unable_unclear_after_correction") {
    need(
      rec.corrections.some((x) => x.receivedOn),
      "收到补正",
      "条例第三十条",
    );
  }
  if (c.outcome === "other_no_fee")
    need(
      rec.fees.some((f) => !f.paidOn),
      "未缴费的收费通知",
      "国办函〔2020〕109号",
    );
}
