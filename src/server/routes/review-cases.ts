/** 行政复议 / 行政诉讼 records: list, read, file, decide (table 四 of the annual report). */
import type { FastifyInstance } from "fastify";
import { MAX_PAGE_SIZE } from "../../app/cases-list.js";
import {
  createReviewCase,
  decideReviewCase,
  getReviewCase,
  listReviewCases,
  type NewReview,
  REVIEW_KINDS,
  REVIEW_RESULTS,
  type ReviewQuery,
} from "../../app/review-cases.js";
import type { RouteContext } from "../app.js";
import { requireActor } from "../auth.js";

const int = { type: "integer", minimum: 1, maximum: 2147483647 } as const;
const date = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" } as const;
const appId = { type: "string", pattern: "^[0-9]{1,18}$" } as const;
const idParams = { type: "object", required: ["id"], properties: { id: int } } as const;
const tags = ["行政复议和行政诉讼"];

/** Review-case routes. */
export function reviewCaseRoutes(ctx: RouteContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Querystring: ReviewQuery }>(
      "/review-cases",
      {
        schema: {
          tags,
          summary: "行政复议、行政诉讼案件列表",
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: {
              agencyId: int,
              kind: { type: "string", enum: Object.keys(REVIEW_KINDS) },
              pending: { type: "boolean" },
              applicationId: appId,
              page: { type: "integer", minimum: 1, maximum: 1000000 },
              pageSize: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE },
            },
          },
        },
      },
      async (req) => listReviewCases(ctx.db, await requireActor(req, ctx), req.query),
    );

    app.get<{ Params: { id: number } }>(
      "/review-cases/:id",
      { schema: { tags, summary: "行政复议、行政诉讼案件", params: idParams } },
      async (req) => getReviewCase(ctx.db, await requireActor(req, ctx), req.params.id),
    );

    app.post<{ Body: NewReview }>(
      "/review-cases",
      {
        schema: {
          tags,
          summary: "登记行政复议、行政诉讼案件（可关联申请）",
          body: {
            type: "object",
            required: ["kind", "filed"],
            additionalProperties: false,
            properties: {
              agencyId: int,
              applicationId: appId,
              applicationRef: { type: "string", minLength: 1, maxLength: 64 },
              kind: { type: "string", enum: Object.keys(REVIEW_KINDS) },
              filed: date,
              caseNumber: { type: "string", maxLength: 100 },
              authority: { type: "string", maxLength: 100 },
            },
          },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await createReviewCase(ctx.db, await requireActor(req, ctx), req.body)),
    );

    app.post<{ Params: { id: number }; Body: { result: keyof typeof REVIEW_RESULTS; decided: string } }>(
      "/review-cases/:id/decision",
      {
        schema: {
          tags,
          summary: "记录审结结果",
          params: idParams,
          body: {
            type: "object",
            required: ["result", "decided"],
            additionalProperties: false,
            properties: { result: { type: "string", enum: Object.keys(REVIEW_RESULTS) }, decided: date },
          },
        },
      },
      async (req) => decideReviewCase(ctx.db, await requireActor(req, ctx), req.params.id, req.body),
    );
  };
}
