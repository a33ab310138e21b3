/**
 * The console's API client: fetch with the session cookie, the CSRF header (x-csrf-token from
 * GET /api/csrf) on state-changing requests, and problem+json errors as ApiError with the server's
 * Chinese text. A route the server does not have yet is ROUTE-NOT-FOUND → "此功能暂不可用".
 */

/** An RFC 9457 problem as the server sends it (src/server/problems.ts). */
export interface Problem {
  id: string;
  title: string;
  status: number;
  detail: string;
  details?: string[];
}

export const UNAVAILABLE = "此功能暂不可用";

/** A failed request, with the server's problem document. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
  get id(): string {
    return this.problem.id;
  }
  get status(): number {
    return this.problem.status;
  }
  /** True when the server has no such route (yet). */
  get unavailable(): boolean {
    return this.problem.id === "ROUTE-NOT-FOUND" || this.problem.status === 501;
  }
  /** The Chinese text to show: detail plus located details. */
  get text(): string {
    if (this.unavailable) return UNAVAILABLE;
    const d = this.problem.details?.length ? `（${this.problem.details.join("；")}）` : "";
    return `${this.problem.detail || this.problem.title}${d}`;
  }
}

type Listener = (err: ApiError) => void;
const listeners = new Set<Listener>();

/** Subscribes to every failed request (the shell shows them as antd messages). */
export function onApiError(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

let csrfToken: Promise<string> | null = null;

async function csrf(refresh = false): Promise<string> {
  if (!csrfToken || refresh) {
    csrfToken = fetch("/api/csrf", { credentials: "same-origin" })
      .then((r) => r.json() as Promise<{ token: string }>)
      .then((j) => j.token);
  }
  return csrfToken;
}

async function toError(res: Response): Promise<ApiError> {
  let p: Partial<Problem> = {};
  try {
    p = (await res.json()) as Partial<Problem>;
  } catch {
    // Not JSON (a proxy's page): fall through to a generic problem.
  }
  return new ApiError({
    id: p.id ?? (res.status === 404 ? "ROUTE-NOT-FOUND" : "HTTP-ERROR"),
    title: p.title ?? "请求失败",
    status: p.status ?? res.status,
    detail: p.detail ?? `请求失败（HTTP ${res.status}）`,
    ...(p.details ? { details: p.details } : {}),
  });
}

export interface RequestOptions {
  /** Do not announce the failure (the caller shows it in place). */
  quiet?: boolean;
  /** Raw body (FormData for uploads); otherwise `body` is sent as JSON. */
  form?: FormData;
}

/** Sends one request; resolves with the parsed JSON (or the Response for non-JSON bodies). */
export async function request<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
  opts: RequestOptions = {},
): Promise<T> {
  const send = async (token?: string): Promise<Response> => {
    const headers: Record<string, string> = { accept: "application/json" };
    if (token) headers["x-csrf-token"] = token;
    let payload: BodyInit | undefined;
    if (opts.form) payload = opts.form;
    else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    return fetch(path, { method, headers, credentials: "same-origin", body: payload ?? null });
  };
  let res: Response;
  try {
    res = method === "GET" ? await send() : await send(await csrf());
    // The CSRF secret cookie may have been renewed (login/logout): fetch a new token once.
    if (res.status === 403 && method !== "GET") {
      const copy = res.clone();
      const p = (await copy.json().catch(() => ({}))) as Partial<Problem>;
      if (p.id === "CSRF-INVALID") res = await send(await csrf(true));
    }
  } catch {
    const err = new ApiError({
      id: "NETWORK",
      title: "网络错误",
      status: 0,
      detail: "无法连接服务器，请检查网络",
    });
    if (!opts.quiet) for (const l of listeners) l(err);
    throw err;
  }
  if (!res.ok) {
    const err = await toError(res);
    if (!opts.quiet && !err.unavailable) for (const l of listeners) l(err);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("json")) return (await res.json()) as T;
  return res as unknown as T;
}

export const get = <T>(path: string, opts?: RequestOptions) => request<T>("GET", path, undefined, opts);
export const post = <T>(path: string, body?: unknown, opts?: RequestOptions) =>
  request<T>("POST", path, body ?? {}, opts);
export const put = <T>(path: string, body?: unknown, opts?: RequestOptions) =>
  request<T>("PUT", path, body ?? {}, opts);

/** Query string from defined, non-empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== "") u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : "";
}

/**
 * Downloads a file answer (DOCX/PDF/HTML) as the browser's download, named by the server or `name`;
 * a POST may send a JSON `body`.
 */
export async function download(
  path: string,
  name: string,
  method: "GET" | "POST" = "GET",
  body?: unknown,
): Promise<void> {
  const res = await request<Response>(method, path, body);
  const blob = await res.blob();
  const cd = res.headers.get("content-disposition") ?? "";
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = m?.[1] ? decodeURIComponent(m[1]) : name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** Forgets the CSRF token (after login/logout the secret cookie changes). */
export function resetCsrf(): void {
  csrfToken = null;
}
