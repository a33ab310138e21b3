/**
 * Calendar dates as 'YYYY-MM-DD' strings (China Standard Time is implied: a date is a date, never
 * an instant, so no server time zone can move a deadline). Arithmetic goes through UTC midnight.
 */
import { GongkaiError } from "../errors.js";

/** An ISO calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True when `s` is a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Throws DATE-INVALID (naming `what`) unless `s` is a real 'YYYY-MM-DD' date. */
export function assertIsoDate(s: string, what = "日期"): IsoDate {
  if (!isIsoDate(s)) {
    throw new GongkaiError("DATE-INVALID", `${what}「${s}」不是有效日期，应写作 YYYY-MM-DD，例如 2026-09-28`);
  }
  return s;
}

/** The year of a 'YYYY-MM-DD' date. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

function toUtc(date: IsoDate): number {
  return Date.UTC(yearOf(date), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtc(t: number): IsoDate {
  return new Date(t).toISOString().slice(0, 10);
}

/** The date `n` calendar days after `date` (n may be negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  return fromUtc(toUtc(date) + n * DAY_MS);
}

/** Day of the week: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toUtc(date)).getUTCDay();
}

/** True on Saturdays and Sundays. */
export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

/** Chinese weekday name, 周一 … 周日, for messages. */
export function weekdayName(date: IsoDate): string {
  return `周${"日一二三四五六"[dayOfWeek(date)]}`;
}
