/**
 * Neighbouring layouts: every truth report is printed again in the text layouts met in the wild
 * (cells run together with no separators, one cell per line, cells between spaces, one row per
 * line with tabs) and read back. Blank cells vanish in these layouts, so cells may be flagged, but
 * no cell may be silently wrong.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { truthNames, truthReport } from "../../test/corpus.js";
import {
  ACTIVE_BLOCKS,
  APPLICANT_COLUMNS,
  APPLICATIONS_NOTE,
  applicationRows,
  OUTCOME_GROUPS,
  REVIEW_FIELDS,
  REVIEW_GROUPS,
} from "../domain/report/definition.js";
import { type CellValue, otherLayoutOf, type Report, reportCells } from "../domain/report/model.js";
import { readReportBytes } from "./index.js";

type Piece = { text: string } | { values: string[] };

const show = (v: CellValue | undefined): string => (v === null || v === undefined ? "" : String(v));

/** The report as a sequence of label texts and value groups, in reading order. */
function pieces(r: Report): Piece[] {
  const out: Piece[] = [];
  const t = (text: string) => out.push({ text });
  const v = (values: (CellValue | undefined)[]) => out.push({ values: values.map(show) });
  t(`${r.agency}${r.year}年政府信息公开工作年度报告`);
  t("一、总体情况");
  t("本年度工作有序开展。");
  t("二、主动公开政府信息情况");
  for (const b of ACTIVE_BLOCKS[r.edition]) {
    t(b.item);
    t(b.contentLabel);
    for (const c of b.columns) t(c.label);
    for (const row of b.rows) {
      t(row.label);
      const cell = r.active[row.key];
      v(
        b.columns.map((c) =>
          c.key === null ? (cell as CellValue) : (cell as Record<string, CellValue>)?.[c.key],
        ),
      );
    }
  }
  t("三、收到和处理政府信息公开申请情况");
  t(APPLICATIONS_NOTE);
  t("申请人情况");
  for (const c of APPLICANT_COLUMNS) t(c.label);
  let group: string | undefined;
  for (const row of applicationRows(otherLayoutOf(r))) {
    if (row.key === "granted") t("三、本年度办理结果");
    if (row.group && row.group !== group && row.key !== "other_processing") t(OUTCOME_GROUPS[row.group]);
    group = row.group;
    t(row.label);
    v(r.applications[row.key] ?? []);
  }
  t("四、政府信息公开行政复议、行政诉讼情况");
  for (const g of REVIEW_GROUPS) {
    t(g.label);
    for (const f of REVIEW_FIELDS) t(f.label);
  }
  v(REVIEW_GROUPS.flatMap((g) => REVIEW_FIELDS.map((f) => r.review_litigation[g.key][f.key])));
  t("五、存在的主要问题及改进情况");
  t("六、其他需要报告的事项");
  return out;
}

const LAYOUTS: Record<string, (p: Piece[]) => string> = {
  glued: (p) => p.map((x) => ("text" in x ? x.text : x.values.join(""))).join(""),
  lines: (p) =>
    p.flatMap((x) => ("text" in x ? [`\t${x.text}`, ""] : [...x.values.map((v) => `\t${v}`), ""])).join("\n"),
  spaced: (p) => p.map((x) => ("text" in x ? x.text : ` ${x.values.join(" ")} `)).join(""),
  // A Word table flattened to text: every cell on its own tabbed line, an empty cell a lone tab.
  tabcells: (p) =>
    p.flatMap((x) => ("text" in x ? [`\t${x.text}`, ""] : [...x.values.map((v) => `\t${v}`), ""])).join("\n"),
  tabrows: (p) => p.map((x) => ("text" in x ? x.text : `\t${x.values.join("\t")}`)).join("\n"),
};

const same = (a: CellValue | undefined, b: CellValue | undefined) =>
  a === b || (typeof a === "string" && typeof b === "string" && a !== "/" && Number(a) === Number(b));

