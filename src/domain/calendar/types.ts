/**
 * The working-day calendar as per-year data. The 条例 counts its periods in 工作日 (rules.md §7):
 * Monday–Friday, minus the statutory holidays, plus the 调休 make-up working days that the yearly
 * 国务院办公厅关于YYYY年部分节假日安排的通知 fixes. 调休 cannot be derived by rule, so each year is data.
 */
import type { IsoDate } from "./date.js";

/** One year's arrangement, as the State Council notice for that year sets it. */
export interface HolidayYear {
  year: number;
  /** Provenance: the notice(s) the arrangement comes from (number where known, else the title). */
  notices: readonly string[];
  /** Where the notice text was read (URLs), if known. */
  sources?: readonly string[];
  /**
   * Days off: the statutory holidays and the weekdays swapped off (date → holiday name). Weekend
   * days inside a holiday block may be listed; they are off anyway. Usually dates of `year`; a
   * notice may also reach back into late December of the year before (e.g. a 元旦 block).
   */
  offDays: Readonly<Record<IsoDate, string>>;
  /** 调休 make-up working days: Saturdays or Sundays that are working days (date → holiday name). */
  workDays: Readonly<Record<IsoDate, string>>;
}

/** The calendar: the years it covers. A date in any other year is an error, never a guess. */
export interface CalendarData {
  readonly years: readonly HolidayYear[];
}
