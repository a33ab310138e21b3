/**
 * THE error → HTTP table: every failure leaves the server as `application/problem+json`
 * (RFC 9457) with a stable `type`/`id`, an HTTP status and a Chinese `title`/`detail`.
 */
import type { ErrorObject } from "ajv";
import localizeModule from "ajv-i18n/localize/zh/index.js";
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from "fastify";
import { GongkaiError } from "../domain/errors.js";
import { notFoundPage } from "../web/portal/pages/error.js";
import { sendPage } from "./routes/portal-reply.js";

/** ajv-i18n's Chinese messages (a CommonJS function; its typings describe an ES default export). */
const localizeZh = localizeModule as unknown as (errors: ErrorObject[]) => void;

export interface Problem {
  type: string;
  id: string;
  title: string;
  status: number;
  detail: string;
  details?: readonly string[];
}

/** Status and Chinese title per error id; an unknown GongkaiError is bad input (400). */
export const PROBLEMS: Record<string, { status: number; title: string }> = {
  "REQUEST-INVALID": { status: 400, title: "请求格式有误" },
  "USER-INVALID": { status: 400, title: "用户信息有误" },
  "AUTH-REQUIRED": { status: 401, title: "请先登录" },
  "AUTH-FAILED": { status: 401, title: "登录失败" },
  FORBIDDEN: { status: 403, title: "无权执行此操作" },
  "CSRF-INVALID": { status: 403, title: "请求缺少有效的防伪令牌" },
  "NOT-FOUND": { status: 404, title: "没有找到" },
  "AGENCY-NOT-FOUND": { status: 404, title: "没有找到" },
  "ROUTE-NOT-FOUND": { status: 404, title: "没有这个地址" },
  "USER-EXISTS": { status: 409, title: "登录名已被使用" },
  "USER-LOCKOUT": { status: 409, title: "该更改会把管理员锁在系统之外" },
  "AGENCY-INVALID": { status: 400, title: "机关信息有误" },
  "AGENCY-EXISTS": { status: 409, title: "同一上级机关下已有同名机关" },
  "AGENCY-CYCLE": { status: 409, title: "机关不能成为自己的下级" },
  "CASE-INVALID": { status: 400, title: "申请信息有误" },
  "CASE-EVENT-INVALID": { status: 400, title: "办理记录有误" },
  "CASE-HANDLER-INVALID": { status: 400, title: "经办人有误" },
  "CASE-REF-EXISTS": { status: 409, title: "申请编号已存在" },
  "CASE-SEQUENCE": { status: 409, title: "办理步骤与已有记录冲突" },
  "CALENDAR-NO-DATA": { status: 422, title: "缺少节假日数据" },
  "DATE-INVALID": { status: 422, title: "日期无效" },
  "FEE-BAD-INPUT": { status: 400, title: "收费依据有误" },
  "LETTER-TEMPLATE-INVALID": { status: 400, title: "文书模板有误" },
  "LETTER-KIND-UNKNOWN": { status: 404, title: "没有这种文书" },
  "LETTER-NOT-READY": { status: 409, title: "尚不能出具该文书" },
  "REVIEW-INVALID": { status: 400, title: "复议、诉讼记录有误" },
  "REVIEW-DECIDED": { status: 409, title: "该案已审结" },
  "REPORT-STATE": { status: 409, title: "报告当前状态不允许此操作" },
  "BODY-TOO-LARGE": { status: 413, title: "请求内容过大" },
  "MEDIA-TYPE-UNSUPPORTED": { status: 415, title: "不支持的内容类型" },
  "RATE-LIMITED": { status: 429, title: "请求过于频繁" },
  "DB-UNAVAILABLE": { status: 503, title: "数据库暂不可用" },
  INTERNAL: { status: 500, title: "服务器内部错误" },
};

/** Fastify's own error codes, as our ids. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_VALIDATION: "REQUEST-INVALID",
  FST_ERR_CTP_INVALID_JSON_BODY: "REQUEST-INVALID",
  FST_ERR_CTP_EMPTY_JSON_BODY: "REQUEST-INVALID",
  FST_ERR_CTP_BODY_TOO_LARGE: "BODY-TOO-LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "MEDIA-TYPE-UNSUPPORTED",
  FST_CSRF_MISSING_SECRET: "CSRF-INVALID",
  FST_CSRF_INVALID_TOKEN: "CSRF-INVALID",
};

/** A problem document for an error id; `detail` defaults to the title. */
export function problem(id: string, detail?: string, details?: readonly string[]): Problem {
  const entry = PROBLEMS[id] ?? { status: 400, title: "请求无法处理" };
  return {
    type: `urn:gongkai:problem:${id.toLowerCase()}`,
    id,
    title: entry.title,
    status: entry.status,
    detail: detail ?? entry.title,
    ...(details?.length ? { details } : {}),
  };
}

/**
 * A schema validation failure, one Chinese line per problem naming where: the part of the request
 * (body, querystring, params) and the field's path, plus the unknown field's name or the allowed values.
 */
function validationProblem(errors: FastifySchemaValidationError[], context: string | undefined): Problem {
  const zh = errors.map((e) => ({ ...e })) as unknown as ErrorObject[];
  localizeZh(zh);
  const where = { body: "请求正文", querystring: "查询参数", params: "路径参数", headers: "请求头" };
  return problem(
    "REQUEST-INVALID",
    "请求参数不符合要求",
    zh.map((e) => {
      const part = where[context as keyof typeof where] ?? "请求";
      const path = e.instancePath ? `${part} ${e.instancePath}` : part;
      const params = e.params as { additionalProperty?: string; allowedValues?: unknown[] };
      const extra = params.additionalProperty
        ? `：${params.additionalProperty}`
        : params.allowedValues
          ? `：${params.allowedValues.join("、")}`
          : "";
      return `${path}：${e.message ?? "无效"}${extra}`;
    }),
  );
}

/** Maps any thrown value to a problem; internal failures never leak their message. */
export function toProblem(err: unknown): Problem {
  if (err instanceof GongkaiError) return problem(err.id, err.message, err.details);
  const fe = err as Partial<FastifyError>;
  const id = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (id === "REQUEST-INVALID" && fe.validation)
    return validationProblem(fe.validation, fe.validationContext);
  if (id) return problem(id);
  if (fe.statusCode === 429) return problem("RATE-LIMITED", "请求过于频繁，请稍后再试");
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return { ...problem("REQUEST-INVALID"), status: fe.statusCode };
  return problem("INTERNAL", "服务器内部错误，请稍后再试或联系管理员");
}

/** Sends a problem document. */
export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type("application/problem+json; charset=utf-8").send(p);
}

/** Fastify's error handler: one table, logged at warn (4xx) or error (5xx). */
export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const p = toProblem(err);
  if (p.status >= 500) req.log.error({ err }, "request failed");
  else req.log.info({ problem: p.id }, "request refused");
  return sendProblem(reply, p);
}

/** Fastify's not-found handler: problem+json under /api, else the portal's Chinese 404 page. */
export function notFoundHandler(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = req.url.split("?")[0] ?? "/";
  if (path === "/api" || path.startsWith("/api/")) return sendProblem(reply, problem("ROUTE-NOT-FOUND"));
  return sendPage(reply, notFoundPage(safeDecode(path)), 404);
}

const safeDecode = (path: string): string => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};
