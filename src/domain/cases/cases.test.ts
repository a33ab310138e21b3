// Lifecycle tests. March–April 2026 is used for most cases: plain weeks, then 清明 (4/4–4/6 off).
// Received Mon 2026-03-02 → the 20th working day after it is Mon 2026-03-30.
import { describe, expect, it } from "vitest";
import { shippedCalendar } from "../calendar/index.js";
import { GongkaiError } from "../errors.js";
import { type CaseEvent, deriveCase, OUTCOME_KEYS, receiptDate } from "./index.js";

const cal = shippedCalendar();
const R: CaseEvent = { type: "received", date: "2026-03-02", channel: "post" };
const derive = (events: CaseEvent[], today: string) => deriveCase(events, today, cal);
const ids = (events: CaseEvent[], today: string) => derive(events, today).violations.map((v) => v.id);

function sequenceError(events: CaseEvent[], today = "2026-06-30"): GongkaiError {
  try {
    derive(events, today);
  } catch (e) {
    if (e instanceof GongkaiError) return e;
    throw e;
  }
  throw new Error("expected a GongkaiError");
}

describe("the reply period (条例第三十三条): 20 working days, the day of receipt not counted", () => {
  it("on time, due soon (≤ 5 working days left), due today, overdue", () => {
    expect(derive([R], "2026-03-02")).toMatchObject({
      status: "on_time",
      dueDate: "2026-03-30",
      workingDaysLeft: 20,
    });
    expect(derive([R], "2026-03-20")).toMatchObject({ status: "on_time", workingDaysLeft: 6 });
    expect(derive([R], "2026-03-23")).toMatchObject({ status: "due_soon", workingDaysLeft: 5 });
    expect(derive([R], "2026-03-30")).toMatchObject({ status: "due_soon", workingDaysLeft: 0 });
    const late = derive([R], "2026-03-31");
    expect(late).toMatchObject({ status: "overdue", workingDaysLeft: -1 });
    expect(late.violations.map((v) => v.id)).toEqual(["CASE-REPLY-OVERDUE"]);
  });

  it("a receipt on a Saturday: day 1 is the Monday", () => {
    const s = derive([{ type: "received", date: "2026-03-07", channel: "email" }], "2026-03-09");
    expect(s.dueDate).toBe("2026-04-03");
  });

  it("over holidays and a year end (元旦 2026 and the 1/4 make-up Sunday)", () => {
    expect(derive([{ type: "received", date: "2025-12-20", channel: "online" }], "2025-12-22").dueDate).toBe(
      "2026-01-19",
    );
    expect(derive([{ type: "received", date: "2026-09-18", channel: "fax" }], "2026-09-18").dueDate).toBe(
      "2026-10-22",
    );
  });

  it("a due date in a year without calendar data is an error, not a guess", () => {
    const e = sequenceError([{ type: "received", date: "2026-12-20", channel: "in_person" }], "2026-12-21");
    expect(e.id).toBe("CALENDAR-NO-DATA");
    expect(e.message).toContain("没有 2027 年的节假日数据");
  });

  it("a reply on the due date is on time; a day later is a violation", () => {
    const ok = derive(
      [R, { type: "replied", date: "2026-03-30", outcome: "granted", delivery: "post" }],
      "2026-04-10",
    );
    expect(ok).toMatchObject({
      status: "closed",
      outcome: "granted",
      closedOn: "2026-03-30",
      violations: [],
    });
    expect(ids([R, { type: "replied", date: "2026-03-31", outcome: "granted" }], "2026-04-10")).toEqual([
      "CASE-REPLY-LATE",
    ]);
  });
});

