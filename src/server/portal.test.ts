import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { actorsOf, publishThrough } from "../../test/catalogue-fixture.js";
import { ENGINES } from "../../test/engines.js";
import { applyFields, field, postForm } from "../../test/portal-forms.js";
import { Client, seedTree, type Tree } from "../../test/server-fixture.js";
import { saveGuide } from "../app/agency-guide.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

const doc = (title: string, body: string, over: Record<string, unknown> = {}) => ({
  title,
  docNumber: null,
  publisher: "示例市人民政府",
  writtenOn: "2025-01-02",
  category: "教育",
  validity: "none" as const,
  docKind: "other" as const,
  article20Item: 11,
  body,
  ...over,
});

for (const engine of ENGINES)
  describe(`public portal (${engine.name})`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    beforeEach(async () => {
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      app = await buildServer({ db });
    });
    afterEach(async () => {
      await app.close();
      await close();
    });

    it("serves the entry, agency, catalogue, document and search pages as escaped HTML", async () => {
      const as = await actorsOf(db, tree);
      await publishThrough(
        db,
        as,
        "SL-1",
        doc("关于做好学校安全工作的通知", "学校要落实安全责任。"),
        "2025-03-01",
      );
      await publishThrough(
        db,
        as,
        "SL-2",
        doc("<script>alert(1)</script>校园绿化方案", "校园植树。"),
        "2025-03-02",
      );
      await saveGuide(db, as("clerk"), tree.city, { address: "示例市人民路1号", hours: "工作日 9:00-17:00" });
      const c = new Client(app);
      const home = await c.request("GET", "/");
      expect(home.statusCode).toBe(200);
      expect(home.headers["content-type"]).toContain("text/html");
      expect(home.body).toContain('lang="zh-CN"');
      expect(home.body).toContain("示例市东区教育局");
      expect(home.headers["content-security-policy"]).toContain("default-src 'self'");
      const agency = await c.request("GET", `/agencies/${tree.city}`);
      expect(agency.body).toContain("示例市人民路1号");
      expect(agency.body).toContain("（十一）扶贫、教育、医疗");
      expect(agency.body).toContain("关于做好学校安全工作的通知");
      const list = await c.request("GET", "/catalogue");
      expect(list.body).not.toContain("<script>alert(1)");
      expect(list.body).toContain("&lt;script&gt;");
      const found = await c.request("GET", `/search?q=${encodeURIComponent("学校")}`);
      expect(found.body).toContain("共找到 1 件");
      expect(found.body).toContain("<mark>学校</mark>");
      const short = await c.request("GET", `/search?q=${encodeURIComponent("学")}`);
      expect(short.statusCode).toBe(400);
      expect(short.body).toContain("请输入至少两个字");
      const page = await c.request("GET", "/catalogue/SL-1");
      expect(page.body).toContain("索引号");
      expect(page.body).toContain("学校要落实安全责任。");
      expect((await c.request("GET", "/catalogue/NOPE")).statusCode).toBe(404);
      expect((await c.request("GET", "/assets/portal.css")).body).toContain("@media print");
    });

    it("a citizen applies without JavaScript, gets a receipt, and tracks the answer a clerk records", async () => {
      const c = new Client(app);
      const form = await c.request("GET", "/apply");
      expect(form.statusCode).toBe(200);
      // Without the token the post is refused with a Chinese page.
      const noToken = await postForm(c, "/apply", { ...applyFields(form.body, tree.city), _csrf: "" });
      expect(noToken.statusCode).toBe(403);
      expect(noToken.body).toContain("表单已过期");
      // Field errors: each named, values kept, a new question.
      const bad = await postForm(
        c,
        "/apply",
        applyFields(form.body, tree.city, { phone: "12", answer: "99" }),
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("联系电话应为至少 7 位数字");
      expect(bad.body).toContain("验证问题的答案不正确");
      expect(bad.body).toContain('value="张三"');
      const robot = await postForm(c, "/apply", applyFields(bad.body, tree.city, { website: "http://spam" }));
      expect(robot.statusCode).toBe(400);
      const ok = await postForm(c, "/apply", applyFields(bad.body, tree.city));
      expect(ok.statusCode).toBe(303);
      const code = /\/apply\/receipt\/([0-9A-Z]+)$/.exec(ok.headers.location as string)![1]!;
      const receipt = await c.request("GET", `/apply/receipt/${code}`);
      expect(receipt.body).toContain(code);
      expect(receipt.body).toContain("示例市人民政府");
      expect(receipt.body).not.toContain("张三");
      const docx = await c.request("GET", `/apply/receipt/${code}.docx`);
      expect(docx.rawPayload.subarray(0, 2).toString()).toBe("PK");
      const row = await db
        .selectFrom("application")
        .select(["id", "source", "extra"])
        .where("tracking_code", "=", code)
        .executeTakeFirstOrThrow();
      expect(row.source).toBe("portal");
      expect(row.extra).toMatchObject({ medium: "electronic", delivery: "email" });

      const trackForm = await c.request("GET", "/track");
      const wrong = await postForm(c, "/track", {
        _csrf: field(trackForm.body, "_csrf"),
        code,
        check: "0000",
      });
      expect(wrong.body).toContain("不正确");
      const open = await postForm(c, "/track", {
        _csrf: field(trackForm.body, "_csrf"),
        code: code.toLowerCase(),
        check: "8000",
      });
      expect(open.statusCode).toBe(200);
      expect(open.body).toContain("办理中");
      expect(open.body).toContain("答复期限");

      const clerk = new Client(app);
      await clerk.login("clerk");
      const received = (
        await db
          .selectFrom("application")
          .select("received")
          .where("id", "=", row.id)
          .executeTakeFirstOrThrow()
      ).received;
      const replied = await clerk.request("POST", `/api/applications/${row.id}/events`, {
        type: "replied",
        date: received,
        outcome: "granted",
        delivery: "electronic",
      });
      expect(replied.statusCode).toBe(201);
      const done = await postForm(c, "/track", {
        _csrf: field(trackForm.body, "_csrf"),
        code,
        check: "8000",
      });
      expect(done.body).toContain("已办结");
      expect(done.body).toContain("予以公开");
      expect(done.body).toContain("本站暂未提供电子版");
      // The reply letter, once issued, is offered for download to whoever gives code and check again.
      const issued = await clerk.request("POST", `/api/applications/${row.id}/letters/reply`);
      expect(issued.statusCode).toBe(201);
      const withLetter = await postForm(c, "/track", {
        _csrf: field(trackForm.body, "_csrf"),
        code,
        check: "8000",
      });
      expect(withLetter.body).toContain("答复书");
      const letterId = /name="letter" value="(\d+)"/.exec(withLetter.body)![1]!;
      const letter = await postForm(c, "/track/letter", {
        _csrf: field(trackForm.body, "_csrf"),
        code,
        check: "8000",
        letter: letterId,
      });
      expect(letter.statusCode).toBe(200);
      expect(letter.rawPayload.subarray(0, 2).toString()).toBe("PK");
      const stranger = await postForm(c, "/track/letter", {
        _csrf: field(trackForm.body, "_csrf"),
        code,
        check: "1111",
        letter: letterId,
      });
      expect(stranger.statusCode).toBe(404);
    });

    it("limits tracking posts per address with a Chinese page that says when to retry", async () => {
      const c = new Client(app);
      const form = await c.request("GET", "/track");
      let last = await postForm(c, "/track", {
        _csrf: field(form.body, "_csrf"),
        code: "AAAAAAAAAA",
        check: "1234",
      });
      for (let i = 0; i < 30; i++)
        last = await postForm(c, "/track", {
          _csrf: field(form.body, "_csrf"),
          code: "AAAAAAAAAA",
          check: "1234",
        });
      expect(last.statusCode).toBe(429);
      expect(last.headers["content-type"]).toContain("text/html");
      expect(last.body).toMatch(/请在 \d+ 秒后再试/);
    });

    it("staff API: draft, 三审 by role, then public; 409 for a second review of the same step", async () => {
      const clerk = new Client(app);
      await clerk.login("clerk");
      const created = await clerk.request("POST", "/api/catalogue", {
        agencyId: tree.city,
        indexNo: "API-1",
        ...doc("关于公布政务服务事项清单的通知", "政务服务事项清单见附件。"),
      });
      expect(created.statusCode).toBe(201);
      const { versionId } = created.json() as { versionId: number };
      const att = await clerk.request("POST", `/api/catalogue/versions/${versionId}/attachments`, {
        filename: "清单.pdf",
        contentBase64: Buffer.from("%PDF-1.4\n%test").toString("base64"),
      });
      expect(att.statusCode).toBe(201);
      expect((await clerk.request("POST", `/api/catalogue/versions/${versionId}/submit`)).statusCode).toBe(
        200,
      );
      const noCsrf = await clerk.request("POST", `/api/catalogue/versions/${versionId}/submit`, undefined, {
        csrf: false,
      });
      expect(noCsrf.statusCode).toBe(403);
      const steps: [string, number][] = [
        ["reviewer", 1],
        ["head", 2],
        ["supervisor", 3],
      ];
      for (const [role, step] of steps) {
        const u = new Client(app);
        await u.login(role);
        expect(
          (
            await u.request("POST", `/api/catalogue/versions/${versionId}/reviews`, {
              step: step === 1 ? 2 : 1,
              approve: true,
            })
          ).statusCode,
        ).toBe(403);
        const r = await u.request("POST", `/api/catalogue/versions/${versionId}/reviews`, {
          step,
          approve: true,
        });
        expect(r.statusCode).toBe(200);
        if (step === 3) expect(r.json()).toEqual({ state: "published" });
      }
      const again = await clerk.request("POST", `/api/catalogue/versions/${versionId}/submit`);
      expect(again.statusCode).toBe(409);
      expect(again.headers["content-type"]).toContain("application/problem+json");
      const pub = await clerk.request("GET", "/catalogue/API-1");
      expect(pub.body).toContain("清单.pdf");
      const attId = /\/catalogue\/attachments\/(\d+)/.exec(pub.body)![1];
      const file = await clerk.request("GET", `/catalogue/attachments/${attId}`);
      expect(file.headers["content-type"]).toBe("application/pdf");
      const guide = await app.inject({
        method: "PUT",
        url: `/api/agencies/${tree.city}/guide`,
        headers: { cookie: clerk.cookie, "x-csrf-token": clerk.csrf },
        payload: { hours: "周一至周五 9:00-17:00", nonsense: "x" },
      });
      expect(guide.statusCode).toBe(400);
      expect(guide.json().details[0]).toContain("nonsense");
      const saved = await app.inject({
        method: "PUT",
        url: `/api/agencies/${tree.city}/guide`,
        headers: { cookie: clerk.cookie, "x-csrf-token": clerk.csrf },
        payload: { hours: "周一至周五 9:00-17:00" },
      });
      expect(saved.statusCode).toBe(200);
      expect((await clerk.request("GET", `/agencies/${tree.city}`)).body).toContain("周一至周五 9:00-17:00");
    });
  });
