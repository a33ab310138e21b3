import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { seedTree, signedIn, type Tree } from "../../test/server-fixture.js";
import { setCaseClock } from "../app/case-clock.js";
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
  describe(`case steps on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    let first = "";
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
      const c = await as("clerk");
      first = (await c.request("POST", "/api/applications", body())).json().id;
      expect(
        (await patch("clerk", `/api/applications/${first}`, { handlerId: await userId("clerk") })).statusCode,
      ).toBe(200);
    });
    afterAll(async () => {
      setCaseClock(undefined);
      await app.close();
      await close();
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

    it("serialises concurrent steps on one case: the second replays the first and is refused", async () => {
      const c = await as("clerk");
      const id = (
        await c.request("POST", "/api/applications", body({ ref: "2026-030", receivedOn: "2026-06-15" }))
      ).json().id;
      const fee = { type: "fee_notice", date: "2026-06-16", amountYuan: 100 };
      const results = await Promise.all([
        c.request("POST", `/api/applications/${id}/events`, fee),
        c.request("POST", `/api/applications/${id}/events`, fee),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const events = await db
        .selectFrom("application_event")
        .select("seq")
        .where("application_id", "=", id)
        .execute();
      expect(events.map((e) => e.seq).sort()).toEqual([0, 1]);
    });
  });
}
