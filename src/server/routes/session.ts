/** POST /api/session (login), DELETE /api/session (logout), GET /api/me, GET /api/csrf. */
import type { FastifyInstance } from "fastify";
import { login, logout } from "../../app/accounts.js";
import { ROLE_NAMES } from "../../app/policy.js";
import { agenciesByIds } from "../../store/accounts.js";
import type { RouteContext } from "../app.js";
import { clearSessionCookie, requireActor, sessionToken, setSessionCookie } from "../auth.js";

const loginBody = {
  type: "object",
  required: ["login", "password"],
  additionalProperties: false,
  properties: {
    login: { type: "string", minLength: 1, maxLength: 64 },
    password: { type: "string", minLength: 1, maxLength: 1024 },
  },
} as const;

/** Session routes; login is rate-limited per client address. */
export function sessionRoutes(ctx: RouteContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      "/csrf",
      { schema: { tags: ["会话"], summary: "取得防伪令牌（CSRF）" } },
      async (_req, reply) => ({ token: reply.generateCsrf() }),
    );

    app.post<{ Body: { login: string; password: string } }>(
      "/session",
      {
        schema: { tags: ["会话"], summary: "登录", body: loginBody },
        config: { rateLimit: ctx.loginRateLimit },
      },
      async (req, reply) => {
        const { token } = await login(ctx.db, req.body, ctx.sessionHours);
        setSessionCookie(reply, ctx, token);
        return reply.code(201).send({ ok: true });
      },
    );

    app.delete("/session", { schema: { tags: ["会话"], summary: "退出登录" } }, async (req, reply) => {
      const token = sessionToken(req);
      if (token) await logout(ctx.db, token);
      clearSessionCookie(reply, ctx);
      return reply.code(204).send();
    });

    app.get("/me", { schema: { tags: ["会话"], summary: "当前用户" } }, async (req) => {
      const actor = await requireActor(req, ctx);
      const [agency] = await agenciesByIds(ctx.db, [actor.agencyId]);
      return {
        id: actor.userId,
        login: actor.login,
        name: actor.name,
        role: actor.role,
        roleName: ROLE_NAMES[actor.role],
        agency: { id: actor.agencyId, name: agency?.name ?? "" },
      };
    });
  };
}
