import { describe, expect, it } from "vitest";
import { clone, truthNames, truthReport } from "../../../test/corpus.js";
import { blankReport, type Report, setCell } from "../report/model.js";
import { CATALOGUE, checkReport, hasErrors } from "./index.js";

const ids = (r: Report, prev?: Report) => checkReport(r, prev ? { previous: prev } : {}).map((f) => f.id);

/** A consistent 2021 report: 10 new applications from 自然人, 8 granted, 2 carried forward. */
function sample(): Report {
  const r = blankReport("2021", 2022, "示例市司法局");
  for (const c of [...Object.keys(r.active)]) {
    const v = r.active[c];
    if (v !== null && typeof v === "object") for (const k of Object.keys(v)) v[k] = 0;
    else r.active[c] = 0;
  }
  r.active.administrative_fees_10k_yuan = "1.5";
  for (const key of Object.keys(r.applications) as (keyof Report["applications"])[])
    r.applications[key] = [0, 0, 0, 0, 0, 0, 0];
  r.applications.new_received = [10, 0, 0, 0, 0, 0, 10];
  r.applications.granted = [8, 0, 0, 0, 0, 0, 8];
  r.applications.total_processed = [8, 0, 0, 0, 0, 0, 8];
  r.applications.carried_forward = [2, 0, 0, 0, 0, 0, 2];
  for (const g of Object.values(r.review_litigation))
    for (const k of Object.keys(g)) (g as Record<string, number>)[k] = 0;
  r.review_litigation.review = { upheld: 1, corrected: 1, other: 0, pending: 1, total: 3 };
  return r;
}

describe("check catalogue", () => {
  it("has unique ids", () => {
    expect(new Set(CATALOGUE.map((c) => c.id)).size).toBe(CATALOGUE.length);
  });

  it("passes a consistent report", () => {
    expect(checkReport(sample())).toEqual([]);
  });

  const failing: [string, (r: Report) => void, string[]][] = [
    [
      "T3-IDENTITY and T3-COLSUM when a new_received cell is off",
      (r) => setCell(r, "applications.new_received[0]", 11),
      ["T3-IDENTITY", "T3-COLSUM"],
    ],
    [
      "T3-TOTAL when an outcome changes",
      (r) => {
        r.applications.granted = [7, 0, 0, 0, 0, 0, 7];
      },
      ["T3-TOTAL", "T3-TOTAL"],
    ],
    [
      "T3-COLSUM (and T3-TOTAL in 总计) when only the 总计 cell is off",
      (r) => setCell(r, "applications.granted[6]", 9),
      ["T3-COLSUM", "T3-TOTAL"],
    ],
    ["T4-SUM when a review total is off", (r) => setCell(r, "review_litigation.review.total", 4), ["T4-SUM"]],
    [
      "CELL-VALUE for a negative count",
      (r) => setCell(r, "review_litigation.litigation_direct.upheld", -1),
      ["CELL-VALUE", "T4-SUM"],
    ],
    ["CELL-VALUE for a fraction", (r) => setCell(r, "active.administrative_penalty", 1.5), ["CELL-VALUE"]],
    [
      "CELL-BLANK for a blank cell, and the equations on it are skipped",
      (r) => setCell(r, "applications.granted[0]", null),
      ["CELL-BLANK"],
    ],
    [
      "EDITION-MIX for the single 其他处理 row in 2021",
      (r) => {
        delete r.applications.other_no_correction;
        delete r.applications.other_no_fee;
        delete r.applications.other_other;
        r.applications.other_processing = [0, 0, 0, 0, 0, 0, 0];
      },
      ["EDITION-MIX"],
    ],
    [
      "EDITION-YEAR for a 2021-edition report of 2020",
      (r) => {
        r.year = 2020;
      },
      ["EDITION-YEAR"],
    ],
    [
      "TEXT-TABLE when the text contradicts the table",
      (r) => {
        r.sections = { overview: "全年共收到政府信息公开申请12件，办结8件。", other: "未收取信息处理费。" };
      },
      ["TEXT-TABLE"],
    ],
    [
      "S6-FEE when section 六 is silent on fees",
      (r) => {
        r.sections = { overview: "全年共收到政府信息公开申请10件。", other: "无。" };
      },
      ["S6-FEE"],
    ],
  ];
  for (const [name, change, expected] of failing) {
    it(`flags ${name}`, () => {
      const r = sample();
      change(r);
      expect(ids(r).sort()).toEqual([...expected].sort());
    });
  }

  it("flags negative 本年增/减 only outside 2019 signed cells", () => {
    const r = blankReport("2019", 2019, "x");
    setCell(r, "active.administrative_licensing.change", -8);
    expect(checkReport(r).filter((f) => f.id === "CELL-VALUE")).toEqual([]);
  });

  it("names cells and numbers in the message", () => {
    const r = sample();
    setCell(r, "review_litigation.review.total", 4);
    const [f] = checkReport(r);
    expect(f).toMatchObject({
      id: "T4-SUM",
      severity: "error",
      cells: expect.arrayContaining(["review_litigation.review.total"]),
    });
    expect(f!.message).toContain(
      "表四「行政复议」：总计为 4，但 结果维持 1 + 结果纠正 1 + 其他结果 0 + 尚未审结 1 = 3",
    );
  });
});

