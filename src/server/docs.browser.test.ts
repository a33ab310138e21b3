/**
 * /api/docs in real Chromium (Debian's, via playwright-core) over a real server: Swagger UI renders
 * the operations under the server's strict CSP, with no CSP violation reported.
 */
import type { FastifyInstance } from "fastify";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, chromiumPath } from "../render/pdf.js";
import { type Db, openDatabase } from "../store/db.js";
import { buildServer } from "./app.js";

describe("/api/docs in Chromium", () => {
  let db: Db;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: "memory://" });
    app = await buildServer({ db });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await app.close();
    await db.destroy();
  });

  it("renders every tag's operations with no CSP violation", async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.exposeFunction("reportViolation", (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) =>
        (window as unknown as { reportViolation(v: string): void }).reportViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      );
    });
    await page.goto(`${base}/api/docs`);
    await page.waitForSelector(".opblock", { timeout: 30_000 });
    const paths = await page.$$eval(".opblock-summary-path", (els) => els.map((e) => e.textContent ?? ""));
    expect(paths.some((p) => p.includes("/api/agencies/{id}/reports/{year}/transitions"))).toBe(true);
    expect(paths.some((p) => p.includes("/api/ingest"))).toBe(true);
    expect(violations).toEqual([]);
    await page.close();
  });
});
