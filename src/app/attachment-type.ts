/** Attachment types the catalogue accepts, sniffed from the bytes (never trusted from the client). */
import { GongkaiError } from "../domain/errors.js";

/** Largest attachment (10 MB; the table's check constraint holds the same limit). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const ZIP_TYPES: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ofd: "application/ofd",
  zip: "application/zip",
};
const OLE_TYPES: Record<string, string> = { doc: "application/msword", xls: "application/vnd.ms-excel" };

const starts = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

/** The media type of an attachment; throws ATTACHMENT-INVALID for empty, oversized or unknown files. */
export function sniffAttachment(filename: string, content: Buffer): string {
  const ext = filename.toLowerCase().split(".").pop() ?? "";
  const where = `附件“${filename}”`;
  if (content.length === 0) throw new GongkaiError("ATTACHMENT-INVALID", `${where}是空文件`);
  if (content.length > MAX_ATTACHMENT_BYTES)
    throw new GongkaiError(
      "ATTACHMENT-INVALID",
      `${where}超过 10 MB（${(content.length / 1048576).toFixed(1)} MB）`,
    );
  let type: string | undefined;
  if (starts(content, [0x25, 0x50, 0x44, 0x46, 0x2d])) type = ext === "pdf" ? "application/pdf" : undefined;
  else if (starts(content, [0x50, 0x4b, 0x03, 0x04])) type = ZIP_TYPES[ext];
  else if (starts(content, [0xd0, 0xcf, 0x11, 0xe0])) type = OLE_TYPES[ext];
  else if (starts(content, [0x89, 0x50, 0x4e, 0x47])) type = ext === "png" ? "image/png" : undefined;
  else if (starts(content, [0xff, 0xd8, 0xff]))
    type = ext === "jpg" || ext === "jpeg" ? "image/jpeg" : undefined;
  if (!type)
    throw new GongkaiError(
      "ATTACHMENT-INVALID",
      `${where}的类型无法识别或与扩展名不符；可上传 PDF、OFD、Word、Excel、PNG、JPEG 或 ZIP 文件`,
    );
  return type;
}
