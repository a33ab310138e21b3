/**
 * GET /api/agencies (the visible tree), POST /api/agencies (create below a visible agency),
 * PATCH /api/agencies/:id (rename, kind, move), GET /api/agencies/:id/reports/:year and …/checks.
 */
import type { FastifyInstance } from "fastify";
import {
  type AgencyChange,
  createAgencyAs,
  type NewAgency,
  updateAgencyAs,
} from "../../app/agencies-admin.js";
import { AGENCY_KIND_CODES } from "../../app/agency-kinds.js";
import { agencyReport, agencyReportChecks, visibleAgencies } from "../../app/agency-report.js";
import type { RouteContext } from "../app.js";
import { requireActor } from "../auth.js";

const reportParams = {
  type: "object",
  required: ["id", "year"],
  additionalProperties: false,
  properties: {
    id: { type: "integer", minimum: 1, maximum: 2147483647 },
    year: { type: "integer", minimum: 2000, maximum: 2100 },
  },
} as const;

type ReportParams = { Params: { id: number; year: number } };

const int = { type: "integer", minimum: 1, maximum: 2147483647 } as const;
const kind = { type: "string", enum: AGENCY_KIND_CODES } as const;
const name = { type: "string", minLength: 1, maxLength: 100 } as const;

const agencyItem = {
  type: "object",
  required: ["id", "name", "parentId", "kind", "code"],
  properties: {
    id: { type: "integer" },
    name: { type: "string" },
    parentId: { type: ["integer", "null"] },
    kind: { type: ["string", "null"] },
    code: { type: ["string", "null"] },
  },
} as const;

const newAgencyBody = {
  type: "object",
  required: ["name", "parentId", "kind"],
  additionalProperties: false,
  properties: { name, parentId: { ...int, description: "上级机关（本机关或其下级）" }, kind },
} as const;

const changeAgencyBody = {
  type: "object",
  additionalProperties: false,
  minProperties: 1,
  properties: { name, kind, parentId: { ...int, description: "移到另一上级机关之下（均须在管理范围内）" } },
} as const;

/** Agency routes: the visible tree, and one agency's derived report and checks. */
export function agencyRoutes(ctx: RouteContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get("/agencies", { schema: { tags: ["机关"], summary: "可见的机关" } }, async (req) => {
      const actor = await requireActor(req, ctx);
      return { items: await visibleAgencies(ctx.db, actor) };
    });

    app.post<{ Body: NewAgency }>(
      "/agencies",
      {
        schema: {
          tags: ["机关"],
          summary: "新建下级机关（系统管理员、公开办管理员）",
          body: newAgencyBody,
          response: { 201: agencyItem },
        },
      },
      async (req, reply) => {
        const actor = await requireActor(req, ctx);
        return reply.code(201).send(await createAgencyAs(ctx.db, actor, req.body));
      },
    );

    app.patch<{ Params: { id: number }; Body: AgencyChange }>(
      "/agencies/:id",
      {
        schema: {
          tags: ["机关"],
          summary: "修改机关：名称、类型、上级机关",
          params: { type: "object", required: ["id"], additionalProperties: false, properties: { id: int } },
          body: changeAgencyBody,
          response: { 200: agencyItem },
        },
      },
      async (req) => updateAgencyAs(ctx.db, await requireActor(req, ctx), req.params.id, req.body),
    );

    app.get<ReportParams>(
      "/agencies/:id/reports/:year",
      { schema: { tags: ["年度报告"], summary: "由办理记录生成的年度报告", params: reportParams } },
      async (req) => {
        const actor = await requireActor(req, ctx);
        return agencyReport(ctx.db, actor, req.params.id, req.params.year);
      },
    );

    app.get<ReportParams>(
      "/agencies/:id/reports/:year/checks",
      { schema: { tags: ["年度报告"], summary: "年度报告的核对结果", params: reportParams } },
      async (req) => {
        const actor = await requireActor(req, ctx);
        return agencyReportChecks(ctx.db, actor, req.params.id, req.params.year);
      },
    );
  };
}
