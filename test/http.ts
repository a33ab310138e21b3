/** HTTP test helpers beyond test/server-fixture.ts: any method with the client's cookies and CSRF token, and multipart bodies. */
import type { LightMyRequestResponse } from "fastify";
import type { Client } from "./server-fixture.js";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Sends a request as the client (cookies + CSRF token unless `csrf: false`). */
export async function send(
  c: Client,
  method: Method,
  url: string,
  payload?: object | Buffer | string,
  opts: { csrf?: boolean; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { cookie: c.cookie, ...opts.headers };
  if (method !== "GET" && opts.csrf !== false) headers["x-csrf-token"] = c.csrf;
  return c.app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
}

export interface Part {
  field?: string;
  filename: string;
  content: Buffer | string;
  type?: string;
}

/** A multipart/form-data body with files and text fields. */
export function multipart(
  files: readonly Part[],
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----gongkai${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? "file"}"; filename="${f.filename}"\r\n` +
          `Content-Type: ${f.type ?? "application/octet-stream"}\r\n\r\n`,
      ),
      Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content),
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/** Uploads files as the client. */
export function upload(
  c: Client,
  url: string,
  files: readonly Part[],
  fields: Record<string, string> = {},
  opts: { csrf?: boolean } = {},
): Promise<LightMyRequestResponse> {
  const { payload, headers } = multipart(files, fields);
  return send(c, "POST", url, payload, { ...opts, headers });
}
