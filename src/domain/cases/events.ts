/**
 * The application lifecycle as an event log (rules.md §3.2, §4, §7). A case is its events; status,
 * due date and outcome are derived (derive.ts), never stored.
 */
import { APPLICATION_ROW, type ApplicationRowKey } from "../report/definition.js";

/** 申请方式 (applications-csv.md); 条例第三十一条 fixes the receipt date by channel. */
export type Channel = "in_person" | "post" | "online" | "fax" | "email" | "other";

/** An outcome of an application: one outcome row of the 2021 table 三 (部分公开 counts only there). */
export type OutcomeKey = Exclude<
  ApplicationRowKey,
  "new_received" | "carried_over" | "total_processed" | "carried_forward" | "other_processing"
>;

/** Every outcome key, in the table's order (the 2019 single （六） row is a report-side sum). */
export const OUTCOME_KEYS: readonly OutcomeKey[] = Object.values(APPLICATION_ROW)
  .filter((r) => r.role === "outcome" && r.key !== "other_processing")
  .map((r) => r.key as OutcomeKey);

/** Who is consulted: 条例第三十二条 (third party) or 第三十四条 (co-producing agency). */
export type ConsultedParty = "third_party" | "other_agency";

/** How a reply was delivered (国办公开办函〔2016〕235号 fixes the date that counts). */
export type Delivery = "hand" | "post" | "electronic";

/** One event. `date` is 'YYYY-MM-DD' (China time); events are given in order. */
export type CaseEvent =
  /** 条例第三十一条: `date` is the date that counts as received for the channel. */
  | { type: "received"; date: string; channel: Channel }
  /** 条例第三十条: 补正 notice sent; `deadline` is the correction period it gives the applicant. */
  | { type: "correction_requested"; date: string; deadline: string }
  /** 条例第三十条: corrected application received; the reply clock starts again from here. */
  | { type: "correction_received"; date: string }
  /** 条例第三十条: no correction within the period → deemed abandoned (outcome other_no_correction). */
  | { type: "correction_expired"; date: string }
  /** 条例第三十二、三十四条: consultation sent; the reply clock pauses. */
  | { type: "consultation_started"; date: string; party: ConsultedParty }
  /** The opinion came back (or the party's period ran out); the reply clock resumes. */
  | { type: "consultation_ended"; date: string }
  /**
   * 条例第三十三条: extension approved by the head of the GI work body (`approverRole`) and
   * notified to the applicant on `date`; `workingDays` ≤ 20.
   */
  | { type: "extension_approved"; date: string; workingDays: number; approverRole: string }
  /**
   * 国办函〔2020〕109号: fee notice sent on `date` (clock paused); `arrivedOn` is when the applicant
   * received it (defaults to `date`); 20 working days to pay from the day after arrival.
   */
  | { type: "fee_notice"; date: string; amountYuan: number; arrivedOn?: string }
  /** The fee was paid; the reply clock resumes. */
  | { type: "fee_paid"; date: string }
  /** The payment period ran out unpaid → deemed abandoned (outcome other_no_fee). */
  | { type: "fee_expired"; date: string }
  /** The reply, with exactly one outcome; `date` = signed for (hand) or handed to the post (235号). */
  | { type: "replied"; date: string; outcome: OutcomeKey; delivery?: Delivery }
  /** The applicant withdrew the application (outcome other_other). */
  | { type: "withdrawn"; date: string };

/** The event types. */
export type CaseEventType = CaseEvent["type"];

/** Chinese names of the event types, for messages. */
export const EVENT_LABEL: Record<CaseEventType, string> = {
  received: "收到申请",
  correction_requested: "补正告知",
  correction_received: "收到补正",
  correction_expired: "逾期未补正",
  consultation_started: "征求意见",
  consultation_ended: "意见收回",
  extension_approved: "延期答复",
  fee_notice: "收费通知",
  fee_paid: "缴费",
  fee_expired: "逾期未缴费",
  replied: "答复",
  withdrawn: "撤回申请",
};
