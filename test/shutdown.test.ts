/**
 * Graceful shutdown under load: the real server (dist/server/main.js) on PostgreSQL answers a burst of
 * portal requests and gets SIGTERM while most of them are still being answered. Every request it had
 * accepted is answered in full (200) — none fails half-way because the database closed under it — a
 * request that arrives after the shutdown began is refused cleanly (503) or finds the port closed, and
 * the process exits 0 at once: the client keeps its connections alive, and without `Connection: close`
 * on the answers given after SIGTERM the server waited for them until its shutdown timeout (exit 1).
 */

import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, startServer } from "./crash/child.js";

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `gongkai_shutdown_${randomBytes(4).toString("hex")}`;

async function admin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  await admin(`drop database if exists ${name} with (force)`);
});

describe("graceful shutdown (postgres)", () => {
  it("answers every accepted request in full after SIGTERM, then exits 0", async () => {
    await admin(`create database ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const env = { DATABASE_URL: url.toString(), GONGKAI_DATA: undefined };
    execFileSync(process.execPath, ["bin/gongkai.js", "demo", "--today", "2026-11-20"], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: "pipe",
    });
    const { child, url: base } = await startServer(env);
    try {
      // Pages that each read the database several times: the portal's report archive and search.
      const paths = ["/", "/reports", "/search?q=%E6%95%99%E8%82%B2", "/catalogue"];
      const statuses: (number | string)[] = [];
      const burst = Array.from({ length: 120 }, (_, i) =>
        fetch(`${base}${paths[i % paths.length]}`).then(
          async (r) => {
            await r.arrayBuffer();
            statuses.push(r.status);
          },
          (e: Error) => {
            statuses.push(`refused: ${(e.cause as { code?: string } | undefined)?.code ?? e.message}`);
          },
        ),
      );
      // SIGTERM as soon as the first answers arrive: most of the burst is still being answered.
      while (statuses.length < 5) await new Promise((r) => setTimeout(r, 2));
      child.proc.kill("SIGTERM");
      await Promise.all(burst);
      const code = await child.exited;

      const failed = statuses.filter((s) => typeof s === "number" && s !== 200 && s !== 503);
      expect(failed, `失败的响应；服务器输出：\n${child.lines.slice(-15).join("\n")}`).toEqual([]);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5);
      expect(child.lines.join("\n")).not.toMatch(/already been destroyed|driver has already/);
      expect(code).toBe(0);
    } finally {
      if (child.proc.exitCode === null) child.proc.kill("SIGKILL");
    }
  });
});
