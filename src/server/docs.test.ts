import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../store/db.js";
import { openDatabase } from "../store/db.js";
import { buildServer } from "./app.js";
import { SWAGGER_STYLE_HASH } from "./routes/docs.js";

describe("/api/docs and the OpenAPI document", () => {
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: "memory://" });
    app = await buildServer({ db });
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  it("serves Swagger UI under the strict CSP: no inline script, one inline style allowed by hash", async () => {
    const page = await app.inject({ method: "GET", url: "/api/docs" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`style-src 'self' ${SWAGGER_STYLE_HASH}`);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    // Every script of the page is a file from our origin: nothing inline for the CSP to block.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const url = src.startsWith("/") ? src : `/api/docs/${src.replace(/^\.\//, "")}`;
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
    }
    const init = await app.inject({ method: "GET", url: "/api/docs/static/swagger-initializer.js" });
    expect(init.body).toContain("validatorUrl");
    // Elsewhere the policy is untouched.
    const other = await app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(String(other.headers["content-security-policy"])).not.toContain("sha256");
  });

  it("describes every register, report, supervision and ingest route with its schema", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
      paths: Record<
        string,
        Record<string, { summary?: string; parameters?: unknown[]; requestBody?: unknown }>
      >;
    };
    const want: [string, string][] = [
      ["/api/agencies/{id}/register-documents", "get"],
      ["/api/agencies/{id}/register-documents", "post"],
      ["/api/agencies/{id}/register-documents/{docId}", "patch"],
      ["/api/agencies/{id}/register-documents/import", "post"],
      ["/api/agencies/{id}/figures/{year}", "get"],
      ["/api/agencies/{id}/figures/{year}", "put"],
      ["/api/agencies/{id}/figures/import", "post"],
      ["/api/agencies/{id}/reports/{year}/draft", "get"],
      ["/api/agencies/{id}/reports/{year}/draft", "put"],
      ["/api/agencies/{id}/reports/{year}/transitions", "post"],
      ["/api/agencies/{id}/reports/{year}/comments", "get"],
      ["/api/agencies/{id}/reports/{year}/published", "get"],
      ["/api/agencies/{id}/reports/{year}/render", "get"],
      ["/api/agencies/{id}/reports/{year}/cells/{path}/sources", "get"],
      ["/api/supervision/{year}", "get"],
      ["/api/supervision/{year}/aggregate", "get"],
      ["/api/ingest", "post"],
    ];
    for (const [path, method] of want) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op!.summary, `${method} ${path}`).toMatch(/[\u4e00-\u9fff]/);
      if (path.includes("{")) expect(op!.parameters?.length, `${method} ${path}`).toBeGreaterThan(0);
      if (["post", "put", "patch"].includes(method) && !path.endsWith("import") && path !== "/api/ingest")
        expect(op!.requestBody, `${method} ${path}`).toBeDefined();
    }
    expect(Object.keys(doc.paths).some((p) => p.startsWith("/api/docs"))).toBe(false);
  });
});
