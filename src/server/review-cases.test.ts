import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { seedTree, signedIn, type Tree } from "../../test/server-fixture.js";
import { setCaseClock } from "../app/case-clock.js";
import { importRecords } from "../app/import-records.js";
import { registerApplication } from "../app/register-application.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

for (const engine of ENGINES) {
  describe(`review-case routes on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    let appId = "";
    const as = signedIn(() => app);
    const register = (agencyId: number, ref: string) =>
      registerApplication(
        db,
        { portal: true },
        {
          agencyId,
          ref,
          receivedOn: "2026-03-02",
          channel: "post",
          applicantType: 0,
          applicant: { name: "周七", idNumber: "11010119800101123X" },
          subject: "某信息",
        },
      );

    beforeAll(async () => {
      setCaseClock({ today: () => "2026-06-30" });
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      app = await buildServer({ db });
      appId = (await register(tree.city, "2026-R1")).id;
      await register(tree.otherCity, "2026-R2");
    });
    afterAll(async () => {
      setCaseClock(undefined);
      await app.close();
      await close();
    });

    it("files a 行政复议 linked to an application by ref, and decides it once", async () => {
      const c = await as("clerk");
      const res = await c.request("POST", "/api/review-cases", {
        applicationRef: "2026-R1",
        kind: "review",
        filed: "2026-05-10",
        caseNumber: "示复〔2026〕12号",
        authority: "示例省人民政府",
      });
      expect(res.statusCode).toBe(201);
      const r = res.json();
      expect(r).toMatchObject({
        agencyId: tree.city,
        kind: "review",
        filed: "2026-05-10",
        result: null,
        decided: null,
        caseNumber: "示复〔2026〕12号",
        application: { id: appId, ref: "2026-R1" },
      });
      const early = await c.request("POST", `/api/review-cases/${r.id}/decision`, {
        result: "upheld",
        decided: "2026-05-01",
      });
      expect(early.statusCode).toBe(400);
      expect(early.json().details).toEqual(["审结日期（decided）：2026-05-01 早于立案日期 2026-05-10"]);
      const ok = await c.request("POST", `/api/review-cases/${r.id}/decision`, {
        result: "corrected",
        decided: "2026-06-20",
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ result: "corrected", decided: "2026-06-20" });
      const again = await c.request("POST", `/api/review-cases/${r.id}/decision`, {
        result: "upheld",
        decided: "2026-06-21",
      });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ id: "REVIEW-DECIDED" });
      const audit = await db
        .selectFrom("audit")
        .select("action")
        .where("entity", "=", "review_case")
        .orderBy("id")
        .execute();
      expect(audit.map((a) => a.action)).toEqual(["review.create", "review.decide"]);
    });

    it("keeps records filed one by one when a review register file is imported (and does not double them)", async () => {
      const dir = mkdtempSync(join(tmpdir(), "gongkai-reviews-"));
      try {
        const file = join(dir, "复议诉讼.csv");
        const csv = (rows: string[]) => `机关,申请编号,类别,立案日期,结果,审结日期\n${rows.join("\n")}\n`;
        writeFileSync(
          file,
          csv([
            "示例市人民政府,2026-R1,行政复议,2026-05-10,纠正,2026-06-20", // the one filed above, word for word
            "示例市人民政府,,未经复议直接起诉,2026-03-01,,",
          ]),
        );
        const first = await importRecords(db, "reviews", file, "test");
        expect(first.kept).toEqual([
          "示例市人民政府：2026-05-10 立案的（申请 2026-R1）记录已由工作人员逐条录入，未重复导入",
        ]);
        const rows = () =>
          db
            .selectFrom("review_case")
            .select(["kind", "filed", "source"])
            .where("agency_id", "=", tree.city)
            .orderBy("filed")
            .execute();
        expect(await rows()).toEqual([
          { kind: "litigation_direct", filed: "2026-03-01", source: "import" },
          { kind: "review", filed: "2026-05-10", source: "console" },
        ]);
        // The next file replaces the earlier import, never the record filed through the API.
        writeFileSync(file, csv(["示例市人民政府,,复议后起诉,2026-04-02,,"]));
        expect((await importRecords(db, "reviews", file, "test")).kept).toEqual([]);
        expect(await rows()).toEqual([
          { kind: "litigation_after_review", filed: "2026-04-02", source: "import" },
          { kind: "review", filed: "2026-05-10", source: "console" },
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await db.deleteFrom("review_case").where("source", "=", "import").execute();
      }
    });

    it("refuses a link to another agency's application, the same as to none", async () => {
      const c = await as("clerk");
      for (const link of [
        { applicationRef: "2026-R2" },
        { applicationRef: "nope" },
        { applicationId: "99999" },
      ]) {
        const res = await c.request("POST", "/api/review-cases", {
          ...link,
          kind: "review",
          filed: "2026-05-10",
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().details[0]).toMatch(/本机关没有这件申请$/);
      }
      const bad = await c.request("POST", "/api/review-cases", { kind: "appeal", filed: "2026-05-10" });
      expect(bad.statusCode).toBe(400);
      const future = await c.request("POST", "/api/review-cases", { kind: "review", filed: "2026-07-10" });
      expect(future.json().details).toEqual(["立案日期（filed）：2026-07-10 晚于今天"]);
    });

    it("lists with filters and paging; a supervisor reads its subtree but does not edit it", async () => {
      const c = await as("head");
      await c.request("POST", "/api/review-cases", { kind: "litigation_direct", filed: "2026-06-01" });
      await c.request("POST", "/api/review-cases", {
        kind: "litigation_after_review",
        filed: "2026-06-02",
        applicationId: appId,
      });
      const all = (await c.request("GET", "/api/review-cases")).json();
      expect(all.total).toBe(3);
      expect(all.items.map((r: { kind: string }) => r.kind)).toEqual([
        "litigation_after_review",
        "litigation_direct",
        "review",
      ]);
      expect((await c.request("GET", "/api/review-cases?pending=true")).json().total).toBe(2);
      expect((await c.request("GET", "/api/review-cases?kind=review")).json().total).toBe(1);
      expect((await c.request("GET", `/api/review-cases?applicationId=${appId}`)).json().total).toBe(2);
      const page = (await c.request("GET", "/api/review-cases?pageSize=2&page=2")).json();
      expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(page.items).toHaveLength(1);
      expect((await c.request("GET", "/api/review-cases?pageSize=500")).statusCode).toBe(400);
      const sup = await as("supervisor");
      await db
        .insertInto("review_case")
        .values({
          agency_id: tree.district,
          kind: "review",
          filed: "2026-01-05",
          result: null,
          decided: null,
        })
        .execute();
      expect((await sup.request("GET", `/api/review-cases?agencyId=${tree.district}`)).json().total).toBe(1);
      const edit = await sup.request("POST", "/api/review-cases", {
        agencyId: tree.district,
        kind: "review",
        filed: "2026-05-10",
      });
      expect(edit.statusCode).toBe(403);
      expect((await sup.request("GET", `/api/review-cases?agencyId=${tree.otherCity}`)).statusCode).toBe(404);
    });
  });
}
