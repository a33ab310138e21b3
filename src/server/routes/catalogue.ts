/**
 * Staff API of the disclosure catalogue (draft → 初审 → 复审 → 终审 → published; corrections as new
 * versions; attachments) and of each agency's 公开指南. Authenticated; CSRF like every POST/PUT.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { GUIDE_FIELDS, loadGuide, saveGuide } from "../../app/agency-guide.js";
import { MAX_ATTACHMENT_BYTES } from "../../app/attachment-type.js";
import {
  addAttachment,
  correctDocument,
  createDocument,
  editDraft,
  listForStaff,
  reviewVersion,
  submitForReview,
  versionDetail,
} from "../../app/catalogue.js";
import { authorize } from "../../app/policy.js";
import { DOC_KINDS, type DocumentFields, VALIDITY } from "../../domain/catalogue/catalogue.js";
import { GongkaiError } from "../../domain/errors.js";
import type { RouteContext } from "../app.js";
import { requireActor } from "../auth.js";
import { sendProblem, toProblem } from "../problems.js";

const id = { type: "integer", minimum: 1, maximum: 2147483647 } as const;
const idParams = {
  type: "object",
  required: ["id"],
  additionalProperties: false,
  properties: { id },
} as const;
const fieldProps = {
  title: { type: "string", minLength: 1, maxLength: 300 },
  docNumber: { type: ["string", "null"], maxLength: 100 },
  publisher: { type: "string", minLength: 1, maxLength: 200 },
  writtenOn: { type: ["string", "null"], pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
  category: { type: "string", minLength: 1, maxLength: 100 },
  validity: { type: "string", enum: Object.keys(VALIDITY) },
  docKind: { type: "string", enum: Object.keys(DOC_KINDS) },
  article20Item: { type: "integer", minimum: 1, maximum: 15 },
  body: { type: "string", maxLength: 200000 },
} as const;
const fieldsSchema = {
  type: "object",
  required: Object.keys(fieldProps),
  additionalProperties: false,
  properties: fieldProps,
} as const;

/** Conflicts with the state of the record (409) rather than bad input (400). */
const CONFLICT = new Set(["CATALOGUE-STATE", "CATALOGUE-INDEX-EXISTS", "CATALOGUE-SAME-REVIEWER"]);

function catalogueErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const p = toProblem(err);
  if (err instanceof GongkaiError && CONFLICT.has(err.id)) p.status = 409;
  if (p.status >= 500) req.log.error({ err }, "request failed");
  return sendProblem(reply, p);
}

