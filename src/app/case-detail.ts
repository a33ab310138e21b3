/**
 * One case for its page: the request, the applicant masked, the event timeline (who recorded what,
 * when), the derived status/clock/violations, the letters issued, and what the actor may do next.
 */
import { type CaseEventType, EVENT_LABEL } from "../domain/cases/index.js";
import { GongkaiError } from "../domain/errors.js";
import { type ApplicationRow, findApplication, loadEvents } from "../store/cases.js";
import type { Db } from "../store/db.js";
import { listIssuedLetters } from "../store/letters.js";
import { caseClock } from "./case-clock.js";
import { deriveSafely, type SafeState } from "./case-state.js";
import { type Applicant, maskApplicant } from "./personal-data.js";
import { type Actor, authorize, decide } from "./policy.js";

export interface CaseDetail {
  id: string;
  agencyId: number;
  ref: string;
  received: string;
  channel: string;
  applicantType: number;
  applicant: Applicant;
  subject: string;
  handlerId: number | null;
  source: string;
  hasTrackingCode: boolean;
  state: SafeState;
  events: ({
    seq: number;
    type: string;
    label: string;
    date: string;
    recordedBy: string;
    recordedAt: string;
  } & Record<string, unknown>)[];
  letters: {
    id: string;
    kind: string;
    fileName: string;
    eventSeq: number | null;
    issuedAt: string;
    issuedBy: string;
  }[];
  /** What the actor may do (the console shows only these actions). */
  can: { edit: boolean; approveExtension: boolean; reveal: boolean };
}

/** The application, or NOT-FOUND when it does not exist or the actor may not `action` on its agency. */
export async function loadAuthorized(
  db: Db,
  actor: Actor,
  id: string,
  action: Parameters<typeof authorize>[1],
): Promise<ApplicationRow> {
  const app = await findApplication(db, id);
  if (!app) throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
  authorize(actor, action, app.agencyId);
  return app;
}

/** True when the actor may see the case's personal data in full (policy case.reveal + the handler rule). */
export function mayReveal(actor: Actor, app: ApplicationRow): boolean {
  if (decide(actor, "case.reveal", app.agencyId) !== "allow") return false;
  return actor.role !== "clerk" || app.handlerId === actor.userId;
}

/** The case page's data (case.read). */
export async function caseDetail(db: Db, actor: Actor, id: string): Promise<CaseDetail> {
  const app = await loadAuthorized(db, actor, id, "case.read");
  const events = await loadEvents(db, app.id);
  const { today, calendar } = caseClock();
  const state = deriveSafely(events, today(), calendar());
  const letters = await listIssuedLetters(db, app.id);
  return {
    id: String(app.id),
    agencyId: app.agencyId,
    ref: app.ref,
    received: app.received,
    channel: app.channel,
    applicantType: app.applicantType,
    applicant: maskApplicant(app.applicant),
    subject: app.subject,
    handlerId: app.handlerId,
    source: app.source,
    hasTrackingCode: app.trackingCode !== null,
    state,
    // Each event in the domain's own shape (as the console reads it), with its label and who recorded it.
    events: events.map(({ seq, recordedBy, recordedAt, ...e }) => ({
      seq,
      label: EVENT_LABEL[e.type as CaseEventType] ?? e.type,
      recordedBy,
      recordedAt,
      ...e,
    })),
    letters,
    can: {
      edit: decide(actor, "case.edit", app.agencyId) === "allow",
      approveExtension: decide(actor, "extension.approve", app.agencyId) === "allow",
      reveal: mayReveal(actor, app),
    },
  };
}
