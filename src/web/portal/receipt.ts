/**
 * The 收件回执 (acknowledgement of receipt) of an online application, as a standalone HTML page
 * (printed to PDF by Chromium) and as DOCX (the `docx` package). It carries no personal data.
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from "docx";
import { DELIVERIES, MEDIUMS } from "../../app/portal-apply.js";
import type { receiptOf } from "../../app/portal-track.js";
import { html } from "./html.js";
import { cnDate } from "./pages/format.js";

type Receipt = Awaited<ReturnType<typeof receiptOf>>;

/** The receipt's lines: [label, value]. */
export function receiptLines(r: Receipt): [string, string][] {
  return [
    ["查询码", r.code],
    ["申请编号", r.ref],
    ["受理机关", r.agencyName],
    ["提交方式", "互联网（本站在线申请）"],
    ["收到申请日期", cnDate(r.receivedOn)],
    ["答复期限", r.dueDate ? `${cnDate(r.dueDate)}前（依法延期、补正、征求意见或缴费期间除外）` : "—"],
    ["载体形式", MEDIUMS[r.medium as keyof typeof MEDIUMS] ?? "—"],
    ["获取方式", DELIVERIES[r.delivery as keyof typeof DELIVERIES] ?? "—"],
  ];
}

const NOTE =
  "根据《中华人民共和国政府信息公开条例》第三十三条，行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复；不能当场答复的，应当自收到申请之日起20个工作日内予以答复。请妥善保存查询码，凭查询码和联系电话后四位可在本站“申请查询”查看办理进度和答复文书。";

/** The receipt as a print-ready HTML document (for the PDF; inline styles are fine outside the site's CSP). */
export function receiptHtml(r: Receipt): string {
  return `<!DOCTYPE html>\n${html`<html lang="zh-CN"><head><meta charset="utf-8"><title>政府信息公开申请收件回执</title>
<style>@page { size: A4; margin: 3cm 2.6cm; } body { font-family: "Noto Serif CJK SC", serif; font-size: 14pt; line-height: 1.8; }
h1 { text-align: center; font-size: 20pt; margin: 0 0 1.2em; } table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: .35em .6em; text-align: left; } th { width: 8em; font-weight: normal; }
p { text-indent: 2em; margin-top: 1em; } .code { font-family: "Noto Sans Mono CJK SC", monospace; letter-spacing: .1em; font-weight: bold; }</style>
</head><body><h1>政府信息公开申请收件回执</h1>
<table>${receiptLines(r).map(
    ([k, v], i) => html`<tr><th scope="row">${k}</th><td${i === 0 ? html` class="code"` : ""}>${v}</td></tr>`,
  )}</table>
<p>${NOTE}</p></body></html>`}`;
}

/** The receipt as DOCX. */
export async function receiptDocx(r: Receipt): Promise<Buffer> {
  const font = { eastAsia: "仿宋", ascii: "Times New Roman", hAnsi: "Times New Roman" };
  const p = (
    text: string,
    opts: { bold?: boolean; size?: number; center?: boolean; indent?: boolean } = {},
  ) =>
    new Paragraph({
      ...(opts.center ? { alignment: AlignmentType.CENTER } : {}),
      ...(opts.indent ? { indent: { firstLine: 640 } } : {}),
      spacing: { line: 560 },
      children: [new TextRun({ text, font, size: opts.size ?? 32, bold: opts.bold ?? false })],
    });
  const doc = new Document({
    creator: "Gongkai",
    title: "政府信息公开申请收件回执",
    sections: [
      {
        children: [
          p("政府信息公开申请收件回执", { bold: true, size: 44, center: true }),
          ...receiptLines(r).map(([k, v]) => p(`${k}：${v}`)),
          p(NOTE, { indent: true }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