describe("补正 (条例第三十条)", () => {
  const ask = (date: string, deadline = "2026-03-25"): CaseEvent => ({
    type: "correction_requested",
    date,
    deadline,
  });

  it("waiting for the applicant: no reply clock, the correction deadline shown", () => {
    const s = derive([R, ask("2026-03-11")], "2026-03-20");
    expect(s).toMatchObject({ status: "waiting_applicant", dueDate: null, clockStartsOn: null });
    expect(s.waitingUntil).toBe("2026-03-25");
    expect(s.waitingOverdue).toBe(false);
    expect(derive([R, ask("2026-03-11")], "2026-03-26").waitingOverdue).toBe(true);
  });

  it("the notice is due within 7 working days of receipt", () => {
    expect(ids([R, ask("2026-03-11")], "2026-03-12")).toEqual([]); // 7th working day
    const late = derive([R, ask("2026-03-12")], "2026-03-12").violations;
    expect(late.map((v) => v.id)).toEqual(["CASE-CORRECTION-LATE"]);
    expect(late[0]?.message).toBe("补正告知在收到申请后第 8 个工作日发出，超过 7 个工作日");
  });

  it("the reply clock restarts from the corrected application", () => {
    const s = derive(
      [R, ask("2026-03-05"), { type: "correction_received", date: "2026-03-16" }],
      "2026-03-16",
    );
    // 3/17–20 (4), 3/23–27 (9), 3/30–4/3 (14), 4/4–6 清明, 4/7–10 (18), 4/13–14 (20)
    expect(s).toMatchObject({ status: "on_time", clockStartsOn: "2026-03-16", dueDate: "2026-04-14" });
  });

  it("no correction within the period → closed as 逾期不补正", () => {
    const s = derive(
      [R, ask("2026-03-05"), { type: "correction_expired", date: "2026-03-26" }],
      "2026-04-01",
    );
    expect(s).toMatchObject({ status: "closed", outcome: "other_no_correction", closedOn: "2026-03-26" });
  });

  it("expiry before the period ran out is an error", () => {
    const e = sequenceError([R, ask("2026-03-05"), { type: "correction_expired", date: "2026-03-25" }]);
    expect(e.message).toContain("补正期限 2026-03-25 尚未届满");
  });

  it("a second 补正 notice is a violation (一次性告知)", () => {
    const events: CaseEvent[] = [
      R,
      ask("2026-03-05"),
      { type: "correction_received", date: "2026-03-09" },
      ask("2026-03-10", "2026-03-31"),
    ];
    expect(ids(events, "2026-03-10")).toEqual(["CASE-CORRECTION-REPEATED"]); // 3/10 is the 6th working day
    expect(derive(events, "2026-03-10").status).toBe("waiting_applicant");
  });

  it("unclear after correction needs a correction on record", () => {
    const reply: CaseEvent = {
      type: "replied",
      date: "2026-03-20",
      outcome: "unable_unclear_after_correction",
    };
    expect(ids([R, reply], "2026-03-20")).toEqual(["CASE-OUTCOME-INCONSISTENT"]);
    expect(
      ids([R, ask("2026-03-05"), { type: "correction_received", date: "2026-03-09" }, reply], "2026-03-20"),
    ).toEqual([]);
  });
});

