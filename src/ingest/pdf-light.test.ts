/**
 * The light PDF text-layer reader against pdfjs, item for item: the corpus PDF and hand-built
 * PDFs that use what real reports use (Identity-H/V CIDFonts, a simple TrueType font, TJ kerning,
 * every text-positioning operator, q/Q/cm, form and image XObjects, an inline image, marked
 * content, inherited resources, a CropBox, cross-reference streams with PNG predictors and object
 * streams). Files it does not read (Type3 fonts, encryption) are left to pdfjs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CORPUS } from "../../test/corpus.js";
import { readPdf } from "./formats/pdf.js";
import { openLight, pageItems, type TextItem } from "./formats/pdf-text.js";
import { docText } from "./source.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const round = (it: TextItem) => ({
  s: it.s,
  x: +it.x.toFixed(3),
  y: +it.y.toFixed(3),
  w: +it.w.toFixed(3),
  h: +it.h.toFixed(3),
});

/** Each page's non-blank items as pdfjs's getTextContent gives them. */
async function pdfjsItems(bytes: Uint8Array): Promise<TextItem[][]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false })
    .promise;
  const pages: TextItem[][] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    const items: TextItem[] = [];
    for (const it of content.items) {
      if (!("str" in it) || it.str.trim() === "") continue;
      const [a, b, c, d, e, f] = it.transform as number[];
      items.push({ x: e!, y: f!, w: it.width, h: Math.hypot(c!, d!) || Math.hypot(a!, b!) || 10, s: it.str });
    }
    pages.push(items);
  }
  await doc.destroy();
  return pages;
}

function lightItems(bytes: Uint8Array): TextItem[][] {
  const pdf = openLight(bytes);
  if (!pdf) throw new Error("light reader refused the file");
  return pdf.pages(80).pages.map((p) => pageItems(pdf, p));
}

type Obj = string | { dict: string; data: Uint8Array | string; raw?: boolean };
const bin = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));

