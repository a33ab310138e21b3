import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./harness.js";

describe("console in Chromium: login, layout and CSP", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it("logs a clerk in, shows the menu of the role, styled by antd under the nonce", async () => {
    const { page } = await h.pageAs("clerk");
    expect(await page.getByTestId("whoami").textContent()).toContain("经办人");
    const menu = await page.locator(".ant-menu").textContent();
    expect(menu).toContain("待办申请");
    expect(menu).not.toContain("监督检查");
    // antd's CSS-in-JS styles applied: the header is dark (antd's Layout token), not unstyled.
    const bg = await page.locator(".ant-layout-header").evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(bg).not.toBe("rgba(0, 0, 0, 0)");
    await h.shot(page, "00-worklist-clerk");
    expect(h.problems).toEqual([]);
  });

  it("shows a wrong password as the server's Chinese problem", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${h.base}/console/`);
    await page.getByLabel("登录名").fill("clerk");
    await page.getByLabel("密码").fill("wrong");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toMatch(/登录名或密码|登录失败/);
    await context.close();
  });
});

describe("console in Chromium: registers, catalogue, administration", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it("a clerk keeps the register and drafts a catalogue document; the reviewer sees it for 初审", async () => {
    const { page } = await h.pageAs("clerk");
    await page.goto(`${h.base}/console/registers`);
    await page.getByPlaceholder("标题").fill("示例市政府信息公开实施办法");
    await page.getByPlaceholder("印发日期").fill("2025-05-06");
    await page.getByRole("button", { name: /^登\s*记$/ }).click();
    await page.getByRole("cell", { name: "示例市政府信息公开实施办法" }).waitFor();
    await h.shot(page, "40-registers");

    await page.goto(`${h.base}/console/catalogue`);
    await page.getByRole("button", { name: "新建目录文件" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("索引号").fill("11350000-2025-00001");
    await dialog.getByLabel("标题").fill("关于2025年老旧小区改造的通知");
    await dialog.getByLabel("发布机构").fill("示例市人民政府");
    await dialog.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByRole("cell", { name: "11350000-2025-00001" }).waitFor();
    await page.getByRole("button", { name: "提交初审" }).click();
    await page.getByText("待初审").waitFor();

    const reviewer = (await h.pageAs("reviewer")).page;
    await reviewer.goto(`${h.base}/console/catalogue`);
    await reviewer.getByRole("button", { name: "初审通过" }).click();
    await reviewer.getByText("待复审").waitFor();
    await h.shot(reviewer, "41-catalogue");
    expect(h.problems).toEqual([]);
  });

  it("an administrator sees the agency tree and creates a user", async () => {
    const { page } = await h.pageAs("admin");
    await page.goto(`${h.base}/console/admin`);
    await page.getByText("示例市东区教育局").waitFor();
    await page.getByRole("button", { name: "新建用户" }).click();
    await page.getByLabel("所属机关").click();
    await page.locator(".ant-select-item-option", { hasText: "示例市东区教育局" }).click();
    await page.getByLabel("登录名").fill("jyj-clerk");
    await page.getByLabel("姓名").fill("李四");
    await page.getByLabel("初始密码").fill("a long enough password");
    await page.getByRole("button", { name: /创\s*建/ }).click();
    await page.getByText(/已创建用户 jyj-clerk/).waitFor();
    const row = await h.db
      .selectFrom("app_user")
      .select(["agency_id", "role"])
      .where("login", "=", "jyj-clerk")
      .executeTakeFirst();
    expect(row).toEqual({ agency_id: h.tree.department, role: "clerk" });
    await h.shot(page, "42-admin");
    expect(h.problems).toEqual([]);
  });
});
