/**
 * A report with no recognisable statistics year: year 0 with a warning, and "year" listed in
 * `uncertain`, so that `gongkai check` reports it (CELL-UNCERTAIN) instead of a silent 0.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS } from "../../test/corpus.js";
import { checkReport } from "../domain/rules/index.js";
import { readReportBytes } from "./index.js";

const LESHAN = readFileSync(join(CORPUS, "leshan-justice-bureau-2021.txt"), "utf8");

describe("statistics year", () => {
  it("none found: year 0, a warning, and year in uncertain (CELL-UNCERTAIN)", async () => {
    const text = LESHAN.replace(/20\d\d/g, "");
    const { report } = await readReportBytes(new TextEncoder().encode(text), "司法局年报.txt");
    expect(report.year).toBe(0);
    expect(report.warnings).toContain("未能识别统计年度");
    expect(report.uncertain).toContain("year");
    const finding = checkReport(report).find((f) => f.id === "CELL-UNCERTAIN");
    expect(finding?.cells).toContain("year");
  });

  it("found: year not in uncertain", async () => {
    const { report } = await readReportBytes(new TextEncoder().encode(LESHAN), "司法局年报.txt");
    expect(report.year).toBe(2021);
    expect(report.uncertain ?? []).not.toContain("year");
  });
});
