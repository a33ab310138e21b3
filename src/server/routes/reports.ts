/**
 * The report workspace: the 三审 draft (narrative sections, transitions, comments), the report
 * rendered for download, the published report, and the records behind a cell.
 */
import type { FastifyInstance } from "fastify";
import {
  cellSources,
  OUTPUT_FORMATS,
  type OutputFormat,
  publishedReportOf,
  renderAgencyReport,
} from "../../app/report-output.js";
import {
  NARRATIVE_KEYS,
  reportComments,
  reportDraft,
  saveDraftSections,
  TRANSITION_ACTIONS,
  type TransitionAction,
  transitionReport,
} from "../../app/report-workflow.js";
import { reportToJsonObject } from "../../domain/report/json.js";
import type { RouteContext } from "../app.js";
import { requireActor } from "../auth.js";

const id = { type: "integer", minimum: 1, maximum: 2147483647 } as const;
const year = { type: "integer", minimum: 2000, maximum: 2100 } as const;
const params = {
  type: "object",
  required: ["id", "year"],
  additionalProperties: false,
  properties: { id, year },
} as const;
type P = { id: number; year: number };

const sectionsSchema = {
  type: "object",
  additionalProperties: false,
  properties: Object.fromEntries(NARRATIVE_KEYS.map((k) => [k, { type: "string", maxLength: 50000 }])),
} as const;

const MEDIA: Record<OutputFormat, string> = {
  html: "text/html; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  json: "application/json; charset=utf-8",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Report workflow and output routes. */
export function reportRoutes(ctx: RouteContext) {
  return async (app: FastifyInstance): Promise<void> => {
    const tags = ["年度报告"];
    app.get<{ Params: P }>(
      "/agencies/:id/reports/:year/draft",
      { schema: { tags, summary: "年度报告草稿（正文与审核状态）", params } },
      async (req) => reportDraft(ctx.db, await requireActor(req, ctx), req.params.id, req.params.year),
    );

    app.put<{ Params: P; Body: { sections: Record<string, string> } }>(
      "/agencies/:id/reports/:year/draft",
      {
        schema: {
          tags,
          summary: "保存年度报告正文（经办人，起草状态）",
          params,
          body: {
            type: "object",
            required: ["sections"],
            additionalProperties: false,
            properties: { sections: sectionsSchema },
          },
        },
      },
      async (req) =>
        saveDraftSections(
          ctx.db,
          await requireActor(req, ctx),
          req.params.id,
          req.params.year,
          req.body.sections,
        ),
    );

    app.post<{ Params: P; Body: { action: TransitionAction; comment?: string } }>(
      "/agencies/:id/reports/:year/transitions",
      {
        schema: {
          tags,
          summary: "三审流转：提交、审核、退回、批准、发布",
          params,
          body: {
            type: "object",
            required: ["action"],
            additionalProperties: false,
            properties: {
              action: { type: "string", enum: TRANSITION_ACTIONS },
              comment: { type: "string", maxLength: 5000 },
            },
          },
        },
      },
      async (req) =>
        transitionReport(
          ctx.db,
          await requireActor(req, ctx),
          req.params.id,
          req.params.year,
          req.body.action,
          req.body.comment,
        ),
    );

    app.get<{ Params: P }>(
      "/agencies/:id/reports/:year/comments",
      { schema: { tags, summary: "审核意见（按时间顺序）", params } },
      async (req) => ({
        items: await reportComments(ctx.db, await requireActor(req, ctx), req.params.id, req.params.year),
      }),
    );

    app.get<{ Params: P }>(
      "/agencies/:id/reports/:year/published",
      { schema: { tags, summary: "已发布的年度报告（冻结快照）", params } },
      async (req) => {
        const p = await publishedReportOf(
          ctx.db,
          await requireActor(req, ctx),
          req.params.id,
          req.params.year,
        );
        return { ...p, report: reportToJsonObject(p.report) };
      },
    );

    app.get<{ Params: P; Querystring: { format: OutputFormat; version: "current" | "published" } }>(
      "/agencies/:id/reports/:year/render",
      {
        schema: {
          tags,
          summary: "导出年度报告（HTML、DOCX、PDF、Markdown、JSON）",
          params,
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: {
              format: { type: "string", enum: OUTPUT_FORMATS, default: "html" },
              version: { type: "string", enum: ["current", "published"], default: "current" },
            },
          },
        },
      },
      async (req, reply) => {
        const actor = await requireActor(req, ctx);
        const { format, version } = req.query;
        const out = await renderAgencyReport(ctx.db, actor, req.params.id, req.params.year, format, version);
        return reply
          .type(MEDIA[format])
          .header("content-disposition", attachment(out.fileName))
          .header("cache-control", "private, no-store")
          .send(out.bytes);
      },
    );

    app.get<{ Params: P & { path: string } }>(
      "/agencies/:id/reports/:year/cells/:path/sources",
      {
        schema: {
          tags,
          summary: "单元格背后的记录（如表三某格对应的申请）",
          params: {
            type: "object",
            required: ["id", "year", "path"],
            additionalProperties: false,
            properties: {
              id,
              year,
              path: { type: "string", maxLength: 120, pattern: "^[a-z0-9_.\\[\\]]+$" },
            },
          },
        },
      },
      async (req) =>
        cellSources(ctx.db, await requireActor(req, ctx), req.params.id, req.params.year, req.params.path),
    );
  };
}
