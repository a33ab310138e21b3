import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../test/corpus.js";
import { ENGINES } from "../../test/engines.js";
import { ACTIVE_BLOCKS, applicationRows } from "../domain/report/definition.js";
import { blankReport, reportCells, setCell } from "../domain/report/model.js";
import { checkReport } from "../domain/rules/index.js";
import type { Db } from "../store/db.js";
import { buildAgencyReport, buildAllReports } from "./build-report.js";
import { importApplications } from "./import-applications.js";
import { importRecords } from "./import-records.js";
import {
  changesSincePublication,
  importPublishedReport,
  publishedReport,
  publishReport,
} from "./publish-report.js";

const TMP = join(ROOT, "test-output", "casework");
mkdirSync(TMP, { recursive: true });

const AGENCIES = ["示例市司法局", "示例市教育局", "示例市自然资源局"];
const TYPES = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];
const OUTCOMES = applicationRows("split")
  .filter((r) => r.role === "outcome")
  .map((r) => r.label.replace(/^（.）|^\d+\./, "").replace(/（.*）$/, ""));

/** A deterministic pseudo-random register of `n` applications over 2024–2025. */
function register(n: number, seed = 7) {
  let x = seed;
  const rnd = (k: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % k;
  };
  const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const received = rnd(720);
    const open = rnd(10) === 0;
    const answered = open ? null : received + 1 + rnd(40);
    rows.push({
      编号: `A${String(i).padStart(4, "0")}`,
      机关: AGENCIES[rnd(3)]!,
      收到日期: day(received).replace(/-0?/g, "/"),
      申请方式: "网络",
      申请人类型: TYPES[rnd(10) < 7 ? 0 : rnd(6)]!,
      申请人: `申请人${i}`,
      申请内容: "某信息",
      答复日期: answered === null ? "" : day(answered),
      办理结果: answered === null ? "" : OUTCOMES[rnd(OUTCOMES.length)]!,
    });
  }
  return rows;
}

const toCsv = (rows: Record<string, string>[]) => {
  const header = Object.keys(rows[0]!);
  return `\uFEFF${[header.join(","), ...rows.map((r) => header.map((h) => r[h]).join(","))].join("\r\n")}\r\n`;
};

