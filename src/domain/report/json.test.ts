import { describe, expect, it } from "vitest";
import { truthReport } from "../../../test/corpus.js";
import { GongkaiError } from "../errors.js";
import { parseReportJson, reportToJson } from "./json.js";
import { jsonErrorOffset } from "./json-syntax.js";

const details = (text: string): string[] => {
  try {
    parseReportJson(text);
  } catch (e) {
    if (e instanceof GongkaiError) return [e.message, ...e.details];
    throw e;
  }
  return [];
};

const valid = () => JSON.parse(reportToJson(truthReport("leshan-justice-bureau-2021")));

describe("gongkai.report/1 reader", () => {
  it("names the path and the value of a bad cell", () => {
    const d = valid();
    d.applications.granted[2] = "3件";
    expect(details(JSON.stringify(d))).toContain('applications.granted[2]: 应为非负整数，实际为 "3件"');
  });

  it("reports every problem at once: missing rows, wrong shapes, unknown keys, amounts as numbers", () => {
    const d = valid();
    delete d.applications.carried_forward;
    d.applications.granted = [1, 2];
    d.applications.bogus = [0];
    d.active.administrative_fees_10k_yuan = 178.2028;
    d.review_litigation.review.total = true;
    const problems = details(JSON.stringify(d));
    expect(problems[0]).toMatch(/不是有效的 gongkai.report\/1 年报数据（5 处问题）/);
    expect(problems).toEqual(
      expect.arrayContaining([
        "applications.carried_forward: 缺少该行（四、结转下年度继续办理）",
        expect.stringMatching(/^applications\.granted: 应为 7 个单元格的数组/),
        "applications.bogus: 不是表三的行",
        '金额应写成十进制字符串（如 "178.2028"），实际为数字 178.2028'.replace(
          /^/,
          "active.administrative_fees_10k_yuan: ",
        ),
        "review_litigation.review.total: 应为非负整数，实际为 true",
      ]),
    );
  });

  it("refuses keys of the other edition's table 二", () => {
    const d = valid();
    d.edition = "2019";
    expect(details(JSON.stringify(d))).toEqual(
      expect.arrayContaining([expect.stringContaining("active.regulations.issued: 不是2019年版表二的栏目")]),
    );
  });

  it("refuses both （六） layouts at once", () => {
    const d = valid();
    d.applications.other_processing = [0, 0, 0, 0, 0, 0, 0];
    expect(details(JSON.stringify(d)).join("\n")).toContain("不能同时有（六）其他处理的单行");
  });

  it("locates JSON syntax errors by line and column", () => {
    expect(details('{\n  "schema": "gongkai.report/1",\n  "edition": \n}')[0]).toContain(
      "第 4 行第 1 列有语法错误",
    );
    expect(details('{"a": [1, 2,]}')[0]).toContain("第 1 行第 13 列");
    expect(details('{"a": ')[0]).toContain("文件在此处意外结束");
    expect(jsonErrorOffset('{"a": [1, {"b": null}], "c": "\\u00e9"}')).toBe(-1);
  });

  it("keeps unknown members and strips a BOM", () => {
    const d = valid();
    d._truth = { notes: ["x"] };
    const r = parseReportJson(`\uFEFF${JSON.stringify(d)}`);
    expect(r.extra).toEqual({ _truth: { notes: ["x"] } });
    expect(JSON.parse(reportToJson(r))._truth).toEqual({ notes: ["x"] });
  });
});
