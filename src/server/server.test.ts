import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { Client, seedTree, type Tree } from "../../test/server-fixture.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

for (const engine of ENGINES) {
  describe(`server on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    beforeAll(async () => {
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      app = await buildServer({ db, loginRateLimit: { max: 1000, timeWindowMs: 60_000 } });
    });
    afterAll(async () => {
      await app.close();
      await close();
    });

    it("answers /healthz and /readyz, with helmet's headers and a CSP", async () => {
      const h = await app.inject({ method: "GET", url: "/healthz" });
      expect(h.statusCode).toBe(200);
      expect(h.json()).toEqual({ status: "ok" });
      expect(h.headers["content-security-policy"]).toContain("default-src 'self'");
      expect(h.headers["x-content-type-options"]).toBe("nosniff");
      const r = await app.inject({ method: "GET", url: "/readyz" });
      expect(r.statusCode).toBe(200);
    });

    it("serves an OpenAPI 3 document of every route with its request schema", async () => {
      const res = await app.inject({ method: "GET", url: "/api/openapi.json" });
      expect(res.statusCode).toBe(200);
      const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(doc.openapi).toMatch(/^3\./);
      // The foundation's routes; the other route files' tests check their own paths are listed.
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          "/api/agencies",
          "/api/agencies/{id}/reports/{year}",
          "/api/agencies/{id}/reports/{year}/checks",
          "/api/csrf",
          "/api/me",
          "/api/session",
          "/api/users",
          "/healthz",
          "/readyz",
        ]),
      );
      expect(JSON.stringify(doc.paths["/api/session"]?.post)).toContain("password");
    });

    it("answers unknown routes and missing sessions with problem+json", async () => {
      const res = await app.inject({ method: "GET", url: "/api/nope" });
      expect(res.statusCode).toBe(404);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ id: "ROUTE-NOT-FOUND", status: 404, title: "没有这个地址" });
      const me = await app.inject({ method: "GET", url: "/api/me" });
      expect(me.statusCode).toBe(401);
      expect(me.json()).toMatchObject({ id: "AUTH-REQUIRED", type: "urn:gongkai:problem:auth-required" });
    });

    it("logs in with an HttpOnly SameSite=Lax cookie, shows /api/me, logs out", async () => {
      const c = new Client(app);
      const res = await c.login("clerk");
      expect(res.statusCode).toBe(201);
      const set = [res.headers["set-cookie"]].flat().join("\n");
      expect(set).toMatch(/gongkai_session=[^;]+;.*HttpOnly/);
      expect(set).toMatch(/gongkai_session=.*SameSite=Lax/);
      const me = await c.request("GET", "/api/me");
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ login: "clerk", role: "clerk", roleName: "经办人" });
      expect(me.json().agency).toEqual({ id: tree.city, name: "示例市人民政府" });
      expect(JSON.stringify(me.json())).not.toContain("argon2");
      const out = await c.request("DELETE", "/api/session");
      expect(out.statusCode).toBe(204);
      // The token is gone from the database, not only from the browser.
      const again = await app.inject({
        method: "GET",
        url: "/api/me",
        headers: {
          cookie: `gongkai_session=${res.cookies.find((k) => k.name === "gongkai_session")?.value}`,
        },
      });
      expect(again.statusCode).toBe(401);
    });

    it("stores argon2id hashes and sessions only as hashes of their tokens", async () => {
      const u = await db
        .selectFrom("app_user")
        .select("password_hash")
        .where("login", "=", "head")
        .executeTakeFirst();
      expect(u?.password_hash).toMatch(/^\$argon2id\$/);
      const c = new Client(app);
      const res = await c.login("head");
      const token = res.cookies.find((k) => k.name === "gongkai_session")?.value ?? "";
      const rows = await db.selectFrom("app_session").select("id").execute();
      expect(rows.some((r) => r.id === token)).toBe(false);
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
    });

    it("refuses a bad password and an unknown login alike", async () => {
      const bad = await new Client(app).login("reviewer", "wrong password!!");
      const unknown = await new Client(app).login("nobody");
      for (const res of [bad, unknown]) {
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ id: "AUTH-FAILED", detail: "登录名或密码不正确" });
        expect(res.headers["set-cookie"] ?? "").not.toContain("gongkai_session");
      }
    });

    it("refuses a state-changing request without the CSRF token", async () => {
      const c = new Client(app);
      await c.fetchCsrf();
      const res = await c.request("POST", "/api/session", { login: "clerk", password: "x" }, { csrf: false });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ id: "CSRF-INVALID" });
      const forged = await app.inject({
        method: "DELETE",
        url: "/api/session",
        headers: { "x-csrf-token": "forged" },
      });
      expect(forged.statusCode).toBe(403);
    });

    it("refuses logins beyond the rate limit with 429, per client address", async () => {
      const limited = await buildServer({ db, loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
      try {
        const c = new Client(limited);
        const codes: number[] = [];
        for (let i = 0; i < 5; i++) codes.push((await c.login("clerk", "wrong password!!")).statusCode);
        expect(codes).toEqual([401, 401, 401, 429, 429]);
        const last = await c.login("clerk");
        expect(last.statusCode).toBe(429);
        expect(last.json()).toMatchObject({ id: "RATE-LIMITED", status: 429 });
        expect(last.headers["retry-after"]).toBeDefined();
        // Another address is not affected.
        const other = await limited.inject({
          method: "POST",
          url: "/api/session",
          remoteAddress: "10.0.0.2",
          headers: { cookie: c.cookie, "x-csrf-token": c.csrf },
          payload: { login: "clerk", password: "correct horse battery" },
        });
        expect(other.statusCode).toBe(201);
      } finally {
        await limited.close();
      }
    });

    it("validates request bodies and parameters with JSON schemas", async () => {
      const c = new Client(app);
      await c.fetchCsrf();
      const res = await c.request("POST", "/api/session", { login: "clerk" });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ id: "REQUEST-INVALID" });
      expect(res.json().details.join("")).toContain("password");
    });
  });
}
