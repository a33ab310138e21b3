/**
 * The HTTP authorization matrix of the register, report, supervision, ingest, user and agency
 * administration routes: every role ×
 * every route × own / subtree / other / missing agency answers what the policy decides — 2xx when
 * allowed, 403 for a visible agency, 404 (the same body) for an unseen or missing one. Also: CSRF
 * refusal on every state-changing route.
 */
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { send, upload } from "../../test/http.js";
import { Client, seedTree, signedIn, type Tree } from "../../test/server-fixture.js";
import { type Action, type Actor, decide, ROLES } from "../app/policy.js";
import { reportToJsonObject } from "../domain/report/json.js";
import { blankReport } from "../domain/report/model.js";
import type { Db } from "../store/db.js";
import { insertSnapshot } from "../store/reports.js";
import { buildServer } from "./app.js";

const YEAR = 2024;
const MISSING = 2_000_000;
let serial = 0;

interface Route {
  name: string;
  action: Action;
  /** Status when allowed. */
  ok: number;
  call(
    c: Client,
    agency: number,
    ctx: {
      docId(agency: number): number;
      name(agency: number): string;
      /** A new 经办人 of the agency (MISSING for a missing agency). */
      freshUser(agency: number): Promise<number>;
    },
  ): Promise<LightMyRequestResponse>;
}

const csv = (name: string) => `机关,年度,行政许可\n${name},${YEAR},1\n`;
const docCsv = (name: string) => `机关,类别,标题,印发日期\n${name},规章,导入的规章,2020-01-01\n`;

/** Every agency-scoped route, with the policy action it must enforce. */
const ROUTES: Route[] = [
  {
    name: "GET register-documents",
    action: "report.read",
    ok: 200,
    call: (c, a) => send(c, "GET", `/api/agencies/${a}/register-documents`),
  },
  {
    name: "POST register-documents",
    action: "register.edit",
    ok: 201,
    call: (c, a) =>
      send(c, "POST", `/api/agencies/${a}/register-documents`, {
        kind: "regulation",
        title: "新规章",
        issued: "2024-01-01",
      }),
  },
  {
    name: "PATCH register-documents/:docId",
    action: "register.edit",
    ok: 200,
    call: (c, a, x) =>
      send(c, "PATCH", `/api/agencies/${a}/register-documents/${x.docId(a)}`, { title: "改名" }),
  },
  {
    name: "GET figures",
    action: "report.read",
    ok: 200,
    call: (c, a) => send(c, "GET", `/api/agencies/${a}/figures/${YEAR}`),
  },
  {
    name: "PUT figures",
    action: "register.edit",
    ok: 200,
    call: (c, a) =>
      send(c, "PUT", `/api/agencies/${a}/figures/${YEAR}`, {
        licensing: 1,
        penalty: 2,
        coercion: 3,
        fees10kYuan: "0",
      }),
  },
  {
    name: "POST figures/import",
    action: "register.edit",
    ok: 200,
    call: (c, a, x) =>
      upload(c, `/api/agencies/${a}/figures/import`, [{ filename: "f.csv", content: csv(x.name(a)) }]),
  },
  {
    name: "POST register-documents/import",
    action: "register.edit",
    ok: 200,
    call: (c, a, x) =>
      upload(c, `/api/agencies/${a}/register-documents/import`, [
        { filename: "d.csv", content: docCsv(x.name(a)) },
      ]),
  },
  {
    name: "GET draft",
    action: "report.read",
    ok: 200,
    call: (c, a) => send(c, "GET", `/api/agencies/${a}/reports/${YEAR}/draft`),
  },
  {
    name: "PUT draft",
    action: "report.draft",
    ok: 200,
    call: (c, a) =>
      send(c, "PUT", `/api/agencies/${a}/reports/${YEAR}/draft`, { sections: { overview: "总体情况" } }),
  },
  {
    name: "GET comments",
    action: "report.read",
    ok: 200,
    call: (c, a) => send(c, "GET", `/api/agencies/${a}/reports/${YEAR}/comments`),
  },
  {
    name: "GET published",
    action: "report.read",
    ok: 200,
    call: (c, a) => send(c, "GET", `/api/agencies/${a}/reports/${YEAR}/published`),
  },
  {
    name: "GET render",
    action: "report.read",
    ok: 200,
    call: (c, a) => send(c, "GET", `/api/agencies/${a}/reports/${YEAR}/render?format=md`),
  },
  {
    name: "GET cell sources",
    action: "case.read",
    ok: 200,
    call: (c, a) =>
      send(
        c,
        "GET",
        `/api/agencies/${a}/reports/${YEAR}/cells/${encodeURIComponent("applications.new_received[6]")}/sources`,
      ),
  },
  {
    name: "GET users",
    action: "user.read",
    ok: 200,
    call: (c, a) => send(c, "GET", `/api/users?agencyId=${a}`),
  },
  {
    name: "POST users (经办人)",
    action: "user.manage",
    ok: 201,
    call: (c, a) =>
      send(c, "POST", "/api/users", {
        agencyId: a,
        login: `m-${++serial}`,
        name: "矩阵用户",
        role: "clerk",
        password: "a long matrix secret",
      }),
  },
  {
    name: "POST users (系统管理员)",
    action: "user.manage.admin",
    ok: 201,
    call: (c, a) =>
      send(c, "POST", "/api/users", {
        agencyId: a,
        login: `m-${++serial}`,
        name: "矩阵管理员",
        role: "admin",
        password: "a long matrix secret",
      }),
  },
  {
    name: "PATCH users/:id (name, active)",
    action: "user.manage",
    ok: 200,
    call: async (c, a, x) =>
      send(c, "PATCH", `/api/users/${await x.freshUser(a)}`, { name: "改名", active: false }),
  },
  {
    name: "PATCH users/:id (password)",
    action: "user.manage",
    ok: 200,
    call: async (c, a, x) =>
      send(c, "PATCH", `/api/users/${await x.freshUser(a)}`, { password: "another long secret" }),
  },
  {
    name: "PATCH users/:id (role 系统管理员)",
    action: "user.manage.admin",
    ok: 200,
    call: async (c, a, x) => send(c, "PATCH", `/api/users/${await x.freshUser(a)}`, { role: "admin" }),
  },
  {
    name: "POST agencies",
    action: "agency.create",
    ok: 201,
    call: (c, a) =>
      send(c, "POST", "/api/agencies", { name: `矩阵机关${++serial}`, parentId: a, kind: "department" }),
  },
  {
    name: "PATCH agencies/:id",
    action: "agency.edit",
    ok: 200,
    // The same name (the other routes find agencies by name), a real change of kind.
    call: (c, a, x) =>
      send(c, "PATCH", `/api/agencies/${a}`, { name: x.name(a), kind: a % 2 ? "office" : "department" }),
  },
  // Last: the submission moves the draft on (allowed once, for the 经办人 of the agency).
  {
    name: "POST transitions submit",
    action: "report.draft",
    ok: 200,
    call: (c, a) => send(c, "POST", `/api/agencies/${a}/reports/${YEAR}/transitions`, { action: "submit" }),
  },
];