describe("consultation (条例第三十二、三十四条): clock paused, 15 working days for the party", () => {
  const start: CaseEvent = { type: "consultation_started", date: "2026-03-09", party: "third_party" };

  it("paused while the party has time; the due date shown is the one if the clock ran again", () => {
    const s = derive([R, start], "2026-03-11");
    expect(s.status).toBe("paused_consultation");
    expect(s.waitingUntil).toBe("2026-03-30"); // 15 working days after 3/9
    expect(s.dueDate).toBe("2026-04-01"); // 3/10, 3/11 excluded so far
    expect(s.workingDaysLeft).toBe(15); // 5 used (3/3–3/9) before the pause
  });

  it("the time consulting is not counted: the due date moves by the paused working days", () => {
    const s = derive([R, start, { type: "consultation_ended", date: "2026-03-13" }], "2026-03-16");
    expect(s).toMatchObject({ status: "on_time", dueDate: "2026-04-03", pausedWorkingDays: 4 });
  });

  it("an unanswered consultation stops pausing after the party's 15 working days (reading R4)", () => {
    const s = derive([R, start], "2026-04-02");
    expect(s.status).toBe("on_time");
    expect(s.dueDate).toBe("2026-04-21");
    expect(s.pausedWorkingDays).toBe(15);
    const lateEnd = derive([R, start, { type: "consultation_ended", date: "2026-04-08" }], "2026-04-08");
    expect(lateEnd.dueDate).toBe("2026-04-21");
  });

  it("another agency (第三十四条) pauses the same way, and the reply closes the case", () => {
    const events: CaseEvent[] = [
      R,
      { type: "consultation_started", date: "2026-03-09", party: "other_agency" },
      { type: "consultation_ended", date: "2026-03-13" },
      { type: "replied", date: "2026-04-03", outcome: "denied_third_party_rights" },
    ];
    expect(derive(events, "2026-04-10")).toMatchObject({ status: "closed", violations: [] });
  });

  it("an end without a start is an error", () => {
    expect(sequenceError([R, { type: "consultation_ended", date: "2026-03-13" }]).message).toContain(
      "没有正在进行的征求意见",
    );
  });
});

describe("extension (条例第三十三条第二款)", () => {
  const ext = (date: string, workingDays = 20, approverRole = "政府信息公开工作机构负责人"): CaseEvent => ({
    type: "extension_approved",
    date,
    workingDays,
    approverRole,
  });

  it("adds up to 20 working days", () => {
    expect(derive([R, ext("2026-03-27")], "2026-03-27")).toMatchObject({
      status: "on_time",
      dueDate: "2026-04-28",
      extensionWorkingDays: 20,
      violations: [],
    });
    expect(derive([R, ext("2026-03-27", 5)], "2026-03-27").dueDate).toBe("2026-04-07");
  });

  it("must be notified by the original due date (on it is in time, reading R6)", () => {
    expect(ids([R, ext("2026-03-30")], "2026-03-30")).toEqual([]);
    expect(ids([R, ext("2026-03-31")], "2026-03-31")).toEqual(["CASE-EXTENSION-LATE"]);
  });

  it("more than 20 working days is a violation; only 20 count (reading R7)", () => {
    const s = derive([R, ext("2026-03-20", 25)], "2026-03-20");
    expect(s.violations.map((v) => v.id)).toEqual(["CASE-EXTENSION-TOO-LONG"]);
    expect(s.dueDate).toBe("2026-04-28");
    const two = derive([R, ext("2026-03-20", 10), ext("2026-03-25", 15)], "2026-03-25");
    expect(two.violations.map((v) => v.id)).toEqual(["CASE-EXTENSION-TOO-LONG"]);
    expect(two.extensionWorkingDays).toBe(20);
  });

  it("needs the head's approval on record", () => {
    expect(ids([R, ext("2026-03-20", 10, " ")], "2026-03-20")).toEqual(["CASE-EXTENSION-NO-APPROVAL"]);
  });

  it("zero days is an error", () => {
    expect(sequenceError([R, ext("2026-03-20", 0)]).message).toContain("延长的工作日数应为正整数");
  });
});

