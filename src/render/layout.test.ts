import { describe, expect, it } from "vitest";
import { truthReport } from "../../test/corpus.js";
import { ACTIVE_BLOCKS, applicationRows } from "../domain/report/definition.js";
import { blankReport } from "../domain/report/model.js";
import { activeGrid, applicationsGrid, denseGrid, type Grid, reviewGrid } from "./layout.js";

/** Every row of a grid covers exactly `columns` positions once spans are expanded. */
function expectRectangular(grid: Grid) {
  const dense = denseGrid(grid);
  for (const [i, row] of dense.entries()) {
    expect(
      row.every((c) => c !== undefined),
      `${grid.table} row ${i} has a hole`,
    ).toBe(true);
  }
  const origins = grid.rows.flat();
  const area = origins.reduce((a, c) => a + c.rowspan * c.colspan, 0);
  expect(area).toBe(grid.columns * grid.rows.length);
}

describe("table layouts follow the national format", () => {
  for (const edition of ["2019", "2021"] as const) {
    const r = blankReport(edition, edition === "2021" ? 2021 : 2019, "某机关");
    it(`${edition}: every grid is rectangular`, () => {
      for (const g of [activeGrid(r), applicationsGrid(r), reviewGrid(r)]) expectRectangular(g);
    });
  }

  it("2021: 三、本年度办理结果 spans 22 rows; （三） 8, （四） 3, （五） 5, （六） 3", () => {
    const g = applicationsGrid(blankReport("2021", 2021, "x"));
    const span = (t: string) => g.rows.flat().find((c) => c.text === t)?.rowspan;
    expect(span("三、本年度办理结果")).toBe(22);
    expect(span("（三）不予公开")).toBe(8);
    expect(span("（四）无法提供")).toBe(3);
    expect(span("（五）不予处理")).toBe(5);
    expect(span("（六）其他处理")).toBe(3);
    expect(g.rows).toHaveLength(3 + 25);
  });

  it("2019: 三、本年度办理结果 spans 20 rows and （六）其他处理 is one row over L2–L3", () => {
    const g = applicationsGrid(blankReport("2019", 2019, "x"));
    const c = g.rows.flat().find((x) => x.text === "（六）其他处理");
    expect(c).toMatchObject({ rowspan: 1, colspan: 2, role: "label" });
    expect(g.rows.flat().find((x) => x.text === "三、本年度办理结果")?.rowspan).toBe(20);
    expect(g.rows).toHaveLength(3 + applicationRows("single").length);
  });

  it("a 2021 report that kept the single （六） row (Hongze 2023) is drawn as printed", () => {
    const g = applicationsGrid(truthReport("jiangsu-huaian-hongze-district-gov-2023"));
    expect(g.rows.flat().find((x) => x.text === "三、本年度办理结果")?.rowspan).toBe(20);
  });

  it("table 四: 行政复议 over 5 columns, 行政诉讼 over 10, one value row of 15", () => {
    const g = reviewGrid(blankReport("2021", 2021, "x"));
    expect(g.rows[0]!.map((c) => [c.text, c.colspan])).toEqual([
      ["行政复议", 5],
      ["行政诉讼", 10],
    ]);
    expect(g.rows[3]!.filter((c) => c.role === "value")).toHaveLength(15);
  });

  it("table 二: one block per 第二十条 item of the edition", () => {
    for (const edition of ["2019", "2021"] as const) {
      const g = activeGrid(blankReport(edition, 2021, "x"));
      expect(g.rows.filter((r) => r.length === 1 && r[0]!.colspan === 4).map((r) => r[0]!.text)).toEqual(
        ACTIVE_BLOCKS[edition].map((b) => b.item),
      );
    }
  });
});
