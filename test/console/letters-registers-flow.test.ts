/**
 * Browser flow (issue #7): the 审核人 edits the agency's 收件回执 template and a freshly issued 收件回执
 * carries the new text (its frozen DOCX converted by LibreOffice); the issued letters list on the case
 * page; the handler reassigned from the agency's staff; a 行政复议 record filed and decided from the
 * registers screen, with the form's Chinese validation. Screenshots in test-output/console/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerApplication } from "../../src/app/register-application.js";
import { type Harness, SHOTS, startHarness } from "./harness.js";

const TODAY = "2026-06-15";
const NEW_LINE = "本机关已启用新的回执模板：请妥善保存查询码{查询码}，办理进度以网上查询为准。";

/** Waits until the open dialog has finished its opening animation (see case-flow.test.ts). */
async function dialogSettled(page: Page): Promise<void> {
  await page.getByRole("dialog").waitFor();
  await page.waitForFunction(() => {
    const d = document.querySelector('[role="dialog"]');
    return d !== null && !/zoom-(appear|enter)/.test(d.className);
  });
}

/** Picks `label` in the antd Select found by its accessible name (within `scope`). */
async function choose(page: Page, name: string, label: string | RegExp): Promise<void> {
  await page.getByRole("combobox", { name }).click();
  await page.locator(".ant-select-dropdown:visible").getByText(label, { exact: true }).click();
}

