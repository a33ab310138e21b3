/**
 * The real server's log lines (pino JSON on stdout) for requests that touch applicants carry no
 * personal data: no name, phone, ID number or address, no cookie or token, no query string.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { DEMO_PASSWORD } from "../src/app/demo-city.js";
import { spawnNode, startServer } from "./crash/child.js";

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `gongkai_logs_${randomBytes(5).toString("hex")}`;

async function admin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}
afterAll(() => admin(`drop database if exists ${name} with (force)`));

const APPLICANT = {
  name: "欧阳日志测",
  phone: "13987654321",
  idNumber: "11010119900101123X",
  address: "示范市东城区日志路88号",
};

describe("server logs", () => {
  it("name requests by method, path and status only", async () => {
    await admin(`create database ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const env = { DATABASE_URL: url.toString() };
    const seed = spawnNode(["bin/gongkai.js", "demo", "--today", "2026-03-31"], env);
    expect(await seed.exited, seed.lines.join("\n")).toBe(0);

    const { child, url: base } = await startServer(env);
    // A failing assertion must not leave the server running.
    onTestFinished(() => {
      if (child.proc.exitCode === null) child.proc.kill("SIGKILL");
    });
    const jar = new Map<string, string>();
    const call = async (method: string, path: string, body?: object, csrf?: string) => {
      const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") };
      if (body) headers["content-type"] = "application/json";
      if (csrf) headers["x-csrf-token"] = csrf;
      const res = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const [k, ...v] = (pair ?? "").split("=");
        if (k) jar.set(k, v.join("="));
      }
      return res;
    };
    const { token } = (await (await call("GET", "/api/csrf")).json()) as { token: string };
    expect(
      (await call("POST", "/api/session", { login: "demo-clerk", password: DEMO_PASSWORD }, token)).status,
    ).toBe(201);
    const created = await call(
      "POST",
      "/api/applications",
      {
        channel: "online",
        applicantType: 0,
        applicant: APPLICANT,
        subject: "日志测试信息",
        receivedOn: "2026-03-30",
      },
      token,
    );
    expect(created.status).toBe(201);
    const { id, trackingCode } = (await created.json()) as { id: string; trackingCode: string };
    expect(
      (await call("GET", `/api/applications?q=${encodeURIComponent(APPLICANT.name)}&pageSize=5`)).status,
    ).toBe(200);
    expect((await call("GET", `/api/applications/${id}`)).status).toBe(200);
    // A failing request too: its error line must not echo the input.
    await call("POST", "/api/applications", { applicant: { ...APPLICANT, phone: "x".repeat(19) } }, token);
    await call("GET", `/api/applications?phone=${APPLICANT.phone}`);
    child.proc.kill("SIGTERM");
    expect(await child.exited).toBe(0);

    const json = child.lines.filter((l) => l.startsWith("{"));
    expect(json.length).toBeGreaterThan(10);
    const parsed = json.map(
      (l) => JSON.parse(l) as { req?: { path?: string }; res?: { statusCode?: number } },
    );
    expect(parsed.some((l) => l.req?.path === "/api/applications")).toBe(true);
    expect(parsed.some((l) => l.res?.statusCode === 201)).toBe(true);
    const text = json.join("\n");
    const secrets = [
      APPLICANT.name,
      APPLICANT.phone,
      APPLICANT.idNumber,
      APPLICANT.address,
      encodeURIComponent(APPLICANT.name),
      trackingCode,
      token,
      DEMO_PASSWORD,
      ...[...jar.values()].filter((v) => v.length >= 16),
    ];
    for (const s of secrets) expect(text, `日志中出现了“${s}”`).not.toContain(s);
    expect(text).not.toMatch(/\?(q|phone|pageSize)=/);
    expect(text.toLowerCase()).not.toContain("cookie");
  }, 300_000);
});
