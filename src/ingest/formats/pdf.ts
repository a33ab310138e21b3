/**
 * PDF (native text layer) via pdfjs-dist: rows and columns are rebuilt from glyph positions, not
 * from the text order — items are grouped into lines by their baseline, ordered left to right, and
 * cut into cells where the horizontal gap is wide. A PDF without text is a scan.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { GongkaiError } from "../../domain/errors.js";
import { cleanText } from "../cjk.js";
import type { SourceCell, SourceDoc, SourceLine } from "../source.js";
import { openLight, pageItems } from "./pdf-text.js";

export const MAX_PDF_PAGES = 80;
/** Time spent reading pages of one PDF before the rest is left out (with a warning). */
export const MAX_PDF_MS = 20_000;

interface Item {
  x: number;
  y: number;
  w: number;
  h: number;
  s: string;
}

/**
 * pdfjs's legacy build (the one for Node) installs core-js polyfills over native built-ins
 * (Array.prototype.push, JSON.stringify, JSON.parse) when it and its worker load, which makes every
 * later push and JSON call in the process several times slower. The natives are kept here, before
 * pdfjs is first imported, and put back after it has loaded; pdfjs works with them as well.
 */
const NATIVE = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
function restoreNatives(): void {
  if (Array.prototype.push !== NATIVE.push) Array.prototype.push = NATIVE.push;
  if (JSON.parse !== NATIVE.parse) JSON.parse = NATIVE.parse;
  if (JSON.stringify !== NATIVE.stringify) JSON.stringify = NATIVE.stringify;
}

let assets: { cMapUrl: string; standardFontDataUrl: string } | null = null;
function pdfAssets() {
  if (!assets) {
    const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
    assets = { cMapUrl: `${join(root, "cmaps")}/`, standardFontDataUrl: `${join(root, "standard_fonts")}/` };
  }
  return assets;
}

/**
 * Text needs no glyph outlines: when every font of the file maps its codes to Unicode (ToUnicode),
 * the embedded font programs are hidden from pdfjs (`/FontFile2` → `/FontFilX2`, same length, so
 * the cross-reference offsets hold), which spares it parsing and repairing them — most of its time.
 * Returns null when that is not safe (a font without ToUnicode, or nothing to hide).
 */
export function withoutFontPrograms(bytes: Uint8Array): Uint8Array | null {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  if (!/\/FontFile[23]?\b/.test(raw)) return null;
  const fonts = (raw.match(/\/Subtype\s*\/(?:Type0|TrueType|Type1|MMType1)\b/g) ?? []).length;
  const mapped = (raw.match(/\/ToUnicode\b/g) ?? []).length;
  if (fonts === 0 || mapped < fonts) return null;
  return new Uint8Array(Buffer.from(raw.replace(/\/FontFile([23]?)\b/g, "/FontFilX$1"), "latin1"));
}

/**
 * How a PDF is read: "fast" — the light reader (pdf-text.ts), or when it cannot, pdfjs with the
 * font programs hidden where that is safe (see withoutFontPrograms); "pdfjs" — pdfjs with them
 * hidden; "full" — pdfjs with everything (the retry when a fast reading found no report data).
 */
export type PdfReading = "fast" | "pdfjs" | "full";

