/**
 * A stored case as the case domain sees it: stored events → CaseEvent[], derived state that never
 * throws for one bad case (a list shows the problem instead), and the worklist's status groups.
 */
import type { WorkingCalendar } from "../domain/calendar/index.js";
import { type CaseEvent, type CaseState, type CaseStatus, deriveCase } from "../domain/cases/index.js";
import { GongkaiError } from "../domain/errors.js";
import type { StoredEvent } from "../store/cases.js";

/** Statuses the worklist shows: the domain's, plus "invalid" for events the domain cannot replay. */
export type ListStatus = CaseStatus | "invalid";

export const LIST_STATUSES: readonly ListStatus[] = [
  "overdue",
  "due_soon",
  "on_time",
  "waiting_applicant",
  "paused_consultation",
  "paused_fee",
  "closed",
  "invalid",
];

/** The status filter's names: each domain status, plus the groups the console's badges use. */
export const STATUS_FILTERS: Record<string, readonly ListStatus[]> = {
  ...Object.fromEntries(LIST_STATUSES.map((s) => [s, [s]])),
  waiting: ["waiting_applicant"],
  paused: ["paused_consultation", "paused_fee"],
};

/** Stored events in the domain's shape (the stored data carries each event's own fields). */
export function toCaseEvents(stored: readonly StoredEvent[]): CaseEvent[] {
  return stored.map((e) => ({ ...e }) as unknown as CaseEvent);
}

export type SafeState = (CaseState & { problem?: undefined }) | { status: "invalid"; problem: string };

/** Derives a case's state; a replay failure (e.g. an imported record without a 补正 deadline) becomes data. */
export function deriveSafely(events: readonly StoredEvent[], today: string, cal: WorkingCalendar): SafeState {
  try {
    return deriveCase(toCaseEvents(events), today, cal);
  } catch (e) {
    if (e instanceof GongkaiError) return { status: "invalid", problem: e.message };
    throw e;
  }
}
