import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS } from "../../test/corpus.js";
import { ENGINES } from "../../test/engines.js";
import { send, upload } from "../../test/http.js";
import { Client, seedTree, signedIn, type Tree } from "../../test/server-fixture.js";
import { publishReport } from "../app/publish-report.js";
import { filingStatus } from "../app/supervision.js";
import { reportToJson } from "../domain/report/json.js";
import { blankReport } from "../domain/report/model.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";
import { ingestRoutes } from "./routes/ingest.js";

const corpus = (name: string) => readFileSync(join(CORPUS, name));
const jsonReport = (agency: string, year: number) => reportToJson(blankReport("2021", year, agency));

for (const engine of ENGINES) {
  describe(`supervision and ingest routes on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    const as = signedIn(() => app);
    beforeAll(async () => {
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      app = await buildServer({ db });
    });
    afterAll(async () => {
      await app.close();
      await close();
    });

    it("reads many published reports at once (txt, html, md, docx, pdf), with findings, without storing them", async () => {
      const fixture = (name: string) =>
        readFileSync(join(import.meta.dirname, "..", "ingest", "fixtures", name));
      const res = await upload(await as("supervisor"), "/api/ingest", [
        { filename: "leshan.txt", content: corpus("leshan-justice-bureau-2021.txt") },
        { filename: "shanghai.html", content: corpus("shanghai-municipal-govt-office-2019.html") },
        { filename: "pingtan.txt", content: corpus("fujian-pingtan-zone-2023.page.txt") },
        { filename: "kewei.md", content: corpus("shanghai-stcsm-kewei-2024.source.md") },
        { filename: "shanghai.docx", content: fixture("shanghai-municipal-govt-office-2019.rendered.docx") },
        { filename: "shanghai.pdf", content: fixture("shanghai-municipal-govt-office-2019.rendered.pdf") },
      ]);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ ok: 6, failed: 0 });
      expect(
        body.items.map((i: { agency: string; year: number; format: string }) => [i.agency, i.year, i.format]),
      ).toEqual([
        ["乐山市司法局", 2021, "text"],
        ["上海市人民政府办公厅", 2019, "html"],
        ["平潭综合实验区", 2023, "text"],
        ["上海市科委", 2024, "markdown"],
        ["上海市人民政府办公厅", 2019, "docx"],
        ["上海市人民政府办公厅", 2019, "pdf"],
      ]);
      expect(Array.isArray(body.items[0].findings)).toBe(true);
      expect(body.items[0].report.schema).toBe("gongkai.report/1");
      // The same report read from HTML, DOCX and PDF gives the same table 三.
      expect(body.items[4].report.applications).toEqual(body.items[1].report.applications);
      expect(body.items[5].report.applications).toEqual(body.items[1].report.applications);
      expect(await db.selectFrom("report_snapshot").select("id").execute()).toHaveLength(0);
    });

    it("stores imported reports under the office, file by file, refusing what it may not overwrite", async () => {
      const res = await upload(
        await as("supervisor"),
        "/api/ingest",
        [
          { filename: "leshan.txt", content: corpus("leshan-justice-bureau-2021.txt") },
          { filename: "shanghai.html", content: corpus("shanghai-municipal-govt-office-2019.html") },
          { filename: "pingtan.txt", content: corpus("fujian-pingtan-zone-2023.page.txt") },
          { filename: "own.json", content: jsonReport("示例市人民政府", 2021) },
          { filename: "other.json", content: jsonReport("另一市人民政府", 2021) },
        ],
        { store: "true" },
      );
      expect(res.statusCode).toBe(200);
      const items = res.json().items as {
        name: string;
        ok: boolean;
        stored?: object;
        error?: { id: string; message: string };
      }[];
      expect(items.map((i) => [i.name, i.ok, i.error?.id ?? null])).toEqual([
        ["leshan.txt", true, null],
        ["shanghai.html", true, null],
        // Cells the reader could not settle: read, but not stored.
        ["pingtan.txt", false, "REPORT-UNCERTAIN"],
        // An agency on the platform publishes through its own workflow.
        ["own.json", false, "INGEST-ON-PLATFORM"],
        // Another city's agency is not this office's to import.
        ["other.json", false, "FORBIDDEN"],
      ]);
      expect(items[4]!.error!.message).toContain("另一市人民政府");
      const leshan = await db
        .selectFrom("agency")
        .select(["id", "parent_id"])
        .where("name", "=", "乐山市司法局")
        .executeTakeFirstOrThrow();
      expect(leshan.parent_id).toBe(tree.city);
      const audit = await db
        .selectFrom("audit")
        .select("action")
        .where("action", "=", "report.import")
        .execute();
      expect(audit).toHaveLength(2);
      expect(
        await db.selectFrom("agency").select("id").where("name", "=", "平潭综合实验区").execute(),
      ).toHaveLength(0);
    });

    it("lists the subtree's filing status: published, imported, late and overdue", async () => {
      await publishReport(db, { agency: "示例市人民政府", year: 2021, actor: "head" });
      const res = await send(await as("supervisor"), "GET", "/api/supervision/2021");
      expect(res.statusCode).toBe(200);
      const body = res.json() as { deadline: string; items: Record<string, unknown>[] };
      expect(body.deadline).toBe("2022-01-31");
      const byName = new Map(body.items.map((i) => [i.name, i]));
      expect([...byName.keys()].sort()).toEqual(
        [
          "乐山市司法局",
          "上海市人民政府办公厅",
          "示例市东区人民政府",
          "示例市东区教育局",
          "示例市人民政府",
        ].sort(),
      );
      expect(byName.get("示例市人民政府")).toMatchObject({
        published: true,
        imported: false,
        late: true,
        overdue: false,
      });
      expect(byName.get("乐山市司法局")).toMatchObject({ published: true, imported: true, late: null });
      expect(byName.get("示例市东区人民政府")).toMatchObject({
        published: false,
        overdue: true,
        findings: null,
      });
      const findings = byName.get("乐山市司法局")!.findings as {
        error: number;
        warning: number;
        ids: string[];
      };
      expect(findings.error + findings.warning).toBeGreaterThanOrEqual(findings.ids.length);
      // 另一市 is outside the office's subtree.
      expect(res.body).not.toContain("另一市人民政府");
      const c = await as("supervisor");
      const pub = (await send(c, "GET", "/api/supervision/2021?status=published")).json();
      expect(pub.total).toBe(2);
      expect(pub.items.map((i: { name: string }) => i.name).sort()).toEqual(
        ["乐山市司法局", "示例市人民政府"].sort(),
      );
      expect((await send(c, "GET", "/api/supervision/2021?status=late")).json().total).toBe(1);
      const paged = (await send(c, "GET", "/api/supervision/2021?limit=2&offset=4")).json();
      expect([paged.total, paged.items.length]).toEqual([5, 1]);
      expect((await send(c, "GET", "/api/supervision/2021?status=lost")).statusCode).toBe(400);
    });

    it("judges lateness by the China date against 1月31日 of the next year", async () => {
      const actor = {
        userId: 1,
        login: "s",
        name: "s",
        role: "supervisor" as const,
        agencyId: tree.district,
        below: new Set([tree.department]),
      };
      const before = await filingStatus(db, actor, 2025, "2026-01-31");
      expect(before.items.map((i) => i.overdue)).toEqual([false, false]);
      const after = await filingStatus(db, actor, 2025, "2026-02-01");
      expect(after.items.map((i) => i.overdue)).toEqual([true, true]);
    });

    it("sums tables 三 and 四 over the subtree's published reports, year by year", async () => {
      const res = await send(await as("supervisor"), "GET", "/api/supervision/2021/aggregate?span=3");
      expect(res.statusCode).toBe(200);
      const years = res.json().years as {
        year: number;
        reports: number;
        applications: Record<string, number[]>;
      }[];
      expect(years.map((y) => [y.year, y.reports])).toEqual([
        [2019, 1],
        [2020, 0],
        [2021, 2],
      ]);
      const snap = await db
        .selectFrom("report_snapshot")
        .innerJoin("agency", "agency.id", "report_snapshot.agency_id")
        .select("report")
        .where("agency.name", "=", "乐山市司法局")
        .executeTakeFirstOrThrow();
      const received = (snap.report as { applications: { new_received: number[] } }).applications
        .new_received;
      expect(years[2]!.applications.new_received![6]).toBe(received[6]);
    });

    it("is for the supervising office only", async () => {
      for (const login of ["clerk", "reviewer", "head", "admin"]) {
        const res = await send(await as(login), "GET", "/api/supervision/2021");
        expect(res.statusCode, login).toBe(403);
        expect((await send(await as(login), "GET", "/api/supervision/2021/aggregate")).statusCode).toBe(403);
        const up = await upload(await as(login), "/api/ingest", [{ filename: "a.txt", content: "x" }]);
        expect(up.statusCode, login).toBe(403);
      }
    });

    it("refuses a wrong type among the files, an invalid store flag, and a missing CSRF token", async () => {
      const c = await as("supervisor");
      const png = Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
      ]);
      const res = await upload(c, "/api/ingest", [
        { filename: "ok.txt", content: corpus("leshan-justice-bureau-2021.txt") },
        { filename: "report.pdf", content: png, type: "application/pdf" },
      ]);
      expect(res.statusCode).toBe(415);
      expect(res.json().detail).toContain("report.pdf");
      const flag = await upload(c, "/api/ingest", [{ filename: "a.txt", content: jsonReport("甲", 2021) }], {
        store: "yes",
      });
      expect(flag.statusCode).toBe(400);
      const csrf = await upload(c, "/api/ingest", [{ filename: "a.txt", content: "x" }], {}, { csrf: false });
      expect(csrf.statusCode).toBe(403);
      expect(csrf.json().id).toBe("CSRF-INVALID");
    });

    it("rate-limits ingest per client address", async () => {
      const limited = await buildServer({ db });
      // A second ingest plugin with a limit of 2, under its own prefix.
      await limited.register(
        ingestRoutes(
          { db, sessionHours: 8, secureCookies: false, loginRateLimit: { max: 10, timeWindow: 60_000 } },
          undefined,
          2,
        ),
        {
          prefix: "/limited",
        },
      );
      const c = new Client(limited);
      expect((await c.login("supervisor")).statusCode).toBe(201);
      const codes: number[] = [];
      for (let i = 0; i < 3; i++)
        codes.push((await send(c, "POST", "/limited/ingest", { not: "multipart" })).statusCode);
      expect(codes).toEqual([415, 415, 429]);
      const last = await send(c, "POST", "/limited/ingest", {});
      expect(last.json()).toMatchObject({ id: "RATE-LIMITED" });
      await limited.close();
    });
  });
}
