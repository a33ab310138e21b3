/**
 * The portal's forms, without JavaScript: POST bodies are form-urlencoded with the CSRF token in the
 * hidden field `_csrf` (checked after parsing: `config.csrfInBody`), each POST rate-limited per address.
 */
import type { FastifyInstance } from "fastify";
import { type ApplyForm, checkApplyForm, isRobot, submitApplication } from "../../app/portal-apply.js";
import { type AgencyNode, agencyTree } from "../../app/portal-catalogue.js";
import { newChallenge } from "../../app/portal-challenge.js";
import { normalizeCode, receiptOf, trackApplication, trackedLetter } from "../../app/portal-track.js";
import { GongkaiError } from "../../domain/errors.js";
import { htmlToPdf } from "../../render/pdf.js";
import { applyPage, receiptPage } from "../../web/portal/pages/apply.js";
import { errorPage } from "../../web/portal/pages/error.js";
import { trackPage } from "../../web/portal/pages/track.js";
import { receiptDocx, receiptHtml } from "../../web/portal/receipt.js";
import type { RouteContext } from "../app.js";
import { currentApplicant, portalAccounts } from "./portal-accounts.js";
import { attachmentHeader, sendPage } from "./portal-reply.js";

/** Per client address: 20 application posts and 30 tracking posts per 10 minutes (a person correcting a form many times still gets through). */
export const PORTAL_LIMITS = {
  apply: { max: 20, timeWindow: 10 * 60_000 },
  track: { max: 30, timeWindow: 10 * 60_000 },
};

const flat = (nodes: readonly AgencyNode[]): { id: number; name: string }[] =>
  nodes.flatMap((n) => [{ id: n.id, name: n.name }, ...flat(n.children)]);

/** GET/POST /apply, the receipt, GET/POST /track, POST /track/letter, and the applicant accounts (/account…). */
export function portalForms(ctx: RouteContext) {
  return async (app: FastifyInstance): Promise<void> => {
    const hide = { hide: true };
    const posted = (limit: { max: number; timeWindow: number }) => ({
      schema: hide,
      config: { csrfInBody: true, rateLimit: limit },
      preHandler: app.csrfProtection,
    });

    app.get<{ Querystring: { agency?: string } }>("/apply", { schema: hide }, async (req, reply) => {
      const agencies = flat(await agencyTree(ctx.db));
      const who = await currentApplicant(ctx, req);
      // Signed in: name and phone (or e-mail) prefilled from the account; the applicant may change them.
      const form: ApplyForm = {
        agencyId: req.query.agency ?? "",
        ...(who
          ? {
              name: who.displayName,
              ...(who.phone ? { phone: who.phone } : { email: who.login }),
            }
          : {}),
      };
      return sendPage(reply, applyPage(agencies, form, {}, newChallenge(), reply.generateCsrf(), who));
    });

    app.post<{ Body: ApplyForm }>("/apply", posted(PORTAL_LIMITS.apply), async (req, reply) => {
      const form = (req.body ?? {}) as ApplyForm;
      if (isRobot(form))
        return sendPage(reply, errorPage("提交未成功", "申请未能提交，请返回重新填写。"), 400);
      const agencies = flat(await agencyTree(ctx.db));
      const who = await currentApplicant(ctx, req);
      const errors = checkApplyForm(form, new Set(agencies.map((a) => a.id)));
      if (Object.keys(errors).length)
        return sendPage(
          reply,
          applyPage(agencies, { ...form, answer: "" }, errors, newChallenge(), reply.generateCsrf(), who),
          400,
        );
      // The one intake path; a signed-in applicant's application is filed under the account.
      const { trackingCode } = await submitApplication(ctx.db, form, who?.id);
      return reply.redirect(`/apply/receipt/${trackingCode}`, 303);
    });

    app.get<{ Params: { file: string } }>("/apply/receipt/:file", { schema: hide }, async (req, reply) => {
      const m = /^([0-9A-Za-z]{6,20})(?:\.(docx|pdf))?$/.exec(req.params.file);
      if (!m) throw new GongkaiError("NOT-FOUND", "没有找到该查询码对应的申请");
      const r = await receiptOf(ctx.db, m[1]!);
      if (!m[2]) return sendPage(reply, receiptPage(r));
      const name = `收件回执-${r.code}.${m[2]}`;
      const bytes = m[2] === "pdf" ? await htmlToPdf(receiptHtml(r)) : await receiptDocx(r);
      const type =
        m[2] === "pdf"
          ? "application/pdf"
          : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
      return reply.type(type).header("content-disposition", attachmentHeader(name)).send(bytes);
    });

    app.get("/track", { schema: hide }, async (_req, reply) =>
      sendPage(reply, trackPage(reply.generateCsrf(), {}, undefined, undefined)),
    );

    app.post<{ Body: { code?: string; check?: string } }>(
      "/track",
      posted(PORTAL_LIMITS.track),
      async (req, reply) => {
        const code = normalizeCode(String(req.body?.code ?? "")).slice(0, 20);
        const check = String(req.body?.check ?? "")
          .trim()
          .slice(0, 8);
        const found = code && check ? await trackApplication(ctx.db, code, check) : undefined;
        const message = found
          ? undefined
          : !code || !check
            ? "请输入查询码和联系电话后四位。"
            : "查询码或联系电话后四位不正确，请核对后重新输入。";
        return sendPage(
          reply,
          trackPage(reply.generateCsrf(), { code, check }, found, message),
          found ? 200 : 400,
        );
      },
    );

    app.post<{ Body: { code?: string; check?: string; letter?: string } }>(
      "/track/letter",
      posted(PORTAL_LIMITS.track),
      async (req, reply) => {
        const b = req.body ?? {};
        const letter = await trackedLetter(
          ctx.db,
          String(b.code ?? ""),
          String(b.check ?? ""),
          String(b.letter ?? ""),
        );
        return reply
          .type("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
          .header("content-disposition", attachmentHeader(letter.fileName))
          .send(letter.docx);
      },
    );

    await app.register(portalAccounts(ctx));
  };
}
