import { describe, expect, it } from "vitest";
import { GongkaiError } from "../errors.js";
import { CALENDAR_2027_CSV, CALENDAR_2027_JSON } from "./fixtures/calendar-2027.js";
import {
  holidayYearToJson,
  mergeYear,
  parseCalendarImport,
  SHIPPED_CALENDAR,
  shippedCalendar,
  WorkingCalendar,
} from "./index.js";

const cal = shippedCalendar();

function thrown(f: () => unknown): GongkaiError {
  try {
    f();
  } catch (e) {
    if (e instanceof GongkaiError) return e;
    throw e;
  }
  throw new Error("expected a GongkaiError");
}

describe("addWorkingDays: the day of receipt is not counted", () => {
  it("plain weeks", () => {
    expect(cal.addWorkingDays("2025-03-03", 1)).toBe("2025-03-04"); // Mon → Tue
    expect(cal.addWorkingDays("2025-03-07", 1)).toBe("2025-03-10"); // Fri → Mon
    expect(cal.addWorkingDays("2025-03-08", 1)).toBe("2025-03-10"); // received Sat → day 1 is Mon
    expect(cal.addWorkingDays("2025-03-03", 20)).toBe("2025-03-31");
    expect(cal.addWorkingDays("2025-03-03", 0)).toBe("2025-03-03");
  });

  it("across the 2026 year end: 20 working days from 2025-12-20 over 元旦 and the 1/4 make-up Sunday", () => {
    // Dec 22–26 (5), 29–31 (8), 1/1–1/3 off, Sun 1/4 make-up (9), 1/5–9 (14), 1/12–16 (19), 1/19 (20)
    expect(cal.addWorkingDays("2025-12-20", 20)).toBe("2026-01-19");
    expect(cal.addWorkingDays("2025-12-31", 1)).toBe("2026-01-04");
    expect(cal.workingDaysBetween("2025-12-20", "2026-01-19")).toBe(20);
  });

  it("across the other year ends", () => {
    expect(cal.addWorkingDays("2019-12-31", 1)).toBe("2020-01-02");
    expect(cal.addWorkingDays("2020-12-31", 1)).toBe("2021-01-04");
    expect(cal.addWorkingDays("2021-12-31", 1)).toBe("2022-01-04");
    expect(cal.addWorkingDays("2022-12-30", 1)).toBe("2023-01-03"); // 12/31–1/2 元旦
    expect(cal.addWorkingDays("2023-12-29", 1)).toBe("2024-01-02");
    expect(cal.addWorkingDays("2024-12-27", 3)).toBe("2025-01-02");
  });

  it("make-up Saturdays and Sundays count as working days", () => {
    expect(cal.addWorkingDays("2026-02-13", 1)).toBe("2026-02-14"); // Sat make-up before 春节
    expect(cal.addWorkingDays("2026-02-14", 1)).toBe("2026-02-24"); // 2/15–2/23 off
    expect(cal.addWorkingDays("2026-02-27", 1)).toBe("2026-02-28"); // Sat make-up after 春节
    expect(cal.addWorkingDays("2025-01-24", 1)).toBe("2025-01-26"); // Sun make-up
    expect(cal.addWorkingDays("2025-01-26", 2)).toBe("2025-02-05");
    expect(cal.addWorkingDays("2025-09-26", 1)).toBe("2025-09-28"); // Sun make-up before 国庆
    expect(cal.addWorkingDays("2025-09-30", 1)).toBe("2025-10-09");
    expect(cal.addWorkingDays("2025-10-10", 1)).toBe("2025-10-11"); // Sat make-up
  });

  it("a 20-day reply period over 国庆 2026", () => {
    // 9/21–25 (5), 9/28–30 (8), 10/1–7 off, 10/8 Thu (9), 10/9 (10), Sat 10/10 make-up (11),
    // 10/12–16 (16), 10/19–22 (20)
    expect(cal.addWorkingDays("2026-09-18", 20)).toBe("2026-10-22");
  });

  it("workingDaysBetween is negative backwards and 0 on the same day", () => {
    expect(cal.workingDaysBetween("2026-01-19", "2025-12-20")).toBe(-20);
    expect(cal.workingDaysBetween("2026-03-02", "2026-03-02")).toBe(0);
    expect(cal.workingDaysBetween("2026-03-06", "2026-03-08")).toBe(0); // Fri → Sun
  });

  it("rejects bad input with Chinese messages", () => {
    expect(thrown(() => cal.addWorkingDays("2026-02-30", 1)).message).toContain("不是有效日期");
    expect(thrown(() => cal.addWorkingDays("2026-03-02", -1)).id).toBe("CALENDAR-BAD-COUNT");
  });
});

describe("years without data are an error, never a guess", () => {
  it("a date in 2027 or 2018", () => {
    const e = thrown(() => cal.isWorkingDay("2027-01-04"));
    expect(e.id).toBe("CALENDAR-NO-DATA");
    expect(e.message).toBe("没有 2027 年的节假日数据，请先用 gongkai calendar import 导入");
    expect(thrown(() => cal.isWorkingDay("2018-12-28")).message).toContain("2018 年");
  });

  it("a count that runs into 2027", () => {
    expect(thrown(() => cal.addWorkingDays("2026-12-20", 20)).id).toBe("CALENDAR-NO-DATA");
  });
});

