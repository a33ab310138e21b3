/**
 * Reading a new year's holiday arrangement (e.g. 2027, once its notice is out) from the documented
 * JSON or CSV format (docs/calendar-import.md). Every problem is reported with its place (line and
 * field for CSV, JSON path for JSON), in Chinese, all at once.
 */

import { splitCsvLine } from "../csv.js";
import { GongkaiError } from "../errors.js";
import { type IsoDate, isIsoDate, isWeekend, weekdayName, yearOf } from "./date.js";
import type { HolidayYear } from "./types.js";

/** The accepted file formats. */
export type CalendarImportFormat = "json" | "csv";

type Kind = "off" | "work";
interface Entry {
  date: unknown;
  kind: Kind | null;
  name: unknown;
  where: string;
}

const KIND_WORDS: Record<string, Kind> = {
  off: "off",
  休: "off",
  放假: "off",
  work: "work",
  班: "work",
  上班: "work",
};

/** Checks the entries of one year and builds the HolidayYear, or collects problems in `errors`. */
function buildYear(
  year: unknown,
  notice: unknown,
  source: unknown,
  entries: Entry[],
  errors: string[],
  where: { year: string; notice: string },
): HolidayYear | null {
  if (typeof year !== "number" || !Number.isInteger(year) || year < 1949 || year > 9999) {
    errors.push(`${where.year}：年份应为四位整数，实际为 ${JSON.stringify(year)}`);
  }
  if (typeof notice !== "string" || notice.trim() === "") {
    errors.push(`${where.notice}：缺少通知名称或文号（如 国务院办公厅关于2027年部分节假日安排的通知）`);
  }
  const offDays: Record<IsoDate, string> = {};
  const workDays: Record<IsoDate, string> = {};
  const seen = new Map<string, string>();
  for (const e of entries) {
    if (e.kind === null) continue; // already reported by the reader
    if (typeof e.date !== "string" || !isIsoDate(e.date)) {
      errors.push(`${e.where}，字段 date：「${String(e.date)}」不是有效日期，应写作 YYYY-MM-DD`);
      continue;
    }
    const d = e.date;
    if (typeof year === "number") {
      const inYear = yearOf(d) === year;
      // A notice may reach back into late December of the year before (a 元旦 block).
      const lateDecember = yearOf(d) === year - 1 && d.slice(5, 7) === "12";
      if (!inYear && !lateDecember) {
        errors.push(`${e.where}，字段 date：${d} 不在 ${year} 年（只允许该年日期及上一年 12 月的日期）`);
        continue;
      }
    }
    const prev = seen.get(d);
    if (prev) {
      errors.push(`${e.where}，字段 date：${d} 重复（已在${prev}出现）`);
      continue;
    }
    seen.set(d, e.where);
    if (typeof e.name !== "string" || e.name.trim() === "") {
      errors.push(`${e.where}，字段 name：缺少节日名称（如 春节）`);
      continue;
    }
    if (e.kind === "work") {
      // 调休 make-up working days are always weekend days; a weekday is a working day anyway.
      if (!isWeekend(d)) {
        errors.push(`${e.where}，字段 date：${d} 是${weekdayName(d)}，调休上班日应为周六或周日`);
        continue;
      }
      workDays[d] = e.name.trim();
    } else {
      offDays[d] = e.name.trim();
    }
  }
  if (Object.keys(offDays).length === 0 && errors.length === 0) {
    errors.push("没有任何放假日期：一年的节假日安排至少包括元旦");
  }
  if (errors.length > 0) return null;
  return {
    year: year as number,
    notices: [(notice as string).trim()],
    ...(typeof source === "string" && source.trim() ? { sources: [source.trim()] } : {}),
    offDays,
    workDays,
  };
}

const CSV_HEADERS: Record<string, "date" | "type" | "name" | "notice"> = {
  date: "date",
  日期: "date",
  type: "type",
  类型: "type",
  name: "name",
  名称: "name",
  节日: "name",
  notice: "notice",
  通知: "notice",
};

