import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { actorsOf, publishThrough } from "../../test/catalogue-fixture.js";
import { ENGINES } from "../../test/engines.js";
import { seedTree } from "../../test/server-fixture.js";
import type { DocumentFields } from "../domain/catalogue/catalogue.js";
import { GongkaiError } from "../domain/errors.js";
import type { Db } from "../store/db.js";
import {
  addAttachment,
  correctDocument,
  createDocument,
  reviewVersion,
  submitForReview,
} from "./catalogue.js";
import type { Actor, Role } from "./policy.js";
import { publicDocument, searchCatalogue } from "./portal-catalogue.js";

const fields = (over: Partial<DocumentFields> = {}): DocumentFields => ({
  title: "示例市人民政府关于做好2025年春季学校安全工作的通知",
  docNumber: "示政发〔2025〕3号",
  publisher: "示例市人民政府",
  writtenOn: "2025-03-01",
  category: "教育",
  validity: "valid",
  docKind: "normative_document",
  article20Item: 1,
  body: "各区人民政府，市政府各部门：为做好春季学校安全工作，现就有关事项通知如下。",
  ...over,
});

const failsWith = async (p: Promise<unknown>, id: string) => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GongkaiError);
  expect((e as GongkaiError).id).toBe(id);
};

for (const engine of ENGINES)
  describe(`catalogue (${engine.name})`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let as: (r: Role) => Actor;
    beforeEach(async () => {
      ({ db, close } = await engine.open());
      as = await actorsOf(db, await seedTree(db));
    });
    afterEach(() => close());

    it("publishes only after 初审 → 复审 → 终审, by the right roles, and finds it by a two-character word", async () => {
      const clerk = as("clerk");
      const { versionId } = await createDocument(db, clerk, {
        agencyId: clerk.agencyId,
        indexNo: "SL-2025-0001",
        fields: fields(),
      });
      expect((await searchCatalogue(db, "学校", {}, 1)).rows).toHaveLength(0);
      await failsWith(reviewVersion(db, as("reviewer"), versionId, 1, { approve: true }), "CATALOGUE-STATE");
      await submitForReview(db, clerk, versionId);
      await failsWith(reviewVersion(db, as("head"), versionId, 1, { approve: true }), "FORBIDDEN");
      await failsWith(reviewVersion(db, as("reviewer"), versionId, 2, { approve: true }), "FORBIDDEN");
      await reviewVersion(db, as("reviewer"), versionId, 1, { approve: true });
      await failsWith(reviewVersion(db, as("head"), versionId, 2, { approve: false }), "CATALOGUE-INVALID");
      await reviewVersion(db, as("head"), versionId, 2, { approve: true });
      expect((await searchCatalogue(db, "学校", {}, 1)).rows).toHaveLength(0);
      await reviewVersion(db, as("supervisor"), versionId, 3, { approve: true }, "2025-03-05");
      const found = await searchCatalogue(db, "学校", {}, 1);
      expect(found.rows.map((r) => r.indexNo)).toEqual(["SL-2025-0001"]);
      expect(found.rows[0]!.publishedOn).toBe("2025-03-05");
    });

    it("a rejected step returns the draft with its reason; the author cannot review", async () => {
      const clerk = as("clerk");
      const { versionId } = await createDocument(db, as("reviewer"), {
        agencyId: clerk.agencyId,
        indexNo: "SL-2025-0002",
        fields: fields(),
      });
      await submitForReview(db, as("reviewer"), versionId);
      await failsWith(
        reviewVersion(db, as("reviewer"), versionId, 1, { approve: true }),
        "CATALOGUE-SAME-REVIEWER",
      );
      await failsWith(
        createDocument(db, clerk, { agencyId: clerk.agencyId, indexNo: "SL-2025-0002", fields: fields() }),
        "CATALOGUE-INDEX-EXISTS",
      );
      await failsWith(
        createDocument(db, clerk, { agencyId: clerk.agencyId, indexNo: "X", fields: fields({ title: " " }) }),
        "CATALOGUE-INVALID",
      );
    });

    it("search: exact substrings, numbers, punctuation ignored, filters, one character refused", async () => {
      await publishThrough(db, as, "A-1", fields(), "2024-05-01");
      await publishThrough(
        db,
        as,
        "A-2",
        fields({
          title: "关于公布2024年度行政事业性收费目录的通知",
          docNumber: "示财发〔2024〕12号",
          category: "财政",
          docKind: "other",
          validity: "none",
          body: "收费项目见附件。",
        }),
        "2024-06-01",
      );
      await publishThrough(
        db,
        as,
        "A-3",
        fields({ title: "校园周边交通安全整治方案", docNumber: null, body: "学生上下学时段交通疏导。" }),
        "2025-01-02",
      );
      const ids = async (q: string, f = {}) =>
        (await searchCatalogue(db, q, f, 1)).rows.map((r) => r.indexNo).sort();
      expect(await ids("学校")).toEqual(["A-1"]); // 校园 has 校 but not 学校
      expect(await ids("安全")).toEqual(["A-1", "A-3"]);
      expect(await ids("〔2024〕12号")).toEqual(["A-2"]);
      expect(await ids("2024 12")).toEqual(["A-2"]);
      expect(await ids("ＳＬ")).toEqual([]);
      expect(await ids("安全", { year: 2025 })).toEqual(["A-3"]);
      expect(await ids("通知", { category: "财政" })).toEqual(["A-2"]);
      expect(await ids("通知", { validity: "valid" })).toEqual(["A-1"]);
      expect(await ids("安全工作通知")).toEqual([]);
      await failsWith(searchCatalogue(db, "学", {}, 1), "SEARCH-TOO-SHORT");
      await failsWith(searchCatalogue(db, "“学”。", {}, 1), "SEARCH-TOO-SHORT");
      expect(await ids("'; drop table agency; --")).toEqual([]);
    });

    it("search pages: 20 newest first, then the rest, whichever plan finds them", async () => {
      for (let i = 1; i <= 25; i++)
        await publishThrough(
          db,
          as,
          `P-${i}`,
          fields({ title: `第${i}号公告`, docNumber: null }),
          `2025-01-${String(i).padStart(2, "0")}`,
        );
      const p1 = await searchCatalogue(db, "公告", {}, 1);
      expect(p1.rows.map((r) => r.indexNo)).toEqual(Array.from({ length: 20 }, (_, k) => `P-${25 - k}`));
      expect(p1.more).toBe(true);
      const p2 = await searchCatalogue(db, "公告", {}, 2);
      expect(p2.rows.map((r) => r.indexNo)).toEqual(["P-5", "P-4", "P-3", "P-2", "P-1"]);
      expect(p2.more).toBe(false);
      expect((await searchCatalogue(db, "第1", {}, 1)).rows.map((r) => r.indexNo).sort()).toEqual(
        ["P-1", "P-10", "P-11", "P-12", "P-13", "P-14", "P-15", "P-16", "P-17", "P-18", "P-19"].sort(),
      );
    });

    it("a correction is a new version; the published one stays frozen in the history", async () => {
      const v1 = await publishThrough(db, as, "C-1", fields(), "2025-03-05");
      await addAttachment(db, as("clerk"), v1, {
        filename: "x.pdf",
        content: Buffer.from("%PDF-1.4\n"),
      }).then(
        () => expect.fail("attached to a published version"),
        (e: GongkaiError) => expect(e.id).toBe("CATALOGUE-STATE"),
      );
      const { versionId: v2 } = await correctDocument(
        db,
        as("clerk"),
        "C-1",
        fields({ title: "示例市人民政府关于做好2025年春季学校安全工作的通知（更正）" }),
        "标题补充",
      );
      await failsWith(correctDocument(db, as("clerk"), "C-1", fields(), "再改"), "CATALOGUE-STATE");
      expect((await publicDocument(db, "C-1")).current.id).toBe(v1);
      await submitForReview(db, as("clerk"), v2);
      await reviewVersion(db, as("reviewer"), v2, 1, { approve: true });
      await reviewVersion(db, as("head"), v2, 2, { approve: true });
      await reviewVersion(db, as("supervisor"), v2, 3, { approve: true }, "2025-03-09");
      const doc = await publicDocument(db, "C-1");
      expect(doc.current.id).toBe(v2);
      expect(doc.history.map((h) => [h.version, h.state])).toEqual([
        [2, "published"],
        [1, "superseded"],
      ]);
      expect((await searchCatalogue(db, "更正", {}, 1)).rows.map((r) => r.version)).toEqual([2]);
      await expect(
        db.updateTable("catalogue_version").set({ title: "改" }).where("id", "=", v1).execute(),
      ).rejects.toThrow(/不可修改/);
      await expect(db.deleteFrom("catalogue_version").where("id", "=", v2).execute()).rejects.toThrow(
        /不可修改/,
      );
    });

    it("attachments: type sniffed from the bytes", async () => {
      const { versionId } = await createDocument(db, as("clerk"), {
        agencyId: as("clerk").agencyId,
        indexNo: "F-1",
        fields: fields(),
      });
      expect(
        (
          await addAttachment(db, as("clerk"), versionId, {
            filename: "附件.pdf",
            content: Buffer.from("%PDF-1.7\nx"),
          })
        ).mediaType,
      ).toBe("application/pdf");
      await failsWith(
        addAttachment(db, as("clerk"), versionId, { filename: "a.pdf", content: Buffer.from("<html>") }),
        "ATTACHMENT-INVALID",
      );
      await failsWith(
        addAttachment(db, as("clerk"), versionId, { filename: "a.docx", content: Buffer.from("%PDF-1.7") }),
        "ATTACHMENT-INVALID",
      );
    });
  });
