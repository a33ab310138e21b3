/**
 * The worklist's per-process snapshot (migration 0010's change counter): a list read twice is served
 * from memory, and every kind of change — through the app, or straight into the database as another
 * app process would make it — shows on the next read.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { seedTree, type Tree } from "../../test/server-fixture.js";
import { caseListVersion } from "../store/cases-list.js";
import type { Db } from "../store/db.js";
import { assignHandler } from "./case-assign.js";
import { setCaseClock } from "./case-clock.js";
import { recordEvent } from "./case-events.js";
import { listApplications, worklistBuilds } from "./cases-list.js";
import type { Actor } from "./policy.js";
import { registerApplication } from "./register-application.js";

for (const engine of ENGINES) {
  describe(`worklist snapshot on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let tree: Tree;
    let clerk: Actor;
    const ids: string[] = [];
    const list = () => listApplications(db, clerk, {});

    beforeAll(async () => {
      setCaseClock({ today: () => "2026-06-30" });
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      const user = await db
        .selectFrom("app_user")
        .select(["id", "name"])
        .where("login", "=", "clerk")
        .executeTakeFirstOrThrow();
      clerk = {
        userId: user.id,
        login: "clerk",
        name: user.name,
        role: "clerk",
        agencyId: tree.city,
        below: new Set(),
      };
      for (const [i, received] of ["2026-06-01", "2026-06-10", "2026-06-20"].entries()) {
        const r = await registerApplication(db, clerk, {
          agencyId: tree.city,
          ref: `W-${i}`,
          receivedOn: received,
          channel: "online",
          applicantType: 0,
          applicant: { name: `申请人${i}`, phone: "13800001234" },
          subject: `事项${i}`,
        });
        ids.push(String(r.id));
      }
    });
    afterAll(async () => {
      setCaseClock(undefined);
      await close();
    });

    it("serves an unchanged list from its snapshot: the same items, most urgent first", async () => {
      const a = await list();
      const b = await list();
      expect(a.items.map((i) => i.ref)).toEqual(["W-0", "W-1", "W-2"]);
      expect(b.items[0]).toBe(a.items[0]); // the same object: nothing was replayed again
      expect(a.counts.closed).toBe(0);
    });

    it("after a change, builds the list once for the requests that follow and serves the rest from it", async () => {
      await list();
      await sql`update application set updated_at = now() where id = ${ids[2]}`.execute(db);
      const before = worklistBuilds();
      const [a, b, c] = await Promise.all([list(), list(), list()]);
      expect(worklistBuilds() - before).toBe(1);
      expect(b?.items[0]).toBe(a?.items[0]);
      expect(c?.items[0]).toBe(a?.items[0]);
      await list();
      expect(worklistBuilds() - before).toBe(1); // unchanged since: served from the snapshot
    });

    it("shows an event recorded through the app (a reply closes the case)", async () => {
      const before = await caseListVersion(db, tree.city);
      await recordEvent(db, clerk, ids[0]!, { type: "replied", date: "2026-06-29", outcome: "granted" });
      expect(Number(await caseListVersion(db, tree.city))).toBeGreaterThan(Number(before));
      const r = await list();
      expect(r.counts.closed).toBe(1);
      expect(r.items.map((i) => [i.ref, i.status])).toEqual([
        ["W-1", expect.not.stringMatching(/^closed$/)],
        ["W-2", expect.not.stringMatching(/^closed$/)],
        ["W-0", "closed"],
      ]);
    });

    it("shows changes written straight to the database by another process", async () => {
      await list();
      await sql`update application set subject = '另一进程改的事项' where id = ${ids[1]}`.execute(db);
      expect((await list()).items.find((i) => i.id === ids[1])?.subject).toBe("另一进程改的事项");
      // An event appended by raw SQL (the trigger joins the event to its application's agency).
      await sql`insert into application_event (application_id, seq, type, on_date, data, recorded_by)
        select ${ids[2]}, max(seq) + 1, 'withdrawn', '2026-06-30', '{}'::jsonb, 'other-process'
        from application_event where application_id = ${ids[2]}`.execute(db);
      expect((await list()).items.find((i) => i.id === ids[2])?.status).toBe("closed");
    });

    it("shows a handler assigned, and the handler's new name after a rename", async () => {
      const me = clerk.userId;
      await assignHandler(db, clerk, ids[1]!, me);
      expect((await list()).items.find((i) => i.id === ids[1])?.handler?.id).toBe(me);
      await sql`update app_user set name = '改名后的经办人' where id = ${me}`.execute(db);
      expect((await list()).items.find((i) => i.id === ids[1])?.handler?.name).toBe("改名后的经办人");
    });

    it("rebuilds when the day moves on (working days left count down)", async () => {
      const left = (await list()).items.find((i) => i.id === ids[1])?.workingDaysLeft;
      setCaseClock({ today: () => "2026-07-01" });
      const next = (await list()).items.find((i) => i.id === ids[1])?.workingDaysLeft;
      expect(next).toBe((left as number) - 1);
    });

    it("bumps only the changed agencies' counters, once per transaction however many rows", async () => {
      const other = await caseListVersion(db, tree.otherCity);
      const city = Number(await caseListVersion(db, tree.city));
      const dept = Number(await caseListVersion(db, tree.department));
      await sql`insert into application (agency_id, ref, received, channel, applicant_type, applicant, subject)
        select case when i % 2 = 0 then ${tree.city}::int else ${tree.department}::int end,
          'BULK-' || i, '2026-06-15', 'online', 0, '{}'::jsonb, '批量'
        from generate_series(1, 500) as i`.execute(db);
      expect(Number(await caseListVersion(db, tree.city))).toBe(city + 1);
      expect(Number(await caseListVersion(db, tree.department))).toBe(dept + 1);
      expect(await caseListVersion(db, tree.otherCity)).toBe(other);
      // Several statements in one transaction: one bump (readers only see committed counters).
      await db.transaction().execute(async (tx) => {
        for (const ref of ["TX-1", "TX-2", "TX-3"])
          await sql`insert into application (agency_id, ref, received, channel, applicant_type, applicant, subject)
            values (${tree.city}, ${ref}, '2026-06-15', 'online', 0, '{}'::jsonb, '同一事务')`.execute(tx);
      });
      expect(Number(await caseListVersion(db, tree.city))).toBe(city + 2);
    });
  });
}
