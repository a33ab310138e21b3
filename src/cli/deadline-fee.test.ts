// `gongkai deadline` and `gongkai fee`, called in-process (the lead wires them into main.ts).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CALENDAR_2027_CSV, CALENDAR_2027_JSON } from "../domain/calendar/fixtures/calendar-2027.js";
import { loadCalendar, runCalendarImport } from "./calendar-data.js";
import { runDeadline } from "./deadline.js";
import { runFee } from "./fee.js";
import type { CliIo } from "./io.js";

function io() {
  const o = { stdout: "", stderr: "" };
  const cli: CliIo = { out: (d) => (o.stdout += String(d)), err: (t) => (o.stderr += t), isTty: false };
  return { o, cli };
}

const saved = process.env.GONGKAI_DATA;
afterEach(() => {
  if (saved === undefined) delete process.env.GONGKAI_DATA;
  else process.env.GONGKAI_DATA = saved;
});

/** A data directory with no imported years. */
function emptyData(): string {
  return mkdtempSync(join(tmpdir(), "gongkai-cal-"));
}

describe("gongkai deadline", () => {
  it("20 working days by default, the day FROM not counted", async () => {
    process.env.GONGKAI_DATA = emptyData();
    const { o, cli } = io();
    expect(await runDeadline({ from: "2025-12-20", json: true }, cli)).toBe(0);
    expect(o.stdout).toBe('{"from":"2025-12-20","workingDays":20,"due":"2026-01-19"}\n');
    const t = io();
    expect(await runDeadline({ from: "2026-09-18", workingDays: "20" }, t.cli)).toBe(0);
    expect(t.o.stdout).toBe("2026-10-22（周四）：2026-09-18 之后第 20 个工作日（2026-09-18 当日不计）\n");
  });

  it("bad input and uncovered years exit 2 with a Chinese message", async () => {
    process.env.GONGKAI_DATA = emptyData();
    const a = io();
    expect(await runDeadline({ from: "2026-02-30" }, a.cli)).toBe(2);
    expect(a.o.stderr).toContain("不是有效日期");
    const b = io();
    expect(await runDeadline({ from: "2026-03-02", workingDays: "-3" }, b.cli)).toBe(2);
    expect(b.o.stderr).toContain("--working-days");
    const c = io();
    expect(await runDeadline({ from: "2026-12-20" }, c.cli)).toBe(2);
    expect(c.o.stderr).toContain("没有 2027 年的节假日数据，请先用 gongkai calendar import 导入");
  });

  it("uses years imported into $GONGKAI_DATA/calendar", async () => {
    const dir = emptyData();
    mkdirSync(join(dir, "calendar"));
    writeFileSync(join(dir, "calendar", "2027.json"), CALENDAR_2027_JSON);
    process.env.GONGKAI_DATA = dir;
    expect((await loadCalendar()).years()).toContain(2027);
    const { o, cli } = io();
    expect(await runDeadline({ from: "2026-12-20", json: true }, cli)).toBe(0);
    expect(JSON.parse(o.stdout)).toEqual({ from: "2026-12-20", workingDays: 20, due: "2027-01-18" });
  });

  it("calendar import of a CSV file saves the year for later runs", async () => {
    const dir = emptyData();
    process.env.GONGKAI_DATA = dir;
    const csv = join(dir, "2027.csv");
    writeFileSync(csv, CALENDAR_2027_CSV);
    const a = io();
    expect(await runCalendarImport(csv, { json: true }, a.cli)).toBe(0);
    expect(JSON.parse(a.o.stdout)).toEqual({
      year: 2027,
      offDays: 28,
      workDays: 5,
      file: join(dir, "calendar", "2027.json"),
    });
    const b = io();
    expect(await runDeadline({ from: "2026-12-20", json: true }, b.cli)).toBe(0);
    expect(JSON.parse(b.o.stdout).due).toBe("2027-01-18");
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "date,type,name,notice\n2027-02-01,班,春节,测试\n");
    const c = io();
    expect(await runCalendarImport(bad, {}, c.cli)).toBe(2);
    expect(c.o.stderr).toContain("第 2 行，字段 date：2027-02-01 是周一，调休上班日应为周六或周日");
  });

  it("a broken imported file is an error that names it", async () => {
    const dir = emptyData();
    mkdirSync(join(dir, "calendar"));
    writeFileSync(join(dir, "calendar", "2027.json"), "{");
    process.env.GONGKAI_DATA = dir;
    const { o, cli } = io();
    expect(await runDeadline({ from: "2026-03-02" }, cli)).toBe(2);
    expect(o.stderr).toContain("2027.json：节假日数据文件有误");
  });
});

describe("gongkai fee", () => {
  it("--pages and --items, text and --json", async () => {
    const a = io();
    expect(await runFee({ pages: "2219", json: true }, a.cli)).toBe(0);
    expect(a.o.stdout).toBe('{"yuan":83460}\n');
    const b = io();
    expect(await runFee({ items: "31", json: true }, b.cli)).toBe(0);
    expect(b.o.stdout).toBe('{"yuan":2200}\n');
    const c = io();
    expect(await runFee({ pages: "101" }, c.cli)).toBe(0);
    expect(c.o.stdout).toBe("信息处理费：720 元（按量计收，101 页；国办函〔2020〕109号）\n");
  });

  it("exactly one of --items and --pages; a non-integer is an error", async () => {
    for (const opts of [{}, { items: "3", pages: "40" }]) {
      const t = io();
      expect(await runFee(opts, t.cli)).toBe(2);
      expect(t.o.stderr).toContain("二者之一");
    }
    const t = io();
    expect(await runFee({ pages: "3.5" }, t.cli)).toBe(2);
    expect(t.o.stderr).toContain("--pages「3.5」应为非负整数");
  });
});
