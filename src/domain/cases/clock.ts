/**
 * The reply clock: working days counted from a start date, skipping paused days (条例第三十三条第三款).
 */
import type { WorkingCalendar } from "../calendar/calendar.js";
import { addDays } from "../calendar/date.js";
import { GongkaiError } from "../errors.js";
import { PAUSE_EXCLUDES_END_DAY } from "./readings.js";

/** A stretch during which the reply clock does not run. */
export interface Pause {
  kind: "consultation" | "fee";
  /** The day the pause begins (not itself excluded: reading R3). */
  start: string;
  /** The day it ends (excluded under reading R3). */
  end: string;
}

/** Longest span a clock may scan; a guard against runaway data, far beyond any lawful period. */
const MAX_SCAN_DAYS = 3660;

/** True when the reply clock does not count day `d` (reading R3). */
export function isPaused(d: string, pauses: readonly Pause[]): boolean {
  return pauses.some((p) => d > p.start && (PAUSE_EXCLUDES_END_DAY ? d <= p.end : d < p.end));
}

/**
 * The due date: the day on which `budget` counted working days after `clockStart` are used up,
 * not counting `clockStart` and skipping paused working days.
 */
export function dueDate(
  cal: WorkingCalendar,
  clockStart: string,
  budget: number,
  pauses: readonly Pause[],
): string {
  let d = clockStart;
  let counted = 0;
  for (let i = 0; counted < budget; i++) {
    if (i > MAX_SCAN_DAYS) {
      throw new GongkaiError(
        "CASE-CLOCK-RUNAWAY",
        `从 ${clockStart} 起 ${MAX_SCAN_DAYS} 天内期限仍未届满，记录有误`,
      );
    }
    d = addDays(d, 1);
    if (cal.isWorkingDay(d) && !isPaused(d, pauses)) counted++;
  }
  return d;
}

/** Working days after `clockStart` up to and including `until` that the pauses excluded. */
export function pausedWorkingDays(
  cal: WorkingCalendar,
  clockStart: string,
  until: string,
  pauses: readonly Pause[],
): number {
  let n = 0;
  for (let d = addDays(clockStart, 1); d <= until; d = addDays(d, 1)) {
    if (isPaused(d, pauses) && cal.isWorkingDay(d)) n++;
  }
  return n;
}
