/**
 * Casework routes (issues #5, #7): the worklist (+ masked CSV export), registering an application,
 * the case page, handler assignment, recording a step, and the audited reveal of personal data.
 */
import type { FastifyInstance } from "fastify";
import { assignHandler } from "../../app/case-assign.js";
import { caseDetail } from "../../app/case-detail.js";
import { type EventInput, RECORDABLE_EVENTS, recordEvent } from "../../app/case-events.js";
import { exportApplicationsCsv } from "../../app/cases-export.js";
import { type ListQuery, listApplications, MAX_PAGE_SIZE } from "../../app/cases-list.js";
import { CHANNEL_CODES, type NewApplication, registerApplication } from "../../app/register-application.js";
import { revealApplicant } from "../../app/reveal.js";
import type { RouteContext } from "../app.js";
import { requireActor } from "../auth.js";

const int = { type: "integer", minimum: 1, maximum: 2147483647 } as const;
const date = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" } as const;
const idParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", pattern: "^[0-9]{1,18}$" } },
} as const;

const listQuery = {
  type: "object",
  additionalProperties: false,
  properties: {
    agencyId: int,
    status: {
      type: "string",
      maxLength: 200,
      description: "逗号分隔：on_time,due_soon,overdue,waiting,paused,closed…",
    },
    handlerId: int,
    channel: { type: "string", enum: CHANNEL_CODES },
    year: { type: "integer", minimum: 2000, maximum: 2100 },
    q: { type: "string", maxLength: 100 },
    sort: { type: "string", enum: ["due", "received"] },
    page: { type: "integer", minimum: 1, maximum: 1000000 },
    pageSize: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE },
  },
} as const;

type ListQs = Omit<ListQuery, "status"> & { status?: string };
const toQuery = (qs: ListQs): ListQuery => ({
  ...qs,
  status: qs.status
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean),
});

const applicantSchema = {
  type: "object",
  required: ["name"],
  additionalProperties: false,
  properties: {
    name: { type: "string", minLength: 1, maxLength: 100 },
    idNumber: { type: "string", maxLength: 30 },
    phone: { type: "string", maxLength: 20 },
    address: { type: "string", maxLength: 200 },
    email: { type: "string", maxLength: 100 },
    contact: { type: "string", maxLength: 100 },
  },
} as const;

const newApplicationBody = {
  type: "object",
  required: ["channel", "applicantType", "applicant", "subject"],
  additionalProperties: false,
  properties: {
    agencyId: int,
    ref: { type: "string", minLength: 1, maxLength: 64 },
    receivedOn: date,
    channel: { type: "string", enum: CHANNEL_CODES },
    applicantType: { type: "integer", minimum: 0, maximum: 5 },
    applicant: applicantSchema,
    subject: { type: "string", minLength: 1, maxLength: 5000 },
    handlerId: { anyOf: [int, { type: "null" }] },
  },
} as const;

const eventBody = {
  type: "object",
  required: ["type", "date"],
  additionalProperties: false,
  properties: {
    type: { type: "string", enum: RECORDABLE_EVENTS },
    date,
    deadline: date,
    party: { type: "string", enum: ["third_party", "other_agency"] },
    workingDays: { type: "integer", minimum: 1, maximum: 365 },
    amountYuan: { type: "integer", minimum: 0, maximum: 100000000 },
    fee: {
      type: "object",
      required: ["method"],
      additionalProperties: false,
      properties: {
        method: { type: "string", enum: ["per_item", "per_page"] },
        items: { type: "integer", minimum: 0, maximum: 1000000 },
        priorItemsThisMonth: { type: "integer", minimum: 0, maximum: 1000000 },
        pages: { type: "integer", minimum: 0, maximum: 100000000 },
      },
    },
    arrivedOn: date,
    outcome: { type: "string", maxLength: 64 },
    delivery: { type: "string", enum: ["hand", "post", "electronic"] },
    note: { type: "string", maxLength: 1000 },
  },
} as const;

type Id = { Params: { id: string } };
const tags = ["申请办理"];

/** Application routes. */
export function applicationRoutes(ctx: RouteContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Querystring: ListQs }>(
      "/applications",
      {
        schema: {
          tags,
          summary: "工作台：申请列表（按剩余工作日排序，个人信息已脱敏）",
          querystring: listQuery,
        },
      },
      async (req) => listApplications(ctx.db, await requireActor(req, ctx), toQuery(req.query)),
    );

    app.get<{ Querystring: Omit<ListQs, "page" | "pageSize"> }>(
      "/applications/export.csv",
      { schema: { tags, summary: "导出申请列表（CSV，个人信息已脱敏）", querystring: listQuery } },
      async (req, reply) => {
        const csv = await exportApplicationsCsv(ctx.db, await requireActor(req, ctx), toQuery(req.query));
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="applications.csv"`)
          .send(csv);
      },
    );

    app.post<{ Body: Omit<NewApplication, "agencyId"> & { agencyId?: number } }>(
      "/applications",
      { schema: { tags, summary: "登记收到的申请；返回查询码", body: newApplicationBody } },
      async (req, reply) => {
        const actor = await requireActor(req, ctx);
        const r = await registerApplication(ctx.db, actor, {
          ...req.body,
          agencyId: req.body.agencyId ?? actor.agencyId,
        });
        return reply.code(201).send(r);
      },
    );

    app.get<Id>(
      "/applications/:id",
      { schema: { tags, summary: "申请详情：办理记录、期限、违规提示", params: idParams } },
      async (req) => caseDetail(ctx.db, await requireActor(req, ctx), req.params.id),
    );

    app.patch<Id & { Body: { handlerId: number | null } }>(
      "/applications/:id",
      {
        schema: {
          tags,
          summary: "指定经办人",
          params: idParams,
          body: {
            type: "object",
            required: ["handlerId"],
            additionalProperties: false,
            properties: { handlerId: { anyOf: [int, { type: "null" }] } },
          },
        },
      },
      async (req) => assignHandler(ctx.db, await requireActor(req, ctx), req.params.id, req.body.handlerId),
    );

    app.post<Id & { Body: EventInput }>(
      "/applications/:id/events",
      { schema: { tags, summary: "记录一个办理步骤（延期须负责人）", params: idParams, body: eventBody } },
      async (req, reply) => {
        const r = await recordEvent(ctx.db, await requireActor(req, ctx), req.params.id, req.body);
        return reply.code(201).send(r);
      },
    );

    app.post<Id & { Body: { reason?: string } | undefined }>(
      "/applications/:id/reveal",
      {
        schema: {
          tags,
          summary: "查看申请人完整个人信息（留痕）",
          params: idParams,
          body: {
            type: "object",
            additionalProperties: false,
            properties: { reason: { type: "string", maxLength: 200 } },
          },
        },
      },
      async (req) => revealApplicant(ctx.db, await requireActor(req, ctx), req.params.id, req.body?.reason),
    );
  };
}