/** Writes objects 1..n as a PDF: a classic xref table, or an xref stream (Up predictor) with the plain objects in an object stream. */
function makePdf(objs: Obj[], compact = false): Uint8Array {
  const parts: Uint8Array[] = [bin("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")];
  let len = parts[0]!.length;
  const put = (b: Uint8Array) => {
    parts.push(b);
    len += b.length;
  };
  const offsets: (number | [number, number])[] = [];
  const streamObj = (n: number, dict: string, data: Uint8Array | string, raw = false) => {
    const body = raw ? bin(String(data)) : deflateSync(typeof data === "string" ? bin(data) : data);
    const filter = raw ? "" : "/Filter /FlateDecode ";
    put(bin(`${n} 0 obj\n<< ${dict} ${filter}/Length ${body.length} >>\nstream\n`));
    put(body);
    put(bin("\nendstream\nendobj\n"));
  };
  const inStm: [number, string][] = [];
  objs.forEach((o, i) => {
    const n = i + 1;
    if (compact && typeof o === "string") {
      offsets[n] = [objs.length + 1, inStm.length];
      inStm.push([n, o]);
      return;
    }
    offsets[n] = len;
    if (typeof o === "string") put(bin(`${n} 0 obj\n${o}\nendobj\n`));
    else streamObj(n, o.dict, o.data, o.raw);
  });
  if (!compact) {
    const xref = len;
    let t = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
    for (let n = 1; n <= objs.length; n++) t += `${String(offsets[n]).padStart(10, "0")} 00000 n \n`;
    put(bin(`${t}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  } else {
    const stmNum = objs.length + 1;
    let head = "";
    let body = "";
    for (const [n, o] of inStm) {
      head += `${n} ${body.length} `;
      body += `${o}\n`;
    }
    offsets[stmNum] = len;
    streamObj(stmNum, `/Type /ObjStm /N ${inStm.length} /First ${head.length}`, head + body);
    const xrefNum = stmNum + 1;
    offsets[xrefNum] = len;
    const rows: number[][] = [[0, 0, 0, 255]];
    for (let n = 1; n <= xrefNum; n++) {
      const o = offsets[n]!;
      rows.push(Array.isArray(o) ? [2, o[0] >> 8, o[0] & 255, o[1]] : [1, o >> 8, o & 255, 0]);
    }
    const data: number[] = [];
    rows.forEach((r, k) => {
      data.push(2, ...r.map((v, i) => (v - (k > 0 ? rows[k - 1]![i]! : 0)) & 255));
    });
    const dict = `/Type /XRef /Size ${xrefNum + 1} /W [1 2 1] /Root 1 0 R /DecodeParms << /Predictor 12 /Columns 4 >>`;
    streamObj(xrefNum, dict, new Uint8Array(data));
    put(bin(`startxref\n${offsets[xrefNum]}\n%%EOF\n`));
  }
  return Buffer.concat(parts);
}

const CMAP_H = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def
1 begincodespacerange <0000> <FFFF> endcodespacerange
4 beginbfchar <0001> <0041> <0002> <0042> <0003> <0020> <0011> <00660066> endbfchar
2 beginbfrange <000A> <0010> <4E00> <0015> <0016> [<5E74> <62A5>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`;
const CMAP_1 = `begincmap 1 beginbfrange <20> <39> <0020> endbfrange 1 beginbfchar <41> <2F21> endbfchar endcmap`;

/** A two-page report-like PDF exercising every operator and font kind the light reader handles. */
function samplePdf(compact: boolean): Uint8Array {
  const page1 = [
    "BT /F1 12 Tf 1 0 0 1 72 700 Tm <000A000B000C> Tj [<0001> -300 <0002> -2000 <000D> 120 <0003> <0015>] TJ ET",
    "BT /F3 10 Tf 72 650 Td (12 34) Tj 0 -14 TD (56) Tj T* (7) Tj 2 Tc 3 Tw (8 9) ' 1 0.5 (0 1A) \" 0 Tc 0 Tw ET",
    "q 2 0 0 2 10 10 cm BT /F1 8 Tf 50 200 Td 150 Tz <000E000F> Tj 5 Ts <0010> Tj 100 Tz 0 Ts ET Q",
    "/Im1 Do /Fm1 Do",
    "BT /F2 10 Tf 400 500 Td <000A000B000C0015> Tj ET",
    "BI /W 2 /H 2 /CS /G /BPC 8 ID \x00EI\xff\x10 EI",
    "/P << /MCID 0 >> BDC BT /F1 12 Tf 72 100 Td <0011> Tj EMC <00120003> Tj ET",
    "BT /F1 12 Tf 1000 1000 Td <000A> Tj ET",
    "BT /F1 12 Tf 72 80 Td [(\\000\\012) -50 <000B>] TJ 0 -20 Td 12 TL T* <0016> Tj ET",
  ].join("\n");
  const page2 =
    "BT /F1 11 Tf 0.866 0.5 -0.5 0.866 100 400 Tm <000A000B> Tj ET BT /F3 9 Tf 30 20 Td (99) Tj ET";
  const cid = (n: number, extra: string) =>
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor ${n} 0 R ${extra} >>`;
  return makePdf(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R 14 0 R] /Count 2 /MediaBox [0 0 595 842] /Resources 4 0 R >>",
      "<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>",
      "<< /Font << /F1 6 0 R /F2 7 0 R /F3 8 0 R >> /XObject << /Im1 12 0 R /Fm1 13 0 R >> >>",
      { dict: "", data: page1 },
      "<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H /DescendantFonts [9 0 R] /ToUnicode 10 0 R >>",
      "<< /Type /Font /Subtype /Type0 /BaseFont /SongV /Encoding /Identity-V /DescendantFonts [16 0 R] /ToUnicode 10 0 R >>",
      "<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 65 /Widths [278 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 556 556 556 556 556 556 556 556 556 556 0 0 0 0 0 0 0 667] /Encoding /WinAnsiEncoding /FontDescriptor 15 0 R /ToUnicode 11 0 R >>",
      cid(15, "/DW 1000 /W [1 [500 600] 3 [250] 10 16 900]"),
      { dict: "", data: CMAP_H },
      { dict: "", data: CMAP_1 },
      {
        dict: "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
        data: "\x80",
        raw: true,
      },
      {
        dict: "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 100 -50] /Resources << /Font << /G 6 0 R >> >>",
        data: "BT /G 14 Tf 100 600 Td <000A000B> Tj ET",
      },
      "<< /Type /Page /Parent 2 0 R /Contents 17 0 R /CropBox [20 10 400 800] >>",
      "<< /Type /FontDescriptor /FontName /Song /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
      cid(15, "/DW 1000 /DW2 [880 -1000] /W2 [11 [-900 500 880]]"),
      { dict: "", data: page2 },
    ],
    compact,
  );
}

describe("light PDF reader gives pdfjs's text items", () => {
  it("the corpus PDF: same items, same lines", async () => {
    const bytes = new Uint8Array(readFileSync(join(CORPUS, "jiangsu-huaian-hongze-district-gov-2023.pdf")));
    expect(lightItems(bytes).map((p) => p.map(round))).toEqual(
      (await pdfjsItems(bytes)).map((p) => p.map(round)),
    );
    const [light, pdfjs] = [await readPdf(bytes, "x", "fast"), await readPdf(bytes, "x", "full")];
    const cells = (d: typeof light) =>
      d.lines.map((l) => l.cells.map((c) => [c.text.normalize("NFKC"), c.x?.toFixed(2)]));
    expect(cells(light)).toEqual(cells(pdfjs));
  });

  for (const compact of [false, true]) {
    it(`every operator and font kind (${compact ? "xref stream + object stream" : "xref table"})`, async () => {
      const bytes = samplePdf(compact);
      const light = lightItems(bytes);
      expect(light.flat().map((i) => i.s)).toContain("七 年");
      expect(light.map((p) => p.map(round))).toEqual((await pdfjsItems(bytes)).map((p) => p.map(round)));
    });
  }

  it("leaves Type3 fonts to pdfjs, and still reads the file", async () => {
    const bytes = new Uint8Array(
      readFileSync(join(FIXTURES, "shanghai-municipal-govt-office-2019.rendered.pdf")),
    );
    expect(() => lightItems(bytes)).toThrow();
    expect(docText(await readPdf(bytes, "x"))).toContain("政府信息公开");
  });

  it("leaves encrypted and damaged files to pdfjs", () => {
    const enc = Buffer.from(samplePdf(false))
      .toString("latin1")
      .replace("/Root 1 0 R", "/Root 1 0 R /Encrypt 3 0 R");
    expect(openLight(bin(enc))).toBeNull();
    expect(openLight(bin("%PDF-1.4\nnot a pdf"))).toBeNull();
  });
});
