/**
 * Bytes to text: UTF-8 (with or without BOM, also UTF-16 with BOM), or a declared or guessed
 * Chinese legacy charset (GBK / GB2312 / GB18030 / Big5), which Node's TextDecoder supports.
 */

export interface Decoded {
  text: string;
  charset: string;
}

const LEGACY: Record<string, string> = {
  gbk: "gbk",
  gb2312: "gbk",
  "gb_2312-80": "gbk",
  gb18030: "gb18030",
  big5: "big5",
  "utf-8": "utf-8",
  utf8: "utf-8",
};

/** The charset a document declares (`<meta charset>`, `encoding="…"`), lower-case, or null. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  const m =
    /charset\s*=\s*["']?([A-Za-z0-9_-]+)/i.exec(head) ?? /encoding\s*=\s*["']([A-Za-z0-9_-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), charset: "utf-8" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), charset: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), charset: "utf-16be" };
  const declared = declaredCharset(bytes);
  const legacy = declared ? LEGACY[declared] : undefined;
  if (legacy && legacy !== "utf-8") {
    try {
      return { text: new TextDecoder(legacy).decode(bytes), charset: legacy };
    } catch {
      // fall through to detection
    }
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), charset: "utf-8" };
  } catch {
    return { text: new TextDecoder("gb18030").decode(bytes), charset: "gb18030" };
  }
}
