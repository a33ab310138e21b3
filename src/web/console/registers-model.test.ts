/** Component test: a review/litigation record and its decision are checked in the form, in Chinese, per field. */
import { describe, expect, it } from "vitest";
import { decisionProblems, reviewBody, reviewProblems } from "./registers-model.js";

const TODAY = "2026-06-15";

describe("reviewProblems", () => {
  it("accepts a complete record", () => {
    expect(reviewProblems({ kind: "review", filed: "2026-03-01" }, TODAY)).toEqual([]);
  });

  it("requires the kind and a real filing date not after today", () => {
    expect(reviewProblems({}, TODAY)).toEqual([
      { field: "kind", message: "请选择类别（行政复议或行政诉讼）" },
      { field: "filed", message: "请填写立案日期" },
    ]);
    expect(reviewProblems({ kind: "review", filed: "2026-02-30" }, TODAY)).toEqual([
      { field: "filed", message: "立案日期“2026-02-30”不是有效日期（格式 YYYY-MM-DD）" },
    ]);
    expect(reviewProblems({ kind: "review", filed: "2026/03/01" }, TODAY)[0]?.field).toBe("filed");
    expect(reviewProblems({ kind: "litigation_direct", filed: "2026-06-16" }, TODAY)).toEqual([
      { field: "filed", message: "立案日期 2026-06-16 晚于今天（2026-06-15）" },
    ]);
    expect(reviewProblems({ kind: "appeal", filed: "2026-03-01" }, TODAY)[0]?.field).toBe("kind");
    expect(
      reviewProblems({ kind: "review", filed: "2026-03-01", caseNumber: "x".repeat(101) }, TODAY),
    ).toEqual([{ field: "caseNumber", message: "案号不超过 100 个字符" }]);
  });

  it("sends only the filled optional fields, trimmed", () => {
    expect(
      reviewBody({
        kind: "review",
        filed: " 2026-03-01 ",
        caseNumber: " 示复〔2026〕1号 ",
        authority: "",
        applicationRef: " ",
      }),
    ).toEqual({ kind: "review", filed: "2026-03-01", caseNumber: "示复〔2026〕1号" });
  });
});

describe("decisionProblems", () => {
  it("accepts a result decided between filing and today", () => {
    expect(decisionProblems({ result: "corrected", decided: "2026-05-01" }, "2026-03-01", TODAY)).toEqual([]);
    expect(decisionProblems({ result: "upheld", decided: "2026-03-01" }, "2026-03-01", TODAY)).toEqual([]);
  });

  it("refuses a missing result, a date before filing or after today", () => {
    expect(decisionProblems({ decided: "2026-05-01" }, "2026-03-01", TODAY)).toEqual([
      { field: "result", message: "请选择审结结果" },
    ]);
    expect(decisionProblems({ result: "upheld", decided: "2026-02-01" }, "2026-03-01", TODAY)).toEqual([
      { field: "decided", message: "审结日期 2026-02-01 早于立案日期 2026-03-01" },
    ]);
    expect(decisionProblems({ result: "upheld", decided: "2026-07-01" }, "2026-03-01", TODAY)).toEqual([
      { field: "decided", message: "审结日期 2026-07-01 晚于今天（2026-06-15）" },
    ]);
  });
});
