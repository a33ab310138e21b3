/**
 * THE HTTP authorization matrix of the casework routes: every role × every route × own / subtree /
 * other agency, the expected status read from the policy table (decide): allow → 2xx, forbidden →
 * 403, not-found → 404. The policy's own matrix (every cell written out) is src/app/policy.test.ts.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { Client, seedTree, type Tree } from "../../test/server-fixture.js";
import { setCaseClock } from "../app/case-clock.js";
import { type Action, type Actor, decide, ROLES, type Role } from "../app/policy.js";
import { registerApplication } from "../app/register-application.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

type Where = "own" | "subtree" | "other";
interface Target {
  agencyId: number;
  caseId: string;
  reviewId: number;
}
interface Route {
  action: Action;
  method: "GET" | "POST" | "PATCH" | "PUT";
  url: (t: Target) => string;
  body?: (t: Target, role: Role) => object;
}

for (const engine of ENGINES) {
  describe(`casework authorization matrix on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    let clerkId = 0;
    const targets = {} as Record<Where, Target>;
    const clients = new Map<Role, Client>();
    let n = 0;

    const newReview = async (agencyId: number) =>
      (
        await db
          .insertInto("review_case")
          .values({ agency_id: agencyId, kind: "review", filed: "2026-06-10", result: null, decided: null })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;

    const ROUTES: Route[] = [
      { action: "case.read", method: "GET", url: (t) => `/api/applications?agencyId=${t.agencyId}` },
      {
        action: "case.read",
        method: "GET",
        url: (t) => `/api/applications/export.csv?agencyId=${t.agencyId}`,
      },
      {
        action: "case.edit",
        method: "POST",
        url: () => "/api/applications",
        body: (t) => ({
          agencyId: t.agencyId,
          ref: `M-${++n}`,
          receivedOn: "2026-06-01",
          channel: "in_person",
          applicantType: 0,
          applicant: { name: "王五", phone: "13700000000" },
          subject: "某信息",
        }),
      },
      { action: "case.read", method: "GET", url: (t) => `/api/applications/${t.caseId}` },
      {
        action: "case.edit",
        method: "PATCH",
        url: (t) => `/api/applications/${t.caseId}`,
        body: () => ({ handlerId: clerkId }),
      },
      {
        action: "case.edit",
        method: "POST",
        url: (t) => `/api/applications/${t.caseId}/events`,
        body: () => ({ type: "consultation_started", date: "2026-06-20", party: "third_party" }),
      },
      {
        action: "extension.approve",
        method: "POST",
        url: (t) => `/api/applications/${t.caseId}/events`,
        body: () => ({ type: "extension_approved", date: "2026-06-20", workingDays: 5 }),
      },
      {
        action: "case.reveal",
        method: "POST",
        url: (t) => `/api/applications/${t.caseId}/reveal`,
        body: () => ({}),
      },
      { action: "case.edit", method: "GET", url: (t) => `/api/applications/${t.caseId}/letters/receipt` },
      { action: "case.edit", method: "POST", url: (t) => `/api/applications/${t.caseId}/letters/receipt` },
      { action: "case.read", method: "GET", url: (t) => `/api/letter-templates?agencyId=${t.agencyId}` },
      {
        action: "letter.template.edit",
        method: "PUT",
        url: () => "/api/letter-templates/receipt",
        body: (t) => ({ agencyId: t.agencyId, title: "收件回执", body: "{申请人}：\n已收到。" }),
      },
      { action: "case.read", method: "GET", url: (t) => `/api/review-cases?agencyId=${t.agencyId}` },
      { action: "case.read", method: "GET", url: (t) => `/api/review-cases/${t.reviewId}` },
      {
        action: "review.edit",
        method: "POST",
        url: () => "/api/review-cases",
        body: (t) => ({ agencyId: t.agencyId, kind: "litigation_direct", filed: "2026-06-15" }),
      },
      {
        action: "review.edit",
        method: "POST",
        url: (t) => `/api/review-cases/${t.reviewId}/decision`,
        body: () => ({ result: "upheld", decided: "2026-06-25" }),
      },
    ];

    beforeAll(async () => {
      setCaseClock({ today: () => "2026-06-30" });
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      app = await buildServer({ db });
      clerkId = (
        await db.selectFrom("app_user").select("id").where("login", "=", "clerk").executeTakeFirstOrThrow()
      ).id;
      const agencies: Record<Where, number> = {
        own: tree.city,
        subtree: tree.district,
        other: tree.otherCity,
      };
      for (const [where, agencyId] of Object.entries(agencies) as [Where, number][]) {
        const r = await registerApplication(
          db,
          { portal: true },
          {
            agencyId,
            receivedOn: "2026-06-01",
            channel: "online",
            applicantType: 0,
            applicant: { name: "赵六", phone: "13600000000" },
            subject: "某信息",
          },
        );
        // The own agency's case is the clerk's, so that the handler rule of case.reveal lets the clerk in.
        if (where === "own")
          await db.updateTable("application").set({ handler_id: clerkId }).where("id", "=", r.id).execute();
        targets[where] = { agencyId, caseId: r.id, reviewId: await newReview(agencyId) };
      }
      for (const role of ROLES) {
        const c = new Client(app);
        expect((await c.login(role)).statusCode).toBe(201);
        clients.set(role, c);
      }
    });
    afterAll(async () => {
      setCaseClock(undefined);
      await app.close();
      await close();
    });

    const actorOf = (role: Role): Actor => ({
      userId: 0,
      login: role,
      name: role,
      role,
      agencyId: tree.city,
      below: new Set([tree.district, tree.department]),
    });

    for (const role of ROLES)
      for (const [i, route] of ROUTES.entries())
        it(`${role} × ${route.method} ${route.url({ agencyId: 0, caseId: ":id", reviewId: 0 }).replace(/\/0\b|=0\b/, "…")} (${route.action}) #${i}`, async () => {
          const c = clients.get(role)!;
          for (const where of ["own", "subtree", "other"] as Where[]) {
            const t = { ...targets[where] };
            // A decision can be recorded once: each attempt gets a fresh record.
            if (route.url(t).endsWith("/decision")) t.reviewId = await newReview(t.agencyId);
            const res = await app.inject({
              method: route.method,
              url: route.url(t),
              headers: { cookie: c.cookie, "x-csrf-token": c.csrf },
              ...(route.body ? { payload: route.body(t, role) } : {}),
            });
            const expected = { allow: [200, 201], forbidden: [403], "not-found": [404] }[
              decide(actorOf(role), route.action, t.agencyId)
            ];
            expect(expected, `${role} ${route.method} ${where}: ${res.body.slice(0, 200)}`).toContain(
              res.statusCode,
            );
            if (res.statusCode >= 400)
              expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
          }
        });

    it("a 经办人 who does not handle the case is refused the reveal (403), the handler is not", async () => {
      const c = clients.get("clerk")!;
      const url = `/api/applications/${targets.own.caseId}/reveal`;
      expect((await c.request("POST", url, {})).statusCode).toBe(200);
      await db
        .updateTable("application")
        .set({ handler_id: null })
        .where("id", "=", targets.own.caseId)
        .execute();
      expect((await c.request("POST", url, {})).statusCode).toBe(403);
      expect((await clients.get("reviewer")!.request("POST", url, {})).statusCode).toBe(200);
    });

    it("every route needs a session (401)", async () => {
      for (const route of ROUTES) {
        const res = await app.inject({
          method: route.method,
          url: route.url(targets.own),
          ...(route.body ? { payload: route.body(targets.own, "clerk") } : {}),
        });
        // State-changing requests without a session also lack the CSRF secret: refused before the route (403).
        expect([401, 403], `${route.method} ${route.url(targets.own)}`).toContain(res.statusCode);
        if (route.method === "GET") expect(res.statusCode).toBe(401);
      }
    });
  });
}
