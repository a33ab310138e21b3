/**
 * PDF table layouts without PDFs: every truth report laid out as positioned lines (the form the
 * PDF reader produces), with blank cells simply absent, and with row labels broken over two lines
 * around the values. Column positions come from the printed headers; every cell must come back.
 */
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
import { reportFromDoc } from "./read.js";
import type { SourceDoc, SourceLine } from "./source.js";

const COLX = [320, 350, 380, 410, 440, 470, 500];
type Cell = [string | null, number];
const show = (v: CellValue | undefined): string | null => (v === null || v === undefined ? null : String(v));

function layout(r: Report, wrap: boolean, vertical = false): SourceDoc {
  const lines: SourceLine[] = [];
  const line = (cells: Cell[]) =>
    lines.push({
      structured: false,
      cells: cells
        .filter((c): c is [string, number] => c[0] !== null)
        .map(([text, x]) => ({ text, x, loc: `第1页第${lines.length + 1}行` })),
    });
  line([[`${r.agency}${r.year}年政府信息公开工作年度报告`, 300]]);
  line([["二、主动公开政府信息情况", 150]]);
  for (const b of ACTIVE_BLOCKS[r.edition]) {
    line([[b.item, 300]]);
    line([[b.contentLabel, 100], ...b.columns.map((c, i): Cell => [c.label, 250 + i * 100])]);
    for (const row of b.rows) {
      const v = r.active[row.key];
      const value = (key: string | null) =>
        show(key === null ? (v as CellValue) : (v as Record<string, CellValue> | null)?.[key]);
      line([[row.label, 100], ...b.columns.map((c, i): Cell => [value(c.key), 250 + i * 100])]);
    }
  }
  line([["三、收到和处理政府信息公开申请情况", 150]]);
  line([
    [APPLICATIONS_NOTE.slice(0, 15), 150],
    ["申请人情况", 400],
  ]);
  line([
    [APPLICATIONS_NOTE.slice(15), 150],
    ["自然人", COLX[0]!],
    ["法人或其他组织", 420],
    ["总计", COLX[6]!],
  ]);
  const subHeads = APPLICANT_COLUMNS.slice(1, 6).map((c) => c.label);
  if (vertical) for (let k = 0; k < 6; k++) line(subHeads.map((l, i): Cell => [l[k] ?? null, COLX[i + 1]!]));
  else {
    line(subHeads.map((l, i): Cell => [l.slice(0, 2), COLX[i + 1]!]));
    line(subHeads.map((l, i): Cell => [l.slice(2), COLX[i + 1]!]));
  }
  let group: string | undefined;
  for (const row of applicationRows(otherLayoutOf(r))) {
    if (row.group && row.group !== group && row.key !== "other_processing")
      line([[OUTCOME_GROUPS[row.group], 120]]);
    group = row.group;
    const values = (r.applications[row.key] ?? []).map((v, i): Cell => [show(v), COLX[i]!]);
    const cut = wrap && row.label.length > 10 ? Math.ceil(row.label.length * 0.65) : row.label.length;
    line([[row.label.slice(0, cut), 200], ...values]);
    if (cut < row.label.length) line([[row.label.slice(cut), 200]]);
  }
  line([["四、政府信息公开行政复议、行政诉讼情况", 150]]);
  line([
    ["行政复议", 150],
    ["行政诉讼", 400],
  ]);
  const reviewX = (g: number, f: number) => 80 + (g * 5 + f) * 30;
  if (vertical)
    for (let k = 0; k < 4; k++)
      line(
        REVIEW_GROUPS.flatMap((_g, gi) =>
          REVIEW_FIELDS.map((f, fi): Cell => [f.label[k] ?? null, reviewX(gi, fi)]),
        ),
      );
  else
    line(REVIEW_GROUPS.flatMap((_g, gi) => REVIEW_FIELDS.map((f, fi): Cell => [f.label, reviewX(gi, fi)])));
  line(
    REVIEW_GROUPS.flatMap((g, gi) =>
      REVIEW_FIELDS.map((f, fi): Cell => [show(r.review_litigation[g.key][f.key]), reviewX(gi, fi)]),
    ),
  );
  line([["五、存在的主要问题及改进情况", 150]]);
  return { format: "pdf", lines, warnings: [] };
}

describe("PDF table layouts (positioned lines)", () => {
  for (const name of truthNames()) {
    it(name, () => {
      const truth = truthReport(name);
      for (const [wrap, vertical] of [
        [false, false],
        [true, false],
        [true, true],
      ] as const) {
        const got = reportFromDoc(layout(truth, wrap, vertical), name);
        const wrong = reportCells(truth)
          .filter((c) => {
            const a = c.get(truth);
            const b = c.get(got);
            return !(a === b || (typeof a === "string" && typeof b === "string" && Number(a) === Number(b)));
          })
          .map(
            (c) =>
              `${wrap ? "wrapped" : "plain"} ${c.path}: ${JSON.stringify(c.get(got))} ≠ ${JSON.stringify(c.get(truth))}`,
          );
        expect(wrong).toEqual([]);
      }
    });
  }
});
