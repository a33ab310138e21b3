import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../test/corpus.js";
import { ENGINES } from "../../test/engines.js";
import { Client, seedTree, signedIn, type Tree } from "../../test/server-fixture.js";
import { setCaseClock } from "../app/case-clock.js";
import { servedLetters } from "../app/letters.js";
import { registerApplication } from "../app/register-application.js";
import { LETTER_KINDS } from "../render/letters/templates.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";

const OUT = join(ROOT, "test-output", "letters");
const PROFILE = `/tmp/lo-profile-letters-${process.pid}`;
const TODAY = "2026-06-30";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The text of a .docx body (runs joined, paragraphs by newlines). */
function docxText(bytes: Buffer, name: string): string {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, name);
  writeFileSync(file, bytes);
  const xml = execFileSync("unzip", ["-p", file, "word/document.xml"], { encoding: "utf8" });
  return xml
    .split("</w:p>")
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .join("\n");
}

for (const engine of ENGINES) {
  describe(`letter routes on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    let caseId = "";
    let trackingCode = "";
    const as = signedIn(() => app);
    const put = async (login: string, url: string, payload: object) => {
      const c = await as(login);
      return app.inject({
        method: "PUT",
        url,
        payload,
        headers: { cookie: c.cookie, "x-csrf-token": c.csrf },
      });
    };

    beforeAll(async () => {
      setCaseClock({ today: () => TODAY });
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      app = await buildServer({ db });
      const r = await registerApplication(
        db,
        { portal: true },
        {
          agencyId: tree.city,
          receivedOn: "2026-06-01",
          channel: "online",
          applicantType: 0,
          applicant: { name: "李小红", phone: "13900001111", address: "示例市东区幸福路8号" },
          subject: "某道路改造工程的批复文件",
        },
      );
      caseId = r.id;
      trackingCode = r.trackingCode!;
    });
    afterAll(async () => {
      setCaseClock(undefined);
      await app.close();
      await close();
    });

    it("lists every kind with the shipped default text and the placeholders", async () => {
      const res = await (await as("clerk")).request("GET", "/api/letter-templates");
      expect(res.statusCode).toBe(200);
      const { items, placeholders, remedies } = res.json();
      expect(items.map((t: { kind: string }) => t.kind)).toEqual(LETTER_KINDS);
      expect(items.length).toBe(5 + 21);
      expect(items[0]).toMatchObject({ kind: "receipt", name: "收件回执", custom: false });
      expect(Object.keys(placeholders)).toContain("答复期限");
      expect(remedies).toContain("六十日内依法申请行政复议");
      expect(
        (await (await as("clerk")).request("GET", `/api/letter-templates?agencyId=${tree.otherCity}`))
          .statusCode,
      ).toBe(404);
    });

    it("renders a case's receipt as DOCX: full name, ref, dates, tracking code, remedies, signature", async () => {
      const res = await (await as("clerk")).request("GET", `/api/applications/${caseId}/letters/receipt`);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe(DOCX);
      expect(res.headers["content-disposition"]).toContain(`filename*=UTF-8''`);
      const text = docxText(res.rawPayload, `receipt-${engine.name}.docx`);
      const lines = text.split("\n").filter(Boolean);
      expect(lines[0]).toBe("政府信息公开申请收件回执");
      expect(lines[1]).toBe("李小红：");
      expect(text).toContain("本机关已于2026年6月1日收到您（单位）提出的政府信息公开申请");
      expect(text).toContain(`您可以凭查询码${trackingCode}查询办理进度`);
      expect(text).toContain("本机关将在2026年6月30日前作出答复");
      expect(lines.at(-3)).toBe(
        "如对本收件回执不服，可以自收到之日起六十日内依法申请行政复议，或者自收到之日起六个月内依法向人民法院提起行政诉讼。",
      );
      expect(lines.slice(-2)).toEqual(["示例市人民政府", "2026年6月30日"]);
      const audit = await db
        .selectFrom("audit")
        .select("after")
        .where("action", "=", "letter.render")
        .execute();
      expect(audit).toEqual([{ after: { kind: "receipt" } }]);
    });

    it("lets a 审核人 or 负责人 edit the agency's text; placeholders are checked", async () => {
      const url = "/api/letter-templates/correction";
      const body = {
        title: "补正告知书",
        body: "{申请人}：\n请于{补正期限}前补正申请（编号：{申请编号}）。\n联系人：王老师",
      };
      expect((await put("clerk", url, body)).statusCode).toBe(403);
      expect((await put("supervisor", url, { ...body, agencyId: tree.district })).statusCode).toBe(403);
      expect((await put("head", url, { ...body, agencyId: tree.otherCity })).statusCode).toBe(404);
      const bad = await put("reviewer", url, { ...body, body: "{申请人}：\n{身份证号}" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ id: "LETTER-TEMPLATE-INVALID" });
      expect(bad.json().details[0]).toContain("正文第 2 行：占位符“{身份证号}”不可用");
      expect((await put("reviewer", "/api/letter-templates/nonsense", body)).statusCode).toBe(404);
      const ok = await put("reviewer", url, body);
      expect(ok.statusCode).toBe(200);
      const list = (await (await as("clerk")).request("GET", "/api/letter-templates")).json().items;
      expect(list.find((t: { kind: string }) => t.kind === "correction")).toMatchObject({
        custom: true,
        updatedBy: "reviewer",
        title: "补正告知书",
      });
      await (await as("clerk")).request("POST", `/api/applications/${caseId}/events`, {
        type: "correction_requested",
        date: "2026-06-03",
        deadline: "2026-06-18",
      });
      const res = await (await as("clerk")).request("GET", `/api/applications/${caseId}/letters/correction`);
      const text = docxText(res.rawPayload, `correction-${engine.name}.docx`);
      expect(text).toContain("请于2026年6月18日前补正申请（编号：");
      expect(text).toContain("联系人：王老师");
      expect(text).toContain("如对本补正告知书不服");
    });

    it("issues the 答复书 of the recorded outcome, frozen with its event; the portal can read it", async () => {
      const c = await as("clerk");
      const early = await c.request("POST", `/api/applications/${caseId}/letters/reply`);
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ id: "LETTER-NOT-READY" });
      const noExt = await c.request("POST", `/api/applications/${caseId}/letters/extension`);
      expect(noExt.json().detail).toBe("本件还没有与「延期答复告知书」对应的办理记录，不能出具");
      await c.request("POST", `/api/applications/${caseId}/events`, {
        type: "correction_received",
        date: "2026-06-05",
      });
      const replied = await c.request("POST", `/api/applications/${caseId}/events`, {
        type: "replied",
        date: "2026-06-29",
        outcome: "granted",
      });
      expect(replied.statusCode).toBe(201);
      const issued = await c.request("POST", `/api/applications/${caseId}/letters/reply`);
      expect(issued.statusCode).toBe(201);
      const info = issued.json();
      expect(info).toMatchObject({ kind: "reply.granted", eventSeq: 3, issuedBy: "clerk" });
      const file = await c.request("GET", `/api/applications/${caseId}/issued-letters/${info.id}`);
      expect(createHash("sha256").update(file.rawPayload).digest("hex")).toBe(info.sha256);
      const text = docxText(file.rawPayload, `reply-${engine.name}.docx`);
      expect(text).toContain("第三十六条第（二）项");
      expect(text).toContain("如对本答复书不服");
      const served = await servedLetters(db, caseId);
      expect(served.letters.map((l) => l.kind)).toEqual(["reply.granted"]);
      expect(served.reply?.docx.equals(file.rawPayload)).toBe(true);
      await expect(db.updateTable("issued_letter").set({ kind: "x" }).execute()).rejects.toThrow(
        /frozen|不可修改/,
      );
      const detail = (await c.request("GET", `/api/applications/${caseId}`)).json();
      expect(detail.letters).toEqual([
        expect.objectContaining({ id: info.id, kind: "reply.granted", eventSeq: 3 }),
      ]);
      for (const login of ["supervisor", "admin"]) {
        const res = await (await as(login)).request("GET", `/api/applications/${caseId}/letters/receipt`);
        expect(res.statusCode, login).toBe(403);
      }
      const noCsrf = await c.request("POST", `/api/applications/${caseId}/letters/reply`, undefined, {
        csrf: false,
      });
      expect(noCsrf.statusCode).toBe(403);
    });
  });
}

describe("every letter kind converts to PDF with LibreOffice", () => {
  it("renders each kind and converts all of them in one soffice run", async () => {
    const { db, close } = await ENGINES[0]!.open();
    setCaseClock({ today: () => TODAY });
    try {
      const tree = await seedTree(db);
      const app = await buildServer({ db });
      const c = new Client(app);
      await c.login("clerk");
      const r = await registerApplication(
        db,
        { portal: true },
        {
          agencyId: tree.city,
          receivedOn: "2026-06-01",
          channel: "post",
          applicantType: 1,
          applicant: { name: "示例科技有限公司", idNumber: "91110000MA00000000" },
          subject: "2025年度某专项资金分配结果",
        },
      );
      const dir = join(OUT, "pdf");
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const files: string[] = [];
      for (const kind of LETTER_KINDS) {
        const res = await c.request("GET", `/api/applications/${r.id}/letters/${kind}`);
        expect(res.statusCode, kind).toBe(200);
        const file = join(dir, `${kind}.docx`);
        writeFileSync(file, res.rawPayload);
        files.push(file);
      }
      await app.close();
      const conv = spawnSync(
        "soffice",
        [
          `-env:UserInstallation=file://${PROFILE}`,
          "--headless",
          "--convert-to",
          "pdf",
          "--outdir",
          dir,
          ...files,
        ],
        { encoding: "utf8", timeout: 170_000 },
      );
      expect(conv.status, conv.stderr).toBe(0);
      for (const kind of LETTER_KINDS) {
        const pdf = join(dir, `${kind}.pdf`);
        expect(existsSync(pdf), kind).toBe(true);
        const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
        expect(text.replace(/\s/g, ""), kind).toContain("六十日内依法申请行政复议");
      }
    } finally {
      setCaseClock(undefined);
      rmSync(PROFILE, { recursive: true, force: true });
      await close();
    }
  }, 200_000);
});
