import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import type { Db } from "./db.js";
import { inTransaction } from "./transaction.js";

for (const engine of ENGINES) {
  describe(`store on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ db, close } = await engine.open());
    });
    afterAll(async () => close());

    it("applies the schema and keeps dates as calendar dates, amounts as exact decimals", async () => {
      const agency = await db
        .insertInto("agency")
        .values({ name: "示例市司法局", parent_id: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      const app = await db
        .insertInto("application")
        .values({
          agency_id: agency.id,
          ref: "2026-001",
          received: "2026-01-04",
          channel: "网络",
          applicant_type: 0,
          applicant: JSON.stringify({ name: "张三" }),
          subject: "某文件",
          answered: null,
          outcome: null,
          extra: "{}",
        })
        .returning(["id", "received"])
        .executeTakeFirstOrThrow();
      expect(app.received).toBe("2026-01-04");
      expect(typeof app.id).toBe("string");
      await db
        .insertInto("yearly_figures")
        .values({
          agency_id: agency.id,
          year: 2025,
          licensing: 1,
          penalty: 2,
          coercion: 0,
          fees_10k_yuan: "24252.311082",
          edition2019: null,
        })
        .execute();
      const f = await db.selectFrom("yearly_figures").select("fees_10k_yuan").executeTakeFirstOrThrow();
      expect(f.fees_10k_yuan).toBe("24252.311082");
      const row = await db.selectFrom("application").select("applicant").executeTakeFirstOrThrow();
      expect(row.applicant).toEqual({ name: "张三" });
    });

    it("commits a change with its audit row, or neither", async () => {
      await inTransaction(db, "clerk:1", async (tx, record) => {
        const a = await tx
          .insertInto("agency")
          .values({ name: "甲局", parent_id: null })
          .returning("id")
          .executeTakeFirstOrThrow();
        await record({ action: "agency.create", entity: "agency", entityId: a.id, after: { name: "甲局" } });
      });
      await expect(
        inTransaction(db, "clerk:1", async (tx, record) => {
          await tx.insertInto("agency").values({ name: "乙局", parent_id: null }).execute();
          await record({ action: "agency.create", entity: "agency", after: { name: "乙局" } });
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      const names = (await db.selectFrom("agency").select("name").execute()).map((r) => r.name);
      expect(names).toContain("甲局");
      expect(names).not.toContain("乙局");
      const audits = await db.selectFrom("audit").selectAll().execute();
      expect(audits.map((a) => [a.actor, a.action, a.after])).toEqual([
        ["clerk:1", "agency.create", { name: "甲局" }],
      ]);
    });

    it("refuses to change or delete audit rows, and to change a published snapshot", async () => {
      await expect(db.deleteFrom("audit").execute()).rejects.toThrow(/append-only/);
      await expect(db.updateTable("audit").set({ actor: "x" }).execute()).rejects.toThrow(/append-only/);
      const agency = await db.selectFrom("agency").select("id").executeTakeFirstOrThrow();
      const snap = await db
        .insertInto("report_snapshot")
        .values({
          agency_id: agency.id,
          year: 2025,
          report: JSON.stringify({ schema: "gongkai.report/1" }),
          published_at: new Date(),
          published_by: "head:1",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await expect(
        db.updateTable("report_snapshot").set({ year: 2024 }).where("id", "=", snap.id).execute(),
      ).rejects.toThrow(/frozen/);
    });

    it("serialises concurrent transactions without losing writes", async () => {
      const agency = await db
        .insertInto("agency")
        .values({ name: "并发局", parent_id: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          inTransaction(db, "clerk:2", async (tx, record) => {
            await tx
              .insertInto("register_document")
              .values({
                agency_id: agency.id,
                kind: "normative_document",
                title: `文件${i}`,
                doc_number: null,
                issued: "2025-03-01",
                repealed: null,
              })
              .execute();
            await record({ action: "register.create", entity: "register_document", after: { i } });
          }),
        ),
      );
      const { count } = await db
        .selectFrom("register_document")
        .select(sql<string>`count(*)`.as("count"))
        .executeTakeFirstOrThrow();
      expect(Number(count)).toBe(20);
    });
  });
}

describe("embedded PGlite on disk", () => {
  it("keeps data across a restart in its data directory", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { openDatabase } = await import("./db.js");
    const dir = mkdtempSync(join(tmpdir(), "gongkai-pglite-"));
    try {
      const first = await openDatabase({ dataDir: dir });
      await first.insertInto("agency").values({ name: "持久局", parent_id: null }).execute();
      await first.destroy();
      const second = await openDatabase({ dataDir: dir });
      const rows = await second.selectFrom("agency").select("name").execute();
      await second.destroy();
      expect(rows.map((r) => r.name)).toEqual(["持久局"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
