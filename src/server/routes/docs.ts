/**
 * /api/docs: Swagger UI over the OpenAPI document built from every route's JSON schema.
 * CSP: the UI (swagger-ui 5 via @fastify/swagger-ui) loads its scripts and styles as files from
 * /api/docs/static and runs no inline script, so script-src 'self' holds unchanged. It does insert
 * one fixed inline <style> element at start (seen in Chromium: a CSP violation, docs.browser.test.ts);
 * on the /api/docs routes only, style-src allows exactly that element by its SHA-256 hash — never
 * 'unsafe-inline', and every other page keeps style-src 'self'. The online validator badge is off,
 * so no image comes from validator.swagger.io.
 */
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";

/** SHA-256 of the inline <style> swagger-ui inserts (@fastify/swagger-ui 6.1.3); re-check on upgrade. */
export const SWAGGER_STYLE_HASH = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

/** Swagger UI at /api/docs (registered without a prefix). */
export function docsRoutes() {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(swaggerUi, {
      routePrefix: "/api/docs",
      uiConfig: { validatorUrl: null, docExpansion: "list", deepLinking: false },
      transformStaticCSP: (header) =>
        header.replace("style-src 'self'", `style-src 'self' ${SWAGGER_STYLE_HASH}`),
    });
  };
}
