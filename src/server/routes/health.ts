/** `/healthz` (the process answers) and `/readyz` (the database answers too). */
import type { FastifyInstance } from "fastify";
import { pingDatabase } from "../../store/ping.js";
import type { RouteContext } from "../app.js";
import { problem, sendProblem } from "../problems.js";

/** Liveness and readiness probes, outside /api and without a session. */
export function healthRoutes(ctx: RouteContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get("/healthz", { schema: { tags: ["运行"], summary: "进程存活" } }, async () => ({ status: "ok" }));
    app.get("/readyz", { schema: { tags: ["运行"], summary: "数据库可用" } }, async (req, reply) => {
      try {
        await pingDatabase(ctx.db);
        return { status: "ok" };
      } catch (err) {
        req.log.warn({ err }, "database not ready");
        return sendProblem(reply, problem("DB-UNAVAILABLE"));
      }
    });
  };
}
