/**
 * Applicant accounts in real Chromium (Debian's, via playwright-core) over a real server on a random
 * port: register → apply while signed in (name and phone prefilled) → 我的申请 lists the case → its page
 * shows the clerk's answer → logout; with JavaScript off (the pages run none) and axe-core on each
 * account page with JavaScript on. Screenshots go to test-output/portal/account-*.png (ignored by git).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { Client, seedTree, type Tree } from "../../test/server-fixture.js";
import { readAnswer } from "../app/portal-challenge.js";
import { CHROMIUM_ARGS, chromiumPath } from "../render/pdf.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

const OUT = resolve(import.meta.dirname, "../../test-output/portal");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

type AxeResult = { violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] };

describe("applicant accounts in Chromium", () => {
  let db: Db;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let tree: Tree;
  let base: string;
  let browser: Browser;
  let js: BrowserContext;
  let nojs: BrowserContext;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    ({ db, close } = await ENGINES[0]!.open());
    tree = await seedTree(db);
    app = await buildServer({ db });
    await app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    // bypassCSP lets the test inject axe-core; the pages themselves run no script.
    js = await browser.newContext({ bypassCSP: true, locale: "zh-CN" });
    nojs = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN" });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await close?.();
  });

  async function audit(page: Page, name: string) {
    await page.addScriptTag({ content: AXE });
    const result = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as AxeResult;
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${name}: ${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);
    await page.screenshot({ path: resolve(OUT, `${name}.png`), fullPage: true });
  }

  for (const tag of ["js", "nojs"] as const)
    it(`registers, applies while signed in and finds the case under 我的申请 (${tag === "js" ? "JavaScript on" : "JavaScript off"})`, async () => {
      const page = await (tag === "js" ? js : nojs).newPage();
      const phone = tag === "js" ? "13700137001" : "13700137002";
      const shot = (name: string) =>
        tag === "js"
          ? audit(page, `account-${name}`)
          : page.screenshot({ path: resolve(OUT, `account-${name}-nojs.png`), fullPage: true });

      await page.goto(`${base}/account`);
      await page.waitForURL(/\/account\/login/);
      await page.click("a[href='/account/register']");
      await page.waitForURL(/\/account\/register$/);
      // A mistake first: the message names the field.
      await page.fill("#login", phone);
      await page.fill("#displayName", "孙八");
      await page.fill("#password", "short");
      await page.fill("#password2", "short");
      await page.click("button[type=submit]");
      expect(await page.textContent(".error-summary")).toContain("密码至少 8 个字符");
      await shot("register-errors");
      await page.fill("#password", "sunba-2026-pass");
      await page.fill("#password2", "sunba-2026-pass");
      await page.click("button[type=submit]");
      await page.waitForURL(/\/account$/);
      expect(await page.textContent("main")).toContain("本账户还没有提交过申请");

      await page.click("a[href='/apply'].button");
      await page.waitForURL(/\/apply$/);
      expect(await page.textContent("#signed-in")).toContain("孙八");
      expect(await page.inputValue("#name")).toBe("孙八");
      expect(await page.inputValue("#phone")).toBe(phone);
      await page.selectOption("#agencyId", String(tree.city));
      await page.selectOption("#applicantType", "0");
      await page.fill("#idNumber", "110105194912310021");
      await page.fill("#subject", "请公开2025年本区老旧小区改造计划");
      await page.check("input[name=medium][value=paper]");
      await page.check("input[name=delivery][value=pickup]");
      const [a, b] = /^(.+?)加(.+?)等于几/
        .exec((await page.textContent("label[for=answer]"))!)!
        .slice(1)
        .map((x) => readAnswer(x)!);
      await page.fill("#answer", String(a! + b!));
      await page.click("form.stack button[type=submit]");
      await page.waitForURL(/\/apply\/receipt\//);

      await page.goto(`${base}/account`);
      const row = await db
        .selectFrom("application as a")
        .innerJoin("applicant_account as u", "u.id", "a.applicant_account_id")
        .select(["a.id", "a.ref", "a.received"])
        .where("u.login", "=", phone)
        .executeTakeFirstOrThrow();
      const list = (await page.textContent("#my-applications"))!;
      expect(list).toContain(row.ref);
      expect(list).toContain("办理中");
      await shot("list");

      const clerk = new Client(app);
      await clerk.login("clerk");
      const replied = await clerk.request("POST", `/api/applications/${row.id}/events`, {
        type: "replied",
        date: row.received,
        outcome: "granted",
        delivery: "electronic",
      });
      expect(replied.statusCode).toBe(201);
      await page.click(`a[href='/account/applications/${row.id}']`);
      await page.waitForURL(new RegExp(`/account/applications/${row.id}$`));
      expect(await page.textContent("#status")).toBe("已办结");
      expect(await page.textContent("#outcome")).toContain("予以公开");
      await shot("application");

      await page.goto(`${base}/account`);
      await page.click("text=退出登录");
      await page.waitForURL(`${base}/`);
      await page.goto(`${base}/account`);
      await page.waitForURL(/\/account\/login/);
      await shot("login");
      await page.close();
    });
});
