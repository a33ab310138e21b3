/** The renderers by output format: one small adapter per engine. */
import { GongkaiError } from "../domain/errors.js";
import { reportToJson } from "../domain/report/json.js";
import type { Report } from "../domain/report/model.js";
import { renderDocx } from "./docx.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { htmlToPdf } from "./pdf.js";

export const FORMATS = ["html", "docx", "pdf", "md", "json"] as const;
export type Format = (typeof FORMATS)[number];

/** Renders a report in one format; text formats as UTF-8 bytes. */
export async function render(report: Report, format: string): Promise<Buffer> {
  switch (format as Format) {
    case "html":
      return Buffer.from(renderHtml(report), "utf8");
    case "md":
      return Buffer.from(renderMarkdown(report), "utf8");
    case "json":
      return Buffer.from(reportToJson(report), "utf8");
    case "docx":
      return renderDocx(report);
    case "pdf":
      return htmlToPdf(renderHtml(report));
    default:
      throw new GongkaiError("RENDER-FORMAT", `不支持的输出格式“${format}”，可选：${FORMATS.join("、")}`);
  }
}
