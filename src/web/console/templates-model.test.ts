/** Component test: the letter template screen checks placeholders as the server does and previews the text. */
import { describe, expect, it } from "vitest";
import { defaultTemplate, LETTER_KINDS, PLACEHOLDERS } from "../../render/letters/templates.js";
import {
  insertPlaceholder,
  previewTemplate,
  SAMPLE_VALUES,
  templateProblems,
  usedPlaceholders,
} from "./templates-model.js";

describe("templateProblems", () => {
  it("accepts every shipped default text", () => {
    for (const kind of LETTER_KINDS) expect(templateProblems(defaultTemplate(kind)), kind).toEqual([]);
  });

  it("names an unknown placeholder and its line, and lists the ones that may be used", () => {
    const p = templateProblems({ title: "补正告知书", body: "{申请人}：\n请于{补正日期}前补正。" });
    expect(p).toHaveLength(1);
    expect(p[0]).toContain("正文第 2 行");
    expect(p[0]).toContain("{补正日期}");
    expect(p[0]).toContain("{补正期限}");
  });

  it("refuses an empty title or body, and an unknown placeholder in the title", () => {
    expect(templateProblems({ title: " ", body: "x" }).join()).toContain("标题");
    expect(templateProblems({ title: "告知书", body: "\n " }).join()).toContain("正文");
    expect(templateProblems({ title: "{文号}告知书", body: "x" }).join()).toContain("标题：占位符“{文号}”");
  });
});

describe("usedPlaceholders and previewTemplate", () => {
  it("lists the known placeholders a text uses and fills them with the sample case", () => {
    const t = {
      title: "收件回执",
      body: "{申请人}：\n收到您的申请（编号：{申请编号}），{未知}。\n\n 另：{申请人}",
    };
    expect(usedPlaceholders(t)).toEqual(["申请人", "申请编号"]);
    const p = previewTemplate(t, "如对本{文书}不服，可以申请行政复议。", "收件回执");
    expect(p.title).toBe("收件回执");
    expect(p.lines).toEqual([
      `${SAMPLE_VALUES.申请人}：`,
      `收到您的申请（编号：${SAMPLE_VALUES.申请编号}），{未知}。`,
      `另：${SAMPLE_VALUES.申请人}`,
    ]);
    expect(p.remedies).toBe("如对本收件回执不服，可以申请行政复议。");
    // The renderer drops the 政府信息公开 prefix of the title when naming the letter.
    expect(
      previewTemplate({ title: "政府信息公开申请答复书", body: "x" }, "本{文书}", "答复书").remedies,
    ).toBe("本答复书");
  });

  it("has a sample value for every placeholder", () => {
    expect(Object.keys(SAMPLE_VALUES).sort()).toEqual(Object.keys(PLACEHOLDERS).sort());
  });

  it("inserts a placeholder at the caret", () => {
    expect(insertPlaceholder("您好，。", "申请人", 3)).toEqual({ text: "您好，{申请人}。", caret: 8 });
    expect(insertPlaceholder("ab", "今天")).toEqual({ text: "ab{今天}", caret: 6 });
  });
});
