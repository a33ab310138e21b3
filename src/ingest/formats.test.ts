/**
 * The binary formats with data: reports written by Gongkai's own renderers from corpus truths
 * (a DOCX of each edition and a PDF whose table 三 and 四 have blank cells, which only the
 * glyph positions can place), read back to their truth. Plus the PDF line builder on its own.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS, truthReport } from "../../test/corpus.js";
import { type CellValue, reportCells } from "../domain/report/model.js";
import { pageLines, readPdf, withoutFontPrograms } from "./formats/pdf.js";
import { readReportBytes } from "./index.js";
import { docText } from "./source.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const same = (a: CellValue | undefined, b: CellValue | undefined) =>
  a === b || (typeof a === "string" && typeof b === "string" && a !== "/" && Number(a) === Number(b));

describe("rendered reports read back to their truth", () => {
  for (const file of [
    "shanghai-municipal-govt-office-2019.rendered.docx",
    "fujian-pingtan-zone-2021.rendered.docx",
    "shanghai-municipal-govt-office-2019.rendered.pdf",
  ]) {
    it(file, async () => {
      const truth = truthReport(file.split(".")[0]!);
      const { report, format } = await readReportBytes(
        new Uint8Array(readFileSync(join(FIXTURES, file))),
        file,
      );
      expect(format).toBe(file.split(".").pop());
      expect([report.year, report.edition, report.agency]).toEqual([truth.year, truth.edition, truth.agency]);
      const wrong = reportCells(truth)
        .filter((c) => !same(c.get(report), c.get(truth)))
        .map((c) => `${c.path}: ${JSON.stringify(c.get(report))} ≠ ${JSON.stringify(c.get(truth))}`);
      expect(wrong).toEqual([]);
    });
  }
});

describe("PDF font programs", () => {
  it("hiding them (all fonts map to Unicode) keeps the text the same", async () => {
    const bytes = new Uint8Array(readFileSync(join(CORPUS, "jiangsu-huaian-hongze-district-gov-2023.pdf")));
    const fast = withoutFontPrograms(bytes);
    expect(fast).not.toBeNull();
    expect(fast!.length).toBe(bytes.length);
    const [a, b] = await Promise.all([readPdf(bytes, "x", "pdfjs"), readPdf(bytes, "x", "full")]);
    // Vertical text may come out in vertical presentation forms (︑ for 、), which NFKC folds.
    expect(docText(a).normalize("NFKC")).toBe(docText(b).normalize("NFKC"));
  });

  it("are kept when a font has no ToUnicode map", () => {
    const pdf = new TextEncoder().encode(
      "%PDF-1.4 << /Type /Font /Subtype /TrueType /FontDescriptor 5 0 R >> << /FontFile2 6 0 R >>",
    );
    expect(withoutFontPrograms(pdf)).toBeNull();
  });
});

describe("PDF lines from glyph positions", () => {
  const item = (s: string, x: number, y: number, h = 10) => ({ s, x, y, w: s.length * h * 0.6, h });

  it("orders by position, not by text order, and cuts cells at wide gaps", () => {
    const lines = pageLines(
      [
        item("0", 300, 500),
        item("1.属于国家秘密", 100, 500.5),
        item("12", 250, 500),
        item("三、本年", 20, 520),
      ],
      3,
    );
    expect(lines.map((l) => l.cells.map((c) => c.text))).toEqual([
      ["三、本年"],
      ["1.属于国家秘密", "12", "0"],
    ]);
    expect(lines[1]!.cells[1]!.loc).toBe("第3页第2行第2格");
    expect(lines[1]!.cells[1]!.x).toBeGreaterThan(250);
  });

  it("keeps a label broken over two lines apart from the values between them", () => {
    const lines = pageLines(
      [item("（二）部分公开（区分", 100, 283, 9), item("4", 320, 275.3, 14), item("处理的）", 100, 269.5, 9)],
      1,
    );
    expect(lines.map((l) => l.cells.map((c) => c.text))).toEqual([
      ["（二）部分公开（区分"],
      ["4"],
      ["处理的）"],
    ]);
  });
});
