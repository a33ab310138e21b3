/** POST /api/ingest: bulk upload of published reports (txt, html, docx, pdf, md) → parsed reports and findings. */
import type { FastifyInstance } from "fastify";
import { authorizeIngest, ingestFiles } from "../../app/ingest-upload.js";
import { GongkaiError } from "../../domain/errors.js";
import type { RouteContext } from "../app.js";
import { requireActor } from "../auth.js";
import { readUploads, registerUploads, type UploadLimits, uploadLimits } from "../uploads.js";

/** Ingest routes; `limits` bound the uploads (GONGKAI_UPLOAD_MAX_KB / _FILES by default). */
export function ingestRoutes(ctx: RouteContext, limits: UploadLimits = uploadLimits()) {
  return async (app: FastifyInstance): Promise<void> => {
    await registerUploads(app);
    app.post(
      "/ingest",
      {
        schema: {
          tags: ["导入"],
          summary: "批量读取已发布的年度报告（字段 store=true 时存为导入的报告）",
          description:
            "multipart/form-data：一个或多个文件（txt、html、docx、pdf、md，按内容判断类型），可选字段 store=true。",
          consumes: ["multipart/form-data"],
        },
      },
      async (req) => {
        const actor = await requireActor(req, ctx);
        authorizeIngest(actor);
        const { files, fields } = await readUploads(
          req,
          ["pdf", "docx", "html", "markdown", "text", "csv"],
          limits,
        );
        const store = fields.store ?? "false";
        if (!["true", "false"].includes(store))
          throw new GongkaiError("REQUEST-INVALID", `字段 store 应为 true 或 false，实际为“${store}”`);
        const items = await ingestFiles(ctx.db, actor, files, { store: store === "true" });
        return { items, ok: items.filter((i) => i.ok).length, failed: items.filter((i) => !i.ok).length };
      },
    );
  };
}
