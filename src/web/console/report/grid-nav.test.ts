/** Component test: keyboard navigation of a report table — labels from the table definition, arrow moves. */
import { describe, expect, it } from "vitest";
import { blankReport } from "../../../domain/report/model.js";
import { applicationsGrid, reviewGrid } from "../../../render/layout.js";
import { cellAriaLabel, gridNav } from "./grid-nav.js";

const report = blankReport("2021", 2025, "示例市人民政府");

describe("gridNav on table 三 (applications)", () => {
  const nav = gridNav(applicationsGrid(report));

  it("names a cell by its row labels, merged groups included, and its column headings", () => {
    const c = nav.cells.get("applications.new_received[0]")!;
    expect(c.rowLabel).toContain("本年新收政府信息公开申请数量");
    expect(c.colLabel).toBe("申请人情况 / 自然人");
    const org = nav.cells.get("applications.new_received[1]")!;
    expect(org.colLabel).toBe("申请人情况 / 法人或其他组织 / 商业企业");
    // An outcome row under 三、本年度办理结果 → （三）不予公开 → 1.属于国家秘密.
    const secret = nav.cells.get("applications.denied_state_secret[6]")!;
    expect(secret.rowLabel.split(" / ")).toEqual([
      expect.stringContaining("本年度办理结果"),
      expect.stringContaining("不予公开"),
      expect.stringContaining("国家秘密"),
    ]);
    expect(secret.colLabel).toBe("申请人情况 / 总计");
    expect(cellAriaLabel(secret, "")).toBe(`行：${secret.rowLabel}；列：申请人情况 / 总计；数值：空`);
    expect(cellAriaLabel(secret, "3")).toMatch(/；数值：3$/);
  });

  it("moves with the arrow keys between value cells and stops at the table's edges", () => {
    expect(nav.move("applications.new_received[0]", "ArrowRight")).toBe("applications.new_received[1]");
    expect(nav.move("applications.new_received[1]", "ArrowLeft")).toBe("applications.new_received[0]");
    // Left of the first column are labels only: stay.
    expect(nav.move("applications.new_received[0]", "ArrowLeft")).toBeUndefined();
    expect(nav.move("applications.new_received[6]", "ArrowRight")).toBeUndefined();
    // Up from the first value row are headings only: stay.
    expect(nav.move("applications.new_received[0]", "ArrowUp")).toBeUndefined();
    const down = nav.move("applications.new_received[3]", "ArrowDown")!;
    expect(down).toMatch(/\[3\]$/);
    expect(down).not.toBe("applications.new_received[3]");
    expect(nav.move(down, "ArrowUp")).toBe("applications.new_received[3]");
    expect(nav.move("applications.new_received[4]", "Home")).toBe("applications.new_received[0]");
    expect(nav.move("applications.new_received[4]", "End")).toBe("applications.new_received[6]");
    expect(nav.move("applications.new_received[0]", "Home")).toBeUndefined();
  });

  it("knows every value cell of the grid exactly once", () => {
    const grid = applicationsGrid(report);
    const paths = grid.rows.flat().flatMap((c) => (c.role === "value" && c.path ? [c.path] : []));
    expect([...nav.cells.keys()].sort()).toEqual([...paths].sort());
  });
});

describe("gridNav on table 四 (review and litigation)", () => {
  it("names columns by their group headings; a single row has no row label", () => {
    const grid = reviewGrid(report);
    const nav = gridNav(grid);
    const [first, , , , , sixth] = grid.rows[3]!;
    const a = nav.cells.get(first!.path!)!;
    expect(a.rowLabel).toBe("");
    expect(a.colLabel.split(" / ")[0]).toBe("行政复议");
    const b = nav.cells.get(sixth!.path!)!;
    expect(b.colLabel.split(" / ")).toHaveLength(3);
    expect(b.colLabel).toContain("行政诉讼");
    expect(nav.move(first!.path!, "ArrowDown")).toBeUndefined();
    expect(nav.move(grid.rows[3]![4]!.path!, "ArrowRight")).toBe(sixth!.path);
    expect(cellAriaLabel(a, "0")).toBe(`列：${a.colLabel}；数值：0`);
  });
});
