/**
 * DOCX: word/document.xml from the zip (decompressed size capped against zip bombs), parsed as
 * XML. Paragraphs become free-text lines; table rows become table rows with one cell per w:tc
 * (a w:gridSpan cell is one value; a w:vMerge continuation cell is blank).
 */
import { Unzip, UnzipInflate } from "fflate";
import { Parser } from "htmlparser2";
import { GongkaiError } from "../../domain/errors.js";
import type { SourceCell, SourceDoc, SourceLine } from "../source.js";

/** Largest document.xml read (decompressed). */
export const MAX_DOCX_XML = 48 * 1024 * 1024;

export function unzipDocumentXml(bytes: Uint8Array, where: string): string {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let found = false;
  let tooBig = false;
  const uz = new Unzip();
  uz.register(UnzipInflate);
  uz.onfile = (f) => {
    if (f.name !== "word/document.xml") return;
    found = true;
    f.ondata = (err, chunk, final) => {
      if (err || tooBig) return;
      total += chunk.length;
      if (total > MAX_DOCX_XML) {
        tooBig = true;
        f.terminate();
        return;
      }
      chunks.push(chunk);
      void final;
    };
    f.start();
  };
  try {
    uz.push(bytes, true);
  } catch (e) {
    if (!found || !tooBig)
      throw new GongkaiError(
        "INGEST-DOCX-BROKEN",
        `${where}：DOCX 文件已损坏，无法解压（${e instanceof Error ? e.message : String(e)}）`,
      );
  }
  if (tooBig)
    throw new GongkaiError(
      "INGEST-TOO-LARGE",
      `${where}：DOCX 的正文（word/document.xml）解压后超过 ${MAX_DOCX_XML / 1024 / 1024} MB，疑似压缩炸弹，已停止读取`,
    );
  if (!found)
    throw new GongkaiError(
      "INGEST-DOCX-BROKEN",
      `${where}：这是一个 ZIP 文件，但其中没有 word/document.xml，不是 Word（DOCX）文档`,
    );
  return Buffer.concat(chunks).toString("utf8");
}

interface Cell {
  text: string;
  merged: boolean;
  span: number;
}

export function readDocx(bytes: Uint8Array, where: string): SourceDoc {
  const xml = unzipDocumentXml(bytes, where);
  const lines: SourceLine[] = [];
  const rows: { cells: Cell[]; cell: Cell | null; table: number; row: number }[] = [];
  const tables: number[] = [];
  const rowCount: number[] = [];
  let tableNo = 0;
  let para = "";
  let inText = false;
  let paraNo = 0;
  const pushPara = (t: string) => {
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
