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
