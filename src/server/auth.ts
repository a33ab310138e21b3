/** The session cookie and the acting user of a request. */
import type { FastifyReply, FastifyRequest } from "fastify";
import { actorForToken } from "../app/accounts.js";
import type { Actor } from "../app/policy.js";
import { GongkaiError } from "../domain/errors.js";
import type { RouteContext } from "./app.js";

/** Name of the session cookie (HttpOnly, SameSite=Lax). */
export const SESSION_COOKIE = "gongkai_session";

/** The session token the request carries, if any. */
export const sessionToken = (req: FastifyRequest): string | undefined => req.cookies[SESSION_COOKIE];

/** Sets the session cookie for `hours`. */
export function setSessionCookie(reply: FastifyReply, ctx: RouteContext, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.secureCookies,
    maxAge: ctx.sessionHours * 3600,
  });
}

/** Removes the session cookie. */
export function clearSessionCookie(reply: FastifyReply, ctx: RouteContext): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.secureCookies,
  });
}

/** The acting user; throws AUTH-REQUIRED without a valid session. */
export async function requireActor(req: FastifyRequest, ctx: RouteContext): Promise<Actor> {
  const actor = await actorForToken(ctx.db, sessionToken(req));
  if (!actor) throw new GongkaiError("AUTH-REQUIRED", "请先登录（会话不存在或已过期）");
  return actor;
}
