import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

for (const engine of ENGINES)
  describe(`unknown addresses (${engine.name})`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    beforeAll(async () => {
      ({ db, close } = await engine.open());
      app = await buildServer({ db });
    });
    afterAll(async () => {
      await app.close();
      await close();
    });

    it("a portal address the site does not have is a Chinese HTML page in the portal layout", async () => {
      const res = await app.inject({ method: "GET", url: `/no/such/${encodeURIComponent("<页面>")}?q=1` });
      expect(res.statusCode).toBe(404);
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
      expect(res.body).toContain('<html lang="zh-CN">');
      expect(res.body).toContain("<h1>没有找到这个页面</h1>");
      expect(res.body).toContain("/no/such/&lt;页面&gt;"); // the path, decoded and escaped
      expect(res.body).not.toContain("<页面>");
      expect(res.body).toContain('<a href="/">返回首页</a>');
      expect(res.body).toContain('<a href="/search">全文检索</a>');
      expect(res.body).toContain('<nav aria-label="主导航">');
    });

    it("under /api it stays problem+json", async () => {
      for (const url of ["/api/nope", "/api"]) {
        const res = await app.inject({ method: "GET", url });
        expect(res.statusCode).toBe(404);
        expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ id: "ROUTE-NOT-FOUND", status: 404, title: "没有这个地址" });
      }
      const post = await app.inject({ method: "POST", url: "/api/nothing-here", payload: {} });
      expect(post.headers["content-type"]).toMatch(/^application\/problem\+json/);
    });
  });
