/**
 * An agency's registers: 规章 / 行政规范性文件 (paged list with filters, add, change), the yearly
 * figures of table 二, and CSV/XLSX uploads of either.
 */
import type { FastifyInstance } from "fastify";
import { authorize } from "../../app/policy.js";
import {
  addRegisterDocument,
  getYearlyFigures,
  importRegisterUpload,
  listRegisterDocuments,
  patchRegisterDocument,
  putYearlyFigures,
} from "../../app/registers.js";
import type { DocumentValues, FiguresRow } from "../../store/register-queries.js";
import type { RouteContext } from "../app.js";
import { requireActor } from "../auth.js";
import { readUploads, registerUploads, type UploadLimits, uploadLimits } from "../uploads.js";

const id = { type: "integer", minimum: 1, maximum: 2147483647 } as const;
const year = { type: "integer", minimum: 2000, maximum: 2100 } as const;
const date = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" } as const;
const agencyParams = {
  type: "object",
  required: ["id"],
  additionalProperties: false,
  properties: { id },
} as const;
const docParams = {
  type: "object",
  required: ["id", "docId"],
  additionalProperties: false,
  properties: { id, docId: id },
} as const;
const yearParams = {
  type: "object",
  required: ["id", "year"],
  additionalProperties: false,
  properties: { id, year },
} as const;

const docProps = {
  kind: { type: "string", enum: ["regulation", "normative_document"] },
  title: { type: "string", minLength: 1, maxLength: 500 },
  docNumber: { type: ["string", "null"], maxLength: 200 },
  issued: date,
  repealed: { anyOf: [date, { type: "null" }] },
} as const;

const count = { type: ["integer", "null"], minimum: 0, maximum: 2147483647 } as const;
const figuresBody = {
  type: "object",
  additionalProperties: false,
  required: ["licensing", "penalty", "coercion", "fees10kYuan"],
  properties: {
    licensing: count,
    penalty: count,
    coercion: count,
    fees10kYuan: { type: ["string", "null"], maxLength: 30 },
    edition2019: { type: ["object", "null"] },
  },
} as const;

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Register routes; `limits` bound the uploads (GONGKAI_UPLOAD_MAX_KB / _FILES by default). */
export function registerRoutes(ctx: RouteContext, limits: UploadLimits = uploadLimits()) {
  return async (app: FastifyInstance): Promise<void> => {
    await registerUploads(app);
    const tags = ["登记"];

    app.get<{
      Params: { id: number };
      Querystring: {
        kind?: string;
        validity?: "in_force" | "repealed";
        on?: string;
        q?: string;
        offset: number;
        limit: number;
      };
    }>(
      "/agencies/:id/register-documents",
      {
        schema: {
          tags,
          summary: "规章和行政规范性文件（分页、筛选）",
          params: agencyParams,
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: {
              kind: docProps.kind,
              validity: { type: "string", enum: ["in_force", "repealed"] },
              on: date,
              q: { type: "string", maxLength: 100 },
              offset: { type: "integer", minimum: 0, maximum: 1_000_000, default: 0 },
              limit: { type: "integer", minimum: 1, maximum: 200, default: 50 },
            },
          },
        },
      },
      async (req) =>
        listRegisterDocuments(ctx.db, await requireActor(req, ctx), req.params.id, {
          ...req.query,
          on: req.query.on ?? today(),
        }),
    );

    app.post<{
      Params: { id: number };
      Body: Partial<DocumentValues> & Pick<DocumentValues, "kind" | "title" | "issued">;
    }>(
      "/agencies/:id/register-documents",
      {
        schema: {
          tags,
          summary: "登记一件规章或规范性文件",
          params: agencyParams,
          body: {
            type: "object",
            additionalProperties: false,
            required: ["kind", "title", "issued"],
            properties: docProps,
          },
        },
      },
      async (req, reply) => {
        const doc = await addRegisterDocument(ctx.db, await requireActor(req, ctx), req.params.id, {
          docNumber: null,
          repealed: null,
          ...req.body,
        });
        return reply.code(201).send(doc);
      },
    );

    app.patch<{ Params: { id: number; docId: number }; Body: Partial<DocumentValues> }>(
      "/agencies/:id/register-documents/:docId",
      {
        schema: {
          tags,
          summary: "修改登记的文件（如登记废止）",
          params: docParams,
          body: { type: "object", additionalProperties: false, minProperties: 1, properties: docProps },
        },
      },
      async (req) =>
        patchRegisterDocument(
          ctx.db,
          await requireActor(req, ctx),
          req.params.id,
          req.params.docId,
          req.body,
        ),
    );

    app.get<{ Params: { id: number; year: number } }>(
      "/agencies/:id/figures/:year",
      { schema: { tags, summary: "年度数字（许可、处罚、强制、收费）", params: yearParams } },
      async (req) => getYearlyFigures(ctx.db, await requireActor(req, ctx), req.params.id, req.params.year),
    );

    app.put<{
      Params: { id: number; year: number };
      Body: Omit<FiguresRow, "year" | "edition2019"> & Partial<Pick<FiguresRow, "edition2019">>;
    }>(
      "/agencies/:id/figures/:year",
      { schema: { tags, summary: "填报年度数字", params: yearParams, body: figuresBody } },
      async (req) =>
        putYearlyFigures(ctx.db, await requireActor(req, ctx), req.params.id, {
          edition2019: null,
          ...req.body,
          year: req.params.year,
        }),
    );

    for (const [kind, path, summary] of [
      ["figures", "figures", "上传年度数字表（CSV/XLSX）"],
      ["documents", "register-documents", "上传文件登记表（CSV/XLSX，替换本机关的登记）"],
    ] as const)
      app.post<{ Params: { id: number } }>(
        `/agencies/:id/${path}/import`,
        { schema: { tags, summary, params: agencyParams, consumes: ["multipart/form-data"] } },
        async (req) => {
          const actor = await requireActor(req, ctx);
          // Refused before a byte of the upload is read.
          authorize(actor, "register.edit", req.params.id);
          const { files } = await readUploads(req, ["csv", "xlsx"], { ...limits, maxFiles: 1 });
          const f = files[0]!;
          const type = f.type === "xlsx" ? "xlsx" : "csv";
          return importRegisterUpload(ctx.db, actor, req.params.id, kind, { ...f, type });
        },
      );
  };
}