describe("importing 2027 (test data)", () => {
  it("JSON and CSV give the same year", () => {
    const j = parseCalendarImport(CALENDAR_2027_JSON, "json");
    const c = parseCalendarImport(CALENDAR_2027_CSV, "csv");
    expect(c).toEqual(j);
    expect(j.year).toBe(2027);
    expect(Object.keys(j.workDays)).toHaveLength(5);
    expect(parseCalendarImport(holidayYearToJson(j), "json")).toEqual(j);
  });

  it("merged into the shipped data, deadlines run into 2027", () => {
    const merged = new WorkingCalendar(
      mergeYear(SHIPPED_CALENDAR, parseCalendarImport(CALENDAR_2027_JSON, "json")),
    );
    expect(merged.years()).toContain(2027);
    // 12/21–25 (5), 12/28–31 (9), 1/1–1/3 off, 1/4–8 (14), 1/11–15 (19), 1/18 (20)
    expect(merged.addWorkingDays("2026-12-20", 20)).toBe("2027-01-18");
    expect(merged.isWorkingDay("2027-01-31")).toBe(true); // make-up Sunday in the test data
    expect(merged.isWorkingDay("2027-02-08")).toBe(false);
    expect(thrown(() => merged.isWorkingDay("2028-01-03")).message).toContain("没有 2028 年");
    // the shipped data is untouched
    expect(SHIPPED_CALENDAR.years.map((y) => y.year)).not.toContain(2027);
  });

  it("re-importing a year replaces it", () => {
    const y = parseCalendarImport(CALENDAR_2027_JSON, "json");
    const twice = mergeYear(mergeYear(SHIPPED_CALENDAR, y), { ...y, workDays: {} });
    expect(twice.years.filter((x) => x.year === 2027)).toHaveLength(1);
    expect(new WorkingCalendar(twice).isWorkingDay("2027-01-31")).toBe(false);
  });

  it("CSV errors name the line and the field", () => {
    const csv = [
      "date,type,name,notice",
      "2027-01-01,休,元旦,国务院办公厅关于2027年部分节假日安排的通知",
      "2027-02-30,休,春节",
      "2027-02-03,班,春节",
      "2027-01-01,休,元旦",
      "2027-05-01,假,劳动节",
      "2026-06-01,休,端午节",
      "2027-10-01,休,",
    ].join("\n");
    const e = thrown(() => parseCalendarImport(csv, "csv"));
    expect(e.id).toBe("CALENDAR-IMPORT-INVALID");
    expect(e.details).toEqual([
      "第 6 行，字段 type：「假」应为 off/休/放假 或 work/班/上班",
      "第 3 行，字段 date：「2027-02-30」不是有效日期，应写作 YYYY-MM-DD",
      "第 4 行，字段 date：2027-02-03 是周三，调休上班日应为周六或周日",
      "第 5 行，字段 date：2027-01-01 重复（已在第 2 行出现）",
      "第 7 行，字段 date：2026-06-01 不在 2027 年（只允许该年日期及上一年 12 月的日期）",
      "第 8 行，字段 name：缺少节日名称（如 春节）",
    ]);
  });

  it("CSV without a notice or a header column", () => {
    expect(
      thrown(() => parseCalendarImport("date,type,name\n2027-01-01,休,元旦\n", "csv")).details[0],
    ).toContain("notice");
    expect(thrown(() => parseCalendarImport("date,name\n", "csv")).details).toEqual([
      "第 1 行（表头）：缺少列 type",
    ]);
  });

  it("JSON errors name the path", () => {
    const bad = JSON.stringify({
      year: 2027,
      notice: "",
      offDays: [{ date: "2027/01/01", name: "元旦" }, { date: "2027-01-02" }],
      workDays: [{ date: "2027-02-01", name: "春节" }],
    });
    expect(thrown(() => parseCalendarImport(bad, "json")).details).toEqual([
      "notice：缺少通知名称或文号（如 国务院办公厅关于2027年部分节假日安排的通知）",
      "offDays[0].date：「2027/01/01」不是有效日期，应写作 YYYY-MM-DD",
      "offDays[1].name：缺少节日名称（如 春节）",
      "workDays[0].date：2027-02-01 是周一，调休上班日应为周六或周日",
    ]);
    expect(thrown(() => parseCalendarImport("{ nope", "json")).details[0]).toContain("不是有效的 JSON");
    expect(
      thrown(() => parseCalendarImport('{"year": 27, "notice": "x", "offDays": []}', "json")).details[0],
    ).toBe("year：年份应为四位整数，实际为 27");
  });

  it("a late-December day of the year before may be set by the new year's notice", () => {
    const y = parseCalendarImport(
      JSON.stringify({
        year: 2027,
        notice: "测试",
        offDays: [
          { date: "2026-12-31", name: "元旦" },
          { date: "2027-01-01", name: "元旦" },
        ],
      }),
      "json",
    );
    const merged = new WorkingCalendar(mergeYear(SHIPPED_CALENDAR, y));
    expect(merged.isWorkingDay("2026-12-31")).toBe(false);
    expect(cal.isWorkingDay("2026-12-31")).toBe(true);
  });
});
