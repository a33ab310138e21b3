import { type Kysely, Migrator, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { seedTree, type Tree } from "../../test/server-fixture.js";
import type { DocumentFields } from "../domain/catalogue/catalogue.js";
import { documentSearchText, documentTokens, parseSearchQuery } from "../domain/catalogue/search-text.js";
import { insertDocument, insertVersion, setVersionState } from "./catalogue.js";
import { type PublicFilter, publishedList } from "./catalogue-search.js";
import type { Db } from "./db.js";
import { MIGRATIONS } from "./migrate.js";

const fields = (title: string, over: Partial<DocumentFields> = {}): DocumentFields => ({
  title,
  docNumber: null,
  publisher: "示例市人民政府",
  writtenOn: null,
  category: "教育",
  validity: "valid",
  docKind: "other",
  article20Item: 1,
  body: "",
  ...over,
});

for (const engine of ENGINES)
  describe(`catalogue search filters (${engine.name})`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let tree: Tree;
    let author: number;
    beforeEach(async () => {
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      author = (
        await db.selectFrom("app_user").select("id").where("login", "=", "clerk").executeTakeFirstOrThrow()
      ).id;
    });
    afterEach(() => close());

    /** Publishes documents through the store (as 终审 does): the same writes, without the reviews. */
    const publish = (docs: { indexNo: string; agencyId: number; f: DocumentFields; on: string }[]) =>
      db.transaction().execute(async (tx) => {
        for (const d of docs) {
          const id = await insertDocument(tx, d.agencyId, d.indexNo);
          const v = await insertVersion(tx, id!, 1, d.f, author, null);
          await setVersionState(tx, v, "published", d.on);
        }
      });
    const search = async (q: string, filter: PublicFilter, page = 1) => {
      const r = await publishedList(db, filter, parseSearchQuery(q), 20, (page - 1) * 20);
      return { ids: r.rows.map((x) => x.indexNo), more: r.more };
    };

    it("a common word filtered to an agency where it never occurs: empty; where it occurs: newest first", async () => {
      const day = (i: number) =>
        `2025-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
      await publish(
        Array.from({ length: 45 }, (_, i) => ({
          indexNo: `C-${String(i).padStart(2, "0")}`,
          agencyId: tree.city,
          f: fields(`关于做好第${i}批学校安全工作的通知`, { category: i % 3 ? "教育" : "财政" }),
          on: day(i),
        })),
      );
      await publish(
        Array.from({ length: 5 }, (_, i) => ({
          indexNo: `D-${i}`,
          agencyId: tree.district,
          f: fields(`东区第${i}号公告`, { publisher: "示例市东区人民政府", body: "公告内容见附件。" }),
          on: day(i),
        })),
      );
      // 通知 is in every city document and in no district document.
      expect(await search("通知", { agencyId: tree.district })).toEqual({ ids: [], more: false });
      expect(await search("学校安全", { agencyId: tree.district, year: 2025 })).toEqual({
        ids: [],
        more: false,
      });
      expect(await search("通知", { agencyId: tree.otherCity })).toEqual({ ids: [], more: false });
      expect(await search("公告", { agencyId: tree.city })).toEqual({ ids: [], more: false });
      expect((await search("公告", { agencyId: tree.district })).ids.sort()).toEqual([
        "D-0",
        "D-1",
        "D-2",
        "D-3",
        "D-4",
      ]);
      // Where it occurs: every page in date order, the same as without the filter (all matches are the city's).
      const all = async (filter: PublicFilter) => {
        const out: string[] = [];
        for (let page = 1; ; page++) {
          const r = await search("通知", filter, page);
          out.push(...r.ids);
          if (!r.more) return out;
        }
      };
      const city = await all({ agencyId: tree.city });
      expect(city).toHaveLength(45);
      expect(city).toEqual(await all({}));
      expect(await all({ agencyId: tree.city, category: "财政" })).toEqual(
        city.filter((id) => Number(id.slice(2)) % 3 === 0),
      );
      expect(await all({ agencyId: tree.city, year: 2024 })).toEqual([]);
      expect(await all({ agencyId: tree.city, validity: "repealed" })).toEqual([]);
      expect(await all({ article20Item: 1 })).toEqual(city);
    });

    it("migration 0007 gives documents published before it their filter tokens", async () => {
      // A document published the 0004 way (bigram tokens only), then 0007 applied again.
      const f = fields("关于公布行政事业性收费目录的通知", {
        category: "财政",
        validity: "none",
        article20Item: 7,
      });
      const id = await db.transaction().execute((tx) => insertDocument(tx, tree.department, "OLD-1"));
      const text = [f.title, f.docNumber, f.publisher, f.body];
      await db
        .insertInto("catalogue_version")
        .values({
          document_id: id!,
          agency_id: tree.department,
          version: 1,
          title: f.title,
          publisher: f.publisher,
          body: f.body,
          published_on: "2023-04-05",
          category: f.category,
          validity: f.validity,
          doc_kind: f.docKind,
          article20_item: f.article20Item,
          state: "published",
          author_id: author,
          search_tokens: sql<string>`array_to_tsvector(${documentTokens(text)}::text[])`,
          search_text: documentSearchText(text),
        })
        .execute();
      const filter = {
        agencyId: tree.department,
        year: 2023,
        category: "财政",
        validity: "none",
        article20Item: 7,
      };
      expect((await search("收费目录", filter)).ids).toEqual([]); // no filter tokens yet
      await sql`delete from gongkai_migration where name = '0007-search-filters'`.execute(db);
      await sql`drop function catalogue_filter_tokens(integer, date, text, text, smallint)`.execute(db);
      await sql`alter table catalogue_version drop column agency_id`.execute(db);
      // Later migrations stay applied: re-run 0007 alone, as on a database that had it skipped.
      const migrator = new Migrator({
        db: db as unknown as Kysely<unknown>,
        provider: { getMigrations: async () => MIGRATIONS },
        migrationTableName: "gongkai_migration",
        migrationLockTableName: "gongkai_migration_lock",
        allowUnorderedMigrations: true,
      });
      const { error, results } = await migrator.migrateToLatest();
      expect(error).toBeUndefined();
      expect(results?.map((r) => r.migrationName)).toEqual(["0007-search-filters"]);
      expect((await search("收费目录", filter)).ids).toEqual(["OLD-1"]);
      expect((await search("收费目录", { ...filter, year: 2024 })).ids).toEqual([]);
      expect((await search("收费目录", { ...filter, agencyId: tree.district })).ids).toEqual([]);
      // Still frozen after the backfill.
      await expect(
        db.updateTable("catalogue_version").set({ title: "改" }).where("document_id", "=", id!).execute(),
      ).rejects.toThrow(/frozen/);
    });
  });