describe("信息处理费 (国办函〔2020〕109号): clock paused, 20 working days to pay", () => {
  const notice: CaseEvent = {
    type: "fee_notice",
    date: "2026-03-09",
    amountYuan: 700,
    arrivedOn: "2026-03-10",
  };

  it("paused until paid; the payment deadline counts from the day after arrival", () => {
    const s = derive([R, notice], "2026-03-20");
    expect(s).toMatchObject({ status: "paused_fee", waitingUntil: "2026-04-08", waitingOverdue: false });
    expect(derive([R, notice], "2026-04-09").waitingOverdue).toBe(true);
  });

  it("payment resumes the clock; the unpaid days are not counted", () => {
    const s = derive([R, notice, { type: "fee_paid", date: "2026-03-13" }], "2026-03-16");
    expect(s).toMatchObject({ status: "on_time", dueDate: "2026-04-03", pausedWorkingDays: 4 });
  });

  it("unpaid after the period → closed as 逾期未缴费", () => {
    const s = derive([R, notice, { type: "fee_expired", date: "2026-04-09" }], "2026-04-10");
    expect(s).toMatchObject({
      status: "closed",
      outcome: "other_no_fee",
      closedOn: "2026-04-09",
      violations: [],
    });
    expect(sequenceError([R, notice, { type: "fee_expired", date: "2026-04-08" }]).message).toContain(
      "缴费期限 2026-04-08 尚未届满",
    );
  });

  it("a late payment is flagged as a warning", () => {
    const s = derive([R, notice, { type: "fee_paid", date: "2026-04-09" }], "2026-04-09");
    expect(s.violations).toMatchObject([{ id: "CASE-FEE-PAID-LATE", severity: "warning" }]);
  });

  it("a fee notice after the reply period is a violation", () => {
    const late: CaseEvent = { type: "fee_notice", date: "2026-03-31", amountYuan: 100 };
    expect(ids([R, late], "2026-03-31")).toContain("CASE-FEE-NOTICE-LATE");
  });

  it("a payment without a notice is an error", () => {
    expect(sequenceError([R, { type: "fee_paid", date: "2026-03-10" }]).message).toContain(
      "没有待缴费的收费通知",
    );
  });
});

describe("each way a case ends", () => {
  it("a reply with any one table-三 outcome", () => {
    expect(OUTCOME_KEYS).toHaveLength(21);
    expect(OUTCOME_KEYS).toContain("partially_granted");
    expect(OUTCOME_KEYS).not.toContain("other_processing");
    for (const outcome of OUTCOME_KEYS.filter(
      (o) => !["other_no_correction", "other_no_fee", "unable_unclear_after_correction"].includes(o),
    )) {
      const s = derive([R, { type: "replied", date: "2026-03-20", outcome }], "2026-03-25");
      expect(s, outcome).toMatchObject({ status: "closed", outcome, violations: [] });
    }
  });

  it("withdrawal → （六）3 其他", () => {
    expect(derive([R, { type: "withdrawn", date: "2026-03-10" }], "2026-03-25")).toMatchObject({
      status: "closed",
      outcome: "other_other",
      closedOn: "2026-03-10",
    });
  });

  it("a 逾期未缴费 outcome by reply needs an unpaid notice", () => {
    expect(ids([R, { type: "replied", date: "2026-03-20", outcome: "other_no_fee" }], "2026-03-25")).toEqual([
      "CASE-OUTCOME-INCONSISTENT",
    ]);
  });
});

describe("impossible sequences are errors that name the event", () => {
  it("no receipt first", () => {
    expect(sequenceError([{ type: "replied", date: "2026-03-20", outcome: "granted" }]).message).toBe(
      "申请办理记录有误：第一条记录应为「收到申请」",
    );
    expect(sequenceError([]).id).toBe("CASE-SEQUENCE");
  });

  it("a reply before the receipt", () => {
    const e = sequenceError([R, { type: "replied", date: "2026-03-01", outcome: "granted" }]);
    expect(e.message).toBe(
      "申请办理记录有误：第 2 条记录（答复，2026-03-01）早于上一条记录的日期 2026-03-02：记录应按时间顺序",
    );
  });

  it("two replies, or anything after closing", () => {
    const reply: CaseEvent = { type: "replied", date: "2026-03-20", outcome: "granted" };
    expect(sequenceError([R, reply, { ...reply, date: "2026-03-21" }]).message).toContain(
      "申请已于 2026-03-20 办结（答复），之后不能再有办理记录",
    );
    expect(
      sequenceError([R, { type: "withdrawn", date: "2026-03-10" }, { type: "fee_paid", date: "2026-03-11" }])
        .id,
    ).toBe("CASE-SEQUENCE");
  });

  it("an event after today, a bad date, an unknown outcome, a second receipt", () => {
    expect(sequenceError([R], "2026-03-01").message).toContain("晚于今天（2026-03-01）");
    expect(sequenceError([R, { type: "withdrawn", date: "2026-3-10" }]).message).toContain("不是有效日期");
    const bad = { type: "replied", date: "2026-03-20", outcome: "approved" } as unknown as CaseEvent;
    expect(sequenceError([R, bad]).message).toContain("不是年报表三的结果行");
    expect(sequenceError([R, R]).message).toContain("只能有一条「收到申请」记录");
  });
});

