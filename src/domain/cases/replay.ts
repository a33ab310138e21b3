/**
 * Replays a case's events in order, rejecting impossible sequences with a GongkaiError
 * (CASE-SEQUENCE) that names the event, and collecting the facts the clock needs. Legal lateness is
 * not an error here: it becomes a violation in derive.ts.
 */
import type { WorkingCalendar } from "../calendar/calendar.js";
import { isIsoDate } from "../calendar/date.js";
import { GongkaiError } from "../errors.js";
import { type CaseEvent, EVENT_LABEL, OUTCOME_KEYS, type OutcomeKey } from "./events.js";
import { FEE_PAYMENT_WORKING_DAYS } from "./periods.js";
import { WITHDRAWAL_OUTCOME } from "./readings.js";

/** The facts of a case, as recorded. */
export interface ReplayedCase {
  receivedOn: string;
  corrections: { requestedOn: string; deadline: string; receivedOn?: string; expiredOn?: string }[];
  consultations: { start: string; end?: string; party: string }[];
  extensions: { date: string; workingDays: number; approverRole: string }[];
  fees: {
    noticeOn: string;
    arrivedOn: string;
    payBy: string;
    amountYuan: number;
    paidOn?: string;
    expiredOn?: string;
  }[];
  closed?: { date: string; outcome: OutcomeKey; by: CaseEvent["type"] };
}

/** Replays the events; throws CASE-SEQUENCE at the first impossible one. */
export function replayEvents(
  events: readonly CaseEvent[],
  today: string,
  cal: WorkingCalendar,
): ReplayedCase {
  if (!isIsoDate(today)) throw new GongkaiError("DATE-INVALID", `今天的日期「${today}」不是有效日期`);
  const first = events[0];
  if (first?.type !== "received") {
    throw new GongkaiError("CASE-SEQUENCE", "申请办理记录有误：第一条记录应为「收到申请」");
  }
  const rec: ReplayedCase = {
    receivedOn: first.date,
    corrections: [],
    consultations: [],
    extensions: [],
    fees: [],
  };
  let previous = "";
  events.forEach((e, i) => {
    const fail = (why: string): never => {
      throw new GongkaiError(
        "CASE-SEQUENCE",
        `申请办理记录有误：第 ${i + 1} 条记录（${EVENT_LABEL[e.type] ?? e.type}，${e.date}）${why}`,
      );
    };
    const date = (s: unknown, what: string): string =>
      typeof s === "string" && isIsoDate(s) ? s : fail(`的${what}「${String(s)}」不是有效日期（YYYY-MM-DD）`);
    date(e.date, "日期");
    if (e.date < previous) fail(`早于上一条记录的日期 ${previous}：记录应按时间顺序`);
    if (e.date > today) fail(`晚于今天（${today}）`);
    if (rec.closed) {
      fail(`：申请已于 ${rec.closed.date} 办结（${EVENT_LABEL[rec.closed.by]}），之后不能再有办理记录`);
    }
    previous = e.date;
    const pending = rec.corrections.find((c) => !c.receivedOn && !c.expiredOn);
    const openFee = rec.fees.find((f) => !f.paidOn && !f.expiredOn);
    switch (e.type) {
      case "received":
        if (i > 0) fail("：一件申请只能有一条「收到申请」记录");
        break;
      case "correction_requested":
        if (pending) fail(`：${pending.requestedOn} 的补正告知尚未收回或逾期`);
        if (date(e.deadline, "补正期限") < e.date) fail(`的补正期限 ${e.deadline} 早于告知日期`);
        rec.corrections.push({ requestedOn: e.date, deadline: e.deadline });
        break;
      case "correction_received":
        if (!pending) fail("：没有待补正的告知");
        else pending.receivedOn = e.date;
        break;
      case "correction_expired":
        if (!pending) fail("：没有待补正的告知");
        else if (e.date <= pending.deadline) fail(`：补正期限 ${pending.deadline} 尚未届满`);
        else {
          pending.expiredOn = e.date;
          rec.closed = { date: e.date, outcome: "other_no_correction", by: e.type };
        }
        break;
      case "consultation_started":
        rec.consultations.push({ start: e.date, party: e.party });
        break;
      case "consultation_ended": {
        const open = rec.consultations.find((c) => c.end === undefined);
        if (!open) fail("：没有正在进行的征求意见");
        else open.end = e.date;
        break;
      }
      case "extension_approved":
        if (!Number.isInteger(e.workingDays) || e.workingDays < 1) {
          fail(`：延长的工作日数应为正整数，实际为 ${e.workingDays}`);
        }
        rec.extensions.push({ date: e.date, workingDays: e.workingDays, approverRole: e.approverRole ?? "" });
        break;
      case "fee_notice": {
        if (openFee) fail(`：${openFee.noticeOn} 的收费通知尚未缴费或逾期`);
        if (!Number.isSafeInteger(e.amountYuan) || e.amountYuan < 0) {
          fail(`：收费金额应为非负整数（元），实际为 ${e.amountYuan}`);
        }
        const arrivedOn = e.arrivedOn === undefined ? e.date : date(e.arrivedOn, "送达日期");
        if (arrivedOn < e.date) fail(`的送达日期 ${arrivedOn} 早于通知日期`);
        // 国办函〔2020〕109号: 20 working days counted from the day after the notice arrives.
        const payBy = cal.addWorkingDays(arrivedOn, FEE_PAYMENT_WORKING_DAYS);
        rec.fees.push({ noticeOn: e.date, arrivedOn, payBy, amountYuan: e.amountYuan });
        break;
      }
      case "fee_paid":
        if (!openFee) fail("：没有待缴费的收费通知");
        else openFee.paidOn = e.date;
        break;
      case "fee_expired":
        if (!openFee) fail("：没有待缴费的收费通知");
        else if (e.date <= openFee.payBy) fail(`：缴费期限 ${openFee.payBy} 尚未届满`);
        else {
          openFee.expiredOn = e.date;
          rec.closed = { date: e.date, outcome: "other_no_fee", by: e.type };
        }
        break;
      case "replied":
        if (!OUTCOME_KEYS.includes(e.outcome)) fail(`：办理结果「${String(e.outcome)}」不是年报表三的结果行`);
        rec.closed = { date: e.date, outcome: e.outcome, by: e.type };
        break;
      case "withdrawn":
        rec.closed = { date: e.date, outcome: WITHDRAWAL_OUTCOME, by: e.type };
        break;
      default:
        fail(`：未知的记录类型「${(e as { type: string }).type}」`);
    }
  });
  return rec;
}
