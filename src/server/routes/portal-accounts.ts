/**
 * Public applicants' accounts on the portal: GET/POST /account/register, GET/POST /account/login,
 * POST /account/logout, GET /account (我的申请), GET /account/applications/:id and its letters.
 * Forms as the other portal forms: urlencoded, CSRF token in `_csrf`, register and login rate-limited
 * per address. The session cookie is the applicant's own (APPLICANT_COOKIE), never the staff one.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  type Applicant,
  applicantForToken,
  myApplication,
  myApplications,
  myLetter,
  type RegisterErrors,
  type RegisterForm,
  registerApplicant,
  SIGN_IN_FAILED,
  signInApplicant,
  signOutApplicant,
} from "../../app/portal-accounts.js";
import { GongkaiError } from "../../domain/errors.js";
import {
  loginPage,
  myApplicationPage,
  myApplicationsPage,
  registerPage,
} from "../../web/portal/pages/account.js";
import type { RouteContext } from "../app.js";
import { attachmentHeader, sendPage } from "./portal-reply.js";

/** The applicant's session cookie (HttpOnly, SameSite=Lax, Secure behind HTTPS); staff use gongkai_session. */
export const APPLICANT_COOKIE = "gongkai_applicant";

/** Per client address: 10 registrations per 10 minutes (sign-in uses the server's login limit). */
export const ACCOUNT_LIMITS = {
  register: { max: 10, timeWindow: 10 * 60_000 },
};

const cookieOptions = (ctx: RouteContext) => ({
  path: "/",
  httpOnly: true,
  sameSite: "lax" as const,
  secure: ctx.secureCookies,
});

/** The signed-in applicant of a request, if any. */
export const currentApplicant = (ctx: RouteContext, req: FastifyRequest): Promise<Applicant | undefined> =>
  applicantForToken(ctx.db, req.cookies[APPLICANT_COOKIE]);

/** Sets the cookie of a new session; a session the request still carried is ended first. */
async function startSession(req: FastifyRequest, reply: FastifyReply, ctx: RouteContext, token: string) {
  const previous = req.cookies[APPLICANT_COOKIE];
  if (previous) await signOutApplicant(ctx.db, previous);
  setApplicantCookie(reply, ctx, token);
}

function setApplicantCookie(reply: FastifyReply, ctx: RouteContext, token: string): void {
  reply.setCookie(APPLICANT_COOKIE, token, { ...cookieOptions(ctx), maxAge: ctx.sessionHours * 3600 });
}

/** Where a sign-in may lead: only the portal's own account pages and the application form. */
const safeNext = (next: string | undefined): string | undefined =>
  next === "/apply" || next === "/account" ? next : undefined;

export function portalAccounts(ctx: RouteContext) {
  return async (app: FastifyInstance): Promise<void> => {
    const hide = { hide: true };
    const posted = (rateLimit?: { max: number; timeWindow: number }) => ({
      schema: hide,
      config: rateLimit ? { csrfInBody: true, rateLimit } : { csrfInBody: true },
      preHandler: app.csrfProtection,
    });
    const toLogin = (reply: FastifyReply, next = "/account") =>
      reply.redirect(`/account/login?next=${encodeURIComponent(next)}`, 303);

    app.get("/account/register", { schema: hide }, async (req, reply) => {
      if (await currentApplicant(ctx, req)) return reply.redirect("/account", 303);
      return sendPage(reply, registerPage(reply.generateCsrf(), {}, {}));
    });

    app.post<{ Body: RegisterForm }>(
      "/account/register",
      posted(ACCOUNT_LIMITS.register),
      async (req, reply) => {
        const b = req.body ?? {};
        const form: RegisterForm = {
          login: String(b.login ?? "").slice(0, 300),
          displayName: String(b.displayName ?? "").slice(0, 300),
          password: String(b.password ?? "").slice(0, 1024),
          password2: String(b.password2 ?? "").slice(0, 1024),
        };
        const r = await registerApplicant(ctx.db, form, ctx.sessionHours);
        if ("errors" in r)
          return sendPage(
            reply,
            registerPage(
              reply.generateCsrf(),
              { login: form.login, displayName: form.displayName },
              r.errors,
            ),
            400,
          );
        await startSession(req, reply, ctx, r.token);
        return reply.redirect("/account", 303);
      },
    );

    app.get<{ Querystring: { next?: string } }>("/account/login", { schema: hide }, async (req, reply) => {
      if (await currentApplicant(ctx, req))
        return reply.redirect(safeNext(req.query.next) ?? "/account", 303);
      return sendPage(reply, loginPage(reply.generateCsrf(), "", safeNext(req.query.next), undefined));
    });

    app.post<{ Body: { login?: string; password?: string; next?: string } }>(
      "/account/login",
      posted(ctx.loginRateLimit),
      async (req, reply) => {
        const login = String(req.body?.login ?? "")
          .trim()
          .slice(0, 300);
        const password = String(req.body?.password ?? "").slice(0, 1024);
        const next = safeNext(req.body?.next);
        const missing: RegisterErrors = {};
        if (!login) missing.login = "请填写手机号码或电子邮箱";
        if (!password) missing.password = "请输入密码";
        if (Object.keys(missing).length)
          return sendPage(reply, loginPage(reply.generateCsrf(), login, next, undefined, missing), 400);
        try {
          const { token } = await signInApplicant(ctx.db, { login, password }, ctx.sessionHours);
          await startSession(req, reply, ctx, token);
          return reply.redirect(next ?? "/account", 303);
        } catch (e) {
          if (!(e instanceof GongkaiError && e.id === "AUTH-FAILED")) throw e;
          return sendPage(reply, loginPage(reply.generateCsrf(), login, next, SIGN_IN_FAILED), 400);
        }
      },
    );

    app.post("/account/logout", posted(), async (req, reply) => {
      const token = req.cookies[APPLICANT_COOKIE];
      if (token) await signOutApplicant(ctx.db, token);
      reply.clearCookie(APPLICANT_COOKIE, cookieOptions(ctx));
      return reply.redirect("/", 303);
    });

    app.get("/account", { schema: hide }, async (req, reply) => {
      const who = await currentApplicant(ctx, req);
      if (!who) return toLogin(reply);
      return sendPage(
        reply,
        myApplicationsPage(reply.generateCsrf(), who, await myApplications(ctx.db, who.id)),
      );
    });

    app.get<{ Params: { id: string } }>("/account/applications/:id", { schema: hide }, async (req, reply) => {
      const who = await currentApplicant(ctx, req);
      if (!who) return toLogin(reply);
      return sendPage(reply, myApplicationPage(await myApplication(ctx.db, who.id, req.params.id)));
    });

    app.get<{ Params: { id: string; letter: string } }>(
      "/account/applications/:id/letters/:letter",
      { schema: hide },
      async (req, reply) => {
        const who = await currentApplicant(ctx, req);
        if (!who) return toLogin(reply);
        const letter = await myLetter(ctx.db, who.id, req.params.id, req.params.letter);
        return reply
          .type("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
          .header("content-disposition", attachmentHeader(letter.fileName))
          .header("cache-control", "no-store")
          .send(letter.docx);
      },
    );
  };
}
