/**
 * The working-day calendar the CLI uses: the shipped years (2019–2026) plus every year imported
 * into `$GONGKAI_DATA/calendar/*.json` (default data directory `./data`), each file in the JSON
 * format of docs/calendar-import.md. An imported year replaces a shipped one of the same year.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import {
  holidayYearToJson,
  mergeYear,
  parseCalendarImport,
  SHIPPED_CALENDAR,
  WorkingCalendar,
} from "../domain/calendar/index.js";
import { GongkaiError } from "../domain/errors.js";
import { type CliIo, EXIT } from "./io.js";

/** The data directory: $GONGKAI_DATA, else ./data. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GONGKAI_DATA || "data";
}

/** The folder where imported calendar years live. */
export function calendarDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), "calendar");
}

/** Loads the shipped calendar plus the imported years; a bad imported file is an error naming it. */
export async function loadCalendar(env: NodeJS.ProcessEnv = process.env): Promise<WorkingCalendar> {
  const dir = calendarDir(env);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return new WorkingCalendar(SHIPPED_CALENDAR);
    throw e;
  }
  let data = SHIPPED_CALENDAR;
  for (const name of names) {
    const file = join(dir, name);
    try {
      data = mergeYear(data, parseCalendarImport(await readFile(file, "utf8"), "json"));
    } catch (e) {
      if (e instanceof GongkaiError) throw new GongkaiError(e.id, `${file}：${e.message}`, e.details);
      throw e;
    }
  }
  return new WorkingCalendar(data);
}

/**
 * `gongkai calendar import FILE [--json]` (for the lead to wire): validates a year's JSON or CSV
 * (by extension) and saves it as `$GONGKAI_DATA/calendar/YYYY.json`, replacing an earlier import.
 */
export async function runCalendarImport(
  file: string,
  opts: { json?: boolean },
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code === "ENOENT" ? "文件不存在" : String(e);
      throw new GongkaiError("INPUT-UNREADABLE", `无法读取 ${file}：${why}`);
    }
    const format = extname(file).toLowerCase() === ".csv" ? "csv" : "json";
    let year: ReturnType<typeof parseCalendarImport>;
    try {
      year = parseCalendarImport(text, format);
    } catch (e) {
      if (e instanceof GongkaiError) throw new GongkaiError(e.id, `${file}：${e.message}`, e.details);
      throw e;
    }
    const dir = calendarDir(env);
    await mkdir(dir, { recursive: true });
    const target = join(dir, `${year.year}.json`);
    await writeFile(target, holidayYearToJson(year));
    const off = Object.keys(year.offDays).length;
    const work = Object.keys(year.workDays).length;
    if (opts.json)
      io.out(`${JSON.stringify({ year: year.year, offDays: off, workDays: work, file: target })}\n`);
    else {
      io.out(
        `已导入 ${year.year} 年节假日数据：放假 ${off} 天，调休上班 ${work} 天（${year.notices.join("；")}），保存在 ${target}\n`,
      );
    }
    return EXIT.ok;
  } catch (e) {
    if (e instanceof GongkaiError) {
      io.err(`gongkai：${e.full()}\n`);
      return EXIT.input;
    }
    throw e;
  }
}