/** The catalogue and guide routes (under /api). */
export function catalogueRoutes(ctx: RouteContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.setErrorHandler(catalogueErrors);
    const tags = ["公开目录"];

    app.get<{ Querystring: { agencyId?: number; state?: string; limit: number; offset: number } }>(
      "/catalogue",
      {
        schema: {
          tags,
          summary: "目录文件（每个文件的最新版本）",
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: {
              agencyId: id,
              state: { type: "string", enum: ["draft", "review1", "review2", "review3", "published"] },
              limit: { type: "integer", minimum: 1, maximum: 200, default: 50 },
              offset: { type: "integer", minimum: 0, maximum: 1000000, default: 0 },
            },
          },
        },
      },
      async (req) => {
        const actor = await requireActor(req, ctx);
        return { items: await listForStaff(ctx.db, actor, req.query) };
      },
    );

    app.post<{ Body: DocumentFields & { agencyId: number; indexNo: string } }>(
      "/catalogue",
      {
        schema: {
          tags,
          summary: "新建目录文件（草稿）",
          body: {
            type: "object",
            required: ["agencyId", "indexNo", ...Object.keys(fieldProps)],
            additionalProperties: false,
            properties: {
              agencyId: id,
              indexNo: { type: "string", minLength: 1, maxLength: 60 },
              ...fieldProps,
            },
          },
        },
      },
      async (req, reply) => {
        const actor = await requireActor(req, ctx);
        const { agencyId, indexNo, ...fields } = req.body;
        reply.code(201);
        return createDocument(ctx.db, actor, { agencyId, indexNo, fields });
      },
    );

    app.get<{ Params: { id: number } }>(
      "/catalogue/versions/:id",
      { schema: { tags, summary: "目录版本详情（审核记录、附件）", params: idParams } },
      async (req) => versionDetail(ctx.db, await requireActor(req, ctx), req.params.id),
    );

    app.put<{ Params: { id: number }; Body: DocumentFields }>(
      "/catalogue/versions/:id",
      { schema: { tags, summary: "修改草稿", params: idParams, body: fieldsSchema } },
      async (req) => {
        await editDraft(ctx.db, await requireActor(req, ctx), req.params.id, req.body);
        return { ok: true };
      },
    );

    app.post<{ Params: { id: number } }>(
      "/catalogue/versions/:id/submit",
      { schema: { tags, summary: "提交初审", params: idParams } },
      async (req) => {
        await submitForReview(ctx.db, await requireActor(req, ctx), req.params.id);
        return { state: "review1" };
      },
    );

    app.post<{ Params: { id: number }; Body: { step: 1 | 2 | 3; approve: boolean; reason?: string } }>(
      "/catalogue/versions/:id/reviews",
      {
        schema: {
          tags,
          summary: "审核（1 初审 审核人；2 复审 负责人；3 终审 公开办管理员）",
          params: idParams,
          body: {
            type: "object",
            required: ["step", "approve"],
            additionalProperties: false,
            properties: {
              step: { type: "integer", enum: [1, 2, 3] },
              approve: { type: "boolean" },
              reason: { type: "string", maxLength: 2000 },
            },
          },
        },
      },
      async (req) => {
        const actor = await requireActor(req, ctx);
        return reviewVersion(ctx.db, actor, req.params.id, req.body.step, req.body);
      },
    );

    app.post<{ Params: { id: number }; Body: { filename: string; contentBase64: string } }>(
      "/catalogue/versions/:id/attachments",
      {
        bodyLimit: Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4096,
        schema: {
          tags,
          summary: "添加附件（Base64；类型按内容识别，不超过 10 MB）",
          params: idParams,
          body: {
            type: "object",
            required: ["filename", "contentBase64"],
            additionalProperties: false,
            properties: {
              filename: { type: "string", minLength: 1, maxLength: 200 },
              contentBase64: { type: "string", minLength: 1 },
            },
          },
        },
      },
      async (req, reply) => {
        const actor = await requireActor(req, ctx);
        const content = Buffer.from(req.body.contentBase64, "base64");
        reply.code(201);
        return addAttachment(ctx.db, actor, req.params.id, { filename: req.body.filename, content });
      },
    );

    app.post<{ Params: { indexNo: string }; Body: { fields: DocumentFields; note: string } }>(
      "/catalogue/documents/:indexNo/corrections",
      {
        schema: {
          tags,
          summary: "更正已发布的文件（新版本，经三审后取代原版本，原版本保留在历史中）",
          params: {
            type: "object",
            required: ["indexNo"],
            properties: { indexNo: { type: "string", maxLength: 60 } },
          },
          body: {
            type: "object",
            required: ["fields", "note"],
            additionalProperties: false,
            properties: { fields: fieldsSchema, note: { type: "string", minLength: 1, maxLength: 2000 } },
          },
        },
      },
      async (req, reply) => {
        const actor = await requireActor(req, ctx);
        reply.code(201);
        return correctDocument(ctx.db, actor, req.params.indexNo, req.body.fields, req.body.note);
      },
    );

    app.get<{ Params: { id: number } }>(
      "/agencies/:id/guide",
      { schema: { tags, summary: "机关的政府信息公开指南", params: idParams } },
      async (req) => {
        const actor = await requireActor(req, ctx);
        authorize(actor, "agency.read", req.params.id);
        const g = await loadGuide(ctx.db, req.params.id);
        return {
          fields: GUIDE_FIELDS.map(([key, label]) => ({ key, label })),
          guide: g?.guide ?? {},
          updatedAt: g?.updatedAt ?? null,
          updatedBy: g?.updatedBy ?? null,
        };
      },
    );

    app.put<{ Params: { id: number }; Body: Record<string, string> }>(
      "/agencies/:id/guide",
      {
        schema: {
          tags,
          summary: "修改机关的政府信息公开指南",
          params: idParams,
          body: { type: "object", additionalProperties: { type: "string" } },
        },
      },
      async (req) => ({
        guide: await saveGuide(ctx.db, await requireActor(req, ctx), req.params.id, req.body),
      }),
    );
  };
}
