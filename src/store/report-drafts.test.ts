import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import type { Db } from "./db.js";
import {
  draftsOf,
  ensureDraft,
  findDraft,
  insertComment,
  listComments,
  moveDraft,
  updateSections,
} from "./report-drafts.js";

for (const engine of ENGINES) {
  describe(`report drafts on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let agency: number;
    beforeEach(async () => {
      ({ db, close } = await engine.open());
      agency = (
        await db.insertInto("agency").values({ name: "甲局" }).returning("id").executeTakeFirstOrThrow()
      ).id;
    });
    afterEach(() => close());

    it("keeps one draft per agency and year, and moves it only from the state it is in", async () => {
      const d = await db.transaction().execute((tx) => ensureDraft(tx, agency, 2025, "clerk"));
      const again = await db.transaction().execute((tx) => ensureDraft(tx, agency, 2025, "other"));
      expect(again.id).toBe(d.id);
      expect(d).toMatchObject({ state: "draft", sections: {}, updatedBy: "clerk" });
      await db.transaction().execute(async (tx) => {
        expect(await updateSections(tx, d.id, { overview: "一" }, "clerk")).toBe(true);
        expect(await moveDraft(tx, d.id, "draft", "submitted", "clerk")).toBe(true);
        // A second, concurrent submission finds the draft no longer in draft.
        expect(await moveDraft(tx, d.id, "draft", "submitted", "clerk")).toBe(false);
        expect(await updateSections(tx, d.id, { overview: "改" }, "clerk")).toBe(false);
      });
      expect(await findDraft(db, agency, 2025)).toMatchObject({
        state: "submitted",
        sections: { overview: "一" },
      });
      expect((await draftsOf(db, [agency], 2025)).map((x) => x.id)).toEqual([d.id]);
      expect(await draftsOf(db, [agency], 2024)).toEqual([]);
      await expect(
        db.updateTable("report_draft").set({ state: "archived" }).where("id", "=", d.id).execute(),
      ).rejects.toThrow();
    });

    it("keeps comments in order and append-only", async () => {
      const d = await db.transaction().execute((tx) => ensureDraft(tx, agency, 2025, "clerk"));
      const user = null as unknown as number;
      await db.transaction().execute(async (tx) => {
        await insertComment(tx, {
          draftId: d.id,
          action: "submit",
          from: "draft",
          to: "submitted",
          body: "请审核",
          authorId: user,
          author: "张三",
        });
        await insertComment(tx, {
          draftId: d.id,
          action: "return",
          from: "submitted",
          to: "draft",
          body: "补充",
          authorId: user,
          author: "李四",
        });
      });
      expect((await listComments(db, d.id)).map((c) => [c.author, c.body])).toEqual([
        ["张三", "请审核"],
        ["李四", "补充"],
      ]);
      await expect(db.updateTable("report_comment").set({ body: "改" }).execute()).rejects.toThrow(
        /只能追加/,
      );
      await expect(db.deleteFrom("report_comment").execute()).rejects.toThrow(/只能追加/);
    });
  });
}
