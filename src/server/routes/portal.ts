/**
 * The public portal (server-rendered HTML, no script): the city entry, agency pages, the catalogue
 * and search, attachments, the annual-report archive; the forms (apply, track) in portal-forms.ts.
 * Errors here are HTML pages in Chinese, not problem+json.
 */
import { readFileSync } from "node:fs";
import formbody from "@fastify/formbody";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { caseClock } from "../../app/case-clock.js";
import {
  agencyPortal,
  agencyTree,
  publicAttachment,
  publicDocument,
  searchCatalogue,
} from "../../app/portal-catalogue.js";
import { listPublishedReports, loadPublishedReport } from "../../app/published-reports.js";
import { GongkaiError } from "../../domain/errors.js";
import { render } from "../../render/index.js";
import { agencyPage } from "../../web/portal/pages/agency.js";
import { cataloguePage, documentPage, type ListParams } from "../../web/portal/pages/catalogue.js";
import { errorPage } from "../../web/portal/pages/error.js";
import { homePage } from "../../web/portal/pages/home.js";
import { reportPage, reportsPage } from "../../web/portal/pages/reports.js";
import type { RouteContext } from "../app.js";
import { toProblem } from "../problems.js";
import { portalForms } from "./portal-forms.js";
import { attachmentHeader, sendPage } from "./portal-reply.js";

const CSS = readFileSync(new URL("../../../assets/portal/portal.css", import.meta.url), "utf8");

/** Errors as Chinese HTML pages: 404, 403 (an expired form), 429 (when to retry), 400, 500. */
function portalErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const p = toProblem(err);
  if (p.status >= 500) req.log.error({ err }, "portal request failed");
  const titles: Record<number, string> = { 404: "没有找到", 403: "页面已过期", 429: "请求过于频繁" };
  const detail =
    p.id === "CSRF-INVALID"
      ? "表单已过期或来源无法确认。请返回上一页，刷新后重新提交。"
      : p.status >= 500
        ? "服务器暂时无法处理您的请求，请稍后再试。"
        : p.detail;
  return sendPage(reply, errorPage(titles[p.status] ?? "请求无法处理", detail), p.status);
}

const int = (v: string | undefined, min: number, max: number): number | undefined => {
  if (v === undefined || v === "" || !/^\d{1,10}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
};

type ListQuery = Partial<Record<"q" | "agency" | "year" | "category" | "validity" | "item" | "page", string>>;

/** The portal routes (at the site root). */
export function portalRoutes(ctx: RouteContext) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(formbody, { bodyLimit: 64 * 1024 });
    app.setErrorHandler(portalErrors);
    const hide = { schema: { hide: true } };

    app.get("/assets/portal.css", hide, async (_req, reply) =>
      reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(CSS),
    );

    app.get("/", hide, async (_req, reply) => sendPage(reply, homePage(await agencyTree(ctx.db))));

    app.get<{ Params: { id: string } }>("/agencies/:id", hide, async (req, reply) => {
      const id = int(req.params.id, 1, 2147483647);
      if (id === undefined) throw new GongkaiError("NOT-FOUND", "没有找到该机关");
      return sendPage(reply, agencyPage(await agencyPortal(ctx.db, id), caseClock().today()));
    });

    const list =
      (path: "/catalogue" | "/search") =>
      async (req: FastifyRequest<{ Querystring: ListQuery }>, reply: FastifyReply) => {
        const q = req.query;
        const p: ListParams = {
          q: q.q?.slice(0, 200),
          agency: int(q.agency, 1, 2147483647),
          year: int(q.year, 1900, 2100),
          category: q.category?.slice(0, 100) || undefined,
          validity: ["valid", "expired", "repealed"].includes(q.validity ?? "") ? q.validity : undefined,
          item: int(q.item, 1, 15),
          page: int(q.page, 1, 50) ?? 1,
        };
        const agencies = await agencyTree(ctx.db);
        // The search page without a query shows only the form; the catalogue lists everything.
        if (path === "/search" && !p.q?.trim())
          return sendPage(reply, cataloguePage(path, p, agencies, undefined, undefined));
        try {
          const result = await searchCatalogue(
            ctx.db,
            p.q,
            {
              agencyId: p.agency,
              year: p.year,
              category: p.category,
              validity: p.validity,
              article20Item: p.item,
            },
            p.page,
          );
          return sendPage(reply, cataloguePage(path, p, agencies, result, undefined));
        } catch (e) {
          if (e instanceof GongkaiError && e.id.startsWith("SEARCH-"))
            return sendPage(reply, cataloguePage(path, p, agencies, undefined, e.message), 400);
          throw e;
        }
      };
    app.get<{ Querystring: ListQuery }>("/catalogue", hide, list("/catalogue"));
    app.get<{ Querystring: ListQuery }>("/search", hide, list("/search"));

    app.get<{ Params: { id: string } }>("/catalogue/attachments/:id", hide, async (req, reply) => {
      const id = int(req.params.id, 1, 2147483647);
      if (id === undefined) throw new GongkaiError("NOT-FOUND", "没有找到该附件");
      const a = await publicAttachment(ctx.db, id);
      return reply
        .type(a.media_type)
        .header("content-disposition", attachmentHeader(a.filename))
        .send(Buffer.from(a.content));
    });

    app.get<{ Params: { indexNo: string } }>("/catalogue/:indexNo", hide, async (req, reply) =>
      sendPage(reply, documentPage(await publicDocument(ctx.db, req.params.indexNo))),
    );

    app.get<{ Querystring: { agency?: string } }>("/reports", hide, async (req, reply) => {
      const agencyId = int(req.query.agency, 1, 2147483647);
      const rows = await listPublishedReports(ctx.db, agencyId ? { agencyId } : {});
      return sendPage(reply, reportsPage(rows, agencyId ? rows[0]?.agencyName : undefined));
    });

    app.get<{ Params: { agencyId: string; year: string } }>(
      "/reports/:agencyId/:year",
      hide,
      async (req, reply) => {
        const m = /^(\d{4})(?:\.(docx|pdf))?$/.exec(req.params.year);
        const agencyId = int(req.params.agencyId, 1, 2147483647);
        const found = m && agencyId ? await loadPublishedReport(ctx.db, agencyId, Number(m[1])) : undefined;
        if (!m || !found) throw new GongkaiError("NOT-FOUND", "没有找到该年度报告");
        const format = m[2];
        if (!format) return sendPage(reply, reportPage(found.agencyId, found.report));
        const bytes = await render(found.report, format);
        const type =
          format === "pdf"
            ? "application/pdf"
            : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        return reply
          .type(type)
          .header(
            "content-disposition",
            attachmentHeader(`${found.agencyName}${found.year}年政府信息公开工作年度报告.${format}`),
          )
          .send(bytes);
      },
    );

    await app.register(portalForms(ctx));
  };
}
