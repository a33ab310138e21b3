/**
 * The staff console (src/web/console, built by Vite into dist/console) at /console/: hashed assets
 * from disk, and index.html for every other /console path (the console routes in the browser).
 * antd 6 injects <style> elements (CSS-in-JS): each page load gets a fresh nonce, placed in the HTML
 * for antd's ConfigProvider and added to this response's style-src; the rest of the site's CSP is
 * kept as helmet set it (docs/decisions/0006-console-csp.md).
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Problem } from "../problems.js";
import { sendProblem } from "../problems.js";

/** Where the built console lives: dist/console at the project root (from src/ or dist/ alike). */
export const CONSOLE_DIR = resolve(import.meta.dirname, "../../../dist/console");

const NONCE_PLACEHOLDER = "__CSP_NONCE__";

const notBuilt: Problem = {
  type: "urn:gongkai:problem:console-not-built",
  id: "CONSOLE-NOT-BUILT",
  title: "工作台尚未构建",
  status: 503,
  detail: "工作台尚未构建：请先运行 npm run build（生成 dist/console）",
};

/** The CSP of this response with the nonce added to style-src (and nothing else loosened). */
export function withStyleNonce(csp: string, nonce: string): string {
  const directives = csp.split(";").map((d) => d.trim());
  const i = directives.findIndex((d) => d.startsWith("style-src ") || d === "style-src");
  if (i >= 0) directives[i] = `${directives[i]} 'nonce-${nonce}'`;
  else directives.push(`style-src 'self' 'nonce-${nonce}'`);
  return directives.filter(Boolean).join(";");
}

/** Console routes; `dir` overrides the build directory (tests). */
export function consoleRoutes(opts: { dir?: string } = {}) {
  return async (app: FastifyInstance): Promise<void> => {
    const dir = opts.dir ?? CONSOLE_DIR;
    const indexPath = join(dir, "index.html");
    const built = existsSync(indexPath);
    // Read once: the shell is tiny and changes only with a new build (a restart).
    const template = built ? readFileSync(indexPath, "utf8") : "";
    if (built && existsSync(join(dir, "assets"))) {
      await app.register(fastifyStatic, {
        root: join(dir, "assets"),
        prefix: "/console/assets/",
        decorateReply: false,
        index: false,
        // File names carry a content hash.
        immutable: true,
        maxAge: "365d",
      });
    }
    const page = async (_req: unknown, reply: FastifyReply) => {
      if (!built) return sendProblem(reply, notBuilt);
      const nonce = randomBytes(16).toString("base64");
      const csp = String(reply.raw.getHeader("content-security-policy") ?? "default-src 'self'");
      return reply
        .header("content-security-policy", withStyleNonce(csp, nonce))
        .header("cache-control", "no-store")
        .type("text/html; charset=utf-8")
        .send(template.replaceAll(NONCE_PLACEHOLDER, nonce));
    };
    const schema = { hide: true };
    app.get("/console", { schema }, page);
    app.get("/console/", { schema }, page);
    app.get("/console/*", { schema }, page);
  };
}
