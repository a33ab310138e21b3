/** The supervising office: filing status of the subtree for a year, and summed figures over the years. */
import type { FastifyInstance } from "fastify";
import { aggregateFigures, chinaDate, filingStatus, type StatusFilter } from "../../app/supervision.js";
import type { RouteContext } from "../app.js";
import { requireActor } from "../auth.js";

const params = {
  type: "object",
  required: ["year"],
  additionalProperties: false,
  properties: { year: { type: "integer", minimum: 2000, maximum: 2100 } },
} as const;

/** Supervision routes (公开办管理员). */
export function supervisionRoutes(ctx: RouteContext) {
  return async (app: FastifyInstance): Promise<void> => {
    const tags = ["监督"];
    app.get<{
      Params: { year: number };
      Querystring: { status?: StatusFilter; offset: number; limit: number };
    }>(
      "/supervision/:year",
      {
        schema: {
          tags,
          summary: "下级机关年报报送情况（是否发布、是否逾期、核对结果）",
          params,
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: {
              status: { type: "string", enum: ["published", "unpublished", "late", "overdue"] },
              offset: { type: "integer", minimum: 0, maximum: 1_000_000, default: 0 },
              limit: { type: "integer", minimum: 1, maximum: 5000, default: 1000 },
            },
          },
        },
      },
      async (req) =>
        filingStatus(ctx.db, await requireActor(req, ctx), req.params.year, chinaDate(new Date()), req.query),
    );
    app.get<{ Params: { year: number }; Querystring: { span: number } }>(
      "/supervision/:year/aggregate",
      {
        schema: {
          tags,
          summary: "辖区汇总统计（表三、表四，逐年对比）",
          params,
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: { span: { type: "integer", minimum: 1, maximum: 10, default: 3 } },
          },
        },
      },
      async (req) => aggregateFigures(ctx.db, await requireActor(req, ctx), req.params.year, req.query.span),
    );
  };
}