function readCsv(text: string): HolidayYear {
  const errors: string[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== "" && !l.trim().startsWith("#"));
  if (headerIndex < 0) throw invalid(["文件是空的：第一行应为表头 date,type,name,notice"]);
  const header = splitCsvLine(lines[headerIndex] ?? "").map((h) => CSV_HEADERS[h.toLowerCase()] ?? null);
  const col = (k: "date" | "type" | "name" | "notice") => header.indexOf(k);
  for (const k of ["date", "type", "name"] as const) {
    if (col(k) < 0) errors.push(`第 ${headerIndex + 1} 行（表头）：缺少列 ${k}`);
  }
  if (errors.length) throw invalid(errors);
  const entries: Entry[] = [];
  let notice: string | undefined;
  let noticeLine = headerIndex + 1;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    const cells = splitCsvLine(line);
    const where = `第 ${i + 1} 行`;
    const typeText = cells[col("type")] ?? "";
    const kind = KIND_WORDS[typeText.toLowerCase()] ?? null;
    if (!kind) errors.push(`${where}，字段 type：「${typeText}」应为 off/休/放假 或 work/班/上班`);
    const n = col("notice") >= 0 ? (cells[col("notice")] ?? "") : "";
    if (n) {
      if (notice === undefined) {
        notice = n;
        noticeLine = i + 1;
      } else if (n !== notice) errors.push(`${where}，字段 notice：与第 ${noticeLine} 行的通知不一致`);
    }
    entries.push({ date: cells[col("date")] ?? "", kind, name: cells[col("name")] ?? "", where });
  }
  // The year is the latest year among the dates (a late-December date of the year before is allowed).
  const years = entries.flatMap((e) =>
    typeof e.date === "string" && isIsoDate(e.date) ? [yearOf(e.date)] : [],
  );
  const year = years.length > 0 ? Math.max(...years) : undefined;
  if (year === undefined) errors.push("没有任何有效日期行");
  const built = buildYear(year, notice, undefined, entries, errors, {
    year: "年份",
    notice: "字段 notice（至少第一条数据行要填写通知名称或文号）",
  });
  if (!built) throw invalid(errors);
  return built;
}

function readJson(text: string): HolidayYear {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw invalid([`不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`]);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw invalid(["顶层应为对象 {year, notice, offDays, workDays}"]);
  }
  const o = doc as Record<string, unknown>;
  const errors: string[] = [];
  const entries: Entry[] = [];
  const list = (key: "offDays" | "workDays", kind: Kind) => {
    const v = o[key];
    if (v === undefined && key === "workDays") return;
    if (!Array.isArray(v)) {
      errors.push(`${key}：应为数组 [{"date": "YYYY-MM-DD", "name": "春节"}, …]`);
      return;
    }
    v.forEach((item, i) => {
      const ok = typeof item === "object" && item !== null;
      const it = (ok ? item : {}) as Record<string, unknown>;
      if (!ok) errors.push(`${key}[${i}]：应为对象 {"date", "name"}`);
      entries.push({ date: it.date, kind: ok ? kind : null, name: it.name, where: `${key}[${i}]` });
    });
  };
  list("offDays", "off");
  list("workDays", "work");
  const built = buildYear(o.year, o.notice, o.source, entries, errors, { year: "year", notice: "notice" });
  if (!built) throw invalid(errors.map((e) => e.replace("，字段 ", ".")));
  return built;
}

function invalid(details: string[]): GongkaiError {
  return new GongkaiError("CALENDAR-IMPORT-INVALID", "节假日数据文件有误，未导入", details);
}

/** Parses and validates one year's holiday data in the documented JSON or CSV format. */
export function parseCalendarImport(text: string, format: CalendarImportFormat): HolidayYear {
  return format === "json" ? readJson(text) : readCsv(text);
}

/** The JSON form of a year, as written by `gongkai calendar import` and read back by parseCalendarImport. */
export function holidayYearToJson(y: HolidayYear): string {
  const list = (r: Readonly<Record<string, string>>) =>
    Object.entries(r)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, name]) => ({ date, name }));
  return `${JSON.stringify(
    {
      year: y.year,
      notice: y.notices.join("；"),
      ...(y.sources?.length ? { source: y.sources.join(" ") } : {}),
      offDays: list(y.offDays),
      workDays: list(y.workDays),
    },
    null,
    2,
  )}\n`;
}
