/**
 * Working days and working-day arithmetic over per-year holiday data (rules.md §7).
 * Day counting (民法典第二百零一条, applied to the 条例's periods): the day an act happens is not
 * counted; day 1 of a period is the next working day.
 */
import { GongkaiError } from "../errors.js";
import { addDays, assertIsoDate, type IsoDate, isWeekend, yearOf } from "./date.js";
import type { CalendarData, HolidayYear } from "./types.js";

/** Longest stretch of calendar days scanned for one working day; guards against broken data. */
const MAX_GAP_DAYS = 60;

/** The error for a date in a year the calendar has no data for. */
export function noDataError(year: number): GongkaiError {
  return new GongkaiError(
    "CALENDAR-NO-DATA",
    `没有 ${year} 年的节假日数据，请先用 gongkai calendar import 导入`,
    [`工作日取决于国务院办公厅关于${year}年部分节假日安排的通知；没有该年数据时不作推算`],
  );
}

/** Replaces (or adds) one year's data; the other years are kept. Returns a new CalendarData. */
export function mergeYear(data: CalendarData, yearData: HolidayYear): CalendarData {
  const years = data.years.filter((y) => y.year !== yearData.year);
  years.push(yearData);
  years.sort((a, b) => a.year - b.year);
  return { years };
}

/** A working-day calendar built from CalendarData; every query names the year it lacks. */
export class WorkingCalendar {
  private readonly covered: ReadonlySet<number>;
  private readonly off = new Map<IsoDate, string>();
  private readonly work = new Map<IsoDate, string>();

  constructor(readonly data: CalendarData) {
    this.covered = new Set(data.years.map((y) => y.year));
    // Years in ascending order, so that a notice reaching back into December of the year before
    // overrides that year's own entries for those days.
    for (const y of [...data.years].sort((a, b) => a.year - b.year)) {
      for (const [d, name] of Object.entries(y.offDays)) {
        this.work.delete(d);
        this.off.set(d, name);
      }
      for (const [d, name] of Object.entries(y.workDays)) {
        this.off.delete(d);
        this.work.set(d, name);
      }
    }
  }

  /** The years with data, ascending. */
  years(): number[] {
    return [...this.covered].sort((a, b) => a - b);
  }

  /** True when the calendar has data for `year`. */
  covers(year: number): boolean {
    return this.covered.has(year);
  }

  /** Throws CALENDAR-NO-DATA unless the date's year has data. */
  private requireYear(date: IsoDate): void {
    if (!this.covered.has(yearOf(date))) throw noDataError(yearOf(date));
  }

  /** True on a working day: a 调休 make-up day, or a Monday–Friday that is not a day off. */
  isWorkingDay(date: IsoDate): boolean {
    assertIsoDate(date);
    this.requireYear(date);
    if (this.work.has(date)) return true;
    if (this.off.has(date)) return false;
    return !isWeekend(date);
  }

  /** The holiday name of a day off or make-up day, if the notice names one. */
  holidayName(date: IsoDate): string | undefined {
    return this.off.get(date) ?? this.work.get(date);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    let d = date;
    for (let i = 0; i < MAX_GAP_DAYS; i++) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) return d;
    }
    throw new GongkaiError("CALENDAR-BROKEN", `${date} 之后 ${MAX_GAP_DAYS} 天内没有工作日，节假日数据有误`);
  }

  /**
   * The date `n` working days after `from`, not counting `from` itself (day 1 is the next working
   * day; rules.md §7). n = 0 gives `from`.
   */
  addWorkingDays(from: IsoDate, n: number): IsoDate {
    assertIsoDate(from);
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new GongkaiError("CALENDAR-BAD-COUNT", `工作日数应为非负整数，实际为 ${n}`);
    }
    let d = from;
    for (let i = 0; i < n; i++) d = this.nextWorkingDay(d);
    return d;
  }

  /**
   * Working days d with a < d ≤ b: how many working days after `a` until `b` (so
   * addWorkingDays(a, n) = b gives n). Negative when b is before a.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    assertIsoDate(a);
    assertIsoDate(b);
    if (b < a) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) {
      if (this.isWorkingDay(d)) count++;
    }
    return count;
  }
}
