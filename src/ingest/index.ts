/**
 * Reading reports from files: the entry point behind `gongkai parse` and `gongkai check`.
 * gongkai.report/1 JSON is read as is; published reports (plain text, HTML, DOCX, PDF, Markdown
 * or OCR output) are read into a Report with provenance, warnings and the unsettled cells in
 * `uncertain`. The format is told by content, not by the file name.
 *
 * Error ids (GongkaiError, Chinese message naming the file and what is wrong):
 * INPUT-UNREADABLE (missing, folder, no permission), INGEST-EMPTY, INGEST-TOO-LARGE (file over
 * 64 MB, DOCX body over 48 MB — zip bombs), INGEST-FORMAT (unknown bytes, old .doc/.xls, images,
 * archives), INGEST-DOCX-BROKEN, INGEST-PDF-BROKEN, INGEST-PDF-ENCRYPTED, INGEST-SCANNED (PDF without
 * a text layer: "扫描件，无文本层"), INGEST-NO-DATA ("未找到年报数据": no table rows, or a blank
 * template), and REPORT-JSON-* from the JSON reader. Bulk reading: bulk.ts (parseMany, reportsToCsv).
 */
import { readFile, stat } from "node:fs/promises";
import { GongkaiError } from "../domain/errors.js";
import { parseReportJson } from "../domain/report/json.js";
import type { Report } from "../domain/report/model.js";
import { decodeText } from "./decode.js";
import { binaryFormat, detectFormat } from "./detect.js";
import { readDocx } from "./formats/docx.js";
import { readHtml } from "./formats/html.js";
import { readMarkdown } from "./formats/markdown.js";
import { readPdf } from "./formats/pdf.js";
import { readText } from "./formats/text.js";
import { reportFromDoc } from "./read.js";
import type { IngestFormat, SourceDoc } from "./source.js";

export { detectFormat, FORMAT_NAME } from "./detect.js";
export type { IngestFormat } from "./source.js";

/** Largest file read (bytes). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Largest text handed to the table readers (characters); real reports are far smaller. */
export const MAX_TEXT_CHARS = 3_000_000;

/** Reads one report file; throws GongkaiError with a Chinese message naming the file and the place. */
export async function readReportFile(path: string): Promise<Report> {
  return (await readReportFileWithFormat(path)).report;
}

export async function readReportFileWithFormat(
  path: string,
): Promise<{ report: Report; format: IngestFormat }> {
  let bytes: Buffer;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw Object.assign(new Error("dir"), { code: "EISDIR" });
    if (st.size > MAX_FILE_BYTES)
      throw new GongkaiError(
        "INGEST-TOO-LARGE",
        `${path}：文件过大（${(st.size / 1024 / 1024).toFixed(1)} MB），超过 ${MAX_FILE_BYTES / 1024 / 1024} MB 的上限`,
      );
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof GongkaiError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "文件不存在"
        : code === "EISDIR"
          ? "这是一个目录"
          : code === "EACCES"
            ? "没有读取权限"
            : String(e);
    throw new GongkaiError("INPUT-UNREADABLE", `无法读取 ${path}：${why}`);
  }
  return readReportBytes(bytes, path);
}

/** Reads a report from bytes; `name` is used in messages and to break ties between formats. */
export async function readReportBytes(
  bytes: Uint8Array,
  name: string,
): Promise<{ report: Report; format: IngestFormat }> {
  if (bytes.length === 0) throw new GongkaiError("INGEST-EMPTY", `${name}：文件为空`);
  if (bytes.length > MAX_FILE_BYTES)
    throw new GongkaiError(
      "INGEST-TOO-LARGE",
      `${name}：文件过大，超过 ${MAX_FILE_BYTES / 1024 / 1024} MB 的上限`,
    );
  const foreign = foreignFormat(bytes);
  if (foreign) throw new GongkaiError("INGEST-FORMAT", `${name}：${foreign}`);
  const binary = binaryFormat(bytes);
  if (binary === "pdf") {
    try {
      return { report: reportFromDoc(await readPdf(bytes, name), name), format: "pdf" };
    } catch (e) {
      // Read again with the font programs when the fast reading found no report data.
      if (!(e instanceof GongkaiError) || !["INGEST-NO-DATA", "INGEST-SCANNED"].includes(e.id)) throw e;
      return { report: reportFromDoc(await readPdf(bytes, name, "full"), name), format: "pdf" };
    }
  }
  if (binary === "docx") return { report: reportFromDoc(readDocx(bytes, name), name), format: "docx" };
  const { text: decoded, charset } = decodeText(bytes);
  if (looksBinary(decoded))
    throw new GongkaiError(
      "INGEST-FORMAT",
      `${name}：无法识别的文件格式（既不是文本、HTML、Markdown，也不是 PDF 或 DOCX）`,
    );
  const format = detectFormat(bytes, name, decoded);
  if (format === "json") return { report: parseReportJson(decoded, name), format };
  let text = decoded;
  const warnings: string[] = [];
  if (charset !== "utf-8") warnings.push(`文件编码为 ${charset.toUpperCase()}，已转换`);
  if (text.length > MAX_TEXT_CHARS) {
    text = text.slice(0, MAX_TEXT_CHARS);
    warnings.push(`文件过长，只读取了前 ${MAX_TEXT_CHARS} 个字符`);
  }
  const doc: SourceDoc =
    format === "html" ? readHtml(text) : format === "markdown" ? readMarkdown(text) : readText(text);
  doc.warnings.push(...warnings);
  return { report: reportFromDoc(doc, name), format };
}

/** Formats met among published reports that cannot be read as they are, with what to do instead. */
function foreignFormat(b: Uint8Array): string | null {
  const at = (sig: number[], off = 0) => sig.every((x, i) => b[off + i] === x);
  if (at([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return "这是旧版 Office 文件（.doc/.xls/.wps），无法直接读取，请另存为 DOCX、PDF 或 HTML 后再试";
  if (
    at([0x89, 0x50, 0x4e, 0x47]) ||
    at([0xff, 0xd8, 0xff]) ||
    at([0x47, 0x49, 0x46, 0x38]) ||
    at([0x49, 0x49, 0x2a, 0x00]) ||
    at([0x4d, 0x4d, 0x00, 0x2a])
  )
    return "这是图片文件（可能是扫描件），没有可读取的文字，需要先做文字识别（OCR）";
  if (at([0x52, 0x61, 0x72, 0x21]) || at([0x37, 0x7a, 0xbc, 0xaf]) || at([0x1f, 0x8b]))
    return "这是压缩包（RAR/7z/gzip），请先解压后再读取其中的年报文件";
  return null;
}

/** Text that decoded to control characters and replacement marks is not text. */
function looksBinary(text: string): boolean {
  // The first 8192 characters, read in place.
  const length = Math.min(text.length, 8192);
  if (length === 0) return false;
  let bad = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  return bad / length > 0.1;
}
