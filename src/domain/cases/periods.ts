/**
 * The statutory periods, in working days (CONFIRMED in rules.md §3.2 and §4). The readings of
 * points the texts leave open are in readings.ts.
 */

/** 条例第三十三条第二款: reply within 20 working days of receipt. */
export const REPLY_WORKING_DAYS = 20;
/** 条例第三十三条第二款: an extension adds at most 20 working days. */
export const MAX_EXTENSION_WORKING_DAYS = 20;
/** 条例第三十条: the 补正 notice is due within 7 working days of receipt. */
export const CORRECTION_NOTICE_WORKING_DAYS = 7;
/** 条例第三十二、三十四条: the consulted party answers within 15 working days. */
export const CONSULTATION_WORKING_DAYS = 15;
/** 国办函〔2020〕109号: pay within 20 working days from the day after the notice arrives. */
export const FEE_PAYMENT_WORKING_DAYS = 20;
