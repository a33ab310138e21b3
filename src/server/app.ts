/**
 * The HTTP server: `buildServer({ db })` returns a Fastify app, testable in-process with
 * `app.inject()`. Thin: schemas, security plugins and the error table here; rules in src/app/.
 */
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { GongkaiError } from "../domain/errors.js";
import type { Db } from "../store/db.js";
import { errorHandler, notFoundHandler } from "./problems.js";
import { agencyRoutes } from "./routes/agencies.js";
import { applicationRoutes } from "./routes/applications.js";
import { catalogueRoutes } from "./routes/catalogue.js";
import { consoleRoutes } from "./routes/console.js";
import { docsRoutes } from "./routes/docs.js";
import { healthRoutes } from "./routes/health.js";
import { ingestRoutes } from "./routes/ingest.js";
import { letterRoutes } from "./routes/letters.js";
import { portalRoutes } from "./routes/portal.js";
import { registerRoutes } from "./routes/registers.js";
import { reportRoutes } from "./routes/reports.js";
import { reviewCaseRoutes } from "./routes/review-cases.js";
import { sessionRoutes } from "./routes/session.js";
import { supervisionRoutes } from "./routes/supervision.js";
import { userRoutes } from "./routes/users.js";

export interface ServerOptions {
  db: Db;
  /** pino logging: false (tests), or a level. */
  logLevel?: string | false;
  /** Where log lines go (default stdout); tests capture them. */
  logStream?: { write(line: string): void };
  /** Session lifetime in hours (default 8). */
  sessionHours?: number;
  /** Mark cookies `Secure` (behind HTTPS; default false so that http://127.0.0.1 works). */
  secureCookies?: boolean;
  /** Login attempts allowed per client address and time window (default 10 per minute). */
  loginRateLimit?: { max: number; timeWindowMs: number };
  /** Trust X-Forwarded-For from a proxy in front (nginx); default false. */
  trustProxy?: boolean;
  /** Close the database when the server closes (main.ts; tests close their own). */
  closeDbOnClose?: boolean;
}

/** Settings the routes read. */
export interface RouteContext {
  db: Db;
  sessionHours: number;
  secureCookies: boolean;
  loginRateLimit: { max: number; timeWindow: number };
}

/** Logger options: no cookies, no query strings, no bodies — personal data stays out of the logs. */
function loggerOptions(
  level: string | false | undefined,
  stream: ServerOptions["logStream"],
): FastifyServerOptions["logger"] {
  if (level === false || level === undefined) return false;
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split("?")[0],
      }),
    },
  };
}

/** Builds the app (plugins, error table, routes); call `listen` or `inject` on it. */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const ctx: RouteContext = {
    db: opts.db,
    sessionHours: opts.sessionHours ?? 8,
    secureCookies: opts.secureCookies ?? false,
    loginRateLimit: {
      max: opts.loginRateLimit?.max ?? 10,
      timeWindow: opts.loginRateLimit?.timeWindowMs ?? 60_000,
    },
  };
  const app = Fastify({
    logger: loggerOptions(opts.logLevel, opts.logStream),
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    // Ids for log lines only; never derived from client headers.
    genReqId: () => crypto.randomUUID(),
    // A field the schema does not know is refused by name (400), never dropped without a word.
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setErrorHandler(errorHandler);
  // Requests still being answered (counted until their response closes): on shutdown the database
  // closes only after the last one, so a shutdown under load does not fail them half-way.
  let inFlight = 0;
  app.addHook("onRequest", (_req, reply, done) => {
    inFlight++;
    reply.raw.once("close", () => {
      inFlight--;
    });
    done();
  });
  // Once shutdown begins, every response ends its connection: a keep-alive client would otherwise
  // hold the server open until its idle timeout, long after the last answer.
  let closing = false;
  app.addHook("preClose", (done) => {
    closing = true;
    done();
  });
  app.addHook("onSend", (_req, reply, payload, done) => {
    if (closing) reply.header("connection", "close");
    done(null, payload);
  });
  app.setNotFoundHandler(notFoundHandler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Behind HTTPS only: on plain http://127.0.0.1 the upgrade would break every subresource.
        upgradeInsecureRequests: ctx.secureCookies ? [] : null,
      },
    },
  });
  await app.register(cookie);
  await app.register(csrf, {
    cookieKey: "gongkai_csrf",
    cookieOpts: { path: "/", sameSite: "lax", httpOnly: true, secure: ctx.secureCookies },
  });
  // Only routes that ask for a limit (login now; public submission and tracking later) have one.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) =>
      new GongkaiError("RATE-LIMITED", `请求过于频繁，请在 ${Math.ceil(context.ttl / 1000)} 秒后再试`),
  });

  // CSRF protection on every state-changing request (the token comes from GET /api/csrf).
  app.addHook("onRequest", (req, reply, done) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return done();
    // No-JS forms (the portal) carry the token in the body field `_csrf`: their routes check it after parsing.
    if ((req.routeOptions.config as { csrfInBody?: boolean }).csrfInBody) return done();
    app.csrfProtection(req, reply, done);
  });
  if (opts.closeDbOnClose)
    app.addHook("onClose", async () => {
      while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
      await opts.db.destroy();
    });

  // OpenAPI 3 from the routes' own JSON schemas (registered before the routes it describes).
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Gongkai（公开）API",
        version: "0.1.0",
        description: "政府信息公开工作：机关、账户、年度报告",
      },
    },
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes(ctx));
  await app.register(sessionRoutes(ctx), { prefix: "/api" });
  await app.register(agencyRoutes(ctx), { prefix: "/api" });
  await app.register(userRoutes(ctx), { prefix: "/api" });
  await app.register(catalogueRoutes(ctx), { prefix: "/api" });
  await app.register(portalRoutes(ctx));
  await app.register(registerRoutes(ctx), { prefix: "/api" });
  await app.register(reportRoutes(ctx), { prefix: "/api" });
  await app.register(supervisionRoutes(ctx), { prefix: "/api" });
  await app.register(ingestRoutes(ctx), { prefix: "/api" });
  await app.register(docsRoutes());
  await app.register(applicationRoutes(ctx), { prefix: "/api" });
  await app.register(letterRoutes(ctx), { prefix: "/api" });
  await app.register(reviewCaseRoutes(ctx), { prefix: "/api" });
  await app.register(consoleRoutes());
  return app;
}
