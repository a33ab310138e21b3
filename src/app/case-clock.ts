/**
 * "Today" and the working-day calendar for casework, in one place: today is the calendar date in
 * China Standard Time (never the server's zone); the calendar is the shipped years plus the years
 * imported into $GONGKAI_DATA/calendar/*.json (docs/calendar-import.md), read once per process.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  mergeYear,
  parseCalendarImport,
  SHIPPED_CALENDAR,
  WorkingCalendar,
} from "../domain/calendar/index.js";

export interface CaseClock {
  /** Today as 'YYYY-MM-DD' in China Standard Time. */
  today(): string;
  /** The working-day calendar. */
  calendar(): WorkingCalendar;
}

/** Today's date in China Standard Time (UTC+8, no daylight saving). */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Shipped calendar plus imported years; an unreadable imported file is skipped, not fatal to the server. */
function loadCalendar(): WorkingCalendar {
  let data = SHIPPED_CALENDAR;
  const dir = join(process.env.GONGKAI_DATA || "data", "calendar");
  let names: string[] = [];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith(".json"))
      .sort();
  } catch {
    return new WorkingCalendar(data);
  }
  for (const name of names) {
    try {
      data = mergeYear(data, parseCalendarImport(readFileSync(join(dir, name), "utf8"), "json"));
    } catch {
      // `gongkai calendar import` validates files before saving them; a hand-edited broken file is ignored here.
    }
  }
  return new WorkingCalendar(data);
}

let cachedCalendar: WorkingCalendar | undefined;
const systemClock: CaseClock = {
  today: () => chinaToday(),
  calendar: () => {
    cachedCalendar ??= loadCalendar();
    return cachedCalendar;
  },
};
let current: CaseClock = systemClock;

/** The clock casework uses. */
export function caseClock(): CaseClock {
  return current;
}

/** Replaces the clock (tests fix "today"; a calendar import can install a fresh calendar); undefined restores it. */
export function setCaseClock(clock: Partial<CaseClock> | undefined): void {
  cachedCalendar = undefined;
  current = clock ? { ...systemClock, ...clock } : systemClock;
}

/** The same as setCaseClock (the name the console's test harness uses). */
export const useCaseClock = setCaseClock;
