/** Replies of the portal: HTML pages and downloads. */
import type { FastifyReply } from "fastify";

/** Sends a portal page. */
export const sendPage = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(body);

/** Content-Disposition for a download with a Chinese file name (RFC 6266 / RFC 5987). */
export const attachmentHeader = (name: string) =>
  `attachment; filename="download${name.slice(name.lastIndexOf("."))}"; filename*=UTF-8''${encodeURIComponent(name)}`;
