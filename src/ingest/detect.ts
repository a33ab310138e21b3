/**
 * Telling the format by content (magic bytes, markup, Markdown pipes), the file name only breaking
 * ties: `.page.txt`, `.ocr.txt` and `.source.md` are all read by what they hold.
 */
import type { IngestFormat } from "./source.js";

const startsWith = (b: Uint8Array, s: string, at = 0) => {
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

/** PDF or DOCX by their magic bytes, else null (a text format). */
export function binaryFormat(bytes: Uint8Array): "pdf" | "docx" | null {
  const head = bytes.subarray(0, 1024);
  const pdfAt = Buffer.from(head).indexOf("%PDF-");
  if (pdfAt >= 0 && pdfAt < 1024) return "pdf";
  if (startsWith(bytes, "PK\x03\x04") || startsWith(bytes, "PK\x05\x06")) return "docx";
  return null;
}

export function detectFormat(bytes: Uint8Array, name = "", text?: string): IngestFormat {
  const binary = binaryFormat(bytes);
  if (binary) return binary;
  const lower = name.toLowerCase();
  const sample = (text ?? Buffer.from(bytes.subarray(0, 65536)).toString("latin1")).slice(0, 65536);
  const trimmed = sample.replace(/^[\s\ufeff]+/, "");
  if (
    lower.endsWith(".json") ||
    (trimmed.startsWith("{") && /"schema"\s*:\s*"gongkai\.report\//.test(sample))
  )
    return "json";
  if (/<(!doctype\s+html|html[\s>]|body[\s>]|table[\s>]|tr[\s>]|td[\s>]|p[\s>]|div[\s>])/i.test(sample))
    return "html";
  const pipeRows = (sample.match(/^\s*\|.*\|\s*$/gm) ?? []).length;
  if (pipeRows >= 2 || /^#{1,6}\s/m.test(sample) || lower.endsWith(".md") || lower.endsWith(".markdown"))
    return "markdown";
  return "text";
}

/** Chinese name of a format, for messages and summaries. */
export const FORMAT_NAME: Record<IngestFormat, string> = {
  json: "JSON",
  text: "纯文本",
  markdown: "Markdown",
  html: "HTML",
  docx: "DOCX",
  pdf: "PDF",
};
