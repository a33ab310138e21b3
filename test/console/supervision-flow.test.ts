/**
 * Browser flow (issue #7 "Must show"): the supervising office sees a late agency, imports a report
 * published outside the platform, and sees that report's broken total. Screenshots in test-output/console/.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setCell } from "../../src/domain/report/model.js";
import { deriveAnnualReport } from "../../src/domain/stats/derive.js";
import { renderHtml } from "../../src/render/html.js";
import { type Harness, SHOTS, startHarness } from "./harness.js";

const YEAR = 2025;

describe("the supervising office in the console", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it("sees late agencies in red, imports a report and sees its broken total", async () => {
    const { page } = await h.pageAs("supervisor");
    const menu = await page.locator(".ant-menu").textContent();
    expect(menu).toContain("监督检查");
    expect(menu).not.toContain("登记簿");
    await page.goto(`${h.base}/console/supervision/${YEAR}`);
    const table = page.getByTestId("filings");
    await table.getByText("示例市东区教育局").waitFor();
    // Nothing published and 1月31日 has passed: every agency of the subtree is late.
    const row = table.locator("tr", { hasText: "示例市东区教育局" });
    expect(await row.textContent()).toContain("逾期未发布");
    expect(await row.locator(".gk-late").count()).toBe(1);
    const color = await row.locator(".gk-late").evaluate((e) => getComputedStyle(e).color);
    expect(color).toBe("rgb(207, 19, 34)");
    // Another city's agencies are not this office's.
    expect(await table.textContent()).not.toContain("另一市人民政府");

    // A report the 教育局 published elsewhere, with （七）总计 not matching its outcomes.
    const { report } = deriveAnnualReport({
      agency: "示例市东区教育局",
      year: YEAR,
      cases: [
        { id: "1", applicantType: 0, received: "2025-03-01", answered: "2025-03-20", outcome: "granted" },
        { id: "2", applicantType: 0, received: "2025-04-01", answered: "2025-04-20", outcome: "granted" },
      ],
      figures: { licensing: 1, penalty: 0, coercion: 0, fees10kYuan: "0" },
    });
    setCell(report, "applications.total_processed[0]", 3);
    setCell(report, "applications.total_processed[6]", 3);
    const file = join(SHOTS, "教育局2025年报告.html");
    writeFileSync(file, renderHtml(report));
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByTestId("ingest-results").getByText("已导入").waitFor();
    expect(await page.getByTestId("ingest-results").textContent()).toContain("T3-TOTAL");

    // The filing table now shows the imported report with its error.
    const after = page.getByTestId("filings").locator("tr", { hasText: "示例市东区教育局" });
    await after.getByText("已发布（导入）").waitFor();
    expect(await after.textContent()).toContain("T3-TOTAL");
    // Year-over-year charts are drawn (ECharts canvas).
    await page.getByTestId("chart-outcomes").locator("canvas").waitFor();
    await h.shot(page, "30-supervision");

    // Drill down to the agency's report.
    await after.getByRole("button", { name: "查看报告" }).click();
    await page.waitForURL(/\/console\/report\/\d+\/2025$/);
    await page.getByTestId("report-agency").waitFor();
    expect(h.problems).toEqual([]);
  });
});
