/** Run-together digits: enumeration of splits, the row equation, and the joint solve over columns. */
import { describe, expect, it } from "vitest";
import { enumerateSplits, reviewSplits, rowSumSplits } from "./digits.js";
import { type RowOptions, solveApplications } from "./solve.js";
import { freeTokens } from "./tokens.js";

describe("digit splits", () => {
  it("finds the one split of a row that satisfies 总计 = sum", () => {
    const { splits } = enumerateSplits(["640020470"], 7);
    expect(splits).toContainEqual([64, 0, 0, 2, 0, 4, 70]);
    expect(splits.every((s) => s.join("") === "640020470")).toBe(true);
    expect(rowSumSplits(splits)).toEqual([[64, 0, 0, 2, 0, 4, 70]]);
  });

  it("never gives a number a leading zero and respects separators", () => {
    const { splits } = enumerateSplits(["500000", "5"], 7);
    expect(splits).toEqual([[5, 0, 0, 0, 0, 0, 5]]);
    expect(enumerateSplits(["12"], 3).splits).toEqual([]);
  });

  it("keeps two arithmetically valid splits of one row for the columns to decide", () => {
    const rows = rowSumSplits(enumerateSplits(["270020130"], 7).splits);
    expect(rows).toEqual(
      expect.arrayContaining([
        [27, 0, 0, 2, 0, 1, 30],
        [2, 7, 0, 0, 20, 1, 30],
      ]),
    );
  });

  it("splits table 四 by its three group equations", () => {
    expect(reviewSplits(enumerateSplits(["10203120001200000"], 15).splits)).toEqual([
      [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0],
    ]);
  });

  it("gives up at once on runs too long for the cells", () => {
    const t0 = performance.now();
    expect(enumerateSplits(["1".repeat(200)], 7).splits).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it("stops at the cap and says so", () => {
    const r = enumerateSplits(["1234567891234567891234"], 7, 100);
    expect(r.truncated).toBe(true);
    expect(r.splits).toHaveLength(100);
  });
});

describe("joint solve over the columns", () => {
  const fixed = (key: RowOptions["key"], role: RowOptions["role"], v: number[]): RowOptions => ({
    key,
    role,
    options: [v],
  });

  it("the columns pick the split (an all-zero column rules out the other)", () => {
    const granted = rowSumSplits(enumerateSplits(["270020130"], 7).splits);
    const rows: RowOptions[] = [
      fixed("new_received", "input", [27, 0, 0, 2, 0, 1, 30]),
      fixed("carried_over", "input", [0, 0, 0, 0, 0, 0, 0]),
      { key: "granted", role: "outcome", options: granted },
      fixed("total_processed", "total", [27, 0, 0, 2, 0, 1, 30]),
      fixed("carried_forward", "carry", [0, 0, 0, 0, 0, 0, 0]),
    ];
    const s = solveApplications(rows);
    expect(s.values.get("granted")).toEqual([27, 0, 0, 2, 0, 1, 30]);
    expect(s.unsettled.size).toBe(0);
  });

  it("cells that differ between surviving solutions are unsettled, never guessed", () => {
    const rows: RowOptions[] = [
      {
        key: "granted",
        role: "outcome",
        options: [
          [1, 0, 0, 0, 0, 0, 1],
          [0, 0, 0, 0, 0, 1, 1],
        ],
      },
      fixed("total_processed", "total", [1, 0, 0, 0, 0, 1, 2]),
      {
        key: "partially_granted",
        role: "outcome",
        options: [
          [1, 0, 0, 0, 0, 0, 1],
          [0, 0, 0, 0, 0, 1, 1],
        ],
      },
    ];
    const s = solveApplications(rows);
    expect(s.unsettled.get("granted")).toEqual([0, 5]);
    expect(s.values.get("granted")).toEqual([null, 0, 0, 0, 0, null, 1]);
  });
});

describe("free-text tokens", () => {
  const show = (s: string) =>
    freeTokens(s, "x").map((t) => (t.kind === "text" ? t.text : `[${t.printed}${t.run ? "*" : ""}]`));

  it("leaves the next label its numbering and marks glued digits", () => {
    expect(show("禁止公开00000002.其他法律")).toEqual(["禁止公开", "[0000000*]", "2.其他法律"]);
    expect(show("规章 000行政规范性文件")).toEqual(["规章 ", "[000*]", "行政规范性文件"]);
  });

  it("reads units, thousands separators and leaves dates and ordinals as text", () => {
    expect(show("采购总金额251000元 合计1,234件")).toEqual([
      "采购总金额",
      "[251000元]",
      " 合计",
      "[1234]",
      "件",
    ]);
    expect(show("2021年度")).toEqual(["2021年度"]);
  });
});
