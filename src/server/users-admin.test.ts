/** GET /api/users and PATCH /api/users/:id: visibility, filters, changes, lockout refusals, audit. */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { send } from "../../test/http.js";
import { Client, PASSWORD, seedTree, signedIn, type Tree } from "../../test/server-fixture.js";
import { createUser, updateUserAs } from "../app/accounts.js";
import type { Actor } from "../app/policy.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

interface Item {
  id: number;
  login: string;
  name: string;
  role: string;
  agencyId: number;
  agencyName: string;
  active: boolean;
}

for (const engine of ENGINES) {
  describe(`user administration on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    const as = signedIn(() => app);
    const idOf = async (login: string) =>
      (await db.selectFrom("app_user").select("id").where("login", "=", login).executeTakeFirstOrThrow()).id;
    const list = async (login: string, qs = "") => {
      const res = await (await as(login)).request("GET", `/api/users${qs}`);
      return res;
    };
    const logins = async (login: string, qs = "") =>
      ((await list(login, qs)).json().items as Item[]).map((u) => u.login);

    beforeAll(async () => {
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      app = await buildServer({ db, loginRateLimit: { max: 1000, timeWindowMs: 60_000 } });
      const add = (agencyId: number, login: string, role: "clerk" | "head" | "admin", name = login) =>
        createUser(db, "test", { agencyId, login, name, role, password: PASSWORD });
      await add(tree.district, "d-clerk", "clerk", "东区经办人");
      await add(tree.district, "d-head", "head", "东区负责人");
      await add(tree.department, "e-clerk", "clerk", "教育局经办人");
      await add(tree.otherCity, "o-clerk", "clerk", "另一市经办人");
      await add(tree.district, "d-admin", "admin", "东区管理员");
    });
    afterAll(async () => {
      await app.close();
      await close();
    });

    it("lists the own agency's users to staff, the subtree's to administrators and the supervising office", async () => {
      const city = ["clerk", "reviewer", "head", "supervisor", "admin"];
      expect(await logins("clerk")).toEqual(city);
      expect(await logins("head", `?agencyId=${tree.city}`)).toEqual(city);
      const subtree = [...city, "d-clerk", "d-head", "d-admin", "e-clerk"];
      expect(await logins("admin")).toEqual(subtree);
      expect(await logins("supervisor")).toEqual(subtree);
      expect(await logins("d-clerk")).toEqual(["d-clerk", "d-head", "d-admin"]);
      const res = await list("admin", `?agencyId=${tree.district}`);
      expect(res.json()).toEqual({
        items: [
          {
            id: await idOf("d-clerk"),
            login: "d-clerk",
            name: "东区经办人",
            role: "clerk",
            agencyId: tree.district,
            agencyName: "示例市东区人民政府",
            active: true,
          },
          expect.objectContaining({ login: "d-head" }),
          expect.objectContaining({ login: "d-admin" }),
        ],
        total: 3,
        page: 1,
        pageSize: 50,
      });
      expect(res.body).not.toMatch(/argon2|password/i);
    });

    it("answers 404 for a named agency outside the actor's reach, the same as for none at all", async () => {
      const bodies = new Set<string>();
      for (const [login, agency] of [
        ["clerk", tree.district],
        ["head", tree.province],
        ["supervisor", tree.otherCity],
        ["admin", tree.province],
        ["admin", 2_000_000],
      ] as const) {
        const res = await list(login, `?agencyId=${agency}`);
        expect(res.statusCode, `${login} → ${agency}`).toBe(404);
        expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
        bodies.add(res.body);
      }
      expect(bodies.size).toBe(1);
    });

    it("filters by role and by text, pages, and refuses bad parameters in Chinese", async () => {
      expect(await logins("admin", "?role=clerk")).toEqual(["clerk", "d-clerk", "e-clerk"]);
      expect(await logins("admin", `?q=${encodeURIComponent("东区")}`)).toEqual([
        "d-clerk",
        "d-head",
        "d-admin",
      ]);
      expect(await logins("admin", "?q=D-C")).toEqual(["d-clerk"]);
      // Literal text: a LIKE wildcard matches nothing.
      expect(await logins("admin", "?q=%25")).toEqual([]);
      const p2 = (await list("admin", "?pageSize=3&page=2")).json();
      expect(p2).toMatchObject({ total: 9, page: 2, pageSize: 3 });
      expect((p2.items as Item[]).map((u) => u.login)).toEqual(["supervisor", "admin", "d-clerk"]);
      for (const qs of ["?role=root", "?pageSize=0", "?pageSize=201", "?page=0", "?agencyId=abc"]) {
        const res = await list("admin", qs);
        expect(res.statusCode, qs).toBe(400);
        expect(res.json()).toMatchObject({ id: "REQUEST-INVALID" });
      }
      expect((await app.inject({ method: "GET", url: "/api/users" })).statusCode).toBe(401);
    });

    it("changes a name and a role, audited, for an administrator of the user's subtree", async () => {
      const id = await idOf("d-clerk");
      const res = await send(await as("admin"), "PATCH", `/api/users/${id}`, {
        name: "东区审核人",
        role: "reviewer",
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ user: { id, name: "东区审核人", role: "reviewer", active: true } });
      const row = await db
        .selectFrom("audit")
        .select(["actor", "action", "before", "after"])
        .where("entity", "=", "app_user")
        .where("entity_id", "=", String(id))
        .where("action", "=", "user.update")
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        actor: "admin",
        before: { name: "东区经办人", role: "clerk", active: true },
        after: { name: "东区审核人", role: "reviewer", active: true },
      });
      // Back, so the other tests see the fixture as it was.
      await send(await as("admin"), "PATCH", `/api/users/${id}`, { name: "东区经办人", role: "clerk" });
    });

    it("deactivating ends the user's sessions and refuses its login; reactivating lets it in again", async () => {
      const c = await as("e-clerk");
      expect((await c.request("GET", "/api/users")).statusCode).toBe(200);
      const id = await idOf("e-clerk");
      const off = await send(await as("supervisor"), "PATCH", `/api/users/${id}`, { active: false });
      expect(off.statusCode).toBe(200);
      expect(off.json()).toMatchObject({ user: { active: false }, sessionsEnded: 1 });
      expect((await c.request("GET", "/api/users")).statusCode).toBe(401);
      expect((await new Client(app).login("e-clerk")).statusCode).toBe(401);
      expect(await logins("admin", `?agencyId=${tree.department}`)).toEqual(["e-clerk"]);
      const on = await send(await as("supervisor"), "PATCH", `/api/users/${id}`, { active: true });
      expect(on.json()).toMatchObject({ user: { active: true }, sessionsEnded: 0 });
      expect((await new Client(app).login("e-clerk")).statusCode).toBe(201);
      as.forget("e-clerk");
    });

    it("resets a password (argon2id), ending the user's sessions; the old password no longer works", async () => {
      const c = await as("d-head");
      const id = await idOf("d-head");
      const res = await send(await as("admin"), "PATCH", `/api/users/${id}`, {
        password: "a brand new secret",
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().sessionsEnded).toBe(1);
      expect((await c.request("GET", "/api/users")).statusCode).toBe(401);
      expect((await new Client(app).login("d-head")).statusCode).toBe(401);
      expect((await new Client(app).login("d-head", "a brand new secret")).statusCode).toBe(201);
      const hash = await db
        .selectFrom("app_user")
        .select("password_hash")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(hash.password_hash).toMatch(/^\$argon2id\$/);
      const audit = await db
        .selectFrom("audit")
        .select("after")
        .where("entity_id", "=", String(id))
        .where("action", "=", "user.update")
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(audit.after)).not.toContain("brand new");
      expect(audit.after).toMatchObject({ password: "reset" });
      const short = await send(await as("admin"), "PATCH", `/api/users/${id}`, { password: "short" });
      expect(short.statusCode).toBe(400);
      expect(short.json()).toMatchObject({ id: "USER-INVALID" });
      as.forget("d-head");
    });

    it("refuses: outside the subtree 404, staff 403 (own) / 404 (below), a supervisor on 系统管理员 accounts 403", async () => {
      const other = await idOf("o-clerk");
      const dClerk = await idOf("d-clerk");
      const cityClerk = await idOf("clerk");
      const dAdmin = await idOf("d-admin");
      const cases: [string, number, object, number][] = [
        ["admin", other, { name: "x" }, 404],
        ["supervisor", other, { name: "x" }, 404],
        ["admin", 2_000_000, { name: "x" }, 404],
        ["head", cityClerk, { name: "x" }, 403],
        ["head", dClerk, { name: "x" }, 404],
        ["clerk", cityClerk, { active: false }, 403],
        ["supervisor", dAdmin, { name: "x" }, 403],
        ["supervisor", dClerk, { role: "admin" }, 403],
      ];
      for (const [login, id, body, status] of cases) {
        const res = await send(await as(login), "PATCH", `/api/users/${id}`, body);
        expect(res.statusCode, `${login} → ${id} ${JSON.stringify(body)}`).toBe(status);
        expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      }
      const bad = await send(await as("admin"), "PATCH", `/api/users/${dClerk}`, {});
      expect(bad.statusCode).toBe(400);
      const noCsrf = await send(
        await as("admin"),
        "PATCH",
        `/api/users/${dClerk}`,
        { name: "x" },
        { csrf: false },
      );
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json()).toMatchObject({ id: "CSRF-INVALID" });
      const names = await db.selectFrom("app_user").select("name").where("name", "=", "x").execute();
      expect(names).toEqual([]);
    });

    it("nobody deactivates or demotes their own account; the last enabled 系统管理员 stays one", async () => {
      const admin = await as("admin");
      const self = await idOf("admin");
      for (const body of [{ active: false }, { role: "supervisor" }]) {
        const res = await send(admin, "PATCH", `/api/users/${self}`, body);
        expect(res.statusCode).toBe(409);
        expect(res.json()).toMatchObject({ id: "USER-LOCKOUT" });
        expect(res.json().detail).toMatch(/自己/);
      }
      // Its own name and password: allowed, and its session stays.
      expect((await send(admin, "PATCH", `/api/users/${self}`, { name: "城市管理员" })).statusCode).toBe(200);
      expect(
        (await send(admin, "PATCH", `/api/users/${self}`, { password: "my own new secret" })).json(),
      ).toMatchObject({ sessionsEnded: 0 });
      expect((await send(admin, "GET", "/api/users")).statusCode).toBe(200);
      // Two enabled administrators (city, district) deactivate each other at the same moment: the admin
      // rows are locked, so the second sees the first's change and is refused — one administrator stays.
      const dAdmin = await idOf("d-admin");
      const actorOf = (userId: number, login: string, agencyId: number, below: number[]): Actor => ({
        userId,
        login,
        name: login,
        role: "admin",
        agencyId,
        below: new Set(below),
      });
      const city = actorOf(self, "admin", tree.city, [tree.district, tree.department]);
      const district = actorOf(dAdmin, "d-admin", tree.district, [tree.department]);
      // The district administrator reaches the city one only in this test (as if it sat above it).
      const districtAbove = { ...district, below: new Set([...district.below, tree.city]) };
      const results = await Promise.allSettled([
        updateUserAs(db, city, dAdmin, { active: false }),
        updateUserAs(db, districtAbove, self, { active: false }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ id: "USER-LOCKOUT" });
      expect(String(refused.reason.message)).toMatch(/最后一个启用的系统管理员/);
      const enabled = await db
        .selectFrom("app_user")
        .select("id")
        .where("role", "=", "admin")
        .where("disabled", "=", false)
        .execute();
      expect(enabled).toHaveLength(1);
      // Back to both enabled, for the tests after this one.
      await db.updateTable("app_user").set({ disabled: false }).where("id", "in", [self, dAdmin]).execute();
      as.forget("admin");
    });
  });
}
