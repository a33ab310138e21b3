import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { Client, seedTree } from "../../test/server-fixture.js";
import { deleteExpiredSessions } from "../store/accounts.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

for (const engine of ENGINES) {
  describe(`sessions on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    beforeAll(async () => {
      ({ db, close } = await engine.open());
      await seedTree(db);
      app = await buildServer({ db });
    });
    afterAll(async () => {
      await app.close();
      await close();
    });

    it("ends at its expiry (by the database's clock), and expired rows can be removed", async () => {
      const c = new Client(app);
      await c.login("reviewer");
      expect((await c.request("GET", "/api/me")).statusCode).toBe(200);
      await db
        .updateTable("app_session")
        .set({ expires_at: sql<Date>`now() - interval '1 minute'` })
        .where("user_id", "=", db.selectFrom("app_user").select("id").where("login", "=", "reviewer"))
        .execute();
      const res = await c.request("GET", "/api/me");
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ id: "AUTH-REQUIRED" });
      expect(await deleteExpiredSessions(db)).toBeGreaterThanOrEqual(1);
    });

    it("ends when the user is disabled, and a disabled user cannot log in", async () => {
      const c = new Client(app);
      await c.login("head");
      await db.updateTable("app_user").set({ disabled: true }).where("login", "=", "head").execute();
      expect((await c.request("GET", "/api/me")).statusCode).toBe(401);
      const again = await new Client(app).login("head");
      expect(again.statusCode).toBe(401);
      expect(again.json()).toMatchObject({ id: "AUTH-FAILED" });
    });

    it("records logins in the audit trail without secrets", async () => {
      await new Client(app).login("clerk");
      const rows = await db.selectFrom("audit").selectAll().where("action", "=", "session.create").execute();
      expect(rows.some((r) => r.actor === "clerk")).toBe(true);
      expect(JSON.stringify(rows)).not.toMatch(/password|argon2|token/i);
    });

    it("refuses a form-encoded login (415) and an oversized body (413) as problems", async () => {
      const c = new Client(app);
      await c.fetchCsrf();
      const form = await app.inject({
        method: "POST",
        url: "/api/session",
        headers: {
          cookie: c.cookie,
          "x-csrf-token": c.csrf,
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: "login=clerk&password=x",
      });
      expect(form.statusCode).toBe(415);
      expect(form.json()).toMatchObject({ id: "MEDIA-TYPE-UNSUPPORTED" });
      const big = await c.request("POST", "/api/session", {
        login: "clerk",
        password: "x".repeat(2 * 1024 * 1024),
      });
      expect(big.statusCode).toBe(413);
      expect(big.json()).toMatchObject({ id: "BODY-TOO-LARGE" });
    });
  });
}
