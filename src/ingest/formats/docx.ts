/**
 * DOCX: word/document.xml from the zip (decompressed size capped against zip bombs), parsed as
 * XML. Paragraphs become free-text lines; table rows become table rows with one cell per w:tc
 * (a w:gridSpan cell is one value; a w:vMerge continuation cell is blank).
 */
import { unzipSync } from "fflate";
import { Parser } from "htmlparser2";
import { GongkaiError } from "../../domain/errors.js";
import type { SourceCell, SourceDoc, SourceLine } from "../source.js";

/** Largest document.xml read (decompressed). */
export const MAX_DOCX_XML = 48 * 1024 * 1024;

export function unzipDocumentXml(bytes: Uint8Array, where: string): string {
  let declared = -1;
  let files: Record<string, Uint8Array>;
  try {
    // The filter sees the declared size: an entry declared too big is never inflated, and one that
    // lies about its size is cut at the size it declares (fflate writes into a buffer of that size).
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== "word/document.xml") return false;
        declared = f.originalSize;
        return f.originalSize <= MAX_DOCX_XML;
      },
    });
  } catch (e) {
    throw new GongkaiError(
      "INGEST-DOCX-BROKEN",
      `${where}：DOCX 文件已损坏，无法解压（${e instanceof Error ? e.message : String(e)}）`,
    );
  }
  if (declared > MAX_DOCX_XML)
    throw new GongkaiError(
      "INGEST-TOO-LARGE",
      `${where}：DOCX 的正文（word/document.xml）解压后超过 ${MAX_DOCX_XML / 1024 / 1024} MB，疑似压缩炸弹，已停止读取`,
    );
  const xml = files["word/document.xml"];
  if (!xml)
    throw new GongkaiError(
      "INGEST-DOCX-BROKEN",
      `${where}：这是一个 ZIP 文件，但其中没有 word/document.xml，不是 Word（DOCX）文档`,
    );
  // The markup is ASCII: parse the bytes as Latin-1 (a copy, not a decode) and decode only the text.
  return Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength).toString("latin1");
}

/** UTF-8 text held in a Latin-1 string (see unzipDocumentXml) as the text it is. */
export function utf8Text(latin1: string): string {
  const bytes = /[^\x00-\xff]/.test(latin1)
    ? latin1.replace(/[^\x00-\xff]+/g, (c) => Buffer.from(c, "utf8").toString("latin1"))
    : latin1;
  return /[\x80-\xff]/.test(bytes) ? Buffer.from(bytes, "latin1").toString("utf8") : bytes;
}

/** Formatting blocks that hold no text (cell properties, with gridSpan and vMerge, are kept). */
const NO_TEXT = /<w:(rPr|pPr|tblPr|tblGrid|trPr|sectPr|tblPrEx)\b[^>]*?(?:\/>|>[\s\S]*?<\/w:\1>)/g;

interface Cell {
  text: string;
  merged: boolean;
  span: number;
}

export function readDocx(bytes: Uint8Array, where: string): SourceDoc {
  const xml = unzipDocumentXml(bytes, where).replace(NO_TEXT, "");
  const lines: SourceLine[] = [];
  const rows: { cells: Cell[]; cell: Cell | null; table: number; row: number }[] = [];
  const tables: number[] = [];
  const rowCount: number[] = [];
  let tableNo = 0;
  let para = "";
  let inText = false;
  let paraNo = 0;
  const pushPara = (raw: string) => {
    const t = utf8Text(raw);
    const r = rows[rows.length - 1];
    if (r?.cell) r.cell.text += t;
    else if (t.replace(/[\s\u3000]/g, "") !== "")
      lines.push({ cells: [{ text: t.trim(), loc: `第${++paraNo}段` }], structured: false });
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        switch (name) {
          case "w:p":
            para = "";
            break;
          case "w:t":
            inText = true;
            break;
          case "w:tab":
            para += " ";
            break;
          case "w:tbl":
            tableNo++;
            tables.push(tableNo);
            rowCount[tableNo] = 0;
            break;
          case "w:tr": {
            const t = tables[tables.length - 1] ?? 0;
            rowCount[t] = (rowCount[t] ?? 0) + 1;
            rows.push({ cells: [], cell: null, table: t, row: rowCount[t]! });
            break;
          }
          case "w:tc": {
            const r = rows[rows.length - 1];
            if (r) r.cell = { text: "", merged: false, span: 1 };
            break;
          }
          case "w:gridspan": {
            const r = rows[rows.length - 1];
            if (r?.cell)
              r.cell.span = Math.min(20, Math.max(1, Number.parseInt(attrs["w:val"] ?? "1", 10) || 1));
            break;
          }
          case "w:vmerge": {
            const r = rows[rows.length - 1];
            if (r?.cell && attrs["w:val"] !== "restart") r.cell.merged = true;
            break;
          }
        }
      },
      ontext(t) {
        if (inText) para += t;
      },
      onclosetag(name) {
        switch (name) {
          case "w:t":
            inText = false;
            break;
          case "w:p":
            pushPara(para);
            para = "";
            break;
          case "w:tc": {
            const r = rows[rows.length - 1];
            if (r?.cell) {
              r.cells.push(r.cell);
              r.cell = null;
            }
            break;
          }
          case "w:tr": {
            const r = rows.pop();
            if (r && r.cells.length > 0) {
              // A blank merged cell stands for blank cells in every grid column it spans.
              const cells: SourceCell[] = r.cells.flatMap((c, i) => {
                const text = c.merged ? "" : c.text;
                const n = text.replace(/[\s\u3000]/g, "") === "" ? c.span : 1;
                return Array.from({ length: n }, () => ({
                  text,
                  loc: `表${r.table}第${r.row}行第${i + 1}列`,
                }));
              });
              lines.push({ cells, structured: true });
            }
            break;
          }
          case "w:tbl":
            tables.pop();
            break;
        }
      },
    },
    { xmlMode: true, decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(xml);
  parser.end();
  return { format: "docx", lines, warnings: [] };
}
