/**
 * Browser flow (issue #7 "Must show"): a case from receipt through 补正, extension (负责人) and reply,
 * with its letters downloaded and opened by LibreOffice. Screenshots in test-output/console/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, SHOTS, startHarness } from "./harness.js";

const dialogButton = (page: Page, name: RegExp) => page.getByRole("dialog").getByRole("button", { name });

/**
 * Waits until the open dialog has finished its opening animation: on a loaded machine a click that
 * lands while antd's zoom-in still runs can be lost, and the dialog then never closes.
 */
async function dialogSettled(page: Page): Promise<void> {
  await page.getByRole("dialog").waitFor();
  await page.waitForFunction(() => {
    const d = document.querySelector('[role="dialog"]');
    return d !== null && !/zoom-(appear|enter)/.test(d.className);
  });
}

async function record(page: Page, step: string, fill?: (p: Page) => Promise<void>): Promise<void> {
  await page.getByTestId(`step-${step}`).click();
  await dialogSettled(page);
  if (fill) await fill(page);
  await dialogButton(page, /^登\s*记$/).click();
  await page.getByRole("dialog").waitFor({ state: "detached" });
  await page.getByTestId(`event-${step}`).waitFor();
}

describe("a case in the console: receipt → 补正 → extension → reply, with letters", () => {
  let h: Harness;
  let caseUrl = "";
  beforeAll(async () => {
    // A fixed day, so that the clock (20 + 20 working days) stays inside the shipped calendar.
    h = await startHarness({ today: "2026-06-15" });
  });
  afterAll(async () => h?.close());

  it("a clerk registers the application and sends a 补正 notice; the steps follow the law", async () => {
    const { page } = await h.pageAs("clerk");
    await page.getByRole("button", { name: "登记收到的申请" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("申请人姓名或名称").fill("张三");
    await dialog.getByLabel("联系电话").fill("13812345678");
    await dialog.getByLabel("身份证件号码").fill("110101199001011234");
    await dialog.getByLabel("通信地址").fill("示例市东区幸福路 1 号");
    await dialog.getByLabel("申请公开的政府信息").fill("2025 年度本市老旧小区改造项目清单");
    await dialogButton(page, /^登\s*记$/).click();
    await page.getByTestId("case-status").waitFor();
    caseUrl = page.url();
    expect(caseUrl).toMatch(/\/console\/cases\/\d+$/);
    expect(await page.getByTestId("due-date").textContent()).toMatch(/^2026-07-\d\d$/);
    // Masked until revealed.
    expect(await page.getByTestId("applicant-phone").textContent()).toMatch(/^138\*+5678$/);
    // Before a 补正 notice, "收到补正" is refused by the domain, with its reason; an extension needs the head.
    expect(await page.getByTestId("step-correction_received").isDisabled()).toBe(true);
    expect(await page.getByTestId("step-extension_approved").isDisabled()).toBe(true);
    await h.shot(page, "10-case-received");

    await record(page, "correction_requested");
    expect(await page.getByTestId("case-status").textContent()).toBe("待申请人补正");
    // While 补正 is pending a second notice is not offered.
    expect(await page.getByTestId("step-correction_requested").isDisabled()).toBe(true);
    await record(page, "correction_received");
    expect(await page.getByTestId("case-status").textContent()).not.toBe("待申请人补正");
    await h.shot(page, "11-case-corrected");

    // Revealing the applicant is announced as audited, then shows the full phone.
    await page.getByTestId("reveal").click();
    await page
      .getByRole("button", { name: /查\s*看/ })
      .last()
      .click();
    await page.getByText("已显示完整信息（已记入审计）").waitFor();
    expect(await page.getByTestId("applicant-phone").textContent()).toBe("13812345678");
    const audit = await h.db
      .selectFrom("audit")
      .selectAll()
      .where("action", "=", "application.reveal")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("the head approves the extension and the reply is recorded; the case closes", async () => {
    const { page } = await h.pageAs("head");
    await page.goto(caseUrl);
    await page.getByTestId("case-status").waitFor();
    const dueBefore = await page.getByTestId("due-date").textContent();
    await record(page, "extension_approved");
    const dueAfter = await page.getByTestId("due-date").textContent();
    expect(dueBefore).toMatch(/^2026-07-\d\d$/);
    expect(dueAfter).toMatch(/^2026-08-\d\d$/);
    // The lawful extension is used up: a second one would be flagged before it is recorded.
    await page.getByTestId("step-extension_approved").click();
    await page
      .getByRole("dialog")
      .getByText(/超过 20 个工作日/)
      .first()
      .waitFor();
    await dialogSettled(page);
    await dialogButton(page, /取\s*消/).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });

    await record(page, "replied");
    expect(await page.getByTestId("case-status").textContent()).toBe("已办结");
    expect(await page.getByTestId("step-replied").isDisabled()).toBe(true);
    await h.shot(page, "12-case-replied");
    expect(h.problems).toEqual([]);
  });

  it("each step's letter downloads as a DOCX that LibreOffice converts", async () => {
    const { page } = await h.pageAs("clerk");
    await page.goto(caseUrl);
    await page.getByTestId("case-status").waitFor();
    const dir = join(SHOTS, "letters");
    mkdirSync(dir, { recursive: true });
    for (const kind of ["receipt", "correction", "extension", "reply"]) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByTestId(`letter-${kind}`).first().click(),
      ]);
      const file = join(dir, `${kind}.docx`);
      await download.saveAs(file);
      expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK");
      execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", dir, file], {
        timeout: 120_000,
      });
      const pdf = join(dir, `${kind}.pdf`);
      expect(existsSync(pdf)).toBe(true);
      // Lines wrap anywhere in Chinese text: compare without whitespace.
      const text = execFileSync("pdftotext", [pdf, "-"]).toString().replace(/\s+/g, "");
      // Every letter ends with the applicant's remedies.
      expect(text).toMatch(/六十日内依法申请行政复议/);
      expect(text).toMatch(/六个月内依法向人民法院提起行政诉讼/);
      expect(text).toContain("张三");
    }
    expect(h.problems).toEqual([]);
  });
});
