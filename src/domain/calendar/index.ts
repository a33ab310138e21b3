/** Working-day calendar: per-year holiday data, working-day arithmetic, and imports of new years. */
export { mergeYear, noDataError, WorkingCalendar } from "./calendar.js";
export { SHIPPED_CALENDAR } from "./data.js";
export {
  addDays,
  assertIsoDate,
  dayOfWeek,
  type IsoDate,
  isIsoDate,
  isWeekend,
  weekdayName,
  yearOf,
} from "./date.js";
export { type CalendarImportFormat, holidayYearToJson, parseCalendarImport } from "./import.js";
export type { CalendarData, HolidayYear } from "./types.js";

import { WorkingCalendar } from "./calendar.js";
import { SHIPPED_CALENDAR } from "./data.js";

/** The calendar of the shipped years (2019–2026) only. */
export function shippedCalendar(): WorkingCalendar {
  return new WorkingCalendar(SHIPPED_CALENDAR);
}
