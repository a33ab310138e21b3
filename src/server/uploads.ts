/**
 * File uploads (multipart/form-data): size and count limits, and the type told from the bytes —
 * never from the name or the declared MIME type. A file name is only ever shown in messages; it
 * never becomes a path on the server (path traversal in a name is harmless).
 * Shared by every route that takes files (registers, ingest, and the portal's attachments).
 */
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { unzipSync } from "fflate";
import { GongkaiError } from "../domain/errors.js";

/** What a file is, by its content. */
export type SniffedType = "pdf" | "docx" | "xlsx" | "html" | "markdown" | "csv" | "text";

/** Chinese names of the types, for messages. */
export const TYPE_NAMES: Record<SniffedType, string> = {
  pdf: "PDF",
  docx: "Word（DOCX）",
  xlsx: "Excel（XLSX）",
  html: "HTML",
  markdown: "Markdown",
  csv: "CSV",
  text: "纯文本",
};

export interface UploadLimits {
  /** Largest file, in bytes. */
  maxFileBytes: number;
  /** Most files in one request. */
  maxFiles: number;
  /** Largest total declared size of a zip (DOCX/XLSX) once unpacked, in bytes (zip bombs). */
  maxUnzippedBytes: number;
}

/** Upload limits from GONGKAI_UPLOAD_MAX_KB (default 20480), GONGKAI_UPLOAD_MAX_FILES (default 20). */
export function uploadLimits(env: NodeJS.ProcessEnv = process.env): UploadLimits {
  const int = (name: string, fallback: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new GongkaiError(
        "CONFIG-INVALID",
        `环境变量 ${name} 应为 1 到 ${max} 之间的整数，实际为“${raw}”`,
      );
    return n;
  };
  const maxFileBytes = int("GONGKAI_UPLOAD_MAX_KB", 20 * 1024, 1024 * 1024) * 1024;
  return {
    maxFileBytes,
    maxFiles: int("GONGKAI_UPLOAD_MAX_FILES", 20, 1000),
    // Office files compress text about 5–20 times; 100 times the file limit leaves room, a bomb does not fit.
    maxUnzippedBytes: Math.max(maxFileBytes * 100, 64 * 1024 * 1024),
  };
}

const startsWith = (b: Uint8Array, s: string, at = 0): boolean => {
  if (b.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

/** Entry names and declared sizes of a zip, read from its directory without inflating anything. */
function zipEntries(bytes: Uint8Array): { name: string; size: number; originalSize: number }[] | undefined {
  const entries: { name: string; size: number; originalSize: number }[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries.push({ name: f.name, size: f.size, originalSize: f.originalSize });
        return false;
      },
    });
  } catch {
    return undefined;
  }
  return entries;
}

/** True when the text looks like delimited rows: at least two lines with the same count (>0) of commas or tabs. */
function looksLikeCsv(text: string): boolean {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "")
    .slice(0, 20);
  if (lines.length < 2) return false;
  for (const sep of [",", "\t"]) {
    const counts = lines.map((l) => l.split(sep).length - 1);
    if (counts[0]! > 0 && counts.every((c) => c > 0)) return true;
  }
  return false;
}

/** Decoded text when the bytes are text (UTF-8, UTF-16 with BOM, or GB18030 without control bytes). */
function asText(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, 64 * 1024);
  if (startsWith(head, "\xff\xfe") || startsWith(head, "\xfe\xff"))
    return new TextDecoder(head[0] === 0xff ? "utf-16le" : "utf-16be").decode(head);
  let text: string;
  try {
    // A multi-byte character cut at the sample's end is not a reason to reject the file.
    text = new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, lastCharBoundary(head)));
  } catch {
    text = new TextDecoder("gb18030").decode(head);
  }
  // Control characters other than tab/newline/form feed, or replacement characters: binary.
  const bad = text.match(/[\x00-\x08\x0e-\x1a\x1c-\x1f\ufffd]/g)?.length ?? 0;
  return bad > text.length / 1000 ? undefined : text;
}

/** The length of `b` without a trailing incomplete UTF-8 sequence. */
function lastCharBoundary(b: Uint8Array): number {
  const i = b.length;
  for (let back = 1; back <= 3 && i - back >= 0; back++) {
    const c = b[i - back]!;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? i - back : i;
  }
  return i;
}

/**
 * The type of a file by its bytes: PDF (%PDF- in the first KB), DOCX (zip with word/document.xml),
 * XLSX (zip with xl/workbook.xml), HTML (markup), Markdown (headings or pipe tables), CSV (rows with
 * separators), text. Undefined for anything else (executables, images, other zips). Throws
 * BODY-TOO-LARGE for a zip whose unpacked size is beyond `maxUnzippedBytes` (a zip bomb).
 */
