import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { Client, seedTree, type Tree } from "../../test/server-fixture.js";
import { createUser } from "../app/accounts.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

for (const engine of ENGINES) {
  describe(`POST /api/users on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    let admin: Client;
    const user = (agencyId: number, login: string, extra: object = {}) => ({
      agencyId,
      login,
      name: "李四",
      role: "clerk",
      password: "another long secret",
      ...extra,
    });
    beforeAll(async () => {
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      app = await buildServer({ db });
      admin = new Client(app);
      await admin.login("admin");
    });
    afterAll(async () => {
      await app.close();
      await close();
    });

    it("lets an administrator create a user below its agency, who then sees only that agency", async () => {
      const res = await admin.request("POST", "/api/users", user(tree.district, "district-clerk"));
      expect(res.statusCode).toBe(201);
      const c = new Client(app);
      expect((await c.login("district-clerk", "another long secret")).statusCode).toBe(201);
      const items = (await c.request("GET", "/api/agencies")).json().items as { id: number }[];
      expect(items.map((a) => a.id)).toEqual([tree.district]);
      expect((await c.request("GET", `/api/agencies/${tree.city}/reports/2025`)).statusCode).toBe(404);
      expect((await c.request("GET", `/api/agencies/${tree.district}/reports/2025`)).statusCode).toBe(200);
    });

    it("answers 404 outside the subtree, 403 to staff and to a 公开办管理员 creating a 系统管理员", async () => {
      expect((await admin.request("POST", "/api/users", user(tree.otherCity, "x1"))).statusCode).toBe(404);
      expect((await admin.request("POST", "/api/users", user(2_000_000, "x2"))).statusCode).toBe(404);
      const supervisor = new Client(app);
      await supervisor.login("supervisor");
      // A 公开办管理员 manages its subtree's staff, but creates no 系统管理员.
      const res = await supervisor.request(
        "POST",
        "/api/users",
        user(tree.district, "x3", { role: "admin" }),
      );
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ id: "FORBIDDEN" });
      expect((await supervisor.request("POST", "/api/users", user(tree.otherCity, "x6"))).statusCode).toBe(
        404,
      );
      const clerk = new Client(app);
      await clerk.login("clerk");
      expect((await clerk.request("POST", "/api/users", user(tree.city, "x4"))).statusCode).toBe(403);
      expect((await clerk.request("POST", "/api/users", user(tree.district, "x5"))).statusCode).toBe(404);
      const n = await db.selectFrom("app_user").select("login").where("login", "like", "x%").execute();
      expect(n).toEqual([]);
    });

    it("refuses bad input, a taken login and a missing CSRF token", async () => {
      const short = await admin.request("POST", "/api/users", user(tree.city, "y1", { password: "short" }));
      expect(short.statusCode).toBe(400);
      expect(short.json()).toMatchObject({ id: "USER-INVALID" });
      const role = await admin.request("POST", "/api/users", user(tree.city, "y2", { role: "root" }));
      expect(role.statusCode).toBe(400);
      expect(role.json()).toMatchObject({ id: "REQUEST-INVALID" });
      const taken = await admin.request("POST", "/api/users", user(tree.city, "clerk"));
      expect(taken.statusCode).toBe(409);
      expect(taken.json()).toMatchObject({ id: "USER-EXISTS" });
      const noCsrf = await admin.request("POST", "/api/users", user(tree.city, "y3"), { csrf: false });
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json()).toMatchObject({ id: "CSRF-INVALID" });
    });
  });
}

for (const engine of ENGINES) {
  describe(`concurrent user creation on ${engine.name}`, () => {
    it("turns a unique violation into USER-EXISTS, not an internal error", async () => {
      const { db, close } = await engine.open();
      try {
        const tree = await seedTree(db);
        const make = () =>
          createUser(db, "test", {
            agencyId: tree.city,
            login: "twin",
            name: "双",
            role: "clerk",
            password: "a long secret!",
          });
        const results = await Promise.allSettled([make(), make()]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
        expect(failed.reason).toMatchObject({ id: "USER-EXISTS" });
      } finally {
        await close();
      }
    });
  });
}
