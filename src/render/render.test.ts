import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, truthNames, truthReport } from "../../test/corpus.js";
import { expectGolden } from "../../test/golden.js";
import { officialLabels } from "../../test/labels.js";
import { applicationRows, SECTIONS } from "../domain/report/definition.js";
import { parseReportJson, reportToJson } from "../domain/report/json.js";
import { blankReport, otherLayoutOf, type Report, reportCells, setCell } from "../domain/report/model.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { htmlToPdf } from "./pdf.js";

const OUT = join(ROOT, "test-output", "render");
mkdirSync(OUT, { recursive: true });

/** A report with narrative, for the renderers. */
function withNarrative(r: Report): Report {
  return {
    ...r,
    sections: {
      preamble: "本报告根据《中华人民共和国政府信息公开条例》编制。",
      overview: "（一）主动公开情况。\n全年主动公开政府信息。",
      problems: "存在的主要问题：<示例>&“引号”。",
      other: "本年度未收取信息处理费。",
    },
  };
}

describe("HTML", () => {
  for (const name of truthNames()) {
    it(`${name}: golden file, official labels and spans`, () => {
      const r = truthReport(name);
      const html = renderHtml(r);
      expectGolden(`${name}.html`, html);
      writeFileSync(join(OUT, `${name}.html`), html);
      for (const label of officialLabels(r)) expect(html, label).toContain(label.replace(/&/g, "&amp;"));
      const outcomes = applicationRows(otherLayoutOf(r)).filter((x) => x.inOutcomes).length;
      expect(html).toContain(`<th rowspan="${outcomes}" scope="row" class="label">三、本年度办理结果</th>`);
      expect(html).toContain(
        '<th colspan="5" scope="col">行政复议</th><th colspan="10" scope="col">行政诉讼</th>',
      );
    });
  }

  it("escapes narrative text and keeps section order", () => {
    const html = renderHtml(withNarrative(truthReport("leshan-justice-bureau-2021")));
    expect(html).toContain("&lt;示例&gt;&amp;");
    const positions = SECTIONS.map((s) => html.indexOf(s.heading));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(html.indexOf("本报告根据")).toBeLessThan(positions[0]!);
  });

  it("prints blank as an empty cell and '/' as '/'", () => {
    const r = blankReport("2021", 2021, "某局");
    setCell(r, "active.regulations.issued", "/");
    const html = renderHtml(r);
    expect(html).toContain('<td data-cell="active.regulations.issued">/</td>');
    expect(html).toContain('<td data-cell="active.regulations.repealed"></td>');
  });
});

describe("Markdown", () => {
  for (const name of truthNames()) {
    it(`${name}: golden file`, () => {
      const md = renderMarkdown(truthReport(name));
      expectGolden(`${name}.md`, md);
    });
  }
});

describe("JSON round trip", () => {
  for (const name of truthNames()) {
    it(`${name}: render → JSON → read keeps every cell, blanks and "/"`, () => {
      const r = truthReport(name);
      setCell(r, reportCells(r)[0]!.path, "/");
      const back = parseReportJson(reportToJson(r));
      for (const c of reportCells(r)) expect(c.get(back), c.path).toStrictEqual(c.get(r));
      expect(back).toEqual(r);
    });
  }
});

describe("PDF (headless Chromium)", () => {
  it("has a text layer with every official label, for each edition", async () => {
    for (const name of [
      "leshan-justice-bureau-2021",
      "shanghai-municipal-govt-office-2019",
      "jiangsu-huaian-hongze-district-gov-2023",
    ]) {
      const r = withNarrative(truthReport(name));
      const pdf = await htmlToPdf(renderHtml(r));
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const file = join(OUT, `${name}.pdf`);
      writeFileSync(file, pdf);
      const text = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], {
        encoding: "utf8",
      }).replace(/\s+/g, "");
      for (const label of officialLabels(r))
        expect(text, `${name}: ${label}`).toContain(label.replace(/\s+/g, ""));
      expect(text).toContain(r.agency);
    }
  });
});
