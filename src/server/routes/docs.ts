/**
 * /api/docs: Swagger UI over the OpenAPI document built from every route's JSON schema.
 * CSP: the UI (swagger-ui 5 via @fastify/swagger-ui) loads its scripts and styles as files from
 * /api/docs/static and needs no inline script or style hash (its static/csp.json lists none), so
 * the server's strict policy (script-src 'self'; style-src 'self') holds here unchanged. The
 * online validator badge is turned off, so no image comes from validator.swagger.io.
 */
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";

/** Swagger UI at /api/docs (registered without a prefix). */
export function docsRoutes() {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(swaggerUi, {
      routePrefix: "/api/docs",
      uiConfig: { validatorUrl: null, docExpansion: "list", deepLinking: false },
    });
  };
}