export function sniffType(
  bytes: Uint8Array,
  limits: Pick<UploadLimits, "maxUnzippedBytes">,
  name = "文件",
): SniffedType | undefined {
  if (bytes.length === 0) return undefined;
  const pdfAt = Buffer.from(bytes.subarray(0, 1024)).indexOf("%PDF-");
  if (pdfAt >= 0) return "pdf";
  if (startsWith(bytes, "PK\x03\x04")) {
    const entries = zipEntries(bytes);
    if (!entries) return undefined;
    const total = entries.reduce((s, e) => s + e.originalSize, 0);
    if (total > limits.maxUnzippedBytes || entries.some((e) => e.size > 0 && e.originalSize / e.size > 1000))
      throw new GongkaiError(
        "BODY-TOO-LARGE",
        `${name}：压缩包解压后过大（声明 ${Math.round(total / 1024 / 1024)} MB），疑似“压缩炸弹”，已拒绝`,
      );
    const names = new Set(entries.map((e) => e.name));
    if (names.has("word/document.xml")) return "docx";
    if (names.has("xl/workbook.xml")) return "xlsx";
    return undefined;
  }
  const text = asText(bytes);
  if (text === undefined) return undefined;
  const sample = text.replace(/^[\s\ufeff]+/, "");
  if (/<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|table[\s>]|div[\s>]|p[\s>])/i.test(sample))
    return "html";
  if ((sample.match(/^\s*\|.*\|\s*$/gm) ?? []).length >= 2 || /^#{1,6}\s/m.test(sample)) return "markdown";
  if (looksLikeCsv(sample)) return "csv";
  return "text";
}

/** One uploaded file, held in memory (never written under its own name). */
export interface Upload {
  field: string;
  /** The client's file name, for messages only; cut to 200 characters, without control characters. */
  name: string;
  bytes: Buffer;
  type: SniffedType;
}

/** Registers the multipart parser in a route plugin's scope, unless a parent scope already has it. */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  if (!app.hasRequestDecorator("isMultipart")) await app.register(multipart);
}

const cleanName = (name: string | undefined): string =>
  (name ?? "").replace(/[\x00-\x1f\x7f]/g, "").slice(0, 200) || "未命名文件";

/** Reads every part of a multipart request: files (typed by content, checked against `allowed`) and text fields. */
export async function readUploads(
  req: FastifyRequest,
  allowed: readonly SniffedType[],
  limits: UploadLimits,
): Promise<{ files: Upload[]; fields: Record<string, string> }> {
  if (!req.isMultipart())
    throw new GongkaiError("MEDIA-TYPE-UNSUPPORTED", "上传文件须使用 multipart/form-data 格式");
  const files: Upload[] = [];
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts({
      limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 20, fieldSize: 64 * 1024 },
    })) {
      if (part.type === "field") {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      const name = cleanName(part.filename);
      const bytes = await part.toBuffer().catch((e: { code?: string }) => {
        if (e.code === "FST_REQ_FILE_TOO_LARGE")
          throw new GongkaiError(
            "BODY-TOO-LARGE",
            `文件“${name}”超过 ${Math.round(limits.maxFileBytes / 1024)} KB 的上限`,
          );
        throw e;
      });
      const type = sniffType(bytes, limits, `文件“${name}”`);
      if (!type || !allowed.includes(type))
        throw new GongkaiError(
          "MEDIA-TYPE-UNSUPPORTED",
          `文件“${name}”的内容${type ? `是 ${TYPE_NAMES[type]}` : "无法识别"}，此处只接受 ${allowed.map((t) => TYPE_NAMES[t]).join("、")}（按文件内容判断，与扩展名无关）`,
        );
      files.push({ field: part.fieldname, name, bytes, type });
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "FST_FILES_LIMIT")
      throw new GongkaiError("BODY-TOO-LARGE", `一次最多上传 ${limits.maxFiles} 个文件`);
    if (code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT")
      throw new GongkaiError("BODY-TOO-LARGE", "表单字段过多");
    if (code === "FST_INVALID_MULTIPART_CONTENT_TYPE")
      throw new GongkaiError("MEDIA-TYPE-UNSUPPORTED", "上传文件须使用 multipart/form-data 格式");
    throw e;
  }
  if (files.length === 0) throw new GongkaiError("UPLOAD-EMPTY", "没有收到文件，请选择要上传的文件");
  return { files, fields };
}
