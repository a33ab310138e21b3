/**
 * Crash safety: the real CLI is killed (SIGKILL) in the middle of a large register import and in the
 * middle of report publications; the real server then starts on the same database and answers
 * /readyz. Nothing committed is lost and nothing half-written is visible: the earlier import is intact
 * row for row, the killed import left no row and no audit entry (it is one transaction), and every
 * published snapshot has its audit row and vice versa. On PostgreSQL and on a PGlite data directory.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { openDatabase } from "../src/store/db.js";
import { spawnNode, startServer } from "./crash/child.js";

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dir = mkdtempSync(join(tmpdir(), "gongkai-crash-"));
const dropped: string[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const name of dropped) await admin(`drop database if exists ${name} with (force)`);
});

async function admin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

const AGENCIES = ["崩溃测试市教育局", "崩溃测试市民政局", "崩溃测试市财政局"];
const OUTCOMES = ["予以公开", "部分公开", "本机关不掌握相关政府信息", "属于国家秘密"];

/** A register of `n` applications with refs `<prefix>0000…`, received and answered in 2025. */
function register(file: string, prefix: string, n: number): void {
  const lines = ["编号,机关,收到日期,申请方式,申请人类型,申请人,申请内容,答复日期,办理结果"];
  for (let i = 0; i < n; i++) {
    const day = 1 + (i % 250);
    const received = new Date(Date.UTC(2025, 0, day)).toISOString().slice(0, 10);
    const answered = new Date(Date.UTC(2025, 0, day + 10)).toISOString().slice(0, 10);
    lines.push(
      `${prefix}${String(i).padStart(6, "0")},${AGENCIES[i % 3]},${received},网络,自然人,申请人${i},某信息,${answered},${OUTCOMES[i % 4]}`,
    );
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
}

/** Counts and a fingerprint of every application and event row. */
async function fingerprint(env: Record<string, string | undefined>) {
  // Read only, as found: the children (dist/) migrated it; this process must not change it.
  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: env.GONGKAI_DATA, migrate: false });
  try {
    const r = await sql<{ apps: string; events: string; digest: string | null }>`
      select (select count(*) from application)::text as apps, (select count(*) from application_event)::text as events,
        md5((select string_agg(row_to_json(a)::text, ',' order by a.id) from application a)
          || (select string_agg(row_to_json(e)::text, ',' order by e.application_id, e.seq) from application_event e)) as digest`.execute(
      db,
    );
    const b = await sql<{
      n: string;
    }>`select count(*)::text as n from application where ref like 'B%'`.execute(db);
    const audits = await sql<{ n: string }>`
      select count(*)::text as n from audit where action = 'applications.import' and after->>'file' like '%b.csv'`.execute(
      db,
    );
    const snapshots = await sql<{ id: number }>`select id from report_snapshot order by id`.execute(db);
    const published = await sql<{ id: string }>`
      select entity_id as id from audit where action = 'report.publish' order by entity_id::int`.execute(db);
    return {
      apps: Number(r.rows[0]?.apps),
      events: Number(r.rows[0]?.events),
      digest: r.rows[0]?.digest,
      bRows: Number(b.rows[0]?.n),
      bAudits: Number(audits.rows[0]?.n),
      snapshots: snapshots.rows.map((s) => String(s.id)),
      publishAudits: published.rows.map((p) => p.id),
    };
  } finally {
    await db.destroy();
  }
}

const targets: [string, () => Promise<Record<string, string | undefined>>][] = [
  ["PGlite data directory", async () => ({ GONGKAI_DATA: join(dir, "pglite"), DATABASE_URL: undefined })],
  [
    "PostgreSQL",
    async () => {
      const name = `gongkai_crash_${randomBytes(5).toString("hex")}`;
      await admin(`create database ${name}`);
      dropped.push(name);
      const url = new URL(ADMIN_URL);
      url.pathname = `/${name}`;
      return { DATABASE_URL: url.toString(), GONGKAI_DATA: join(dir, "unused") };
    },
  ],
];

describe.each(targets)("SIGKILL on %s", (_name, target) => {
  it("loses nothing committed and shows nothing half-written; the server restarts ready", async () => {
    const env = await target();
    const a = join(dir, "a.csv");
    const b = join(dir, "b.csv");
    register(a, "A", 3000);
    register(b, "B", 120_000);

    const first = spawnNode(["bin/gongkai.js", "cases", "import", a], env);
    expect(await first.exited, first.lines.join("\n")).toBe(0);
    const committed = await fingerprint(env);
    expect(committed.apps).toBe(3000);

    // Killed while writing batches of the second import (one transaction, progress after each batch).
    const second = spawnNode(["bin/gongkai.js", "cases", "import", b], env);
    await second.waitFor(/写入/, 240_000);
    second.proc.kill("SIGKILL");
    expect(await second.exited).toBe("SIGKILL");

    // Killed between or inside publications (snapshot + audit row in one transaction).
    const publisher = spawnNode(["test/crash/publish-loop.mjs", "2025", ...AGENCIES], env);
    await publisher.waitFor(/published \d+/);
    await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 300)));
    publisher.proc.kill("SIGKILL");
    expect(await publisher.exited).toBe("SIGKILL");

    // The real server starts on the same database and is ready.
    const { child, url } = await startServer(env);
    onTestFinished(() => {
      if (child.proc.exitCode === null) child.proc.kill("SIGKILL");
    });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    child.proc.kill("SIGTERM");
    expect(await child.exited).toBe(0);

    const after = await fingerprint(env);
    expect(after.apps).toBe(committed.apps);
    expect(after.events).toBe(committed.events);
    expect(after.digest).toBe(committed.digest);
    expect(after.bRows).toBe(0);
    expect(after.bAudits).toBe(0);
    expect(after.snapshots.length).toBeGreaterThan(0);
    expect(after.publishAudits).toEqual(after.snapshots);
  }, 300_000);
});
