import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { send, upload } from "../../test/http.js";
import { seedTree, signedIn, type Tree } from "../../test/server-fixture.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("登记");
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

for (const engine of ENGINES) {
  describe(`register routes on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    const as = signedIn(() => app);
    let docs: string;
    beforeAll(async () => {
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      // Small upload limits for this server, to test refusals cheaply.
      process.env.GONGKAI_UPLOAD_MAX_KB = "64";
      process.env.GONGKAI_UPLOAD_MAX_FILES = "3";
      app = await buildServer({ db });
      delete process.env.GONGKAI_UPLOAD_MAX_KB;
      delete process.env.GONGKAI_UPLOAD_MAX_FILES;
      docs = `/api/agencies/${tree.city}/register-documents`;
    });
    afterAll(async () => {
      await app.close();
      await close();
    });

    it("adds, lists with filters and pages, and records a repeal", async () => {
      const c = await as("clerk");
      const ids: number[] = [];
      for (const [i, title] of [
        "示例市停车管理办法",
        "示例市政府信息公开规定",
        "关于加强100%覆盖的通知",
      ].entries()) {
        const res = await send(c, "POST", docs, {
          kind: i === 0 ? "regulation" : "normative_document",
          title,
          docNumber: `示政规〔2024〕${i + 1}号`,
          issued: `2024-0${i + 1}-15`,
        });
        expect(res.statusCode).toBe(201);
        ids.push(res.json().id);
      }
      const all = await send(c, "GET", `${docs}?limit=2`);
      expect(all.json()).toMatchObject({ total: 3, offset: 0, limit: 2 });
      expect(all.json().items.map((d: { title: string }) => d.title)).toEqual([
        "关于加强100%覆盖的通知",
        "示例市政府信息公开规定",
      ]);
      expect((await send(c, "GET", `${docs}?limit=2&offset=2`)).json().items).toHaveLength(1);
      expect((await send(c, "GET", `${docs}?kind=regulation`)).json().total).toBe(1);

      const repeal = await send(c, "PATCH", `${docs}/${ids[0]}`, { repealed: "2025-06-30" });
      expect(repeal.statusCode).toBe(200);
      expect(repeal.json()).toMatchObject({ repealed: "2025-06-30", title: "示例市停车管理办法" });
      expect((await send(c, "GET", `${docs}?validity=repealed&on=2025-12-31`)).json().total).toBe(1);
      expect((await send(c, "GET", `${docs}?validity=in_force&on=2025-12-31`)).json().total).toBe(2);
      expect((await send(c, "GET", `${docs}?validity=in_force&on=2025-01-01`)).json().total).toBe(3);
      expect((await send(c, "GET", `${docs}?validity=in_force&on=2024-01-31`)).json().total).toBe(1);
      // A repeal before the issue date is refused with both dates named.
      const bad = await send(c, "PATCH", `${docs}/${ids[1]}`, { repealed: "2023-01-01" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details.join()).toContain("早于印发日期 2024-02-15");
      expect(
        (await send(c, "POST", docs, { kind: "regulation", title: "x", issued: "2024-02-30" })).statusCode,
      ).toBe(400);
      // Another agency's document id is not found through this agency.
      expect(
        (await send(c, "PATCH", `/api/agencies/${tree.city}/register-documents/999999`, { title: "x" }))
          .statusCode,
      ).toBe(404);
      const audit = await db
        .selectFrom("audit")
        .select("action")
        .where("entity", "=", "register_document")
        .execute();
      expect(audit.map((a) => a.action)).toContain("documents.update");
    });

    it("treats search text literally: LIKE wildcards and SQL are harmless", async () => {
      const c = await as("clerk");
      const q = async (text: string) =>
        (await send(c, "GET", `${docs}?q=${encodeURIComponent(text)}`)).json().total as number;
      expect(await q("100%")).toBe(1);
      expect(await q("%")).toBe(1);
      expect(await q("_")).toBe(0);
      expect(await q("' or '1'='1")).toBe(0);
      expect(await q("'); drop table register_document; --")).toBe(0);
      expect(await q("公开")).toBe(1);
      expect((await send(c, "GET", `${docs}?limit=1;drop`)).statusCode).toBe(400);
      expect((await send(c, "GET", `/api/agencies/1%20or%201=1/register-documents`)).statusCode).toBe(400);
      expect(await db.selectFrom("register_document").select("id").execute()).toHaveLength(3);
    });

    it("reads and writes the yearly figures", async () => {
      const c = await as("head");
      const url = `/api/agencies/${tree.city}/figures/2025`;
      expect((await send(c, "GET", url)).json()).toMatchObject({ year: 2025, licensing: null });
      const put = await send(c, "PUT", url, {
        licensing: 120,
        penalty: 30,
        coercion: 0,
        fees10kYuan: "12.50",
      });
      expect(put.statusCode).toBe(200);
      expect((await send(c, "GET", url)).json()).toMatchObject({ licensing: 120, fees10kYuan: "12.50" });
      const bad = await send(c, "PUT", url, {
        licensing: -1,
        penalty: null,
        coercion: null,
        fees10kYuan: null,
      });
      expect(bad.statusCode).toBe(400);
      const fee = await send(c, "PUT", url, {
        licensing: 1,
        penalty: null,
        coercion: null,
        fees10kYuan: "一万",
      });
      expect(fee.json().detail).toContain("一万");
      expect(
        (
          await send(await as("supervisor"), "PUT", url, {
            licensing: 1,
            penalty: null,
            coercion: null,
            fees10kYuan: null,
          })
        ).statusCode,
      ).toBe(403);
      // The derived report takes the figures.
      const report = (await send(c, "GET", `/api/agencies/${tree.city}/reports/2025`)).json().report;
      expect(JSON.stringify(report.active)).toContain("120");
    });

    it("imports a figures CSV and a documents XLSX for this agency only", async () => {
      const c = await as("clerk");
      const csv = "机关,年度,行政许可\n示例市人民政府,2024,88\n";
      const ok = await upload(c, `/api/agencies/${tree.city}/figures/import`, [
        { filename: "figures.csv", content: csv },
      ]);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ kind: "figures", rows: 1, kept: [] });
      expect((await send(c, "GET", `/api/agencies/${tree.city}/figures/2024`)).json().licensing).toBe(88);

      const other = "机关,年度,行政许可\n另一市人民政府,2024,1\n";
      const refused = await upload(c, `/api/agencies/${tree.city}/figures/import`, [
        { filename: "f.csv", content: other },
      ]);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().details[0]).toContain("另一市人民政府");

      const book = await xlsx([
        ["机关", "类别", "标题", "文号", "印发日期", "废止日期"],
        ["示例市人民政府", "规章", "示例市养犬管理规定", "市政府令第1号", "2023-05-01", ""],
      ]);
      const imported = await upload(c, `${docs}/import`, [{ filename: "登记.xlsx", content: book }]);
      expect(imported.statusCode).toBe(200);
      expect(imported.json()).toEqual({ kind: "documents", rows: 1, kept: [] });
      const titles = async () =>
        (await send(c, "GET", `${docs}?limit=100`))
          .json()
          .items.map((d: { title: string }) => d.title)
          .sort();
      // The documents entered one by one stay beside the imported one.
      expect(await titles()).toEqual(
        [
          "关于加强100%覆盖的通知",
          "示例市养犬管理规定",
          "示例市停车管理办法",
          "示例市政府信息公开规定",
        ].sort(),
      );
      // A new file replaces the earlier import only; a row identical to a hand-entered document is not doubled.
      const again = await xlsx([
        ["机关", "类别", "标题", "文号", "印发日期", "废止日期"],
        ["示例市人民政府", "规章", "示例市养犬管理规定（修订）", "市政府令第2号", "2024-05-01", ""],
        ["示例市人民政府", "行政规范性文件", "示例市政府信息公开规定", "示政规〔2024〕2号", "2024-02-15", ""],
      ]);
      const second = await upload(c, `${docs}/import`, [{ filename: "登记2.xlsx", content: again }]);
      expect(second.json()).toEqual({
        kind: "documents",
        rows: 2,
        kept: ["《示例市政府信息公开规定》（2024-02-15）已由工作人员逐条录入，未重复导入"],
      });
      expect(await titles()).toEqual(
        [
          "关于加强100%覆盖的通知",
          "示例市养犬管理规定（修订）",
          "示例市停车管理办法",
          "示例市政府信息公开规定",
        ].sort(),
      );
    });

    it("refuses wrong types by content, oversize files, too many files, zip bombs and non-multipart bodies", async () => {
      const c = await as("clerk");
      const url = `/api/agencies/${tree.city}/figures/import`;
      const exe = Buffer.concat([
        Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "latin1"),
        Buffer.alloc(200),
      ]);
      const renamed = await upload(c, url, [{ filename: "figures.csv", content: exe, type: "text/csv" }]);
      expect(renamed.statusCode).toBe(415);
      expect(renamed.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(renamed.json()).toMatchObject({ id: "MEDIA-TYPE-UNSUPPORTED" });
      expect(renamed.json().detail).toContain("无法识别");
      const pdf = await upload(c, url, [{ filename: "figures.xlsx", content: "%PDF-1.7\n..." }]);
      expect(pdf.statusCode).toBe(415);
      expect(pdf.json().detail).toContain("PDF");

      const big = await upload(c, url, [
        { filename: "big.csv", content: `机关,年度\n${"示例市人民政府,2024\n".repeat(4000)}` },
      ]);
      expect(big.statusCode).toBe(413);
      expect(big.json().detail).toContain("64 KB");

      const two = await upload(c, url, [
        { filename: "a.csv", content: "机关,年度\n示例市人民政府,2024\n" },
        { filename: "b.csv", content: "机关,年度\n示例市人民政府,2024\n" },
      ]);
      expect(two.statusCode).toBe(413);
      expect(two.json().detail).toContain("1 个文件");

      const bomb = zipSync({ "xl/workbook.xml": new Uint8Array(40 * 1024 * 1024) }, { level: 9 });
      expect(bomb.length).toBeLessThan(64 * 1024);
      const zb = await upload(c, url, [{ filename: "bomb.xlsx", content: Buffer.from(bomb) }]);
      expect(zb.statusCode).toBe(413);
      expect(zb.json().detail).toContain("压缩炸弹");

      const json = await send(c, "POST", url, { file: "x" });
      expect(json.statusCode).toBe(415);
      const none = await upload(c, url, [], { note: "x" });
      expect(none.statusCode).toBe(400);
      expect(none.json().detail).toContain("没有收到文件");
    });

    it("never uses the client's file name as a path", async () => {
      const c = await as("clerk");
      const res = await upload(c, `/api/agencies/${tree.city}/figures/import`, [
        { filename: "../../../../etc/passwd", content: "机关,年度,行政许可\n示例市人民政府,2023,5\n" },
      ]);
      expect(res.statusCode).toBe(200);
      const xl = await upload(c, `${docs}/import`, [
        {
          filename: "..\\..\\windows\\system32\\x.xlsx",
          content: await xlsx([
            ["机关", "类别", "标题", "印发日期"],
            ["示例市人民政府", "规章", "甲", "2023-01-01"],
          ]),
        },
      ]);
      expect(xl.statusCode).toBe(200);
      const bad = await upload(c, `${docs}/import`, [
        { filename: "../../x.csv", content: "机关,类别\n示例市人民政府,规章\n" },
      ]);
      expect(bad.statusCode).toBe(400);
      // The multipart parser keeps only the last part of a name; messages show that part, nothing is written.
      expect(bad.json().detail).toMatch(/^x\.csv 缺少必需的列/);
    });

    it("refuses an upload without the CSRF token before reading it", async () => {
      const res = await upload(
        await as("clerk"),
        `/api/agencies/${tree.city}/figures/import`,
        [{ filename: "a.csv", content: "a,b\n1,2\n" }],
        {},
        { csrf: false },
      );
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ id: "CSRF-INVALID" });
    });
  });
}
