/** parseMany walks folders and keeps going past bad files; reportsToCsv writes one row per report. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS } from "../../test/corpus.js";
import { reportCells } from "../domain/report/model.js";
import { parseMany, reportsToCsv } from "./bulk.js";

describe("parseMany", () => {
  it("reads the corpus folder, keeps going past bad files and sums up", async () => {
    const extra = mkdtempSync(join(tmpdir(), "gongkai-bulk-"));
    writeFileSync(join(extra, "garbage.bin"), Buffer.from([0, 1, 2, 3, 250, 251, 252, 0, 0, 9]));
    writeFileSync(join(extra, "empty.txt"), "");
    const seen: number[] = [];
    const { results, summary } = await parseMany(
      [join(CORPUS, "negative"), extra, join(CORPUS, "leshan-justice-bureau-2021.txt")],
      {
        onProgress: (done) => seen.push(done),
      },
    );
    expect(summary.files).toBe(4);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(summary.read).toBe(1);
    expect(summary.failed).toBe(3);
    expect(summary.errors["INGEST-NO-DATA"]).toBe(1);
    expect(summary.errors["INGEST-EMPTY"]).toBe(1);
    expect(summary.byFormat.text?.read).toBe(1);
    expect(results.find((r) => r.path.endsWith("blank-template-2021.docx"))?.error?.message).toContain(
      "未找到年报数据",
    );
  });

  it("walks a folder of all corpus reports", async () => {
    const { summary } = await parseMany([CORPUS], {
      include: (p) => (!p.includes("/truth/") && !p.endsWith(".md")) || p.endsWith(".source.md"),
    });
    expect(summary.read).toBe(7);
    expect(summary.byFormat.pdf?.read).toBe(1);
    expect(summary.byFormat.html?.read).toBe(1);
    expect(summary.byFormat.markdown?.read).toBe(2);
    expect(summary.withUncertain).toBe(2);
  });
});

describe("reportsToCsv", () => {
  it("writes a BOM, a header of cell paths in definition order and one row per report", async () => {
    const { results } = await parseMany([CORPUS], {
      include: (p) => !p.includes("/truth/") && /leshan|municipal-govt-office-2019\.html|hongze/.test(p),
    });
    const reports = results.flatMap((r) => (r.report ? [r.report] : []));
    expect(reports).toHaveLength(3);
    const csv = reportsToCsv(
      reports,
      results.map((r) => r.path),
    );
    expect(csv.startsWith("\uFEFFsource,agency,year,edition,")).toBe(true);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(4);
    const head = lines[0]!.replace(/^\uFEFF/, "").split(",");
    const leshanPaths = reportCells(reports.find((r) => r.agency === "乐山市司法局")!).map((c) => c.path);
    // The 2021 paths keep their relative order in the union header.
    const idx = leshanPaths.map((p) => head.indexOf(p));
    expect(idx.every((v, i) => v > 0 && (i === 0 || v > idx[i - 1]!))).toBe(true);
    expect(head).toContain("active.centralized_procurement.total_amount");
    expect(head).toContain("applications.other_processing[0]");
    expect(lines.every((l) => l.split(",").length >= head.length)).toBe(true);
    expect(csv).toContain("178.2028");
  });
});
