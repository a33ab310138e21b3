import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { send } from "../../test/http.js";
import { seedTree, signedIn, type Tree } from "../../test/server-fixture.js";
import { listPublishedReports } from "../app/published-reports.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

for (const engine of ENGINES) {
  describe(`report workflow routes on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    const as = signedIn(() => app);
    let base: string;
    const move = async (login: string, action: string, comment?: string) =>
      send(await as(login), "POST", `${base}/transitions`, { action, ...(comment ? { comment } : {}) });

    beforeAll(async () => {
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      app = await buildServer({ db });
      base = `/api/agencies/${tree.city}/reports/2025`;
      await db
        .insertInto("application")
        .values(
          ["2025-001", "2025-002"].map((ref, i) => ({
            agency_id: tree.city,
            ref,
            received: `2025-03-0${i + 3}`,
            channel: "网络",
            applicant_type: 0,
            applicant: JSON.stringify({ name: "张三", phone: "13800000000" }),
            subject: "某文件",
            answered: "2025-03-20",
            outcome: "granted",
            extra: "{}",
          })),
        )
        .execute();
    });
    afterAll(async () => {
      await app.close();
      await close();
    });

    it("starts as an empty draft that only the 经办人 may edit", async () => {
      const clerk = await send(await as("clerk"), "GET", `${base}/draft`);
      expect(clerk.statusCode).toBe(200);
      expect(clerk.json()).toMatchObject({
        state: "draft",
        stateName: "起草中",
        editable: true,
        actions: ["submit"],
      });
      const reviewer = await send(await as("reviewer"), "GET", `${base}/draft`);
      expect(reviewer.json()).toMatchObject({ editable: false, actions: [] });
      const put = await send(await as("reviewer"), "PUT", `${base}/draft`, { sections: { overview: "x" } });
      expect(put.statusCode).toBe(403);
      expect(put.json()).toMatchObject({ id: "FORBIDDEN" });
      expect(put.json().detail).toContain("审核人");
    });

    it("refuses an unknown section by name (nothing silently dropped) and a body that is not an object", async () => {
      const c = await as("clerk");
      const odd = await send(c, "PUT", `${base}/draft`, { sections: { chapter7: "x", other: "无" } });
      expect(odd.statusCode).toBe(400);
      expect(odd.json()).toMatchObject({
        id: "REQUEST-INVALID",
        details: ["请求正文 /sections：不允许有额外的属性：chapter7"],
      });
      const ok = await send(c, "PUT", `${base}/draft`, { sections: { other: "无" } });
      expect(ok.json().sections).toEqual({ other: "无" });
      const bad = await send(c, "PUT", `${base}/draft`, { sections: "x" });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(bad.json()).toMatchObject({ id: "REQUEST-INVALID" });
    });

    it("runs 起草 → 提交 → 退回 → 提交 → 审核 → 批准 → 发布 with comments and audit", async () => {
      const clerk = await as("clerk");
      const saved = await send(clerk, "PUT", `${base}/draft`, {
        sections: { overview: "本年度，我府坚持以公开为常态。", problems: "存在的问题：……" },
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json().sections.overview).toBe("本年度，我府坚持以公开为常态。");

      // Only the 经办人 submits; the 审核人 cannot approve; nobody skips a step.
      expect((await move("reviewer", "submit")).statusCode).toBe(403);
      expect((await move("clerk", "submit")).json().state).toBe("submitted");
      const locked = await send(clerk, "PUT", `${base}/draft`, { sections: { overview: "改" } });
      expect(locked.statusCode).toBe(409);
      expect(locked.json()).toMatchObject({ id: "REPORT-STATE" });
      expect(locked.json().detail).toContain("待审核");
      expect((await move("head", "approve")).json()).toMatchObject({ id: "REPORT-STATE" });

      // Returning needs a comment.
      const bare = await move("reviewer", "return");
      expect(bare.statusCode).toBe(400);
      expect(bare.json().detail).toContain("意见");
      expect((await move("reviewer", "return", "第五部分请补充整改措施")).json().state).toBe("draft");
      await send(clerk, "PUT", `${base}/draft`, {
        sections: { overview: "本年度……", problems: "整改措施：……" },
      });
      expect((await move("clerk", "submit", "已补充")).json().state).toBe("submitted");
      expect((await move("head", "review")).statusCode).toBe(403);
      expect((await move("reviewer", "review", "同意")).json().state).toBe("reviewed");
      expect((await move("reviewer", "approve")).statusCode).toBe(403);
      expect((await move("clerk", "publish")).statusCode).toBe(403);
      const approved = await move("head", "approve", "同意发布");
      expect(approved.json()).toMatchObject({ state: "approved", actions: ["return", "publish"] });
      const published = await move("head", "publish");
      expect(published.statusCode).toBe(200);
      expect(published.json().state).toBe("published");
      expect(published.json().snapshotId).toBeGreaterThan(0);

      const comments = (await send(clerk, "GET", `${base}/comments`)).json().items as {
        action: string;
        body: string;
        author: string;
        fromState: string;
        toState: string;
        at: string;
      }[];
      expect(comments.map((c) => [c.action, c.fromState, c.toState])).toEqual([
        ["submit", "draft", "submitted"],
        ["return", "submitted", "draft"],
        ["submit", "draft", "submitted"],
        ["review", "submitted", "reviewed"],
        ["approve", "reviewed", "approved"],
        ["publish", "approved", "published"],
      ]);
      expect(comments[1]).toMatchObject({ body: "第五部分请补充整改措施", author: "测试reviewer" });
      expect(Date.parse(comments[0]!.at)).not.toBeNaN();

      const audit = await db.selectFrom("audit").select(["action", "actor"]).orderBy("id").execute();
      const actions = audit.map((a) => a.action);
      for (const a of ["report.submit", "report.return", "report.review", "report.approve", "report.publish"])
        expect(actions).toContain(a);
      expect(audit.find((a) => a.action === "report.approve")?.actor).toBe("head");
    });

    it("freezes the published report with the narrative, readable by the portal function and by staff", async () => {
      const [summary] = await listPublishedReports(db, { agencyId: tree.city, year: 2025 });
      expect(summary).toMatchObject({ agencyName: "示例市人民政府", year: 2025, imported: false });
      const res = await send(await as("clerk"), "GET", `${base}/published`);
      expect(res.statusCode).toBe(200);
      const report = res.json().report;
      expect(report.sections.problems).toBe("整改措施：……");
      expect(report.applications.new_received[0]).toBe(2);
      // The snapshot is frozen: a database trigger refuses any change.
      await expect(db.updateTable("report_snapshot").set({ year: 2024 }).execute()).rejects.toThrow();
      await expect(db.deleteFrom("report_comment").execute()).rejects.toThrow();
      expect(
        (await send(await as("clerk"), "GET", `/api/agencies/${tree.city}/reports/2024/published`))
          .statusCode,
      ).toBe(404);
    });

    it("lets the 负责人 return a published report to draft with a comment, keeping the snapshot", async () => {
      expect((await move("reviewer", "return", "x")).json()).toMatchObject({ id: "FORBIDDEN" });
      const back = await move("head", "return", "发现错别字，更正后重新发布");
      expect(back.json()).toMatchObject({ state: "draft", editable: false });
      expect((await listPublishedReports(db, { agencyId: tree.city })).length).toBe(1);
    });

    it("publishes once when two 负责人 requests race: snapshot, state and audit commit together", async () => {
      const other = `/api/agencies/${tree.city}/reports/2023/transitions`;
      const step = async (login: string, action: string) =>
        send(await as(login), "POST", other, { action, comment: "同意" });
      expect((await step("clerk", "submit")).statusCode).toBe(200);
      expect((await step("reviewer", "review")).statusCode).toBe(200);
      expect((await step("head", "approve")).statusCode).toBe(200);
      const head = await as("head");
      const results = await Promise.all([1, 2].map(() => send(head, "POST", other, { action: "publish" })));
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const snapshots = await db
        .selectFrom("report_snapshot")
        .select("id")
        .where("agency_id", "=", tree.city)
        .where("year", "=", 2023)
        .execute();
      expect(snapshots).toHaveLength(1);
      const audits = await db
        .selectFrom("audit")
        .select("entity_id")
        .where("action", "=", "report.publish")
        .where("entity", "=", "report_snapshot")
        .execute();
      expect(audits.map((a) => Number(a.entity_id))).toContain(snapshots[0]!.id);
      expect(audits.filter((a) => Number(a.entity_id) > snapshots[0]!.id)).toHaveLength(0);
    });

    it("renders the report as HTML, Markdown, JSON and DOCX with a download name", async () => {
      const c = await as("clerk");
      const html = await send(c, "GET", `${base}/render?format=html`);
      expect(html.statusCode).toBe(200);
      expect(html.headers["content-type"]).toMatch(/^text\/html/);
      expect(html.body).toContain("示例市人民政府");
      expect(html.headers["content-disposition"]).toContain("filename*=UTF-8''");
      const md = await send(c, "GET", `${base}/render?format=md&version=published`);
      expect(md.body).toContain("整改措施");
      const docx = await send(c, "GET", `${base}/render?format=docx`);
      expect(docx.rawPayload.subarray(0, 2).toString()).toBe("PK");
      const json = await send(c, "GET", `${base}/render?format=json`);
      expect(json.json().schema).toBe("gongkai.report/1");
      expect((await send(c, "GET", `${base}/render?format=exe`)).statusCode).toBe(400);
    });

    it.runIf(engine.name === "pglite")("renders the report as PDF through Chromium", async () => {
      const pdf = await send(await as("clerk"), "GET", `${base}/render?format=pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    });

    it("drills from a cell of table 三 to the applications behind it, without personal data", async () => {
      const c = await as("clerk");
      const path = encodeURIComponent("applications.granted[0]");
      const res = await send(c, "GET", `${base}/cells/${path}/sources`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ kind: "application", count: 2, value: 2 });
      expect((res.json().items as { ref: string }[]).map((i) => i.ref)).toEqual(["2025-001", "2025-002"]);
      expect(res.body).not.toContain("13800000000");
      expect(res.json().describe).toContain("予以公开");
      const none = await send(
        c,
        "GET",
        `${base}/cells/${encodeURIComponent("applications.nope[0]")}/sources`,
      );
      expect(none.statusCode).toBe(400);
      expect(none.json().detail).toContain("applications.nope[0]");
      const evil = await send(
        c,
        "GET",
        `${base}/cells/${encodeURIComponent("'; drop table application;--")}/sources`,
      );
      expect(evil.statusCode).toBe(400);
      expect(await db.selectFrom("application").select("id").execute()).toHaveLength(2);
      // An administrator reads reports but not cases.
      expect((await send(await as("admin"), "GET", `${base}/cells/${path}/sources`)).statusCode).toBe(403);
    });
  });
}
