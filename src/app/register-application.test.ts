import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { seedTree, type Tree } from "../../test/server-fixture.js";
import type { Db } from "../store/db.js";
import { setCaseClock } from "./case-clock.js";
import {
  newTrackingCode,
  registerApplication,
  TRACKING_ALPHABET,
  trackingCheckHash,
  trackingCheckOf,
} from "./register-application.js";

describe("tracking codes", () => {
  it("draws 10 characters without look-alikes (0 O 1 I L)", () => {
    const codes = new Set(Array.from({ length: 2000 }, newTrackingCode));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(TRACKING_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it("checks with the phone's last 4 digits, else the ID's last 4, else none", () => {
    expect(trackingCheckOf({ name: "a", phone: "138-1234-5678", idNumber: "110101199001011234" })).toBe(
      "5678",
    );
    expect(trackingCheckOf({ name: "a", idNumber: "11010119800101123x" })).toBe("123X");
    expect(trackingCheckOf({ name: "a" })).toBeNull();
    expect(trackingCheckHash("abcde-fghjk", "123x")).toBe(trackingCheckHash("ABCDEFGHJK", "123X"));
    expect(trackingCheckHash("ABCDEFGHJK", "1234")).not.toBe(trackingCheckHash("ABCDEFGHJK", "1235"));
  });
});

for (const engine of ENGINES) {
  describe(`registerApplication on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let tree: Tree;
    beforeAll(async () => {
      setCaseClock({ today: () => "2026-06-30" });
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
    });
    afterAll(async () => {
      setCaseClock(undefined);
      await close();
    });

    it("registers a portal application: generated ref, today's receipt, no handler, audited without personal data", async () => {
      const r = await registerApplication(
        db,
        { portal: true },
        {
          agencyId: tree.district,
          channel: "online",
          applicantType: 0,
          applicant: { name: "孙八", idNumber: "11010119800101123X" },
          subject: "某信息",
          handlerId: 1,
        },
      );
      expect(r.ref).toBe(`2026-${r.trackingCode}`);
      const row = await db
        .selectFrom("application")
        .selectAll()
        .where("id", "=", r.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        received: "2026-06-30",
        source: "portal",
        handler_id: null,
        tracking_code: r.trackingCode,
        tracking_check: trackingCheckHash(r.trackingCode!, "123X"),
      });
      const audit = await db
        .selectFrom("audit")
        .selectAll()
        .where("entity", "=", "application")
        .where("entity_id", "=", r.id)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: "portal", action: "application.register" });
      expect(JSON.stringify(audit)).not.toContain("孙八");
    });

    it("issues no tracking code without a phone or ID number, and refuses an unknown agency", async () => {
      const r = await registerApplication(
        db,
        { portal: true },
        {
          agencyId: tree.city,
          channel: "post",
          applicantType: 1,
          applicant: { name: "某公司" },
          subject: "x",
        },
      );
      expect(r.trackingCode).toBeNull();
      await expect(
        registerApplication(
          db,
          { portal: true },
          { agencyId: 2_000_000, channel: "post", applicantType: 0, applicant: { name: "某" }, subject: "x" },
        ),
      ).rejects.toMatchObject({ id: "NOT-FOUND" });
    });
  });
}