describe("text layouts of every truth report", () => {
  for (const name of truthNames()) {
    it(name, async () => {
      const truth = truthReport(name);
      for (const [layout, print] of Object.entries(LAYOUTS)) {
        const { report } = await readReportBytes(
          new TextEncoder().encode(print(pieces(truth))),
          `${name}.${layout}.txt`,
        );
        expect([report.year, report.edition], layout).toEqual([truth.year, truth.edition]);
        const flagged = new Set(report.uncertain ?? []);
        const silent = reportCells(truth)
          .filter((c) => !same(c.get(report), c.get(truth)) && !flagged.has(c.path))
          .map(
            (c) => `${layout} ${c.path}: ${JSON.stringify(c.get(report))} ≠ ${JSON.stringify(c.get(truth))}`,
          );
        expect(silent).toEqual([]);
        // Without blank cells nothing is lost, so everything is exact (Pingtan's table 二 row aside).
        const hasBlank = reportCells(truth).some((c) => c.get(truth) === null);
        if ((!hasBlank && layout !== "glued") || layout === "tabcells")
          expect(report.uncertain ?? [], layout).toEqual([]);
      }
    });
  }

  it("values between spaces stay apart, and table 四 may wrap over two lines", async () => {
    const text = [
      "某某局2023年政府信息公开工作年度报告",
      "一、本年新收政府信息公开申请数量 3 0 0",
      "0 0 0 3",
      "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
      "（一）予以公开 3 0 0 0 0 0 3",
      "（七）总计 3 0 0 0 0 0 3",
      "四、结转下年度继续办理 0 0 0 0 0 0 0",
      "四、政府信息公开行政复议、行政诉讼情况",
      "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计",
      "1 0 2 0 3 12 0 0 0",
      "12 0 0 0 0 0",
      "五、存在的主要问题及改进情况",
    ].join("\n");
    const { report } = await readReportBytes(new TextEncoder().encode(text), "wrapped.txt");
    expect(report.applications.new_received).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(report.review_litigation.review).toEqual({
      upheld: 1,
      corrected: 0,
      other: 2,
      pending: 0,
      total: 3,
    });
    expect(report.review_litigation.litigation_direct.total).toBe(12);
  });

  it("Markdown with HTML tables (PDF-to-Markdown converters) keeps lines and blank cells", async () => {
    const truth = truthReport("shanghai-municipal-govt-office-2019");
    const rows = applicationRows(otherLayoutOf(truth)).map(
      (r) =>
        `<tr><td>${r.label}</td>${(truth.applications[r.key] ?? []).map((v) => `<td>${show(v)}</td>`).join("")}</tr>`,
    );
    const md = [
      `# ${truth.agency}${truth.year}年政府信息公开工作年度报告`,
      "## 一、总体情况",
      "本年度工作有序开展。",
      "## 三、收到和处理政府信息公开申请情况",
      `<table><tr><td colspan="3">${APPLICATIONS_NOTE}</td><td colspan="7">申请人情况</td></tr>${rows.join("\n")}</table>`,
      "## 五、存在的主要问题及改进情况",
    ].join("\n\n");
    const { report, format } = await readReportBytes(new TextEncoder().encode(md), "converted.md");
    expect(format).toBe("html");
    expect(report.title).toBe(`${truth.agency}${truth.year}年政府信息公开工作年度报告`);
    expect(report.applications).toEqual(truth.applications);
  });

  it("a GB2312 page is decoded and read", async () => {
    const bytes = new Uint8Array(
      readFileSync(join(import.meta.dirname, "fixtures", "shanghai-2019-gb2312.gbk")),
    );
    const { report, format } = await readReportBytes(bytes, "page.html");
    expect(format).toBe("html");
    expect(report.agency).toBe("上海市人民政府办公厅");
    expect(report.applications.granted).toEqual([258, 12, null, null, 1, 1, null]);
    expect(report.warnings?.join("")).toContain("GBK");
  });
});
