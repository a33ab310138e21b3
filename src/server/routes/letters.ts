/**
 * Letter routes: the agency's letter templates (list, edit, a sample DOCX of a text being edited), a
 * case's letter as DOCX (rendered now), issuing a letter (frozen with its event), and an issued
 * letter's bytes.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import {
  issuedLetterFile,
  issueLetter,
  listTemplates,
  renderCaseLetter,
  sampleLetter,
  saveLetterTemplate,
} from "../../app/letters.js";
import type { RouteContext } from "../app.js";
import { requireActor } from "../auth.js";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const kind = { type: "string", pattern: "^[a-z_]{1,30}(\\.[a-z_]{1,40})?$" } as const;
const caseId = { type: "string", pattern: "^[0-9]{1,18}$" } as const;
const letterParams = {
  type: "object",
  required: ["id", "kind"],
  properties: { id: caseId, kind },
} as const;
const tags = ["文书"];

/** Sends DOCX bytes as a download (the Chinese file name per RFC 6266 / RFC 8187). */
function sendDocx(reply: FastifyReply, fileName: string, bytes: Buffer): FastifyReply {
  return reply
    .type(DOCX)
    .header(
      "content-disposition",
      `attachment; filename="letter.docx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .send(bytes);
}

type LetterReq = { Params: { id: string; kind: string } };
type TemplateBody = { title: string; body: string; agencyId?: number };

const templateBody = {
  type: "object",
  required: ["title", "body"],
  additionalProperties: false,
  properties: {
    title: { type: "string", maxLength: 200 },
    body: { type: "string", maxLength: 40000 },
    agencyId: { type: "integer", minimum: 1, maximum: 2147483647 },
  },
} as const;

/** Letter and template routes. */
export function letterRoutes(ctx: RouteContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Querystring: { agencyId?: number } }>(
      "/letter-templates",
      {
        schema: {
          tags,
          summary: "本机关各类文书模板（未修改的为系统默认文本）",
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: { agencyId: { type: "integer", minimum: 1, maximum: 2147483647 } },
          },
        },
      },
      async (req) => listTemplates(ctx.db, await requireActor(req, ctx), req.query.agencyId),
    );

    app.put<{ Params: { kind: string }; Body: { title: string; body: string; agencyId?: number } }>(
      "/letter-templates/:kind",
      {
        schema: {
          tags,
          summary: "修改本机关的文书模板（审核人、负责人）",
          params: { type: "object", required: ["kind"], properties: { kind } },
          body: templateBody,
        },
      },
      async (req) => saveLetterTemplate(ctx.db, await requireActor(req, ctx), req.params.kind, req.body),
    );

    // A preview, not a letter: nothing is saved and no applicant's data is used (case.read, like the list).
    app.post<{ Params: { kind: string }; Body: TemplateBody }>(
      "/letter-templates/:kind/sample",
      {
        schema: {
          tags,
          summary: "文书模板示例（DOCX）：以示例申请填充所给标题和正文，不保存",
          params: { type: "object", required: ["kind"], properties: { kind } },
          body: templateBody,
        },
      },
      async (req, reply) => {
        const r = await sampleLetter(ctx.db, await requireActor(req, ctx), req.params.kind, req.body);
        return sendDocx(reply, r.fileName, r.docx);
      },
    );

    app.get<LetterReq>(
      "/applications/:id/letters/:kind",
      {
        schema: { tags, summary: "生成本件的文书（DOCX；reply 为按办理结果的答复书）", params: letterParams },
      },
      async (req, reply) => {
        const r = await renderCaseLetter(
          ctx.db,
          await requireActor(req, ctx),
          req.params.id,
          req.params.kind,
        );
        return sendDocx(reply, r.fileName, r.docx);
      },
    );

    app.post<LetterReq>(
      "/applications/:id/letters/:kind",
      { schema: { tags, summary: "出具文书：保存送达的文本及对应的办理记录", params: letterParams } },
      async (req, reply) => {
        const r = await issueLetter(ctx.db, await requireActor(req, ctx), req.params.id, req.params.kind);
        return reply.code(201).send(r);
      },
    );

    app.get<{ Params: { id: string; letterId: string } }>(
      "/applications/:id/issued-letters/:letterId",
      {
        schema: {
          tags,
          summary: "已出具文书的原文（DOCX）",
          params: {
            type: "object",
            required: ["id", "letterId"],
            properties: { id: caseId, letterId: caseId },
          },
        },
      },
      async (req, reply) => {
        const r = await issuedLetterFile(
          ctx.db,
          await requireActor(req, ctx),
          req.params.id,
          req.params.letterId,
        );
        return sendDocx(reply, r.fileName, r.docx);
      },
    );
  };
}
