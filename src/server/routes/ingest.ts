/** POST /api/ingest: bulk upload of published reports (txt, html, docx, pdf, md) → parsed reports and findings. */
import type { FastifyInstance } from "fastify";
import { authorizeIngest, ingestFiles } from "../../app/ingest-upload.js";
import { GongkaiError } from "../../domain/errors.js";
import type { RouteContext } from "../app.js";
import { requireActor } from "../auth.js";
import { readUploads, registerUploads, type UploadLimits, uploadLimits } from "../uploads.js";

/** Ingest runs per client address and minute (GONGKAI_INGEST_RATE_MAX, default 30): reading PDFs is costly. */
function ingestRateMax(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GONGKAI_INGEST_RATE_MAX;
  const n = raw ? Number(raw) : 30;
  if (!Number.isInteger(n) || n < 1 || n > 100000)
    throw new GongkaiError(
      "CONFIG-INVALID",
      `环境变量 GONGKAI_INGEST_RATE_MAX 应为 1 到 100000 之间的整数，实际为“${raw}”`,
    );
  return n;
}

/** Ingest routes; `limits` bound the uploads (GONGKAI_UPLOAD_MAX_KB / _FILES by default). */
export function ingestRoutes(
  ctx: RouteContext,
  limits: UploadLimits = uploadLimits(),
  rateMax = ingestRateMax(),
) {
  return async (app: FastifyInstance): Promise<void> => {
    await registerUploads(app);
    app.post(
      "/ingest",
      {
        config: { rateLimit: { max: rateMax, timeWindow: 60_000 } },
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
