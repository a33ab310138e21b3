import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { Client, seedTree, signedIn, type Tree } from "../../test/server-fixture.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

for (const engine of ENGINES) {
  describe(`agency routes on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    const as = signedIn(() => app);
    beforeAll(async () => {
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      app = await buildServer({ db });
      await db
        .insertInto("application")
        .values({
          agency_id: tree.district,
          ref: "2025-001",
          received: "2025-03-03",
          channel: "网络",
          applicant_type: 0,
          applicant: JSON.stringify({ name: "张三", phone: "13800000000" }),
          subject: "某文件",
          answered: null,
          outcome: null,
          extra: "{}",
        })
        .execute();
    });
    afterAll(async () => {
      await app.close();
      await close();
    });

    it("lists the own agency for staff, the subtree for a supervisor and an administrator", async () => {
      const ids = async (login: string) =>
        ((await (await as(login)).request("GET", "/api/agencies")).json().items as { id: number }[]).map(
          (a) => a.id,
        );
      expect(await ids("clerk")).toEqual([tree.city]);
      expect(await ids("head")).toEqual([tree.city]);
      expect(await ids("supervisor")).toEqual([tree.city, tree.district, tree.department]);
      expect(await ids("admin")).toEqual([tree.city, tree.district, tree.department]);
      const one = (await (await as("supervisor")).request("GET", "/api/agencies")).json().items[1];
      expect(one).toEqual({
        id: tree.district,
        name: "示例市东区人民政府",
        parentId: tree.city,
        kind: "district",
        code: null,
      });
    });

    it("derives the own agency's report and a subtree agency's for a supervisor", async () => {
      const own = await (await as("clerk")).request("GET", `/api/agencies/${tree.city}/reports/2025`);
      expect(own.statusCode).toBe(200);
      expect(own.json().report).toMatchObject({
        agency: "示例市人民政府",
        year: 2025,
        schema: "gongkai.report/1",
      });
      const sub = await (await as("supervisor")).request(
        "GET",
        `/api/agencies/${tree.district}/reports/2025`,
      );
      expect(sub.statusCode).toBe(200);
      expect(sub.json().report.agency).toBe("示例市东区人民政府");
      expect(Object.values(sub.json().sources as Record<string, string[]>).flat().length).toBeGreaterThan(0);
      // Counts only: the applicant's personal data is not in the report.
      expect(sub.body).not.toContain("13800000000");
    });

    it("answers 404 (not 403) for another agency's report, the same as for no agency at all", async () => {
      const bodies: string[] = [];
      for (const [login, agency] of [
        ["clerk", tree.district],
        ["clerk", tree.otherCity],
        ["head", tree.province],
        ["supervisor", tree.otherCity],
        ["supervisor", 2_000_000],
        ["admin", tree.province],
      ] as const) {
        const res = await (await as(login)).request("GET", `/api/agencies/${agency}/reports/2025`);
        expect(res.statusCode, `${login} → ${agency}`).toBe(404);
        expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
        bodies.push(res.body);
        const checks = await (await as(login)).request("GET", `/api/agencies/${agency}/reports/2025/checks`);
        expect(checks.statusCode).toBe(404);
      }
      expect(new Set(bodies).size).toBe(1);
      expect(JSON.parse(bodies[0] ?? "{}")).toMatchObject({ id: "NOT-FOUND", status: 404 });
    });

    it("runs the check catalogue on the derived report", async () => {
      const res = await (await as("supervisor")).request(
        "GET",
        `/api/agencies/${tree.district}/reports/2025/checks`,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json() as { findings: { id: string; severity: string }[]; problems: string[] };
      expect(Array.isArray(body.findings)).toBe(true);
      for (const f of body.findings) expect(f.id).toMatch(/^[A-Z0-9-]+$/);
      expect(Array.isArray(body.problems)).toBe(true);
    });

    it("needs a session for every agency route", async () => {
      for (const url of ["/api/agencies", `/api/agencies/${tree.city}/reports/2025`]) {
        const res = await app.inject({ method: "GET", url });
        expect(res.statusCode).toBe(401);
      }
    });

    it("keeps SQL-injection and path-traversal attempts harmless", async () => {
      const c = await as("supervisor");
      for (const url of [
        `/api/agencies/${tree.city}%20OR%201=1/reports/2025`,
        `/api/agencies/${tree.city};drop%20table%20agency/reports/2025`,
        `/api/agencies/${tree.city}/reports/2025'--`,
        "/api/agencies/..%2F..%2Fetc%2Fpasswd/reports/2025",
        "/api/agencies/1e3/reports/2025",
        "/api/agencies/-1/reports/2025",
      ]) {
        const res = await c.request("GET", url);
        expect([400, 404], url).toContain(res.statusCode);
        expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      }
      const login = await new Client(app).login("' OR '1'='1' --", "' OR '1'='1");
      expect(login.statusCode).toBe(401);
      const traversal = await app.inject({ method: "GET", url: "/../../etc/passwd" });
      expect(traversal.statusCode).toBe(404);
      expect(traversal.body).not.toContain("root:");
      const count = await db
        .selectFrom("agency")
        .select(db.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(5);
    });
  });
}
