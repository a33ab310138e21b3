import { describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { applicationsOfAccount } from "../store/applicant-accounts.js";
import { login } from "./accounts.js";
import { createDemoCity, DEMO_CITY, DEMO_PASSWORD } from "./demo-city.js";
import { signInApplicant } from "./portal-accounts.js";
import { publishedReport } from "./publish-report.js";

/** Rows per table, for idempotency checks. */
async function counts(db: Parameters<typeof createDemoCity>[0]) {
  const n = async (t: "agency" | "application" | "application_event" | "app_user" | "report_snapshot") =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    agency: await n("agency"),
    application: await n("application"),
    event: await n("application_event"),
    user: await n("app_user"),
    snapshot: await n("report_snapshot"),
  };
}

describe.each(ENGINES)("demo city ($name)", (engine) => {
  it("fills every lifecycle state, publishes last year, refuses a second run and resets", async () => {
    const { db, close } = await engine.open();
    try {
      const s = await createDemoCity(db, { today: "2026-11-20", perYear: 25 });
      expect(s.agencies).toBeGreaterThanOrEqual(1 + 6 + 2 * 2);
      for (const status of [
        "on_time",
        "due_soon",
        "overdue",
        "waiting_applicant",
        "paused_consultation",
        "paused_fee",
        "closed",
      ])
        expect(s.byStatus[status], status).toBeGreaterThan(0);
      expect(s.byStatus.unknown ?? 0).toBe(0);
      // Every outcome type shows among the closed cases.
      const outcomes = await db
        .selectFrom("application")
        .select("outcome")
        .distinct()
        .where("outcome", "is not", null)
        .execute();
      expect(outcomes.length).toBeGreaterThanOrEqual(15);
      // Two years of cases, none after today.
      const range = await db
        .selectFrom("application")
        .select((eb) => [eb.fn.min("received").as("first"), eb.fn.max("received").as("last")])
        .executeTakeFirstOrThrow();
      expect(String(range.first).slice(0, 4)).toBe("2025");
      expect(String(range.last) <= "2026-11-20").toBe(true);
      const report = await publishedReport(db, DEMO_CITY, 2025);
      expect(report?.report.year).toBe(2025);
      expect(report?.report.applications.total_processed).toBeDefined();
      expect(s.extras).toEqual({ catalogue: 7, letters: 4, guides: 2 });
      const versions = await db.selectFrom("catalogue_version").select("state").execute();
      expect(versions.map((v) => v.state).sort()).toEqual([
        "draft",
        "published",
        "published",
        "published",
        "published",
        "published",
        "review1",
      ]);
      const draft = await db.selectFrom("report_draft").selectAll().executeTakeFirstOrThrow();
      expect(draft).toMatchObject({ year: 2026, state: "draft" });
      expect(await db.selectFrom("report_comment").select("body").execute()).toHaveLength(2);
      for (const u of s.users)
        expect((await login(db, { login: u.login, password: DEMO_PASSWORD }, 8)).token).toBeTruthy();
      // The public applicant signs in on the portal and finds three of the city's applications.
      expect(s.applicant).toEqual({ login: "13800000000", name: "示范申请人", applications: 3 });
      const { accountId } = await signInApplicant(
        db,
        { login: s.applicant.login, password: DEMO_PASSWORD },
        1,
      );
      expect(await applicationsOfAccount(db, accountId)).toHaveLength(3);

      const before = await counts(db);
      await expect(createDemoCity(db, { today: "2026-11-20", perYear: 25 })).rejects.toMatchObject({
        id: "DEMO-EXISTS",
      });
      expect(await counts(db)).toEqual(before);
      // Deterministic: a reset gives the same city again.
      await createDemoCity(db, { today: "2026-11-20", perYear: 25, reset: true });
      expect(await counts(db)).toEqual(before);
    } finally {
      await close();
    }
  }, 300_000);

  it("refuses --reset on a database with other agencies", async () => {
    const { db, close } = await engine.open();
    try {
      await db.insertInto("agency").values({ name: "另一市人民政府", parent_id: null }).execute();
      await expect(
        createDemoCity(db, { today: "2026-11-20", perYear: 5, reset: true }),
      ).rejects.toMatchObject({
        id: "DEMO-RESET-REFUSED",
      });
    } finally {
      await close();
    }
  }, 300_000);
});
