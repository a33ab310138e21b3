/**
 * Staff users: GET /api/users (the list the actor may see), POST /api/users (create), PATCH
 * /api/users/:id (name, role, active, password reset). Authorization in src/app/policy.ts
 * (user.read, user.manage, user.manage.admin).
 */
import type { FastifyInstance } from "fastify";
import {
  createUserAs,
  listUsersAs,
  MAX_USERS_PAGE,
  type NewUser,
  type UserChange,
  type UserQuery,
  updateUserAs,
} from "../../app/accounts.js";
import { ROLES } from "../../app/policy.js";
import type { RouteContext } from "../app.js";
import { requireActor } from "../auth.js";

const tags = ["用户"];
const int = { type: "integer", minimum: 1, maximum: 2147483647 } as const;

const newUserBody = {
  type: "object",
  required: ["agencyId", "login", "name", "role", "password"],
  additionalProperties: false,
  properties: {
    agencyId: int,
    login: { type: "string", minLength: 2, maxLength: 64 },
    name: { type: "string", minLength: 1, maxLength: 100 },
    role: { type: "string", enum: ROLES },
    password: { type: "string", minLength: 1, maxLength: 1024 },
  },
} as const;

const listQuery = {
  type: "object",
  additionalProperties: false,
  properties: {
    agencyId: { ...int, description: "只列出该机关的用户（须在可见范围内，否则 404）" },
    role: { type: "string", enum: ROLES },
    q: { type: "string", maxLength: 100, description: "登录名或姓名中的文字" },
    page: { type: "integer", minimum: 1, maximum: 1000000 },
    pageSize: { type: "integer", minimum: 1, maximum: MAX_USERS_PAGE },
  },
} as const;

const userItem = {
  type: "object",
  required: ["id", "login", "name", "role", "agencyId", "agencyName", "active"],
  properties: {
    id: { type: "integer" },
    login: { type: "string" },
    name: { type: "string" },
    role: { type: "string", enum: ROLES },
    agencyId: { type: "integer" },
    agencyName: { type: "string" },
    active: { type: "boolean" },
  },
} as const;

const changeBody = {
  type: "object",
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: { type: "string", minLength: 1, maxLength: 100 },
    role: { type: "string", enum: ROLES },
    active: { type: "boolean", description: "false 停用（其登录会话随即结束），true 重新启用" },
    password: { type: "string", minLength: 1, maxLength: 1024, description: "重置密码（至少 12 个字符）" },
  },
} as const;

/** User routes. */
export function userRoutes(ctx: RouteContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Querystring: UserQuery }>(
      "/users",
      {
        schema: {
          tags,
          summary: "用户列表（本机关；系统管理员、公开办管理员含下级机关）",
          querystring: listQuery,
          response: {
            200: {
              type: "object",
              required: ["items", "total", "page", "pageSize"],
              properties: {
                items: { type: "array", items: userItem },
                total: { type: "integer" },
                page: { type: "integer" },
                pageSize: { type: "integer" },
              },
            },
          },
        },
      },
      async (req) => listUsersAs(ctx.db, await requireActor(req, ctx), req.query),
    );

    app.post<{ Body: NewUser }>(
      "/users",
      { schema: { tags, summary: "创建用户（系统管理员、公开办管理员）", body: newUserBody } },
      async (req, reply) => {
        const actor = await requireActor(req, ctx);
        const id = await createUserAs(ctx.db, actor, req.body);
        return reply.code(201).send({ id });
      },
    );

    app.patch<{ Params: { id: number }; Body: UserChange }>(
      "/users/:id",
      {
        schema: {
          tags,
          summary: "修改用户：姓名、角色、停用/启用、重置密码",
          params: { type: "object", required: ["id"], additionalProperties: false, properties: { id: int } },
          body: changeBody,
          response: {
            200: {
              type: "object",
              required: ["user", "sessionsEnded"],
              properties: { user: userItem, sessionsEnded: { type: "integer" } },
            },
          },
        },
      },
      async (req) => updateUserAs(ctx.db, await requireActor(req, ctx), req.params.id, req.body),
    );
  };
}
