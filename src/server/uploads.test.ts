import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { GongkaiError } from "../domain/errors.js";
import { sniffType, uploadLimits } from "./uploads.js";

const limits = { maxUnzippedBytes: 1024 * 1024 };
const sniff = (b: Uint8Array | string) => sniffType(typeof b === "string" ? Buffer.from(b) : b, limits);

describe("sniffType", () => {
  it("tells the type from the bytes", () => {
    expect(sniff("%PDF-1.7\n1 0 obj")).toBe("pdf");
    expect(
      sniff(zipSync({ "[Content_Types].xml": new Uint8Array(3), "word/document.xml": new Uint8Array(9) })),
    ).toBe("docx");
    expect(sniff(zipSync({ "xl/workbook.xml": new Uint8Array(9) }))).toBe("xlsx");
    expect(sniff("<!DOCTYPE html><html><body><table></table></body></html>")).toBe("html");
    expect(sniff("# 年度报告\n\n| a | b |\n|---|---|\n")).toBe("markdown");
    expect(sniff("机关,年度,行政许可\n示例市人民政府,2024,88\n")).toBe("csv");
    expect(sniff("一、总体情况\n本年度……\n")).toBe("text");
    // GB18030 text (as saved by Excel on Chinese Windows) is text too.
    expect(
      sniff(Buffer.from([0xbb, 0xfa, 0xb9, 0xd8, 0x2c, 0xc4, 0xea, 0x0a, 0xca, 0xd0, 0x2c, 0x31, 0x0a])),
    ).toBe("csv");
  });

  it("refuses what is none of them, whatever its name", () => {
    expect(sniff("")).toBeUndefined();
    expect(sniff(Buffer.concat([Buffer.from("MZ"), Buffer.alloc(100)]))).toBeUndefined();
    expect(sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBeUndefined();
    expect(sniff(zipSync({ "payload.bin": new Uint8Array(10) }))).toBeUndefined();
    expect(sniff(Buffer.from("PK\x03\x04 not really a zip"))).toBeUndefined();
  });

  it("refuses a zip bomb by declared size or by ratio, without inflating it", () => {
    const big = zipSync({ "word/document.xml": new Uint8Array(2 * 1024 * 1024) });
    expect(() => sniff(big)).toThrow(GongkaiError);
    expect(() => sniff(big)).toThrow(/压缩炸弹/);
    const dense = zipSync({ "xl/workbook.xml": new Uint8Array(900 * 1024) }, { level: 9 });
    expect(() => sniff(dense)).toThrow(/压缩炸弹/);
  });
});

describe("uploadLimits", () => {
  it("reads the limits from the environment, with defaults and Chinese errors", () => {
    expect(uploadLimits({})).toMatchObject({ maxFileBytes: 20 * 1024 * 1024, maxFiles: 20 });
    expect(uploadLimits({ GONGKAI_UPLOAD_MAX_KB: "100", GONGKAI_UPLOAD_MAX_FILES: "2" })).toMatchObject({
      maxFileBytes: 102400,
      maxFiles: 2,
    });
    expect(() => uploadLimits({ GONGKAI_UPLOAD_MAX_KB: "abc" })).toThrow(/GONGKAI_UPLOAD_MAX_KB/);
    expect(() => uploadLimits({ GONGKAI_UPLOAD_MAX_FILES: "0" })).toThrow(/1 到 1000/);
  });
});
