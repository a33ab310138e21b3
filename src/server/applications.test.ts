import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { seedTree, signedIn, type Tree } from "../../test/server-fixture.js";
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
    const as = signedIn(() => app);
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
      expect(schema.json().details).toEqual([
        "请求正文 /channel：应当是预设定的枚举值之一：in_person、post、online、fax、email、other",
      ]);
      // A field the API does not know is refused by name, not dropped (a typo would lose data).
      const unknown = await c.request("POST", "/api/applications", body({ ref: "x4", subjet: "错拼" }));
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().details).toEqual(["请求正文：不允许有额外的属性：subjet"]);
      expect(
        await db.selectFrom("application").select("id").where("ref", "=", "x4").executeTakeFirst(),
      ).toBeUndefined();
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
      expect(Number(count.n)).toBe(4);
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
      expect(lines.length).toBe(4);
      expect(res.body).toContain("张**,138****5678,110***********1234,北京市海淀区****");
      expect(res.body).not.toContain("13812345678");
    });
  });
}
