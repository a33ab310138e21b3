/**
 * Browser tests of the staff console: the real server on a random port over a fresh database (PGlite,
 * or PostgreSQL with CONSOLE_ENGINE=postgres), Debian Chromium through playwright-core at 1366×768,
 * every CSP violation and page error collected, screenshots under test-output/console/.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
// Not a React hook despite its name: it replaces the server's case clock.
import { useCaseClock as setCaseClock } from "../../src/app/case-clock.js";
import { CHROMIUM_ARGS, chromiumPath } from "../../src/render/pdf.js";
import { buildServer } from "../../src/server/app.js";
import type { Db } from "../../src/store/db.js";
import { ENGINES } from "../engines.js";
import { PASSWORD, seedTree, type Tree } from "../server-fixture.js";

export const SHOTS = resolve(import.meta.dirname, "../../test-output/console");

export interface Harness {
  db: Db;
  tree: Tree;
  app: FastifyInstance;
  base: string;
  browser: Browser;
  /** Page errors and CSP refusals seen so far (a test asserts it stays empty). */
  problems: string[];
  /** A logged-in page for a seeded user (login = role name). */
  pageAs(login: string): Promise<{ context: BrowserContext; page: Page }>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the server and the browser. `today` fixes the date for the server's case clock and the
 * browser's Date alike (the shipped working-day calendar covers 2019–2026 only).
 */
export async function startHarness(opts: { today?: string } = {}): Promise<Harness> {
  if (opts.today) {
    const today = opts.today;
    setCaseClock({ today: () => today });
  }
  mkdirSync(SHOTS, { recursive: true });
  const engine = ENGINES.find((e) => e.name === (process.env.CONSOLE_ENGINE ?? "pglite"))!;
  const { db, close } = await engine.open();
  const tree = await seedTree(db);
  const app = await buildServer({ db, loginRateLimit: { max: 1000, timeWindowMs: 60_000 } });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    db,
    tree,
    app,
    base,
    browser,
    problems,
    async pageAs(login) {
      const context = await browser.newContext({
        viewport: { width: 1366, height: 768 },
        locale: "zh-CN",
        acceptDownloads: true,
      });
      contexts.push(context);
      if (opts.today) await context.clock.setFixedTime(new Date(`${opts.today}T10:00:00+08:00`));
      // Name what a CSP refusal blocked (Chromium's console line does not say which element).
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          const el = e.target instanceof Element ? e.target.outerHTML.slice(0, 160) : "";
          console.error(
            `CSP violation: ${e.violatedDirective} ${e.sourceFile}:${e.lineNumber} ${e.sample} ${el}`,
          );
        });
      });
      const page = await context.newPage();
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      page.on("console", (m) => {
        const t = m.text();
        if (m.type() === "error" && /Content Security Policy|Refused to|CSP violation/i.test(t))
          problems.push(`csp: ${t}`);
      });
      await page.goto(`${base}/console/`);
      await page.getByLabel("登录名").fill(login);
      await page.getByLabel("密码").fill(PASSWORD);
      await page.getByRole("button", { name: /登\s*录/ }).click();
      await page.getByTestId("whoami").waitFor();
      return { context, page };
    },
    async shot(page, name) {
      await page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true, animations: "disabled" });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await app.close();
      await close();
      if (opts.today) setCaseClock(undefined);
    },
  };
}
