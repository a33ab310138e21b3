/** POST /api/users: an administrator creates a staff user in its agency or below. */
import type { FastifyInstance } from "fastify";
import { createUserAs, type NewUser } from "../../app/accounts.js";
import { ROLES } from "../../app/policy.js";
import type { RouteContext } from "../app.js";
import { requireActor } from "../auth.js";

const newUserBody = {
  type: "object",
  required: ["agencyId", "login", "name", "role", "password"],
  additionalProperties: false,
  properties: {
    agencyId: { type: "integer", minimum: 1, maximum: 2147483647 },
    login: { type: "string", minLength: 2, maxLength: 64 },
    name: { type: "string", minLength: 1, maxLength: 100 },
    role: { type: "string", enum: ROLES },
    password: { type: "string", minLength: 1, maxLength: 1024 },
  },
} as const;

/** User routes. */
export function userRoutes(ctx: RouteContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.post<{ Body: NewUser }>(
      "/users",
      { schema: { tags: ["用户"], summary: "创建用户（系统管理员）", body: newUserBody } },
      async (req, reply) => {
        const actor = await requireActor(req, ctx);
        const id = await createUserAs(ctx.db, actor, req.body);
        return reply.code(201).send({ id });
      },
    );
  };
}