describe("pauses and restarts together", () => {
  it("补正, consultation, extension and fee in one case", () => {
    const events: CaseEvent[] = [
      R,
      { type: "correction_requested", date: "2026-03-04", deadline: "2026-03-18" },
      { type: "correction_received", date: "2026-03-09" }, // clock restarts: 20th working day 4/7
      { type: "consultation_started", date: "2026-03-10", party: "third_party" },
      { type: "consultation_ended", date: "2026-03-12" }, // 3/11, 3/12 excluded
      { type: "extension_approved", date: "2026-03-30", workingDays: 10, approverRole: "办公室主任" },
      { type: "fee_notice", date: "2026-04-01", amountYuan: 300 },
      { type: "fee_paid", date: "2026-04-02" }, // 4/2 excluded
    ];
    const open = derive(events, "2026-04-03");
    expect(open).toMatchObject({
      status: "on_time",
      clockStartsOn: "2026-03-09",
      dueDate: "2026-04-24",
      extensionWorkingDays: 10,
      pausedWorkingDays: 3,
      violations: [],
    });
    expect(derive(events, "2026-04-20")).toMatchObject({ status: "due_soon", workingDaysLeft: 4 });
    const replied = (date: string) =>
      derive([...events, { type: "replied", date, outcome: "partially_granted" }], "2026-05-06");
    expect(replied("2026-04-24")).toMatchObject({
      status: "closed",
      outcome: "partially_granted",
      violations: [],
    });
    expect(replied("2026-04-27").violations.map((v) => v.id)).toEqual(["CASE-REPLY-LATE"]);
  });

  it("a pause that starts after the due date does not save an overdue case", () => {
    const s = derive(
      [R, { type: "consultation_started", date: "2026-04-01", party: "third_party" }],
      "2026-04-02",
    );
    expect(s).toMatchObject({ status: "paused_consultation", dueDate: "2026-03-30", workingDaysLeft: -3 });
    expect(s.violations.map((v) => v.id)).toEqual(["CASE-REPLY-OVERDUE"]);
  });

  it("a 补正 after the clock started stops it until the corrected application arrives", () => {
    const events: CaseEvent[] = [
      R,
      { type: "correction_requested", date: "2026-03-06", deadline: "2026-03-20" },
    ];
    expect(derive(events, "2026-04-15")).toMatchObject({
      status: "waiting_applicant",
      dueDate: null,
      waitingOverdue: true,
    });
  });
});

describe("the receipt date by channel (条例第三十一条)", () => {
  it("in person, by post, online", () => {
    expect(receiptDate({ channel: "in_person", submittedOn: "2026-03-02" })).toBe("2026-03-02");
    expect(receiptDate({ channel: "post", signedForOn: "2026-03-03", confirmedOn: "2026-03-05" })).toBe(
      "2026-03-03",
    );
    expect(receiptDate({ channel: "post", confirmedOn: "2026-03-05" })).toBe("2026-03-05"); // ordinary letter
    expect(receiptDate({ channel: "online", submittedOn: "2026-03-01", confirmedOn: "2026-03-02" })).toBe(
      "2026-03-02",
    );
    expect(() => receiptDate({ channel: "fax", submittedOn: "2026-03-01" })).toThrow("双方确认之日");
  });
});