describe("letter templates, issued letters, handler and review records in the console", () => {
  let h: Harness;
  let caseId = "";
  let caseUrl = "";
  beforeAll(async () => {
    h = await startHarness({ today: TODAY });
    const r = await registerApplication(
      h.db,
      { portal: true },
      {
        agencyId: h.tree.city,
        receivedOn: TODAY,
        channel: "online",
        applicantType: 0,
        applicant: { name: "李四", phone: "13900001111" },
        subject: "2025 年度本市公共租赁住房分配结果",
      },
    );
    caseId = String(r.id);
    caseUrl = `${h.base}/console/cases/${caseId}`;
  });
  afterAll(async () => h?.close());

  it("a clerk reads the templates but cannot change them", async () => {
    const { page } = await h.pageAs("clerk");
    await page.getByRole("menuitem", { name: "文书模板" }).click();
    await page.getByTestId("template-name").waitFor();
    await page.getByText("只读：文书模板由本机关审核人、负责人修改").waitFor();
    expect(await page.getByTestId("template-save").count()).toBe(0);
    expect(await page.locator("#template-body").getAttribute("readonly")).not.toBeNull();
    expect(h.problems).toEqual([]);
  });

  it("the reviewer edits the 收件回执: an unknown placeholder is refused, the corrected text is saved", async () => {
    const { page } = await h.pageAs("reviewer");
    await page.goto(`${h.base}/console/templates`);
    await page.getByTestId("template-receipt").click();
    await page.getByTestId("template-name").filter({ hasText: "收件回执" }).waitFor();
    const body = page.locator("#template-body");
    const original = await body.inputValue();
    expect(original).toContain("{申请编号}");
    // A placeholder the letters do not know is named with its line, and saving is blocked.
    await body.fill(`${original}\n请于{回执日期}前来领取。`);
    await page
      .getByTestId("template-problems")
      .getByText(/正文第 5 行：占位符“\{回执日期\}”不可用/)
      .waitFor();
    expect(await page.getByTestId("template-save").isDisabled()).toBe(true);
    // Leaving an unsaved text asks first; staying keeps it.
    await page.getByTestId("template-correction").click();
    const confirm = page.locator(".ant-modal-confirm-title", { hasText: "放弃未保存的修改？" });
    await confirm.waitFor();
    await dialogSettled(page);
    await page.getByRole("button", { name: "继续编辑" }).click();
    await confirm.waitFor({ state: "detached" });
    expect(await page.getByTestId("template-name").textContent()).toBe("收件回执");
    expect(await body.inputValue()).toContain("{回执日期}");
    // The corrected text: the preview fills it with the sample case.
    await body.fill(`${original}\n${NEW_LINE}`);
    await page.getByTestId("template-problems").waitFor({ state: "detached" });
    await page
      .getByTestId("template-preview")
      .getByText("本机关已启用新的回执模板：请妥善保存查询码ABCD-1234")
      .waitFor();
    await h.shot(page, "30-template-edit");
    // The unsaved text as a sample DOCX (the server fills it with the sample case).
    const [sample] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("template-sample").click(),
    ]);
    expect(sample.suggestedFilename()).toBe("示例-收件回执.docx");
    const dir = join(SHOTS, "letters-issued");
    mkdirSync(dir, { recursive: true });
    await sample.saveAs(join(dir, "sample-receipt.docx"));
    const xml = execFileSync("unzip", [
      "-p",
      join(dir, "sample-receipt.docx"),
      "word/document.xml",
    ]).toString();
    expect(xml).toContain("本机关已启用新的回执模板：请妥善保存查询码ABCD-1234");
    expect(await h.db.selectFrom("letter_template").selectAll().execute()).toEqual([]);
    await page.getByTestId("template-save").click();
    await page.getByText("本机关文本").waitFor();
    const saved = await h.db
      .selectFrom("audit")
      .select(["action", "entity_id"])
      .where("action", "=", "letter.template.save")
      .execute();
    expect(saved).toEqual([{ action: "letter.template.save", entity_id: `${h.tree.city}:receipt` }]);
    expect(h.problems).toEqual([]);
  });

  it("the clerk issues the 收件回执: it is listed on the case and its DOCX has the new text", async () => {
    const { page } = await h.pageAs("clerk");
    await page.goto(caseUrl);
    await page.getByTestId("case-status").waitFor();
    await page.getByText("尚未出具文书").waitFor();
    await page.getByTestId("issue-receipt").click();
    const row = page.getByTestId(/^issued-\d+$/);
    await row.waitFor();
    expect(await page.getByText("已出具的文书（1）").count()).toBe(1);
    await h.shot(page, "31-case-issued-letters");
    const dir = join(SHOTS, "letters-issued");
    mkdirSync(dir, { recursive: true });
    const [download] = await Promise.all([page.waitForEvent("download"), row.click()]);
    expect(download.suggestedFilename()).toMatch(/收件回执\.docx$/);
    const file = join(dir, "receipt.docx");
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK");
    execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", dir, file], {
      timeout: 120_000,
    });
    const pdf = join(dir, "receipt.pdf");
    expect(existsSync(pdf)).toBe(true);
    const text = execFileSync("pdftotext", [pdf, "-"]).toString().replace(/\s+/g, "");
    expect(text).toContain("本机关已启用新的回执模板：请妥善保存查询码");
    expect(text).toContain("李四");
    expect(text).toMatch(/六十日内依法申请行政复议/);
    // The frozen bytes are the ones served: the list's download equals the stored letter.
    const stored = await h.db
      .selectFrom("issued_letter")
      .select(["docx", "kind"])
      .where("application_id", "=", caseId)
      .execute();
    expect(stored.map((s) => s.kind)).toEqual(["receipt"]);
    expect(Buffer.compare(Buffer.from(stored[0]!.docx), readFileSync(file))).toBe(0);
    expect(h.problems).toEqual([]);
  });

  it("the head reassigns the handler from the agency's staff", async () => {
    const { page } = await h.pageAs("head");
    await page.goto(caseUrl);
    await page.getByTestId("case-status").waitFor();
    expect(await page.getByTestId("handler-name").textContent()).toBe("尚未指定");
    await choose(page, "改派经办人", "测试clerk（经办人）");
    await page.getByTestId("handler-name").filter({ hasText: "测试clerk（经办人）" }).waitFor();
    const clerk = await h.db
      .selectFrom("app_user")
      .select("id")
      .where("login", "=", "clerk")
      .executeTakeFirstOrThrow();
    const app = await h.db
      .selectFrom("application")
      .select("handler_id")
      .where("id", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(app.handler_id).toBe(clerk.id);
    await choose(page, "改派经办人", "测试reviewer（审核人）");
    await page.getByTestId("handler-name").filter({ hasText: "测试reviewer（审核人）" }).waitFor();
    const assigned = await h.db
      .selectFrom("audit")
      .select("action")
      .where("action", "=", "application.assign")
      .execute();
    expect(assigned).toHaveLength(2);
    await h.shot(page, "32-case-handler");
    expect(h.problems).toEqual([]);
  });

  it("a clerk files a 行政复议 record (checked in Chinese first) and records its result", async () => {
    const { page } = await h.pageAs("clerk");
    await page.goto(`${h.base}/console/registers`);
    await page.getByRole("tab", { name: "行政复议、行政诉讼" }).click();
    const form = page.getByTestId("review-form");
    await page.getByTestId("review-file").click();
    await form.getByText("请选择类别（行政复议或行政诉讼）").waitFor();
    await form.getByText("请填写立案日期").waitFor();
    await form.getByLabel("立案日期").fill("2026-06-20");
    await page.getByTestId("review-file").click();
    await form.getByText("立案日期 2026-06-20 晚于今天（2026-06-15）").waitFor();
    await choose(page, "类别", "行政复议");
    await form.getByLabel("立案日期").fill("2026-03-02");
    await form.getByLabel("案号").fill("示复〔2026〕12号");
    await form.getByLabel("复议机关/法院").fill("示例省人民政府");
    await page.getByTestId("review-file").click();
    await page.getByText("示复〔2026〕12号").waitFor();
    const [filed] = await h.db.selectFrom("review_case").selectAll().execute();
    expect(filed).toMatchObject({
      agency_id: h.tree.city,
      kind: "review",
      case_number: "示复〔2026〕12号",
      authority: "示例省人民政府",
      result: null,
    });
    await h.shot(page, "33-review-filed");

    await page.getByTestId(`review-decide-${filed!.id}`).click();
    await dialogSettled(page);
    const dialog = page.getByRole("dialog");
    await choose(page, "审结结果", "结果纠正");
    await dialog.getByLabel("审结日期").fill("2026-03-01");
    await dialog.getByRole("button", { name: /记\s*录/ }).click();
    await dialog.getByText("审结日期 2026-03-01 早于立案日期 2026-03-02").waitFor();
    await dialog.getByLabel("审结日期").fill("2026-05-20");
    await dialog.getByRole("button", { name: /记\s*录/ }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    expect(await page.getByTestId(`review-result-${filed!.id}`).textContent()).toBe("结果纠正（2026-05-20）");
    const decided = await h.db
      .selectFrom("review_case")
      .select(["result", "decided"])
      .where("id", "=", filed!.id)
      .executeTakeFirstOrThrow();
    expect(decided.result).toBe("corrected");
    expect(String(decided.decided)).toBe("2026-05-20");
    await h.shot(page, "34-review-decided");
    expect(h.problems).toEqual([]);
  });
});
