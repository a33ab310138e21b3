/**
 * EVERY unconfirmed legal reading the case clock relies on, in one place (rules.md marks these
 * points UNCONFIRMED). Each is the reading most agencies use; docs/decisions/0003-statutory-clock-readings.md
 * explains them. Change a reading here and nowhere else.
 */

/**
 * R1 — status "due soon": at most this many working days left before the due date. Not a legal
 * rule: a working threshold for the staff console (one week of working days).
 */
export const DUE_SOON_WORKING_DAYS = 5;

// R2 — day counting: the day of the act (receipt, notice, …) is not counted; day 1 is the next
// working day (民法典第二百零一条 "开始的当日不计入"; rules.md §7), also for a receipt on a
// non-working day. Implemented once, by WorkingCalendar.addWorkingDays / workingDaysBetween.

/**
 * R3 — a pause (consultation, fee) excludes the working days after the day it starts up to and
 * including the day it ends: the agency's own clock stops at the end of the start day and runs
 * again from the day after the end. Excluded days = workingDaysBetween(start, end).
 */
export const PAUSE_EXCLUDES_END_DAY = true;

/**
 * R4 — 条例第三十三条第三款 excludes "the time needed to consult" a third party or agency. A
 * consultation excludes at most the consulted party's own period (条例第三十二、三十四条: 15 working
 * days): after that the agency decides without the opinion, and the clock runs again even when no
 * consultation_ended was recorded (applications-csv.md: "or the 15 working days ran out").
 */
export const CONSULTATION_PAUSE_CAPPED = true;

/**
 * R5 — 信息处理费: the time from the fee notice (the day it is sent) to payment is excluded from the
 * reply period (rules.md §4: "believed yes", article not retrieved).
 */
export const FEE_PAUSES_CLOCK = true;

/**
 * R6 — 条例第三十三条: the extension must be notified "before" the original deadline; notice on the
 * due date itself is still within the period and counts as in time.
 */
export const EXTENSION_ON_DUE_DATE_IN_TIME = true;

/**
 * R7 — an extension longer than 20 working days (or several adding up to more) is recorded, flagged
 * as a violation, and only the lawful 20 days move the due date.
 */
export const EXTENSION_EXCESS_IGNORED = true;

// R8 — a 补正 notice later than 7 working days, or a second one, is still a 补正 (the clock still
// restarts on the corrected application) but is flagged as a violation of 条例第三十条.

/**
 * R9 — withdrawal by the applicant is counted as （六）3 其他 (other_other): no row names it
 * (rules.md §1.4 mapping table: "e.g. withdrawal by applicant (practice)").
 */
export const WITHDRAWAL_OUTCOME = "other_other" as const;
