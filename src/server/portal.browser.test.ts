/**
 * The portal in real Chromium (Debian's, via playwright-core) over a real server on a random port:
 * a citizen applies and tracks the answer a clerk records through the API, a two-character search,
 * axe-core on every page (no serious or critical violations), and the same flows with JavaScript
 * disabled. Screenshots go to test-output/portal/ (ignored by git).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorsOf, publishThrough } from "../../test/catalogue-fixture.js";
import { ENGINES } from "../../test/engines.js";
import { Client, seedTree, type Tree } from "../../test/server-fixture.js";
import { saveGuide } from "../app/agency-guide.js";
import { readAnswer } from "../app/portal-challenge.js";
import { importPublishedReport } from "../app/publish-report.js";
import { reportFromJson } from "../domain/report/json.js";
import { CHROMIUM_ARGS, chromiumPath } from "../render/pdf.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

const OUT = resolve(import.meta.dirname, "../../test-output/portal");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const doc = (title: string, body: string, item = 11) => ({
  title,
  docNumber: null,
  publisher: "示例市人民政府",
  writtenOn: "2025-01-02",
  category: "教育",
  validity: "none" as const,
  docKind: "other" as const,
  article20Item: item,
  body,
});

type AxeResult = { violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] };

describe("public portal in Chromium", () => {
  let db: Db;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let tree: Tree;
  let base: string;
  let browser: Browser;
  let js: BrowserContext;
  let nojs: BrowserContext;
  const checked: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    ({ db, close } = await ENGINES[0]!.open());
    tree = await seedTree(db);
    const as = await actorsOf(db, tree);
    await publishThrough(
      db,
      as,
      "SL-2025-1",
      doc("关于做好春季学校安全工作的通知", "各学校要落实安全责任，开展隐患排查。"),
      "2025-03-01",
    );
    await publishThrough(
      db,
      as,
      "SL-2025-2",
      doc("校园周边交通整治方案", "上下学时段交通疏导，学生安全优先。"),
      "2025-03-02",
    );
    await publishThrough(
      db,
      as,
      "SL-2025-3",
      doc("2025年财政预算公开说明", "预算编制情况说明。", 7),
      "2025-03-03",
    );
    await publishThrough(
      db,
      as,
      "SL-2025-4",
      doc("市属学校名单", "市属中小学及职业学校名单。"),
      "2025-03-04",
    );
    await saveGuide(db, as("clerk"), tree.city, {
      office: "示例市人民政府办公室政务公开科",
      address: "示例市人民路1号",
      hours: "工作日上午9:00-12:00，下午13:30-17:00",
      phone: "0000-12345678",
      channels: "当面提交、邮寄、本站在线申请",
      howToApply: "填写申请表，写明所需政府信息的名称、文号或特征性描述。",
    });
    const json = JSON.parse(
      readFileSync(resolve(import.meta.dirname, "../../examples/hongze-district-2023.json"), "utf8"),
    );
    await importPublishedReport(db, reportFromJson(json, "hongze-district-2023.json"), "test", "examples");
    app = await buildServer({ db });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const addr = app.server.address() as { port: number };
    base = `http://127.0.0.1:${addr.port}`;
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

  /** Runs axe-core on the page; fails on serious or critical violations; saves a screenshot. */
  async function audit(page: Page, name: string) {
    await page.addScriptTag({ content: AXE });
    const result = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as AxeResult;
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${name}: ${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);
    await page.screenshot({ path: resolve(OUT, `${name}.png`), fullPage: true });
    checked.push(name);
  }

  async function apply(page: Page, tag: string): Promise<string> {
    await page.goto(`${base}/apply`);
    if (tag === "js") await audit(page, "apply-form");
    // First a mistake: the form comes back with the message and the values kept.
    await page.selectOption("#agencyId", String(tree.city));
    await page.selectOption("#applicantType", "0");
    await page.fill("#name", "李四");
    await page.fill("#idNumber", "110105194912310021");
    await page.fill("#phone", "12");
    await page.fill("#subject", "请公开2025年春季学校安全检查结果");
    await page.check("input[name=medium][value=electronic]");
    await page.check("input[name=delivery][value=email]");
    await page.fill("#email", "lisi@example.com");
    await page.click("button[type=submit]");
    await expect(page.locator(".error-summary")).toBeDefined();
    expect(await page.textContent(".error-summary")).toContain("联系电话");
    if (tag === "js") await audit(page, "apply-errors");
    expect(await page.inputValue("#name")).toBe("李四");
    await page.fill("#phone", "13900139000");
    const question = (await page.textContent("label[for=answer]"))!;
    const [a, b] = /^(.+?)加(.+?)等于几/
      .exec(question)!
      .slice(1)
      .map((x) => readAnswer(x)!);
    await page.fill("#answer", String(a! + b!));
    await page.click("button[type=submit]");
    await page.waitForURL(/\/apply\/receipt\//);
    const code = (await page.textContent("#tracking-code"))!.trim();
    expect(code).toMatch(/^[0-9A-Z]{10}$/);
    await page.screenshot({ path: resolve(OUT, `receipt-${tag}.png`), fullPage: true });
    if (tag === "js") await audit(page, "receipt");
    return code;
  }

  async function track(page: Page, code: string): Promise<string> {
    await page.goto(`${base}/track`);
    await page.fill("#code", code);
    await page.fill("#check", "9000");
    await page.click("button[type=submit]");
    return (await page.textContent("#result"))!;
  }

  async function clerkReplies(code: string) {
    const row = await db
      .selectFrom("application")
      .select(["id", "received"])
      .where("tracking_code", "=", code)
      .executeTakeFirstOrThrow();
    const clerk = new Client(app);
    await clerk.login("clerk");
    const res = await clerk.request("POST", `/api/applications/${row.id}/events`, {
      type: "replied",
      date: row.received,
      outcome: "granted",
      delivery: "electronic",
    });
    expect(res.statusCode).toBe(201);
  }

  for (const tag of ["js", "nojs"] as const)
    it(`a citizen applies, gets a tracking code, and later sees the clerk's answer (${tag === "js" ? "JavaScript on" : "JavaScript off"})`, async () => {
      const page = await (tag === "js" ? js : nojs).newPage();
      const code = await apply(page, tag);
      const pdf = await fetch(`${base}/apply/receipt/${code}.pdf`);
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
      expect(await track(page, code)).toContain("办理中");
      await clerkReplies(code);
      const answered = await track(page, code);
      expect(answered).toContain("已办结");
      expect(answered).toContain("予以公开");
      await page.screenshot({ path: resolve(OUT, `track-${tag}.png`), fullPage: true });
      if (tag === "js") await audit(page, "track-answered");
      await page.close();
    });

  for (const tag of ["js", "nojs"] as const)
    it(`a two-character search finds exactly the documents that contain it (${tag})`, async () => {
      const page = await (tag === "js" ? js : nojs).newPage();
      await page.goto(`${base}/`);
      await page.fill("#home-q", "学校");
      await page.click("form[role=search] button");
      await page.waitForURL(/\/search\?q=/);
      const titles = (await page.locator("ul.results .title").allTextContents()).sort();
      // 校园 contains 校 but not 学校: the traffic plan is not a hit; the budget note neither.
      expect(titles).toEqual(["关于做好春季学校安全工作的通知", "市属学校名单"]);
      expect(await page.locator("ul.results mark").first().textContent()).toBe("学校");
      if (tag === "js") await audit(page, "search");
      await page.close();
    });

  it("every other page passes axe-core (no serious or critical violations)", async () => {
    const page = await js.newPage();
    const snap = await db
      .selectFrom("report_snapshot")
      .select(["agency_id", "year"])
      .executeTakeFirstOrThrow();
    const pages: [string, string][] = [
      ["home", "/"],
      ["agency", `/agencies/${tree.city}`],
      ["catalogue", "/catalogue"],
      ["document", "/catalogue/SL-2025-1"],
      ["search-short", `/search?q=${encodeURIComponent("学")}`],
      ["track-form", "/track"],
      ["reports", "/reports"],
      ["report", `/reports/${snap.agency_id}/${snap.year}`],
      ["not-found", "/no-such-page"],
    ];
    for (const [name, path] of pages) {
      await page.goto(`${base}${path}`);
      await audit(page, name);
    }
    await page.emulateMedia({ media: "print" });
    await page.goto(`${base}/catalogue/SL-2025-1`);
    await page.screenshot({ path: resolve(OUT, "document-print.png"), fullPage: true });
    expect(checked).toEqual(
      expect.arrayContaining([
        "home",
        "agency",
        "apply-form",
        "receipt",
        "track-answered",
        "search",
        "report",
        "not-found",
      ]),
    );
  });
});