for (const engine of ENGINES) {
  describe(`authorization of register/report/supervision/ingest routes on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    const actors = new Map<string, Actor>();
    const docs = new Map<number, number>();
    const names = new Map<number, string>();
    const as = signedIn(() => app);
    beforeAll(async () => {
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      app = await buildServer({ db });
      for (const a of await db.selectFrom("agency").select(["id", "name"]).execute()) {
        names.set(a.id, a.name);
        const doc = await db
          .insertInto("register_document")
          .values({ agency_id: a.id, kind: "regulation", title: "旧规章", issued: "2019-01-01" })
          .returning("id")
          .executeTakeFirstOrThrow();
        docs.set(a.id, doc.id);
        const report = blankReport("2021", YEAR, a.name);
        await db
          .transaction()
          .execute((tx) => insertSnapshot(tx, a.id, report, reportToJsonObject(report), new Date(), "head"));
      }
      const below = new Set([tree.district, tree.department]);
      for (const role of ROLES)
        actors.set(role, { userId: 0, login: role, name: role, role, agencyId: tree.city, below });
    });
    afterAll(async () => {
      await app.close();
      await close();
    });

    it("answers every role × route × own/subtree/other/missing agency as the policy decides", async () => {
      const seen = new Map<string, string>();
      const x = {
        docId: (a: number) => docs.get(a) ?? 1,
        name: (a: number) => names.get(a) ?? "无",
        freshUser: async (a: number) =>
          a === MISSING
            ? MISSING
            : (
                await db
                  .insertInto("app_user")
                  .values({
                    agency_id: a,
                    login: `f-${++serial}`,
                    name: "矩阵经办人",
                    role: "clerk",
                    password_hash: "x",
                  })
                  .returning("id")
                  .executeTakeFirstOrThrow()
              ).id,
      };
      const failures: string[] = [];
      for (const route of ROUTES)
        for (const role of ROLES)
          for (const [rel, agency] of [
            ["own", tree.city],
            ["subtree", tree.district],
            ["other", tree.otherCity],
            ["missing", MISSING],
          ] as const) {
            const res = await route.call(await as(role), agency, x);
            const decision =
              agency === MISSING ? "not-found" : decide(actors.get(role)!, route.action, agency);
            const want = decision === "allow" ? route.ok : decision === "forbidden" ? 403 : 404;
            if (res.statusCode !== want)
              failures.push(
                `${route.name} ${role} ${rel}: ${res.statusCode} ≠ ${want} ${res.body.slice(0, 160)}`,
              );
            if (want >= 400) {
              expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
              if (want === 404) seen.set(`${route.name}`, res.body);
            }
          }
      expect(failures).toEqual([]);
      // Unseen and missing agencies answer the same body: existence is never revealed.
      expect(new Set(seen.values()).size).toBe(1);
    });

    it("lets only the supervising office read supervision and run ingest", async () => {
      for (const role of ROLES) {
        const allowed = role === "supervisor";
        expect((await send(await as(role), "GET", `/api/supervision/${YEAR}`)).statusCode, role).toBe(
          allowed ? 200 : 403,
        );
        expect((await send(await as(role), "GET", `/api/supervision/${YEAR}/aggregate`)).statusCode).toBe(
          allowed ? 200 : 403,
        );
        const res = await upload(await as(role), "/api/ingest", [
          { filename: "r.txt", content: "一、总体情况\n" },
        ]);
        expect(res.statusCode, role).toBe(allowed ? 200 : 403);
      }
      const anonymous = new Client(app);
      await anonymous.fetchCsrf();
      expect((await send(anonymous, "GET", `/api/supervision/${YEAR}`)).statusCode).toBe(401);
      expect((await send(anonymous, "GET", `/api/agencies/${tree.city}/register-documents`)).statusCode).toBe(
        401,
      );
    });

    it("refuses every state-changing route without the CSRF token", async () => {
      const c = await as("clerk");
      const city = tree.city;
      const calls = [
        send(
          c,
          "POST",
          `/api/agencies/${city}/register-documents`,
          { kind: "regulation", title: "x", issued: "2024-01-01" },
          { csrf: false },
        ),
        send(
          c,
          "PATCH",
          `/api/agencies/${city}/register-documents/${docs.get(city)}`,
          { title: "x" },
          { csrf: false },
        ),
        send(
          c,
          "PUT",
          `/api/agencies/${city}/figures/${YEAR}`,
          { licensing: 777, penalty: 1, coercion: 1, fees10kYuan: null },
          { csrf: false },
        ),
        upload(
          c,
          `/api/agencies/${city}/figures/import`,
          [{ filename: "f.csv", content: csv("示例市人民政府") }],
          {},
          { csrf: false },
        ),
        upload(
          c,
          `/api/agencies/${city}/register-documents/import`,
          [{ filename: "d.csv", content: "a" }],
          {},
          { csrf: false },
        ),
        send(c, "PUT", `/api/agencies/${city}/reports/${YEAR}/draft`, { sections: {} }, { csrf: false }),
        send(
          c,
          "POST",
          `/api/agencies/${city}/reports/${YEAR}/transitions`,
          { action: "submit" },
          { csrf: false },
        ),
        upload(c, "/api/ingest", [{ filename: "r.txt", content: "x" }], {}, { csrf: false }),
      ];
      const admin = await as("admin");
      const clerkId = (
        await db.selectFrom("app_user").select("id").where("login", "=", "clerk").executeTakeFirstOrThrow()
      ).id;
      calls.push(
        send(
          admin,
          "POST",
          "/api/users",
          { agencyId: city, login: "no-csrf", name: "x", role: "clerk", password: "a long secret here" },
          { csrf: false },
        ),
        send(admin, "PATCH", `/api/users/${clerkId}`, { active: false }, { csrf: false }),
        send(
          admin,
          "POST",
          "/api/agencies",
          { name: "无令牌局", parentId: city, kind: "department" },
          { csrf: false },
        ),
        send(admin, "PATCH", `/api/agencies/${city}`, { name: "无令牌市" }, { csrf: false }),
      );
      for (const res of await Promise.all(calls)) {
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ id: "CSRF-INVALID" });
      }
      expect((await send(c, "GET", `/api/agencies/${city}/figures/${YEAR}`)).json().licensing).not.toBe(777);
      expect(await db.selectFrom("app_user").select("id").where("login", "=", "no-csrf").execute()).toEqual(
        [],
      );
      expect(
        await db.selectFrom("agency").select("id").where("name", "in", ["无令牌局", "无令牌市"]).execute(),
      ).toEqual([]);
      const clerk = await db
        .selectFrom("app_user")
        .select("disabled")
        .where("id", "=", clerkId)
        .executeTakeFirstOrThrow();
      expect(clerk.disabled).toBe(false);
    });
  });
}
