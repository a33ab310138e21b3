/**
 * Browser test of 用户与机关 at 1366×768: an administrator creates an agency under the district, a user
 * in it, and deactivates the user; the user's open session ends and it cannot log in any more.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../server-fixture.js";
import { type Harness, startHarness } from "./harness.js";

describe("console in Chromium: users and agencies administration", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it("creates an agency and a user in it, deactivates the user, who then cannot log in", async () => {
    const { page } = await h.pageAs("admin");
    await page.goto(`${h.base}/console/admin`);
    const tree = page.getByTestId("agency-tree");
    await tree.getByText("示例市东区人民政府", { exact: true }).click();
    await page.getByText("用户：示例市东区人民政府").waitFor();

    // A new agency below the selected node.
    await page.getByTestId("new-agency").click();
    let dialog = page.getByRole("dialog");
    await dialog.getByText(/机关类型/).waitFor();
    await dialog.getByLabel("机关名称").fill("示例市东区统计局");
    await h.shot(page, "50-admin-new-agency");
    await dialog.getByRole("button", { name: /创\s*建/ }).click();
    await dialog.waitFor({ state: "detached" });
    await tree.getByText("示例市东区统计局", { exact: true }).waitFor();
    // The new agency is selected: its (empty) user list is shown.
    await page.getByText("用户：示例市东区统计局").waitFor();
    const agency = await h.db
      .selectFrom("agency")
      .select(["id", "parent_id", "kind"])
      .where("name", "=", "示例市东区统计局")
      .executeTakeFirstOrThrow();
    expect(agency).toMatchObject({ parent_id: h.tree.district, kind: "department" });

    // A duplicate name is refused in place, in Chinese.
    await page.getByTestId("new-agency").click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel("机关名称").fill("示例市东区教育局");
    await dialog.getByRole("button", { name: /创\s*建/ }).click();
    expect(await dialog.getByTestId("dialog-error").textContent()).toMatch(
      /已有名为“示例市东区教育局”的机关/,
    );
    await dialog.getByRole("button", { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: "detached" });

    // A user in it (the dialog proposes the selected agency).
    await page.getByRole("button", { name: "新建用户" }).click();
    dialog = page.getByRole("dialog");
    await dialog.getByText("示例市东区统计局").waitFor();
    await dialog.getByLabel("登录名").fill("tjj-clerk");
    await dialog.getByLabel("姓名").fill("赵统计");
    await dialog.getByLabel("初始密码").fill(PASSWORD);
    await dialog.getByRole("button", { name: /创\s*建/ }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByText(/已创建用户 tjj-clerk/).waitFor();
    const row = page.getByTestId("users").locator("tr", { hasText: "tjj-clerk" });
    await row.getByText("启用").waitFor();
    await h.shot(page, "51-admin-user-created");

    // The new user logs in and sees its own agency.
    const clerk = (await h.pageAs("tjj-clerk")).page;
    expect(await clerk.getByTestId("whoami").textContent()).toContain("赵统计");

    // Deactivated after confirmation: its session ends and the login is refused.
    await row.getByRole("button", { name: /停\s*用/ }).click();
    await page.getByText("停用后其登录会话立即结束，不能再登录。").waitFor();
    await page
      .locator(".ant-popover")
      .getByRole("button", { name: /停\s*用/ })
      .click();
    await page.getByText(/已停用 tjj-clerk，其登录会话已结束/).waitFor();
    await row.getByText("停用", { exact: true }).waitFor();
    await h.shot(page, "52-admin-user-deactivated");
    const stored = await h.db
      .selectFrom("app_user")
      .select(["disabled", "agency_id"])
      .where("login", "=", "tjj-clerk")
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ disabled: true, agency_id: agency.id });

    await clerk.reload();
    await clerk.getByLabel("登录名").waitFor();
    await clerk.getByLabel("登录名").fill("tjj-clerk");
    await clerk.getByLabel("密码").fill(PASSWORD);
    await clerk.getByRole("button", { name: /登\s*录/ }).click();
    await clerk.getByRole("alert").waitFor();
    expect(await clerk.getByRole("alert").textContent()).toMatch(/登录名或密码不正确/);
    await h.shot(clerk, "53-admin-deactivated-login-refused");

    // Rename the new agency (still the selected node).
    await page.getByText(/^已选：示例市东区统计局/).waitFor();
    await page.getByTestId("edit-agency").click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel("机关名称").fill("示例市东区统计局（更名）");
    await dialog.getByRole("button", { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: "detached" });
    await tree.getByText("示例市东区统计局（更名）", { exact: true }).waitFor();
    expect(h.problems).toEqual([]);
  });
});
