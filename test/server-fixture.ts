/**
 * A small agency tree with one user per role, and a logged-in client over `app.inject()`.
 * 示例省人民政府 → 示例市人民政府 → 示例市东区人民政府 → 东区教育局; and 另一市人民政府 beside it.
 */
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { createUser } from "../src/app/accounts.js";
import { ROLES, type Role } from "../src/app/policy.js";
import type { Db } from "../src/store/db.js";

export const PASSWORD = "correct horse battery";

export interface Tree {
  province: number;
  city: number;
  district: number;
  department: number;
  otherCity: number;
}

/** Inserts the tree and, at the city, one user per role (login = role name, e.g. "head"). */
export async function seedTree(db: Db): Promise<Tree> {
  const add = async (name: string, parentId: number | null, kind: string) =>
    (
      await db
        .insertInto("agency")
        .values({ name, parent_id: parentId, kind })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const province = await add("示例省人民政府", null, "province");
  const city = await add("示例市人民政府", province, "city");
  const district = await add("示例市东区人民政府", city, "district");
  const department = await add("示例市东区教育局", district, "department");
  const otherCity = await add("另一市人民政府", province, "city");
  for (const role of ROLES)
    await createUser(db, "test", {
      agencyId: city,
      login: role,
      name: `测试${role}`,
      role,
      password: PASSWORD,
    });
  return { province, city, district, department, otherCity };
}

/** Cookie header value from a response's Set-Cookie headers, merged into `jar`. */
function absorb(jar: Map<string, string>, res: LightMyRequestResponse): void {
  for (const c of res.cookies as { name: string; value: string }[]) jar.set(c.name, c.value);
}

/** A client that keeps cookies and sends the CSRF token on state-changing requests. */
export class Client {
  readonly jar = new Map<string, string>();
  csrf = "";
  constructor(readonly app: FastifyInstance) {}

  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** Fetches a CSRF token (and its secret cookie). */
  async fetchCsrf(): Promise<void> {
    const res = await this.request("GET", "/api/csrf");
    this.csrf = (res.json() as { token: string }).token;
  }

  async request(
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    payload?: object,
    opts: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== "GET" && opts.csrf !== false) headers["x-csrf-token"] = this.csrf;
    const res = await this.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    absorb(this.jar, res);
    return res;
  }

  /** Logs in as `login`; returns the response. */
  async login(login: Role | string, password = PASSWORD): Promise<LightMyRequestResponse> {
    if (!this.csrf) await this.fetchCsrf();
    return this.request("POST", "/api/session", { login, password });
  }
}

/**
 * Signed-in clients by login, each logged in once (201 expected) and reused: `as("clerk")`.
 * `as.forget(login)` drops one whose session a test ended. `app` is read when a client is first made.
 */
export function signedIn(app: () => FastifyInstance) {
  const clients = new Map<string, Client>();
  const as = async (login: string, password = PASSWORD): Promise<Client> => {
    let c = clients.get(login);
    if (!c) {
      c = new Client(app());
      expect((await c.login(login, password)).statusCode).toBe(201);
      clients.set(login, c);
    }
    return c;
  };
  return Object.assign(as, { forget: (login: string) => void clients.delete(login) });
}
