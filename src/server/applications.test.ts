import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { Client, seedTree, type Tree } from "../../test/server-fixture.js";
import { setCaseClock } from "../app/case-clock.js";
import { TRACKING_ALPHABET, trackingCheckHash } from "../app/register-application.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

const TODAY = "2026-06-30";
const applicant = {
  name: "张三丰",
  phone: "13812345678",
  idNumber: "110101199001011234",
  address: "北京市海淀区中关村大街1号",
};
const body = (extra: object = {}) => ({
  ref: "2026-001",
  receivedOn: "2026-06-01",
  channel: "online",
  applicantType: 0,
  applicant,
  subject: "2025年度财政预算执行情况",
  ...extra,
});

for (const engine of ENGINES) {
  describe(`application routes on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    const clients = new Map<string, Client>();
    const as = async (login: string): Promise<Client> => {
      let c = clients.get(login);
      if (!c) {
        c = new Client(app);
        expect((await c.login(login)).statusCode).toBe(201);
        clients.set(login, c);
      }
      return c;
    };
    const patch = async (login: string, url: string, payload: object, csrf = true) => {
      const c = await as(login);
      return app.inject({
        method: "PATCH",
        url,
        payload,
        headers: { cookie: c.cookie, ...(csrf ? { "x-csrf-token": c.csrf } : {}) },
      });
    };
    const userId = async (login: string) =>
      (await db.selectFrom("app_user").select("id").where("login", "=", login).executeTakeFirstOrThrow()).id;

    beforeAll(async () => {
      setCaseClock({ today: () => TODAY });
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      app = await buildServer({ db });
    });
    afterAll(async () => {
      setCaseClock(undefined);
      await app.close();
      await close();
    });

    let first = "";
    it("registers an application and issues a tracking code whose check is the phone's last 4 digits", async () => {
      const res = await (await as("clerk")).request("POST", "/api/applications", body());
      expect(res.statusCode).toBe(201);
      const r = res.json() as { id: string; ref: string; trackingCode: string };
      first = r.id;
      expect(r.ref).toBe("2026-001");
      expect(r.trackingCode).toMatch(new RegExp(`^[${TRACKING_ALPHABET}]{10}$`));
      const row = await db
        .selectFrom("application")
        .select(["tracking_check", "source", "agency_id"])
        .where("id", "=", r.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        tracking_check: trackingCheckHash(r.trackingCode, "5678"),
        source: "staff",
        agency_id: tree.city,
      });
      const events = await db
        .selectFrom("application_event")
        .selectAll()
        .where("application_id", "=", r.id)
        .execute();
      expect(events.map((e) => [e.type, e.on_date])).toEqual([["received", "2026-06-01"]]);
    });

    it("refuses a duplicate ref (409), bad fields (400, every field named) and a future receipt date", async () => {
      const c = await as("clerk");
      const dup = await c.request("POST", "/api/applications", body());
      expect(dup.statusCode).toBe(409);
      expect(dup.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(dup.json()).toMatchObject({ id: "CASE-REF-EXISTS", detail: "本机关已有编号为“2026-001”的申请" });
      const bad = await c.request(
        "POST",
        "/api/applications",
        body({ ref: "x", applicant: { name: " ", phone: "abc" } }),
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details).toEqual([
        "申请人姓名或名称（applicant.name）：不能为空，且不超过 100 个字符",
        "联系电话（applicant.phone）：应为 5–20 位数字（可含 + - 空格 括号）",
      ]);
      const future = await c.request(
        "POST",
        "/api/applications",
        body({ ref: "x2", receivedOn: "2026-07-01" }),
      );
      expect(future.json().details).toEqual(["收到日期（receivedOn）：2026-07-01 晚于今天 2026-06-30"]);
      const schema = await c.request("POST", "/api/applications", body({ ref: "x3", channel: "pigeon" }));
      expect(schema.json()).toMatchObject({ status: 400, id: "REQUEST-INVALID" });
    });

    it("lists with derived status, due date and working days left, applicant masked, counts over the set", async () => {
      const c = await as("clerk");
      // 2026-06-10: 13 working days left on 2026-06-30? 20 working days from 06-10 → due 07-08 (端午 06-19).
      await c.request("POST", "/api/applications", body({ ref: "2026-002", receivedOn: "2026-06-10" }));
      const old = await c.request(
        "POST",
        "/api/applications",
        body({ ref: "2026-000", receivedOn: "2026-05-06" }),
      );
      const oldId = old.json().id as string;
      const closed = await c.request(
        "POST",
        "/api/applications",
        body({ ref: "2025-099", receivedOn: "2025-12-01" }),
      );
      await c.request("POST", `/api/applications/${closed.json().id}/events`, {
        type: "replied",
        date: "2025-12-10",
        outcome: "granted",
      });
      const res = await c.request("GET", "/api/applications");
      expect(res.statusCode).toBe(200);
      const list = res.json();
      expect(list).toMatchObject({ total: 4, page: 1, pageSize: 50 });
      expect(list.items.map((i: { ref: string }) => i.ref)).toEqual([
        "2026-000",
        "2026-001",
        "2026-002",
        "2025-099",
      ]);
      const [overdue, soon, later, done] = list.items;
      expect(overdue).toMatchObject({
        id: oldId,
        status: "overdue",
        dueDate: "2026-06-02",
        workingDaysLeft: -19,
      });
      expect(soon).toMatchObject({ status: "due_soon", dueDate: "2026-06-30", workingDaysLeft: 0 });
      expect(later.status).toBe("on_time");
      expect(later.workingDaysLeft).toBeGreaterThan(5);
      expect(done).toMatchObject({
        status: "closed",
        closedOn: "2025-12-10",
        outcome: "granted",
        dueDate: null,
      });
      expect(soon.applicant).toEqual({
        name: "张**",
        phone: "138****5678",
        idNumber: "110***********1234",
        address: "北京市海淀区****",
      });
      expect(res.body).not.toContain("13812345678");
      expect(res.body).not.toContain("中关村");
      expect(list.counts).toMatchObject({ overdue: 1, due_soon: 1, on_time: 1, closed: 1, paused_fee: 0 });
    });

    it("filters by status, handler, channel, year and text, sorts by receipt, and pages", async () => {
      const c = await as("clerk");
      const refs = async (qs: string) =>
        ((await c.request("GET", `/api/applications?${qs}`)).json().items as { ref: string }[]).map(
          (i) => i.ref,
        );
      expect(await refs("status=overdue,due_soon")).toEqual(["2026-000", "2026-001"]);
      expect(await refs("status=closed")).toEqual(["2025-099"]);
      expect(await refs("year=2025")).toEqual(["2025-099"]);
      expect(await refs("channel=post")).toEqual([]);
      expect(await refs(`q=${encodeURIComponent("-002")}`)).toEqual(["2026-002"]);
      expect(await refs("sort=received")).toEqual(["2026-002", "2026-001", "2026-000", "2025-099"]);
      expect(await refs("sort=received&status=closed,overdue")).toEqual(["2026-000", "2025-099"]);
      expect(await refs("pageSize=2&page=2")).toEqual(["2026-002", "2025-099"]);
      expect(await refs("pageSize=3&page=2")).toEqual(["2025-099"]);
      expect(await refs("pageSize=2&page=3")).toEqual([]);
      const clerkId = await userId("clerk");
      expect((await patch("clerk", `/api/applications/${first}`, { handlerId: clerkId })).statusCode).toBe(
        200,
      );
      expect(await refs(`handlerId=${clerkId}`)).toEqual(["2026-001"]);
      const filtered = (await c.request("GET", "/api/applications?year=2026&status=overdue")).json();
      expect(filtered.total).toBe(1);
      expect(filtered.counts).toMatchObject({ overdue: 1, due_soon: 1, on_time: 1, closed: 0 });
    });

    it("answers 400 problem+json for out-of-bounds paging and unknown filters", async () => {
      const c = await as("clerk");
      for (const qs of [
        "page=0",
        "pageSize=0",
        "pageSize=201",
        "page=-1",
        "page=abc",
        "status=bogus",
        "sort=x",
      ]) {
        const res = await c.request("GET", `/api/applications?${qs}`);
        expect(res.statusCode, qs).toBe(400);
        expect(res.headers["content-type"], qs).toMatch(/^application\/problem\+json/);
        expect(res.json().detail, qs).toMatch(/[\u4e00-\u9fff]/);
      }
    });

    it("shows the case page: masked applicant, timeline, derived state and the actor's actions", async () => {
      const res = await (await as("clerk")).request("GET", `/api/applications/${first}`);
      expect(res.statusCode).toBe(200);
      const d = res.json();
      expect(d).toMatchObject({
        ref: "2026-001",
        applicant: { name: "张**", phone: "138****5678" },
        state: { status: "due_soon", dueDate: "2026-06-30", receivedOn: "2026-06-01", violations: [] },
        events: [{ seq: 0, type: "received", label: "收到申请", date: "2026-06-01", recordedBy: "clerk" }],
        can: { edit: true, approveExtension: false, reveal: true },
      });
      expect(res.body).not.toContain("13812345678");
    });

    it("records steps through the domain replay: impossible ones are 409 with its Chinese message", async () => {
      const c = await as("clerk");
      const url = `/api/applications/${first}/events`;
      const none = await c.request("POST", url, { type: "consultation_ended", date: "2026-06-05" });
      expect(none.statusCode).toBe(409);
      expect(none.json()).toMatchObject({
        id: "CASE-SEQUENCE",
        detail: "申请办理记录有误：第 2 条记录（意见收回，2026-06-05）：没有正在进行的征求意见",
      });
      const start = await c.request("POST", url, {
        type: "consultation_started",
        date: "2026-06-22",
        party: "third_party",
      });
      expect(start.statusCode).toBe(201);
      expect(start.json().state).toMatchObject({ status: "paused_consultation" });
      const early = await c.request("POST", url, { type: "consultation_ended", date: "2026-06-19" });
      expect(early.statusCode).toBe(409);
      expect(early.json().detail).toContain("早于上一条记录的日期 2026-06-22");
      const later = await c.request("POST", url, { type: "replied", date: "2026-07-02", outcome: "granted" });
      expect(later.json().detail).toContain("晚于今天（2026-06-30）");
      const noField = await c.request("POST", url, { type: "correction_requested", date: "2026-06-06" });
      expect(noField.statusCode).toBe(400);
      expect(noField.json()).toMatchObject({
        id: "CASE-EVENT-INVALID",
        detail: "「补正告知」需要填写补正期限（deadline）",
      });
      const received = await c.request("POST", url, { type: "received", date: "2026-06-06" });
      expect(received.statusCode).toBe(400);
      const events = await db
        .selectFrom("application_event")
        .select("seq")
        .where("application_id", "=", first)
        .execute();
      expect(events).toHaveLength(2);
    });

    it("lets only a 负责人 approve an extension, and records who approved it", async () => {
      const url = `/api/applications/${first}/events`;
      const ext = { type: "extension_approved", date: "2026-06-29", workingDays: 10 };
      for (const login of ["clerk", "reviewer"]) {
        const res = await (await as(login)).request("POST", url, ext);
        expect(res.statusCode, login).toBe(403);
        expect(res.json().id).toBe("FORBIDDEN");
      }
      await (await as("clerk")).request("POST", url, { type: "consultation_ended", date: "2026-06-26" });
      const res = await (await as("head")).request("POST", url, ext);
      expect(res.statusCode).toBe(201);
      expect(res.json().state.extensionWorkingDays).toBe(10);
      const row = await db
        .selectFrom("application_event")
        .select("data")
        .where("application_id", "=", first)
        .where("type", "=", "extension_approved")
        .executeTakeFirstOrThrow();
      expect(row.data).toMatchObject({ workingDays: 10, approverRole: "负责人 测试head" });
      const sup = await (await as("supervisor")).request("POST", url, ext);
      expect(sup.statusCode).toBe(403);
    });

    it("computes a fee from its basis with domain/fees, and closes the case on the reply", async () => {
      const c = await as("clerk");
      const created = await c.request(
        "POST",
        "/api/applications",
        body({ ref: "2026-010", receivedOn: "2026-06-15" }),
      );
      const id = created.json().id as string;
      const fee = await c.request("POST", `/api/applications/${id}/events`, {
        type: "fee_notice",
        date: "2026-06-16",
        fee: { method: "per_page", pages: 2219 },
      });
      expect(fee.statusCode).toBe(201);
      expect(fee.json().state.status).toBe("paused_fee");
      const stored = await db
        .selectFrom("application_event")
        .select("data")
        .where("application_id", "=", id)
        .where("type", "=", "fee_notice")
        .executeTakeFirstOrThrow();
      expect(stored.data).toMatchObject({ amountYuan: 83460 });
      await c.request("POST", `/api/applications/${id}/events`, { type: "withdrawn", date: "2026-06-20" });
      const row = await db
        .selectFrom("application")
        .select(["answered", "outcome"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ answered: "2026-06-20", outcome: "other_other" });
      const after = await c.request("POST", `/api/applications/${id}/events`, {
        type: "fee_paid",
        date: "2026-06-21",
      });
      expect(after.statusCode).toBe(409);
      expect(after.json().detail).toContain("申请已于 2026-06-20 办结");
    });

    it("reveals personal data only to the handler, the 审核人 and the 负责人, and audits each reading", async () => {
      const url = `/api/applications/${first}/reveal`;
      const other = (
        await (await as("clerk")).request("POST", "/api/applications", body({ ref: "2026-020" }))
      ).json();
      const clerkOther = await (await as("clerk")).request(
        "POST",
        `/api/applications/${other.id}/reveal`,
        {},
      );
      expect(clerkOther.statusCode).toBe(403);
      expect(clerkOther.json().detail).toContain("仅限本件经办人");
      for (const login of ["clerk", "reviewer", "head"]) {
        const res = await (await as(login)).request("POST", url, { reason: "制作答复书" });
        expect(res.statusCode, login).toBe(200);
        expect(res.json()).toEqual({ applicant });
      }
      for (const login of ["supervisor", "admin"]) {
        const res = await (await as(login)).request("POST", url, {});
        expect(res.statusCode, login).toBe(403);
      }
      const audits = await db
        .selectFrom("audit")
        .select(["actor", "after"])
        .where("action", "=", "application.reveal")
        .where("entity_id", "=", first)
        .orderBy("id")
        .execute();
      expect(audits.map((a) => a.actor)).toEqual(["clerk", "reviewer", "head"]);
      expect(audits[0]?.after).toEqual({
        fields: ["address", "idNumber", "name", "phone"],
        reason: "制作答复书",
      });
      expect(JSON.stringify(audits)).not.toContain("13812345678");
    });

    it("answers 404 for another agency's case, the same as for a case that does not exist", async () => {
      const c = await as("clerk");
      const theirs = await db
        .insertInto("application")
        .values({
          agency_id: tree.otherCity,
          ref: "X-1",
          received: "2026-06-01",
          channel: "online",
          applicant_type: 0,
          applicant: JSON.stringify(applicant),
          subject: "x",
          answered: null,
          outcome: null,
          extra: "{}",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const bodies = new Set<string>();
      for (const id of [theirs.id, "99999999"]) {
        for (const [method, url, payload] of [
          ["GET", `/api/applications/${id}`, undefined],
          ["POST", `/api/applications/${id}/reveal`, {}],
          ["POST", `/api/applications/${id}/events`, { type: "withdrawn", date: "2026-06-02" }],
        ] as const) {
          const res = await c.request(method, url, payload);
          expect(res.statusCode, `${method} ${url}`).toBe(404);
          bodies.add(res.body);
        }
      }
      expect(bodies.size).toBe(1);
      expect((await c.request("GET", `/api/applications?agencyId=${tree.otherCity}`)).statusCode).toBe(404);
      expect((await c.request("GET", `/api/applications?agencyId=${tree.district}`)).statusCode).toBe(404);
      const sup = await (await as("supervisor")).request(
        "GET",
        `/api/applications?agencyId=${tree.district}`,
      );
      expect(sup.statusCode).toBe(200);
    });

    it("refuses state changes without the CSRF token", async () => {
      const c = await as("head");
      const n = async () => (await db.selectFrom("application_event").select("seq").execute()).length;
      const before = await n();
      for (const [url, payload] of [
        ["/api/applications", body({ ref: "csrf-1" })],
        [`/api/applications/${first}/events`, { type: "withdrawn", date: "2026-06-30" }],
        [`/api/applications/${first}/reveal`, {}],
      ] as const) {
        const res = await c.request("POST", url, payload, { csrf: false });
        expect(res.statusCode, url).toBe(403);
        expect(res.json()).toMatchObject({ id: "CSRF-INVALID" });
      }
      const p = await patch("head", `/api/applications/${first}`, { handlerId: null }, false);
      expect(p.statusCode).toBe(403);
      expect(await n()).toBe(before);
    });

    it("keeps SQL-injection and path-traversal attempts in q, filters, ref and ids harmless", async () => {
      const c = await as("clerk");
      for (const q of ["' OR '1'='1", "%", "_", "\\", "1); drop table application; --", "%' --"]) {
        const res = await c.request("GET", `/api/applications?q=${encodeURIComponent(q)}`);
        expect(res.statusCode, q).toBe(200);
        expect(res.json().total, q).toBe(0);
      }
      for (const url of [
        "/api/applications?agencyId=1%20OR%201=1",
        "/api/applications?handlerId=1;drop",
        "/api/applications?channel=online'--",
        "/api/applications/1%20OR%201=1",
        "/api/applications/..%2F..%2Fetc%2Fpasswd",
        "/api/applications/1e3",
      ]) {
        const res = await c.request("GET", url);
        expect([400, 404], url).toContain(res.statusCode);
        expect(res.headers["content-type"], url).toMatch(/^application\/problem\+json/);
      }
      const ref = await c.request(
        "POST",
        "/api/applications",
        body({ ref: "'; drop table application; --" }),
      );
      expect(ref.statusCode).toBe(400);
      const count = await db
        .selectFrom("application")
        .select(db.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBeGreaterThan(5);
    });

    it("exports the filtered list as CSV with the applicant masked", async () => {
      const res = await (await as("clerk")).request("GET", "/api/applications/export.csv?year=2026");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/csv/);
      const lines = res.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n");
      expect(lines[0]).toMatch(/^编号,收到日期,申请方式,申请人,联系电话/);
      expect(lines.length).toBe(6);
      expect(res.body).toContain("张**,138****5678,110***********1234,北京市海淀区****");
      expect(res.body).not.toContain("13812345678");
    });
  });
}
