/**
 * Browser flow (issue #7 "Must show"): a report drafted by the 经办人, reviewed by the 审核人, approved
 * and published by the 负责人, then visible on the public portal. Screenshots in test-output/console/.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerApplication } from "../../src/app/register-application.js";
import { type Harness, startHarness } from "./harness.js";

const YEAR = 2025;
const OVERVIEW = "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开工作稳步推进。";

describe("the 三审 of an annual report in the console, then on the portal", () => {
  let h: Harness;
  let url = "";
  beforeAll(async () => {
    h = await startHarness();
    url = `${h.base}/console/report/${h.tree.city}/${YEAR}`;
    for (const [i, date] of ["2025-03-03", "2025-12-22"].entries())
      await registerApplication(
        h.db,
        { portal: true },
        {
          agencyId: h.tree.city,
          receivedOn: date,
          channel: "online",
          applicantType: 0,
          applicant: { name: `申请人${i}`, phone: "13900001111" },
          subject: `测试申请 ${i}`,
        },
      );
  });
  afterAll(async () => h?.close());

  const open = async (login: string): Promise<Page> => {
    const { page } = await h.pageAs(login);
    await page.goto(url);
    await page.getByTestId("draft-state").waitFor();
    return page;
  };
  const transition = async (page: Page, action: string, state: string) => {
    await page.getByTestId(`transition-${action}`).click();
    await page.getByTestId("draft-state").filter({ hasText: state }).waitFor();
  };

  it("the clerk writes the narrative (checked live) and submits it", async () => {
    const page = await open("clerk");
    expect(await page.getByTestId("draft-state").textContent()).toBe("起草中");
    // The derived table 三 has the two applications; a wrong figure in the text is found at once.
    const text = page.getByLabel("三、收到和处理政府信息公开申请情况");
    await text.fill("本年度共收到政府信息公开申请9件。");
    await page.getByTestId("finding-TEXT-TABLE").waitFor();
    await text.fill("本年度共收到政府信息公开申请2件。");
    await page.getByTestId("finding-TEXT-TABLE").waitFor({ state: "detached" });
    await page.getByLabel("一、总体情况").fill(OVERVIEW);
    // From the keyboard: a cell is named by its row and column, an arrow key moves, Enter opens it.
    const start = page.locator('td[data-path="applications.new_received[5]"]');
    await start.focus();
    await page.keyboard.press("ArrowRight");
    const focused = page.locator("td:focus");
    expect(await focused.getAttribute("data-path")).toBe("applications.new_received[6]");
    expect(await focused.getAttribute("aria-label")).toBe(
      "行：一、本年新收政府信息公开申请数量；列：申请人情况 / 总计；数值：2",
    );
    await page.keyboard.press("ArrowDown");
    expect(await page.locator("td:focus").getAttribute("data-path")).toBe("applications.carried_over[6]");
    await page.keyboard.press("ArrowUp");
    // Tab walks the value cells in reading order too.
    await page.keyboard.press("Shift+Tab");
    expect(await page.locator("td:focus").getAttribute("data-path")).toBe("applications.new_received[5]");
    await page.keyboard.press("Tab");
    expect(await page.locator("td:focus").getAttribute("data-path")).toBe("applications.new_received[6]");
    await h.shot(page, "19-report-cell-keyboard");
    await page.keyboard.press("Enter");
    await page
      .getByTestId("cell-cases")
      .getByText(/^\d{4}-/)
      .first()
      .waitFor();
    expect(await page.getByTestId("cell-cases").locator("button").count()).toBe(2);
    await page.keyboard.press("Escape");
    await page.getByTestId("cell-cases").waitFor({ state: "detached" });
    // Click a cell of table 三 → the applications behind it.
    await page.locator('td[data-path="applications.new_received[6]"]').click();
    await page
      .getByTestId("cell-cases")
      .getByText(/^\d{4}-/)
      .first()
      .waitFor();
    expect(await page.getByTestId("cell-cases").locator("button").count()).toBe(2);
    await h.shot(page, "20-report-draft");
    await page.keyboard.press("Escape");
    await transition(page, "submit", "待审核");
    // Submitted: the narrative is no longer editable by the clerk.
    expect(await page.getByLabel("一、总体情况").getAttribute("readonly")).not.toBeNull();
  });

  it("the reviewer reviews, the head approves and publishes", async () => {
    const reviewer = await open("reviewer");
    expect(await reviewer.getByLabel("一、总体情况").inputValue()).toBe(OVERVIEW);
    expect(await reviewer.getByTestId("transition-approve").count()).toBe(0);
    await transition(reviewer, "review", "待批准");
    const head = await open("head");
    await transition(head, "approve", "已批准待发布");
    await transition(head, "publish", "已发布");
    await h.shot(head, "21-report-published");
    expect(h.problems).toEqual([]);
  });

  it("is on the public portal, with the narrative as published", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${h.base}/reports/${h.tree.city}/${YEAR}`);
    expect(await page.locator("body").textContent()).toContain(OVERVIEW);
    await h.shot(page, "22-report-on-portal");
    await context.close();
  });
});
