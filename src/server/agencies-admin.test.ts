/** POST /api/agencies and PATCH /api/agencies/:id: scope, duplicates, cycles, audit, CSRF. */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { send } from "../../test/http.js";
import { seedTree, signedIn, type Tree } from "../../test/server-fixture.js";
import { createAgencyAs } from "../app/agencies-admin.js";
import type { Actor } from "../app/policy.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

for (const engine of ENGINES) {
  describe(`agency administration on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    const as = signedIn(() => app);
    const create = async (login: string, body: object) =>
      (await as(login)).request("POST", "/api/agencies", body);
    const patch = async (login: string, id: number, body: object) =>
      send(await as(login), "PATCH", `/api/agencies/${id}`, body);

    beforeAll(async () => {
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      app = await buildServer({ db, loginRateLimit: { max: 1000, timeWindowMs: 60_000 } });
    });
    afterAll(async () => {
      await app.close();
      await close();
    });

    it("creates an agency below the own agency or one below it, audited, and lists it", async () => {
      const res = await create("admin", { name: "示例市财政局", parentId: tree.city, kind: "department" });
      expect(res.statusCode).toBe(201);
      const made = res.json() as { id: number };
      expect(made).toEqual({
        id: made.id,
        name: "示例市财政局",
        parentId: tree.city,
        kind: "department",
        code: null,
      });
      const sub = await create("supervisor", {
        name: "  东区卫健委 ",
        parentId: tree.district,
        kind: "department",
      });
      expect(sub.statusCode).toBe(201);
      expect(sub.json().name).toBe("东区卫健委");
      const ids = (
        (await (await as("admin")).request("GET", "/api/agencies")).json().items as { id: number }[]
      ).map((a) => a.id);
      expect(ids).toContain(made.id);
      expect(ids).toContain(sub.json().id);
      const audit = await db
        .selectFrom("audit")
        .select(["actor", "after"])
        .where("action", "=", "agency.create")
        .where("entity_id", "=", String(made.id))
        .executeTakeFirstOrThrow();
      expect(audit).toEqual({
        actor: "admin",
        after: { name: "示例市财政局", parentId: tree.city, kind: "department" },
      });
    });

    it("refuses outside the subtree (404), for staff (403 own, 404 below), and without CSRF (403)", async () => {
      const body = (parentId: number) => ({ name: "越权局", parentId, kind: "department" });
      const cases: [string, number, number][] = [
        ["admin", tree.province, 404],
        ["admin", tree.otherCity, 404],
        ["supervisor", tree.otherCity, 404],
        ["admin", 2_000_000, 404],
        ["clerk", tree.city, 403],
        ["head", tree.city, 403],
        ["reviewer", tree.district, 404],
      ];
      for (const [login, parentId, status] of cases) {
        const res = await create(login, body(parentId));
        expect(res.statusCode, `${login} → ${parentId}`).toBe(status);
        expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      }
      const noCsrf = await (await as("admin")).request("POST", "/api/agencies", body(tree.city), {
        csrf: false,
      });
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json()).toMatchObject({ id: "CSRF-INVALID" });
      expect(await db.selectFrom("agency").select("id").where("name", "=", "越权局").execute()).toEqual([]);
    });

    it("refuses a duplicate name under the same parent and elsewhere (names are unique); bad input in Chinese", async () => {
      const dup = await create("admin", {
        name: "示例市东区人民政府",
        parentId: tree.city,
        kind: "district",
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({
        id: "AGENCY-EXISTS",
        detail: "“示例市人民政府”下已有名为“示例市东区人民政府”的机关",
      });
      const elsewhere = await create("admin", {
        name: "示例市东区人民政府",
        parentId: tree.district,
        kind: "office",
      });
      expect(elsewhere.statusCode).toBe(409);
      expect(elsewhere.json().detail).toMatch(/^已有名为“示例市东区人民政府”的机关（机关名称在全系统唯一/);
      const blank = await create("admin", { name: "   ", parentId: tree.city, kind: "department" });
      expect(blank.statusCode).toBe(400);
      expect(blank.json()).toMatchObject({
        id: "AGENCY-INVALID",
        details: ["机关名称不能为空，且不超过 100 个字符"],
      });
      const kind = await create("admin", { name: "某局", parentId: tree.city, kind: "ministry" });
      expect(kind.statusCode).toBe(400);
      expect(kind.json()).toMatchObject({ id: "REQUEST-INVALID" });
      const newline = await create("admin", { name: "某\n局", parentId: tree.city, kind: "department" });
      expect(newline.json()).toMatchObject({ id: "AGENCY-INVALID" });
    });

    it("one of two concurrent creations of the same name wins, the other is AGENCY-EXISTS", async () => {
      const actor: Actor = {
        userId: 0,
        login: "test",
        name: "test",
        role: "admin",
        agencyId: tree.city,
        below: new Set([tree.district, tree.department]),
      };
      const make = () =>
        createAgencyAs(db, actor, { name: "双胞局", parentId: tree.department, kind: "department" });
      const results = await Promise.allSettled([make(), make()]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
        id: "AGENCY-EXISTS",
      });
    });

    it("renames and re-kinds, audited; refuses a sibling's name; a supervisor does not rename its own agency", async () => {
      const res = await patch("supervisor", tree.department, {
        name: "示例市东区教育和体育局",
        kind: "office",
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id: tree.department,
        name: "示例市东区教育和体育局",
        kind: "office",
        parentId: tree.district,
      });
      const audit = await db
        .selectFrom("audit")
        .select(["before", "after"])
        .where("action", "=", "agency.update")
        .where("entity_id", "=", String(tree.department))
        .executeTakeFirstOrThrow();
      expect(audit).toEqual({
        before: { name: "示例市东区教育局", kind: "department", parentId: tree.district },
        after: { name: "示例市东区教育和体育局", kind: "office", parentId: tree.district },
      });
      const sibling = await patch("admin", tree.department, { name: "东区卫健委" });
      expect(sibling.statusCode).toBe(409);
      expect(sibling.json()).toMatchObject({ id: "AGENCY-EXISTS" });
      expect((await patch("supervisor", tree.city, { name: "改名" })).statusCode).toBe(403);
      expect((await patch("admin", tree.city, { name: "示例市人民政府" })).statusCode).toBe(200);
      expect((await patch("admin", tree.otherCity, { name: "改名" })).statusCode).toBe(404);
      expect((await patch("clerk", tree.city, { name: "改名" })).statusCode).toBe(403);
      expect((await patch("admin", tree.district, {})).statusCode).toBe(400);
    });

    it("moves within the subtree, refusing a cycle, the own agency and a parent outside", async () => {
      const finance = (
        await db
          .selectFrom("agency")
          .select("id")
          .where("name", "=", "示例市财政局")
          .executeTakeFirstOrThrow()
      ).id;
      const moved = await patch("admin", finance, { parentId: tree.district });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ parentId: tree.district });
      for (const parentId of [tree.district, tree.department]) {
        const cycle = await patch("admin", tree.district, { parentId });
        expect(cycle.statusCode).toBe(409);
        expect(cycle.json()).toMatchObject({ id: "AGENCY-CYCLE" });
      }
      expect((await patch("admin", tree.city, { parentId: tree.district })).statusCode).toBe(403);
      expect((await patch("admin", finance, { parentId: tree.otherCity })).statusCode).toBe(404);
      const row = await db
        .selectFrom("agency")
        .select("parent_id")
        .where("id", "=", tree.district)
        .executeTakeFirstOrThrow();
      expect(row.parent_id).toBe(tree.city);
    });
  });
}
