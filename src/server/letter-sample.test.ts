/** POST /api/letter-templates/:kind/sample: a text being edited as a DOCX filled with a sample case, nothing saved. */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../test/corpus.js";
import { ENGINES } from "../../test/engines.js";
import { Client, seedTree, type Tree } from "../../test/server-fixture.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

const OUT = join(ROOT, "test-output", "letters");
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The paragraphs of a .docx body. */
function docxLines(bytes: Buffer, name: string): string[] {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, name);
  writeFileSync(file, bytes);
  const xml = execFileSync("unzip", ["-p", file, "word/document.xml"], { encoding: "utf8" });
  return xml
    .split("</w:p>")
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .filter(Boolean);
}

for (const engine of ENGINES) {
  describe(`letter template sample on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    let clerk: Client;
    beforeAll(async () => {
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      app = await buildServer({ db });
      clerk = new Client(app);
      expect((await clerk.login("clerk")).statusCode).toBe(201);
    });
    afterAll(async () => {
      await app.close();
      await close();
    });

    const text = {
      title: "政府信息公开申请收件回执",
      body: "{申请人}：\n本机关已于{收到日期}收到您的申请（编号：{申请编号}）。\n联系人：王老师",
    };

    it("renders the given text with the sample case and the agency's name; saves nothing", async () => {
      const res = await clerk.request("POST", "/api/letter-templates/receipt/sample", text);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe(DOCX);
      expect(res.headers["content-disposition"]).toContain(encodeURIComponent("示例-收件回执.docx"));
      const lines = docxLines(res.rawPayload, `sample-${engine.name}.docx`);
      expect(lines).toEqual([
        "政府信息公开申请收件回执",
        "张三（示例）：",
        "本机关已于2026年6月15日收到您的申请（编号：2026-0001）。",
        "联系人：王老师",
        "如对本收件回执不服，可以自收到之日起六十日内依法申请行政复议，或者自收到之日起六个月内依法向人民法院提起行政诉讼。",
        "示例市人民政府",
        "2026年6月15日",
      ]);
      expect(await db.selectFrom("letter_template").selectAll().execute()).toEqual([]);
    });

    it("refuses an unknown placeholder, an unknown kind and another agency", async () => {
      const bad = await clerk.request("POST", "/api/letter-templates/receipt/sample", {
        ...text,
        body: "{申请人}：\n{身份证号}",
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ id: "LETTER-TEMPLATE-INVALID" });
      expect(bad.json().details[0]).toContain("正文第 2 行：占位符“{身份证号}”不可用");
      expect((await clerk.request("POST", "/api/letter-templates/nonsense/sample", text)).statusCode).toBe(
        404,
      );
      expect(
        (
          await clerk.request("POST", "/api/letter-templates/receipt/sample", {
            ...text,
            agencyId: tree.otherCity,
          })
        ).statusCode,
      ).toBe(404);
      // Without the CSRF token: refused like every state-changing request.
      expect(
        (await clerk.request("POST", "/api/letter-templates/receipt/sample", text, { csrf: false }))
          .statusCode,
      ).toBe(403);
    });
  });
}