describe("cross-year checks", () => {
  it("XY-CARRY compares carried_over with last year's carried_forward, per column", () => {
    const prev = sample();
    prev.year = 2021;
    const cur = sample();
    cur.applications.carried_over = [2, 0, 0, 0, 0, 0, 2];
    cur.applications.total_processed = [10, 0, 0, 0, 0, 0, 10];
    cur.applications.granted = [10, 0, 0, 0, 0, 0, 10];
    expect(ids(cur, prev)).toEqual([]);
    cur.applications.carried_over = [1, 1, 0, 0, 0, 0, 2];
    cur.applications.granted = [9, 1, 0, 0, 0, 0, 10];
    cur.applications.total_processed = [9, 1, 0, 0, 0, 0, 10];
    expect(ids(cur, prev)).toEqual(["XY-CARRY", "XY-CARRY"]);
  });

  it("XY-INFORCE: in_force = last in_force + issued - repealed", () => {
    const prev = sample();
    prev.year = 2021;
    prev.active.normative_documents = { issued: 5, repealed: 0, in_force: 100 };
    prev.applications.carried_forward = [0, 0, 0, 0, 0, 0, 0];
    prev.applications.granted = [10, 0, 0, 0, 0, 0, 10];
    prev.applications.total_processed = [10, 0, 0, 0, 0, 0, 10];
    const cur = sample();
    cur.active.normative_documents = { issued: 3, repealed: 1, in_force: 102 };
    expect(ids(cur, prev)).toEqual([]);
    cur.active.normative_documents = { issued: 3, repealed: 1, in_force: 90 };
    const f = checkReport(cur, { previous: prev });
    expect(f.map((x) => x.id)).toEqual(["XY-INFORCE"]);
    expect(f[0]!.message).toContain("100 + 本年制发 3 − 本年废止 1 = 102，但本年现行有效件数为 90");
  });

  it("XY-YEAR when the previous report is not the year before", () => {
    const prev = sample();
    prev.year = 2020;
    expect(ids(sample(), prev)).toEqual(["XY-YEAR"]);
  });
});

describe("the real reports in the corpus check as their truth notes say", () => {
  const expected: Record<string, string[]> = {
    "leshan-justice-bureau-2021": [],
    "fujian-pingtan-zone-2021": [],
    "fujian-pingtan-zone-2023": [],
    "jiangsu-suqian-shuyang-county-gov-2025": [],
    // The source's own review and after-review litigation totals do not add up; （六） printed as one row.
    "jiangsu-huaian-hongze-district-gov-2023": ["T4-SUM", "T4-SUM", "EDITION-MIX"],
    "shanghai-stcsm-kewei-2024": ["CELL-BLANK"],
  };
  for (const name of truthNames()) {
    it(name, () => {
      const findings = checkReport(truthReport(name));
      if (name === "shanghai-municipal-govt-office-2019") {
        expect(hasErrors(findings)).toBe(false);
        expect(new Set(findings.map((f) => f.id))).toEqual(new Set(["CELL-BLANK"]));
        expect(findings.flatMap((f) => f.cells)).toHaveLength(126 + 9 /* table 四 */);
        return;
      }
      expect(findings.map((f) => f.id).sort()).toEqual((expected[name] ?? []).sort());
    });
  }

  it("Hongze: the two broken totals are named with their numbers", () => {
    const msgs = checkReport(truthReport("jiangsu-huaian-hongze-district-gov-2023"))
      .filter((f) => f.id === "T4-SUM")
      .map((f) => f.message);
    expect(msgs).toEqual([
      "表四「行政复议」：总计为 0，但 结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11",
      "表四「行政诉讼（复议后起诉）」：总计为 0，但 结果维持 5 + 结果纠正 0 + 其他结果 0 + 尚未审结 0 = 5",
    ]);
  });

  it("a changed cell breaks the check that covers it, in every truth file", () => {
    for (const name of truthNames()) {
      const base = truthReport(name);
      const before = checkReport(base).filter((f) => f.severity === "error").length;
      // Change a cell that takes part in an evaluable equation: 新收 in a column with no blanks.
      const col = [0, 1, 2, 3, 4, 5].find((c) =>
        ["new_received", "carried_over", "total_processed", "carried_forward"].every(
          (k) => typeof base.applications[k as "new_received"]?.[c] === "number",
        ),
      );
      if (col === undefined) continue;
      const r = clone(base);
      setCell(r, `applications.new_received[${col}]`, (r.applications.new_received![col] as number) + 1);
      const after = checkReport(r).filter((f) => f.severity === "error");
      expect(after.length, name).toBeGreaterThan(before);
      expect(
        after.some((f) => f.id === "T3-IDENTITY" && f.cells.includes(`applications.new_received[${col}]`)),
        name,
      ).toBe(true);
    }
  });
});
