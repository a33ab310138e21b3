import { describe, expect, it } from "vitest";
import { mapHeader, parseDate, parseOutcome, readApplicationRow } from "./application-row.js";

const HEADER = [
  "编号",
  "机关",
  "收到日期",
  "申请方式",
  "申请人类型",
  "申请人",
  "申请内容",
  "补正告知日期",
  "补正收到日期",
  "征求意见日期",
  "意见收回日期",
  "延期告知日期",
  "延长工作日数",
  "收费通知日期",
  "缴费日期",
  "收费金额（元）",
  "答复日期",
  "办理结果",
  "备注",
];

const row = (over: Record<string, string>) => {
  const { columns } = mapHeader(HEADER);
  const base: Record<string, string> = {
    编号: "2025-001",
    机关: "示例市司法局",
    收到日期: "2025-03-03",
    申请方式: "网络",
    申请人类型: "自然人",
    申请人: "张三",
    申请内容: "某文件",
  };
  const values = { ...base, ...over };
  return readApplicationRow(
    columns,
    HEADER.map((h) => values[h] ?? ""),
    2,
  );
};

describe("the applications register (applications-csv.md)", () => {
  it("accepts keys or Chinese headers in any order, and reports unknown and missing columns", () => {
    expect(mapHeader(["outcome", "编号", "agency", "收到日期", "channel", "申请人类型", "备注"])).toEqual({
      columns: ["outcome", "id", "agency", "received", "channel", "applicant_type", "备注"],
      unknown: ["备注"],
      missing: [],
    });
    expect(mapHeader(["编号"]).missing).toEqual([
      "agency（机关）",
      "received（收到日期）",
      "channel（申请方式）",
      "applicant_type（申请人类型）",
    ]);
  });

  it("reads the three date forms and refuses impossible dates", () => {
    expect(parseDate("2026-09-28")).toBe("2026-09-28");
    expect(parseDate("2026/9/8")).toBe("2026-09-08");
    expect(parseDate("2026年9月28日")).toBe("2026-09-28");
    expect(parseDate("2026-02-30")).toBeNull();
    expect(parseDate("28/09/2026")).toBeNull();
  });

  it("reads outcomes by key, full label or short label", () => {
    expect(parseOutcome("granted")).toBe("granted");
    expect(parseOutcome("予以公开")).toBe("granted");
    expect(parseOutcome("部分公开")).toBe("partially_granted");
    expect(parseOutcome("属于国家秘密")).toBe("denied_state_secret");
    expect(parseOutcome("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")).toBe(
      "other_no_fee",
    );
    expect(parseOutcome("其他")).toBe("other_other");
    expect(parseOutcome("已办结")).toBeNull();
  });

  it("builds the record and its events in date order, keeping unknown columns", () => {
    const { record, errors } = row({
      补正告知日期: "2025/3/5",
      补正收到日期: "2025年3月10日",
      答复日期: "2025-03-28",
      办理结果: "部分公开",
      备注: "加急",
    });
    expect(errors).toEqual([]);
    expect(record).toMatchObject({
      ref: "2025-001",
      channel: "online",
      applicantType: 0,
      answered: "2025-03-28",
      outcome: "partially_granted",
      extra: { 备注: "加急" },
    });
    expect(record!.events.map((e) => [e.type, e.date])).toEqual([
      ["received", "2025-03-03"],
      ["correction_requested", "2025-03-05"],
      ["correction_received", "2025-03-10"],
      ["replied", "2025-03-28"],
    ]);
  });

  it("names row, column, value and reason for each problem", () => {
    expect(row({ 申请方式: "微信" }).errors).toEqual([
      "第 2 行「申请方式」：申请方式应为 当面、邮寄、网络、传真、电子邮件、其他 之一（值为“微信”）",
    ]);
    expect(row({ 申请人类型: "个人" }).errors[0]).toContain(
      "第 2 行「申请人类型」：申请人类型应为 自然人、商业企业",
    );
    expect(row({ 办理结果: "予以公开" }).errors).toEqual([
      "第 2 行「答复日期」：填写了办理结果，就必须填写答复日期",
    ]);
    expect(row({ 答复日期: "2025-03-20" }).errors).toEqual([
      "第 2 行「办理结果」：填写了答复日期，就必须填写办理结果",
    ]);
    expect(row({ 答复日期: "2025-03-01", 办理结果: "予以公开" }).errors).toEqual([
      "第 2 行：「答复日期」2025-03-01 早于「收到日期」2025-03-03",
    ]);
    expect(row({ 延期告知日期: "2025-03-20", 延长工作日数: "30" }).errors[0]).toContain(
      "延长期限应为 1 至 20 个工作日",
    );
    expect(row({ 延期告知日期: "2025-03-20" }).errors).toEqual([
      "第 2 行「延长工作日数」：填写了延期告知日期，就必须填写延长工作日数",
    ]);
    expect(row({ 收到日期: "2025-13-01" }).errors[0]).toContain("第 2 行「收到日期」：不是有效日期");
    expect(row({ 编号: "" }).errors).toEqual(["第 2 行「编号」：不能为空"]);
    expect(row({ 缴费日期: "2025-03-10" }).errors).toEqual([
      "第 2 行「收费通知日期」：有缴费日期，但没有收费通知日期",
    ]);
    expect(row({ "收费金额（元）": "12.5", 收费通知日期: "2025-03-05" }).errors[0]).toContain(
      "收费金额应为非负整数",
    );
  });
});
