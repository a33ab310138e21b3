/** `gongkai deadline --from DATE [--working-days N] [--json]`: the date N working days after DATE. */
import { isIsoDate, weekdayName } from "../domain/calendar/index.js";
import { REPLY_WORKING_DAYS } from "../domain/cases/index.js";
import { GongkaiError } from "../domain/errors.js";
import { loadCalendar } from "./calendar-data.js";
import { type CliIo, EXIT } from "./io.js";

export interface DeadlineOptions {
  from: string;
  /** Default 20 (条例第三十三条). */
  workingDays?: string;
  json?: boolean;
}

/** Largest count accepted; far beyond any statutory period, it keeps a typo from scanning decades. */
const MAX_WORKING_DAYS = 1000;

/** Runs the command; returns the exit code. The day FROM itself is not counted (rules.md §7). */
export async function runDeadline(opts: DeadlineOptions, io: CliIo): Promise<number> {
  const from = (opts.from ?? "").trim();
  if (!isIsoDate(from)) {
    io.err(`gongkai：--from「${opts.from ?? ""}」不是有效日期，应写作 YYYY-MM-DD，例如 2026-09-28\n`);
    return EXIT.input;
  }
  const text = opts.workingDays?.trim() ?? String(REPLY_WORKING_DAYS);
  if (!/^\d+$/.test(text) || Number(text) > MAX_WORKING_DAYS) {
    io.err(`gongkai：--working-days「${opts.workingDays}」应为 0 到 ${MAX_WORKING_DAYS} 之间的整数\n`);
    return EXIT.input;
  }
  const n = Number(text);
  try {
    const cal = await loadCalendar();
    const due = cal.addWorkingDays(from, n);
    if (opts.json) io.out(`${JSON.stringify({ from, workingDays: n, due })}\n`);
    else io.out(`${due}（${weekdayName(due)}）：${from} 之后第 ${n} 个工作日（${from} 当日不计）\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof GongkaiError) {
      io.err(`gongkai：${e.full()}\n`);
      return EXIT.input;
    }
    throw e;
  }
}
