/**
 * Recording one step of a case (issue #7's actions): the event is checked by the case domain's
 * replay together with every earlier event — an impossible sequence is refused with the domain's
 * Chinese message (CASE-SEQUENCE) — then stored with its audit row; a closing event keeps the
 * denormalised reply columns in step. An extension needs a 负责人 (条例第三十三条第二款).
 */
import { type CaseEvent, type CaseEventType, EVENT_LABEL, replayEvents } from "../domain/cases/index.js";
import { GongkaiError } from "../domain/errors.js";
import { computeFee, type FeeInput } from "../domain/fees/index.js";
import { findApplication, insertEvent, loadEvents, type StoredEvent, setClosed } from "../store/cases.js";
import type { Db } from "../store/db.js";
import { inTransaction } from "../store/transaction.js";
import { caseClock } from "./case-clock.js";
import { deriveSafely, type SafeState } from "./case-state.js";
import { type Actor, authorize, ROLE_NAMES } from "./policy.js";

/** An event as the API takes it: the domain's fields; a fee may be given as its basis instead of an amount. */
export interface EventInput {
  type: string;
  date: string;
  deadline?: string;
  party?: string;
  workingDays?: number;
  amountYuan?: number;
  fee?: FeeInput;
  arrivedOn?: string;
  outcome?: string;
  delivery?: string;
  note?: string;
}

/** Types staff record here; 收到申请 is written by registerApplication only. */
export const RECORDABLE_EVENTS: readonly CaseEventType[] = (
  Object.keys(EVENT_LABEL) as CaseEventType[]
).filter((t) => t !== "received");

/** Builds the stored event from the input's known fields only; server-set fields win. */
function toStored(input: EventInput, actor: Actor): StoredEvent {
  const type = input.type as CaseEventType;
  if (!RECORDABLE_EVENTS.includes(type))
    throw new GongkaiError(
      "CASE-EVENT-INVALID",
      `记录类型“${input.type}”不可用；可用：${RECORDABLE_EVENTS.map((t) => `${t}（${EVENT_LABEL[t]}）`).join("、")}`,
    );
  const e: StoredEvent = { type, date: input.date };
  const need = <K extends keyof EventInput>(k: K, what: string): NonNullable<EventInput[K]> => {
    const v = input[k];
    if (v === undefined || v === null)
      throw new GongkaiError("CASE-EVENT-INVALID", `「${EVENT_LABEL[type]}」需要填写${what}（${k}）`);
    return v as NonNullable<EventInput[K]>;
  };
  switch (type) {
    case "correction_requested":
      e.deadline = need("deadline", "补正期限");
      break;
    case "consultation_started": {
      const party = need("party", "征求意见对象");
      if (party !== "third_party" && party !== "other_agency")
        throw new GongkaiError(
          "CASE-EVENT-INVALID",
          "征求意见对象（party）应为 third_party（第三方）或 other_agency（其他机关）",
        );
      e.party = party;
      break;
    }
    case "extension_approved":
      e.workingDays = need("workingDays", "延长的工作日数");
      // 条例第三十三条第二款: approved by the head of the GI work body — the signed-in 负责人, set here.
      e.approverRole = `${ROLE_NAMES[actor.role]} ${actor.name}`;
      e.approvedBy = actor.userId;
      break;
    case "fee_notice":
      e.amountYuan = input.fee ? computeFee(input.fee) : need("amountYuan", "收费金额（元）");
      if (input.fee) e.feeBasis = input.fee;
      if (input.arrivedOn !== undefined) e.arrivedOn = input.arrivedOn;
      break;
    case "replied":
      e.outcome = need("outcome", "办理结果");
      if (input.delivery !== undefined) {
        if (!["hand", "post", "electronic"].includes(input.delivery))
          throw new GongkaiError("CASE-EVENT-INVALID", "送达方式（delivery）应为 hand、post 或 electronic");
        e.delivery = input.delivery;
      }
      break;
    default:
      break;
  }
  if (input.note !== undefined) e.note = input.note;
  return e;
}

/** Records one event on a case (case.edit; extension.approve for an extension); returns the new state. */
export async function recordEvent(
  db: Db,
  actor: Actor,
  id: string,
  input: EventInput,
): Promise<{ seq: number; state: SafeState }> {
  const found = await findApplication(db, id);
  if (!found) throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
  authorize(actor, "case.edit", found.agencyId);
  if (input.type === "extension_approved") authorize(actor, "extension.approve", found.agencyId);
  const event = toStored(input, actor);
  const { today, calendar } = caseClock();
  const now = today();
  const cal = calendar();
  return inTransaction(db, actor.login, async (tx, record) => {
    // The row lock serialises concurrent steps on one case: each replays the other's event.
    const app = await findApplication(tx, id, { lock: true });
    if (!app) throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
    const earlier = await loadEvents(tx, app.id);
    const all = [...earlier.map(({ seq, recordedBy, recordedAt, ...e }) => e as StoredEvent), event];
    // Throws CASE-SEQUENCE (or CALENDAR-NO-DATA) with the domain's message: nothing is written.
    const rec = replayEvents(all as unknown as CaseEvent[], now, cal);
    const seq = await insertEvent(tx, app.id, event, actor.login);
    if (rec.closed) await setClosed(tx, app.id, { date: rec.closed.date, outcome: rec.closed.outcome });
    await record({
      action: "application.event",
      entity: "application",
      entityId: app.id,
      after: { seq, ...event },
    });
    return { seq, state: deriveSafely(all, now, cal) };
  });
}
