/** Cell-level checks: values of the wrong kind (CELL-VALUE) and blank cells (CELL-BLANK). */
import { type CellRef, describePath, reportCells } from "../report/model.js";
import type { Check, Finding } from "./finding.js";

/** The key that groups a cell with its row (table 二/三) or group (table 四) for one finding per row. */
const rowOf = (path: string): string =>
  path
    .replace(/\[\d\]$/, "")
    .replace(/^(review_litigation\.[a-z_]+)\..*$/, "$1")
    .replace(/^(active\.[a-z_]+)\..*$/, "$1");

/** Integers where the format expects counts; negative only where 2019 本年增/减 allows it. */
export const cellValueCheck: Check = {
  id: "CELL-VALUE",
  severity: "error",
  title: "单元格应为非负整数（2019 年版“本年增/减”可为负数，金额为十进制数）",
  basis: "年报格式各表的统计口径",
  run(report) {
    const out: Finding[] = [];
    for (const c of reportCells(report)) {
      const v = c.get(report);
      if (typeof v !== "number") continue;
      const ok =
        c.kind === "signed" ? Number.isInteger(v) : c.kind === "count" ? Number.isInteger(v) && v >= 0 : true;
      if (ok) continue;
      out.push({
        id: this.id,
        severity: this.severity,
        message: `${c.describe}的值 ${v} 不是${c.kind === "signed" ? "整数" : "非负整数"}`,
        cells: [c.path],
      });
    }
    return out;
  },
};

/** Blank cells where the format expects a number; one finding per row (or group of table 四). */
export const cellBlankCheck: Check = {
  id: "CELL-BLANK",
  severity: "warning",
  title: "应填数字的单元格为空白（空白不等于 0，涉及它的勾稽关系不作核验）",
  basis: "年报格式：各单元格应填写数字",
  run(report) {
    const byRow = new Map<string, CellRef[]>();
    for (const c of reportCells(report)) {
      if (c.get(report) !== null) continue;
      const key = rowOf(c.path);
      byRow.set(key, [...(byRow.get(key) ?? []), c]);
    }
    return [...byRow.values()].map((cells) => ({
      id: this.id,
      severity: this.severity,
      message:
        cells.length === 1
          ? `${cells[0]!.describe}为空白（空白不等于 0，涉及它的勾稽关系未核验）`
          : `${cells.length} 个单元格为空白：${cells.map((c) => c.describe).join("、")}（空白不等于 0，涉及它们的勾稽关系未核验）`,
      cells: cells.map((c) => c.path),
    }));
  },
};

/** Cells the reader could not settle (run-together digits with several valid splits, values lost in the source). */
export const cellUncertainCheck: Check = {
  id: "CELL-UNCERTAIN",
  severity: "warning",
  title: "读取时未能确定的单元格，需人工核对原文",
  basis: "读取已发布年报时不作猜测：无法确定的值留待人工核对",
  run(report) {
    const paths = report.uncertain ?? [];
    if (paths.length === 0) return [];
    return [
      {
        id: this.id,
        severity: this.severity,
        message: `${paths.length} 个单元格读取时未能确定，请对照原文核对：${paths.map(describePath).join("、")}`,
        cells: [...paths],
      },
    ];
  },
};
