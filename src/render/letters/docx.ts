/**
 * A handling letter as a Word document in the 公文 look of src/render/docx.ts (GB/T 9704: A4, the same
 * margins, 方正小标宋 二号 title, 仿宋_GB2312 三号 body at a 29pt line pitch, two-character indent),
 * ending with the remedies paragraph and the agency's name and date on the right. Pure: returns bytes.
 */
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from "docx";
import { PAGE } from "../docx.js";

/** What the letter says, placeholders already filled. */
export interface LetterContent {
  title: string;
  /** Body lines; the first is the salutation (「申请人：」), printed without indent. */
  lines: readonly string[];
  /** The remedies paragraph (templates.ts REMEDIES), always last before the signature. */
  remedies: string;
  agency: string;
  /** The date under the signature, e.g. 2026年6月30日. */
  date: string;
}

const LATIN = "Times New Roman";
const face = (name: string) => ({
  ascii: LATIN,
  hAnsi: LATIN,
  cs: LATIN,
  eastAsia: name,
  hint: "eastAsia" as const,
});
const TITLE = face("方正小标宋简体");
const BODY = face("仿宋_GB2312");
/** 二号 22pt and 三号 16pt, in half-points; 29pt exact line pitch in twips. */
const SIZE = { title: 44, body: 32 };
const LINE = 580;
const TWO_CHARS = { firstLine: 640, firstLineChars: 200 };

/** The date as 公文 print it: 2026年6月30日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** Renders the letter to .docx bytes. */
export async function renderLetterDocx(l: LetterContent): Promise<Buffer> {
  const body = (text: string, indent = true) =>
    new Paragraph({ ...(indent ? { indent: TWO_CHARS } : {}), children: [new TextRun(text)] });
  const right = (text: string) =>
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 640 }, children: [new TextRun(text)] });
  const [salutation = "", ...rest] = l.lines;
  const doc = new Document({
    title: l.title,
    creator: "Gongkai",
    styles: {
      default: {
        document: {
          run: { font: BODY, size: SIZE.body, language: { value: "en-US", eastAsia: "zh-CN" } },
          paragraph: { alignment: AlignmentType.BOTH, spacing: { line: LINE, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              footer: PAGE.footer,
            },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { line: LINE, lineRule: LineRuleType.EXACT, after: LINE },
            children: [new TextRun({ text: l.title, font: TITLE, size: SIZE.title })],
          }),
          body(salutation, false),
          ...rest.map((t) => body(t)),
          body(l.remedies),
          new Paragraph({ children: [] }),
          right(l.agency),
          right(l.date),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
