/** GET /api/agencies, GET /api/agencies/:id/reports/:year and …/checks. */
import type { FastifyInstance } from "fastify";
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

/** Agency routes: the visible tree, and one agency's derived report and checks. */
export function agencyRoutes(ctx: RouteContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get("/agencies", { schema: { tags: ["机关"], summary: "可见的机关" } }, async (req) => {
      const actor = await requireActor(req, ctx);
      return { items: await visibleAgencies(ctx.db, actor) };
    });

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