/** Reads the text layer into positioned lines (see pageLines). */
export async function readPdf(
  bytes: Uint8Array,
  where: string,
  reading: PdfReading = "fast",
): Promise<SourceDoc> {
  const light = reading === "fast" ? readLight(bytes, where) : null;
  if (light) return light;
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  restoreNatives();
  const warnings: string[] = [];
  const data = (reading !== "full" && withoutFontPrograms(bytes)) || new Uint8Array(bytes);
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>["promise"]>;
  try {
    doc = await pdfjs.getDocument({
      data,
      ...pdfAssets(),
      cMapPacked: true,
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
    }).promise;
    restoreNatives();
  } catch (e) {
    restoreNatives();
    const msg = e instanceof Error ? e.message : String(e);
    if (/password/i.test(msg))
      throw new GongkaiError("INGEST-PDF-ENCRYPTED", `${where}：PDF 有密码保护，无法读取`);
    throw new GongkaiError("INGEST-PDF-BROKEN", `${where}：PDF 文件已损坏或无法解析（${msg}）`);
  }
  const lines: SourceLine[] = [];
  let chars = 0;
  try {
    const pages = Math.min(doc.numPages, MAX_PDF_PAGES);
    if (doc.numPages > MAX_PDF_PAGES)
      warnings.push(`PDF 共 ${doc.numPages} 页，只读取了前 ${MAX_PDF_PAGES} 页`);
    const started = performance.now();
    // Pages are asked for a few at a time (pdfjs overlaps their work), read in page order.
    const BATCH = 6;
    for (let first = 1; first <= pages; first += BATCH) {
      if (performance.now() - started > MAX_PDF_MS) {
        warnings.push(`PDF 读取超过 ${MAX_PDF_MS / 1000} 秒，只读取了前 ${first - 1} 页`);
        break;
      }
      const numbers = Array.from({ length: Math.min(BATCH, pages - first + 1) }, (_, k) => first + k);
      const contents = await Promise.all(
        numbers.map(async (p) => {
          const page = await doc.getPage(p);
          const content = await page.getTextContent();
          page.cleanup();
          return content;
        }),
      );
      contents.forEach((content, k) => {
        const items: Item[] = [];
        for (const it of content.items) {
          if (!("str" in it) || it.str.trim() === "") continue;
          const [a, b, c, d, e, f] = it.transform as number[];
          const h = Math.hypot(c!, d!) || Math.hypot(a!, b!) || 10;
          items.push({ x: e!, y: f!, w: it.width, h, s: cleanText(it.str) });
          chars += it.str.replace(/\s/g, "").length;
        }
        lines.push(...pageLines(items, numbers[k]!));
      });
    }
  } finally {
    await doc.destroy();
    restoreNatives();
  }
  if (chars < 20) throw scanned(where, doc.numPages);
  return { format: "pdf", lines, warnings };
}

const scanned = (where: string, pages: number) =>
  new GongkaiError(
    "INGEST-SCANNED",
    `${where}：PDF 是扫描件，无文本层（共 ${pages} 页，几乎没有可提取的文字），需要先做文字识别（OCR）`,
  );

/** The light reader's document, or null when the file needs pdfjs (any feature or damage it does not read). */
function readLight(bytes: Uint8Array, where: string): SourceDoc | null {
  const pdf = openLight(bytes);
  if (!pdf) return null;
  const warnings: string[] = [];
  const lines: SourceLine[] = [];
  let chars = 0;
  let count = 0;
  try {
    const { pages, count: n } = pdf.pages(MAX_PDF_PAGES);
    count = n;
    if (n > MAX_PDF_PAGES) warnings.push(`PDF 共 ${n} 页，只读取了前 ${MAX_PDF_PAGES} 页`);
    const started = performance.now();
    for (let p = 0; p < pages.length; p++) {
      if (performance.now() - started > MAX_PDF_MS) {
        warnings.push(`PDF 读取超过 ${MAX_PDF_MS / 1000} 秒，只读取了前 ${p} 页`);
        break;
      }
      const items = pageItems(pdf, pages[p]!);
      for (const it of items) {
        chars += it.s.replace(/\s/g, "").length;
        it.s = cleanText(it.s);
      }
      lines.push(...pageLines(items, p + 1));
    }
  } catch {
    return null;
  }
  if (chars < 20) throw scanned(where, count);
  return { format: "pdf", lines, warnings };
}

/** Groups a page's items into lines by baseline, then into cells by horizontal gaps. */
export function pageLines(items: Item[], page: number): SourceLine[] {
  const sorted = [...items].sort((p, q) => q.y - p.y || p.x - q.x);
  const groups: Item[][] = [];
  let cur: Item[] = [];
  let lineY = 0;
  let lineH = 0;
  for (const it of sorted) {
    if (cur.length > 0 && Math.abs(it.y - lineY) <= 0.45 * Math.min(it.h, lineH)) {
      cur.push(it);
      continue;
    }
    if (cur.length > 0) groups.push(cur);
    cur = [it];
    lineY = it.y;
    lineH = it.h;
  }
  if (cur.length > 0) groups.push(cur);
  return groups.map((g, li) => {
    g.sort((p, q) => p.x - q.x);
    const cells: SourceCell[] = [];
    let text = "";
    let start = 0;
    let end = -Infinity;
    let h = 10;
    const loc = `第${page}页第${li + 1}行`;
    for (const it of g) {
      const gap = it.x - end;
      if (text !== "" && gap > Math.max(3, 0.6 * Math.min(h, it.h))) {
        cells.push({ text, loc: `${loc}第${cells.length + 1}格`, x: (start + end) / 2 });
        text = "";
      }
      if (text === "") start = it.x;
      text += it.s;
      end = Math.max(end, it.x + it.w);
      h = it.h;
    }
    if (text !== "") cells.push({ text, loc: `${loc}第${cells.length + 1}格`, x: (start + end) / 2 });
    return { cells, structured: false };
  });
}
