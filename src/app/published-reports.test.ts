import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { reportToJsonObject } from "../domain/report/json.js";
import { blankReport } from "../domain/report/model.js";
import type { Db } from "../store/db.js";
import { insertSnapshot } from "../store/reports.js";
import { listPublishedReports, loadPublishedReport } from "./published-reports.js";

for (const engine of ENGINES) {
  describe(`published reports on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    const ids: Record<string, number> = {};
    const publish = async (agency: string, year: number, by: string, title: string) => {
      const report = { ...blankReport("2021", year, agency), title };
      await db
        .transaction()
        .execute((tx) =>
          insertSnapshot(tx, ids[agency]!, report, reportToJsonObject(report), new Date(), by),
        );
    };
    beforeEach(async () => {
      ({ db, close } = await engine.open());
      for (const name of ["甲局", "乙局"])
        ids[name] = (
          await db.insertInto("agency").values({ name }).returning("id").executeTakeFirstOrThrow()
        ).id;
      await publish("甲局", 2024, "head", "旧稿");
      await publish("甲局", 2024, "head", "新稿");
      await publish("甲局", 2025, "head", "甲局2025");
      await publish("乙局", 2025, "import:admin", "乙局2025");
    });
    afterEach(() => close());

    it("lists only the latest snapshot per agency and year, filtered by agency and year", async () => {
      const all = await listPublishedReports(db);
      expect(all.map((r) => [r.agencyName, r.year, r.imported])).toEqual([
        ["乙局", 2025, true],
        ["甲局", 2025, false],
        ["甲局", 2024, false],
      ]);
      expect((await listPublishedReports(db, { year: 2024 })).length).toBe(1);
      expect((await listPublishedReports(db, { agencyId: ids.乙局! })).map((r) => r.year)).toEqual([2025]);
      expect(await listPublishedReports(db, { agencyId: ids.乙局!, year: 2024 })).toEqual([]);
    });

    it("loads the newest publication of a year, and nothing for an unpublished year", async () => {
      const r = await loadPublishedReport(db, ids.甲局!, 2024);
      expect(r?.report.title).toBe("新稿");
      expect(r?.report.agency).toBe("甲局");
      expect(r?.publishedAt).toBeInstanceOf(Date);
      expect(await loadPublishedReport(db, ids.乙局!, 2024)).toBeUndefined();
    });
  });
}
