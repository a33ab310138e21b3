/** Clear Chinese errors for files that hold no report, name what is wrong and where. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GongkaiError } from "../domain/errors.js";
import { readReportBytes, readReportFile } from "./index.js";

const fail = async (p: Promise<unknown>): Promise<GongkaiError> => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(GongkaiError);
  return e as GongkaiError;
};
const bytes = (s: string) => new TextEncoder().encode(s);

describe("errors", () => {
  it("a missing file and a folder are named", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gongkai-err-"));
    const missing = await fail(readReportFile(join(dir, "无此文件.pdf")));
    expect(missing.id).toBe("INPUT-UNREADABLE");
    expect(missing.message).toContain("文件不存在");
    expect(missing.message).toContain("无此文件.pdf");
    expect((await fail(readReportFile(dir))).message).toContain("目录");
  });

  it("old Office files, images and archives say what to do", async () => {
    const doc = await fail(
      readReportBytes(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "年报.doc"),
    );
    expect([doc.id, doc.message]).toEqual(["INGEST-FORMAT", expect.stringContaining("另存为 DOCX")]);
    const png = await fail(
      readReportBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]), "scan.png"),
    );
    expect(png.message).toContain("文字识别");
    const gz = await fail(readReportBytes(new Uint8Array([0x1f, 0x8b, 8, 0]), "a.gz"));
    expect(gz.message).toContain("解压");
  });

  it("a text without the tables is not a report", async () => {
    const e = await fail(
      readReportBytes(
        bytes("某某局2023年政府信息公开工作年度报告\n一、总体情况\n全年办理行政许可523件。"),
        "a.txt",
      ),
    );
    expect(e.id).toBe("INGEST-NO-DATA");
    expect(e.message).toContain("a.txt");
    expect(e.message).toContain("未找到年报数据");
  });

  it("narrative numbers are not taken for table 二 when its headers are missing", async () => {
    const rows = [
      "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3",
      "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
      "（一）予以公开 3 0 0 0 0 0 3",
      "（七）总计 3 0 0 0 0 0 3",
      "四、结转下年度继续办理 0 0 0 0 0 0 0",
    ];
    const text = `某某局2023年政府信息公开工作年度报告\n全年办理行政许可 523\n${rows.join("\n")}`;
    const { report } = await readReportBytes(bytes(text), "b.txt");
    expect(report.active.administrative_licensing).toBeNull();
    expect(report.uncertain).toContain("active.administrative_licensing");
    expect(report.applications.granted).toEqual([3, 0, 0, 0, 0, 0, 3]);
    // Rows not printed are blank and flagged, never zero.
    expect(report.applications.partially_granted).toEqual([null, null, null, null, null, null, null]);
    expect(report.uncertain).toContain("applications.partially_granted[0]");
    expect(report.provenance?.["applications.granted[0]"]).toBe("第5行");
    expect(report.warnings?.some((w) => w.includes("部分公开"))).toBe(true);
  });
});