for (const engine of ENGINES) {
  describe(`casework on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    const rows = register(400);
    const csv = join(TMP, `register-${engine.name}.csv`);
    writeFileSync(csv, toCsv(rows));
    beforeAll(async () => {
      ({ db, close } = await engine.open());
    });
    afterAll(async () => close());

    it("imports a register and derives reports equal to a count by hand, chaining the two years", async () => {
      const summary = await importApplications(db, csv, { actor: "clerk:test" });
      expect(summary).toMatchObject({ rows: 400, inserted: 400, updated: 0, skipped: 0, errors: [] });
      expect(summary.agenciesCreated.sort()).toEqual([...AGENCIES].sort());
      for (const agency of AGENCIES) {
        const mine = rows.filter((r) => r.机关 === agency);
        const y2024 = (await buildAgencyReport(db, agency, 2024)).report;
        const y2025 = (await buildAgencyReport(db, agency, 2025)).report;
        const received2024 = mine.filter((r) => r.收到日期.startsWith("2024")).length;
        expect(y2024.applications.new_received![6]).toBe(received2024);
        const granted2025 = mine.filter(
          (r) => r.答复日期.startsWith("2025") && r.办理结果 === "予以公开",
        ).length;
        expect(y2025.applications.granted![6]).toBe(granted2025);
        expect(y2025.applications.carried_over).toEqual(y2024.applications.carried_forward);
        const errors = checkReport(y2025, { previous: y2024 }).filter((f) => f.severity === "error");
        expect(errors).toEqual([]);
      }
    });

    it("re-importing the same file updates and never duplicates", async () => {
      const again = await importApplications(db, csv, { actor: "clerk:test" });
      expect(again).toMatchObject({ inserted: 0, updated: 400 });
      const count = await db
        .selectFrom("application")
        .select(db.fn.countAll().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(400);
    });

    it("the bulk path (one SQL aggregate) gives the same reports as the per-agency path", async () => {
      for (const year of [2024, 2025]) {
        const all = await buildAllReports(db, year);
        for (const report of all)
          expect(report).toEqual((await buildAgencyReport(db, report.agency, year)).report);
      }
    });

    it("a file with a bad row imports nothing, and names the row; --skip-invalid imports the rest", async () => {
      const bad = join(TMP, `bad-${engine.name}.csv`);
      const more = register(5, 99).map((r, i) => ({ ...r, 编号: `B${i}`, 机关: "新机关" }));
      more[2]!.申请方式 = "微信";
      writeFileSync(bad, toCsv(more));
      await expect(importApplications(db, bad, { actor: "clerk:test" })).rejects.toMatchObject({
        id: "IMPORT-INVALID",
        details: [
          "第 4 行「申请方式」：申请方式应为 当面、邮寄、网络、传真、电子邮件、其他 之一（值为“微信”）",
        ],
      });
      expect(
        await db.selectFrom("agency").select("id").where("name", "=", "新机关").executeTakeFirst(),
      ).toBeUndefined();
      const partial = await importApplications(db, bad, { actor: "clerk:test", skipInvalid: true });
      expect(partial).toMatchObject({ inserted: 4, skipped: 1 });
    });

    it("reads the same register from XLSX", async () => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet("登记");
      const sample = register(20, 3).map((r, i) => ({ ...r, 编号: `X${i}`, 机关: "表格局" }));
      sheet.addRow(Object.keys(sample[0]!));
      for (const r of sample)
        sheet.addRow(
          [...Object.values(r)].map((v, i) =>
            i === 2 ? new Date(`${v.replace(/\//g, "-").replace(/-(\d)(?=-|$)/g, "-0$1")}T00:00:00Z`) : v,
          ),
        );
      const file = join(TMP, `register-${engine.name}.xlsx`);
      await book.xlsx.writeFile(file);
      const summary = await importApplications(db, file, { actor: "clerk:test" });
      expect(summary).toMatchObject({ rows: 20, inserted: 20, errors: [] });
      const r = (await buildAgencyReport(db, "表格局", 2024)).report;
      expect(r.applications.new_received![6]).toBe(
        sample.filter((x) => x.收到日期.startsWith("2024")).length,
      );
    });

    it("a published report is frozen; later edits to the records show as differences", async () => {
      const agency = AGENCIES[0]!;
      const published = await publishReport(db, { agency, year: 2025, actor: "head:test" });
      expect(await changesSincePublication(db, agency, 2025)).toEqual([]);
      // A clerk corrects one reply in the register after publication: 予以公开 → 部分公开.
      const target = rows.find(
        (r) => r.机关 === agency && r.答复日期.startsWith("2025") && r.办理结果 === "予以公开",
      )!;
      const file = join(TMP, `fix-${engine.name}.csv`);
      writeFileSync(file, toCsv([{ ...target, 办理结果: "部分公开" }]));
      await importApplications(db, file, { actor: "clerk:test" });
      const diff = await changesSincePublication(db, agency, 2025);
      const col = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].indexOf(
        target.申请人类型,
      );
      expect(diff.map((d) => d.path).sort()).toEqual(
        [
          `applications.granted[${col}]`,
          "applications.granted[6]",
          `applications.partially_granted[${col}]`,
          "applications.partially_granted[6]",
        ].sort(),
      );
      const still = await publishedReport(db, agency, 2025);
      expect(still!.report).toEqual(published.report);
      await expect(db.updateTable("report_snapshot").set({ year: 2000 }).execute()).rejects.toThrow(/frozen/);
    });

    it("refuses to publish a report with error findings", async () => {
      const derived = await buildAgencyReport(db, AGENCIES[1]!, 2025);
      const broken = structuredClone(derived.report);
      broken.applications.granted![0] = (broken.applications.granted![0] as number) + 1;
      await expect(
        publishReport(db, { agency: AGENCIES[1]!, year: 2025, actor: "head:test", report: broken }),
      ).rejects.toMatchObject({
        id: "REPORT-HAS-ERRORS",
      });
    });

    it("imports the documents register, the yearly figures and the review cases into tables 二 and 四", async () => {
      const agency = AGENCIES[2]!;
      const ref = rows.find((r) => r.机关 === agency)!.编号;
      const write = (name: string, lines: string[]) => {
        const f = join(TMP, `${name}-${engine.name}.csv`);
        writeFileSync(f, lines.join("\n"));
        return f;
      };
      await importRecords(
        db,
        "documents",
        write("docs", [
          "机关,类别,标题,文号,印发日期,废止日期",
          `${agency},行政规范性文件,关于甲的通知,示自然资规〔2020〕1号,2020-05-01,`,
          `${agency},行政规范性文件,关于乙的通知,示自然资规〔2025〕2号,2025-06-01,`,
          `${agency},行政规范性文件,关于丙的通知,示自然资规〔2021〕3号,2021-01-01,2025-09-30`,
          `${agency},规章,某某办法,市政府令第1号,2019-01-01,`,
        ]),
        "clerk:test",
      );
      await importRecords(
        db,
        "figures",
        write("figures", [
          "机关,年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）",
          `${agency},2025,120,33,4,178.2028`,
        ]),
        "clerk:test",
      );
      await importRecords(
        db,
        "reviews",
        write("reviews", [
          "机关,申请编号,类别,立案日期,结果,审结日期",
          `${agency},${ref},行政复议,2025-02-01,维持,2025-04-01`,
          `${agency},,复议后起诉,2025-05-01,纠正,2025-08-01`,
          `${agency},,未经复议直接起诉,2025-11-01,,`,
        ]),
        "clerk:test",
      );
      const r = (await buildAgencyReport(db, agency, 2025)).report;
      expect(r.active).toEqual({
        regulations: { issued: 0, repealed: 0, in_force: 1 },
        normative_documents: { issued: 1, repealed: 1, in_force: 2 },
        administrative_licensing: 120,
        administrative_penalty: 33,
        administrative_coercion: 4,
        administrative_fees_10k_yuan: "178.2028",
      });
      expect(r.review_litigation).toEqual({
        review: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
        litigation_direct: { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 },
        litigation_after_review: { upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 },
      });
      expect(checkReport(r)).toEqual([]);
      // Re-importing replaces, never duplicates.
      await importRecords(db, "documents", join(TMP, `docs-${engine.name}.csv`), "clerk:test");
      expect((await buildAgencyReport(db, agency, 2025)).report.active.normative_documents).toEqual({
        issued: 1,
        repealed: 1,
        in_force: 2,
      });
      await expect(
        importRecords(
          db,
          "reviews",
          write("bad-reviews", [
            "机关,类别,立案日期,结果,审结日期",
            `${agency},行政复议,2025-02-01,驳回,2025-03-01`,
          ]),
          "clerk:test",
        ),
      ).rejects.toMatchObject({
        details: ["第 2 行「结果」：结果应为 维持、纠正、其他，尚未审结的留空（值为“驳回”）"],
      });
    });

    it("takes 上年结转 from an imported previous report when the records start this year", async () => {
      const prev = blankReport("2021", 2024, "新设区司法局");
      for (const r of reportCells(prev)) setCell(prev, r.path, r.kind === "amount" ? "0" : 0);
      prev.applications.new_received = [2, 0, 0, 0, 0, 0, 2];
      prev.applications.carried_forward = [2, 0, 0, 0, 0, 0, 2];
      await importPublishedReport(db, prev, "clerk:test", "2024 年报");
      const file = join(TMP, `new-agency-${engine.name}.csv`);
      writeFileSync(
        file,
        toCsv([
          {
            ...rows[0]!,
            编号: "N1",
            机关: "新设区司法局",
            收到日期: "2025/2/3",
            答复日期: "2025-02-20",
            办理结果: "予以公开",
          },
        ]),
      );
      await importApplications(db, file, { actor: "clerk:test" });
      const r = (await buildAgencyReport(db, "新设区司法局", 2025)).report;
      expect(r.applications.carried_over).toEqual([2, 0, 0, 0, 0, 0, 2]);
      // The two carried-over applications are not in the records yet: the identity says so.
      expect(
        checkReport(r)
          .filter((f) => f.id === "T3-IDENTITY")
          .map((f) => f.cells[0]),
      ).toEqual(["applications.new_received[0]", "applications.new_received[6]"]);
      const bulk = (await buildAllReports(db, 2025)).find((x) => x.agency === "新设区司法局");
      expect(bulk).toEqual(r);
    });

    it("takes the 2019-edition figures of an old year from the figures register", async () => {
      const cells = ACTIVE_BLOCKS["2019"].flatMap((b) =>
        b.rows.flatMap((r) => b.columns.map((c) => ({ header: `${r.label}${c.label}`, r, c }))),
      );
      const value = (c: (typeof cells)[number]) =>
        c.c.kind === "amountAsPrinted" ? "251000元" : c.c.kind === "signed" ? "-8" : "3";
      const f = join(TMP, `figures2019-${engine.name}.csv`);
      writeFileSync(
        f,
        [
          ["机关", "年度", ...cells.map((c) => c.header)].join(","),
          [AGENCIES[0], "2020", ...cells.map(value)].join(","),
        ].join("\n"),
      );
      await importRecords(db, "figures", f, "clerk:test");
      const r = (await buildAgencyReport(db, AGENCIES[0]!, 2020)).report;
      expect(r.edition).toBe("2019");
      expect(r.active.administrative_licensing).toEqual({ prev_year_items: 3, change: -8, decisions: 3 });
      expect(r.active.centralized_procurement).toEqual({ projects: 3, total_amount: "251000元" });
      expect(checkReport(r).filter((x) => x.id.startsWith("CELL"))).toEqual([]);
    });

    it("an unknown agency is a clear error", async () => {
      await expect(buildAgencyReport(db, "不存在局", 2024)).rejects.toMatchObject({ id: "AGENCY-NOT-FOUND" });
    });

    it("every import left audit rows", async () => {
      const audits = await db
        .selectFrom("audit")
        .select(["actor", "action"])
        .where("action", "=", "applications.import")
        .execute();
      expect(audits.length).toBeGreaterThanOrEqual(3);
      expect(new Set(audits.map((a) => a.actor))).toEqual(new Set(["clerk:test"]));
    });
  });
}
