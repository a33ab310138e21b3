/**
 * A stored case as the case domain sees it: stored events → CaseEvent[], derived state that never
 * throws for one bad case (a list shows the problem instead), and the worklist's status groups.
 */
import type { WorkingCalendar } from "../domain/calendar/index.js";
import { type CaseEvent, type CaseState, type CaseStatus, deriveCase } from "../domain/cases/index.js";
import { GongkaiError } from "../domain/errors.js";
import type { StoredEvent } from "../store/cases.js";

/**
 * Statuses the worklist shows: the domain's, plus "invalid" for events the domain cannot replay and
 * "no_calendar" for a clock that runs into a year without holiday data (the due date is flagged as
 * unknown until that year's 国务院办公厅 notice is imported — never guessed from weekends alone).
 */
export type ListStatus = CaseStatus | "invalid" | "no_calendar";

export const LIST_STATUSES: readonly ListStatus[] = [
  "overdue",
  "due_soon",
  "on_time",
  "waiting_applicant",
  "paused_consultation",
  "paused_fee",
  "closed",
  "no_calendar",
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

export type SafeState =
  | (CaseState & { problem?: undefined })
  | { status: "invalid" | "no_calendar"; problem: string };

/** The derived state, or null when the case could not be derived (status invalid or no_calendar). */
export function derivedState(s: SafeState | null | undefined): CaseState | null {
  return s && s.problem === undefined ? (s as CaseState) : null;
}

/** Derives a case's state; a replay failure (e.g. an imported record without a 补正 deadline) becomes data. */
export function deriveSafely(events: readonly StoredEvent[], today: string, cal: WorkingCalendar): SafeState {
  try {
    return deriveCase(toCaseEvents(events), today, cal);
  } catch (e) {
    if (e instanceof GongkaiError)
      return { status: e.id === "CALENDAR-NO-DATA" ? "no_calendar" : "invalid", problem: e.message };
    throw e;
  }
}

/** Derived states by case, events and day: the worklist replays the same open cases on every refresh. */
const cache = new WeakMap<WorkingCalendar, Map<string, SafeState>>();
const CACHE_LIMIT = 200_000;

/**
 * deriveSafely, remembered per (application id, its events, today, calendar): a case whose events and
 * day are unchanged is not replayed again. The key holds the events themselves, so any new or
 * re-imported event is a different key; the map is emptied when it grows past CACHE_LIMIT.
 */
export function deriveCached(
  id: string,
  events: readonly StoredEvent[],
  today: string,
  cal: WorkingCalendar,
): SafeState {
  let byKey = cache.get(cal);
  if (!byKey) {
    byKey = new Map();
    cache.set(cal, byKey);
  }
  const key = `${id}|${today}|${JSON.stringify(events)}`;
  let s = byKey.get(key);
  if (!s) {
    if (byKey.size >= CACHE_LIMIT) byKey.clear();
    s = deriveSafely(events, today, cal);
    byKey.set(key, s);
  }
  return s;
}
