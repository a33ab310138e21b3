import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../test/corpus.js";
import { ENGINES, type Engine } from "../../test/engines.js";
import type { Db } from "../store/db.js";
import { listTables, readSequences } from "../store/dump.js";
import { login } from "./accounts.js";
import { BACKUP_FORMAT, backupDatabase, restoreDatabase } from "./backup.js";
import { createDemoCity, DEMO_PASSWORD } from "./demo-city.js";
import { registerApplicant } from "./portal-accounts.js";
import { registerApplication } from "./register-application.js";

const TMP = join(ROOT, "test-output", "backup");
mkdirSync(TMP, { recursive: true });

/** Every row of every table as JSON text (UTC), sorted: equal dumps mean equal databases. */
async function everyRow(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  await db.connection().execute(async (conn) => {
    await sql`set timezone = 'UTC'`.execute(conn);
    for (const t of await listTables(conn)) {
      const r = await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.id(t.name)} t`.execute(
        conn,
      );
      out[t.name] = r.rows.map((x) => x.j).sort();
    }
  });
  return out;
}

/** The demo city, a login session and an applicant account with an application: rows in every table. */
async function fill(db: Db): Promise<void> {
  await createDemoCity(db, { today: "2026-06-30", perYear: 8 });
  await login(db, { login: "demo-clerk", password: DEMO_PASSWORD }, 8);
  const account = await registerApplicant(
    db,
    { login: "13800138000", displayName: "备份测试", password: "backup-pass", password2: "backup-pass" },
    8,
  );
  if (!("accountId" in account)) throw new Error(JSON.stringify(account.errors));
  const agency = await db.selectFrom("agency").select("id").orderBy("id").executeTakeFirstOrThrow();
  await registerApplication(
    db,
    { portal: true, applicantAccountId: account.accountId },
    {
      agencyId: agency.id,
      channel: "online",
      applicantType: 0,
      applicant: { name: "备份测试", phone: "13800138000" },
      subject: "备份往返测试的申请",
    },
  );
}

/** Tables the demo city does not fill (yet); every other table must hold rows for the round trip. */
const NOT_FILLED = new Set<string>([]);

const engine = (name: Engine["name"]) => ENGINES.find((e) => e.name === name)!;

describe.each([
  ["pglite", "pglite"],
  ["postgres", "postgres"],
  ["pglite", "postgres"],
] as const)("backup %s → restore %s", (from, to) => {
  let source: Awaited<ReturnType<Engine["open"]>>;
  let target: Awaited<ReturnType<Engine["open"]>>;
  const file = join(TMP, `${from}-${to}.gkbak`);
  beforeAll(async () => {
    source = await engine(from).open();
    target = await engine(to).open();
    await fill(source.db);
  }, 300_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it("round-trips every row of every table, sequences included", async () => {
    const header = await backupDatabase(source.db, file);
    expect(header.format).toBe(BACKUP_FORMAT);
    expect(header.migrations.length).toBeGreaterThanOrEqual(3);
    const before = await everyRow(source.db);
    const empty = Object.keys(before).filter((t) => !NOT_FILLED.has(t) && before[t]?.length === 0);
    expect(empty, "这些表没有数据").toEqual([]);
    expect(Object.fromEntries(header.tables.map((t) => [t.name, t.rows]))).toEqual(
      Object.fromEntries(Object.entries(before).map(([t, rows]) => [t, rows.length])),
    );

    const restored = await restoreDatabase(target.db, file);
    expect(restored.tables.find((t) => t.name === "application")?.rows).toBe(before.application?.length);
    const after = await everyRow(target.db);
    // The lock row belongs to the target's own migrator.
    delete before.gongkai_migration_lock;
    delete after.gongkai_migration_lock;
    expect(after).toEqual(before);
    expect(await readSequences(target.db)).toEqual(await readSequences(source.db));
    // The append-only audit trigger is still in force after a restore.
    await expect(sql`update audit set actor = 'x'`.execute(target.db)).rejects.toThrow(/append-only/);
    // New rows continue after the restored ids.
    const id = await target.db
      .insertInto("agency")
      .values({ name: "恢复后新增机关", parent_id: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(id.id).toBeGreaterThan(
      Math.max(...before.agency!.map((r) => (JSON.parse(r) as { id: number }).id)),
    );
  }, 300_000);

  it("refuses a database with data unless forced", async () => {
    await expect(restoreDatabase(target.db, file)).rejects.toMatchObject({ id: "RESTORE-NOT-EMPTY" });
    await restoreDatabase(target.db, file, { force: true });
    const after = await everyRow(target.db);
    expect(after.agency?.some((r) => r.includes("恢复后新增机关"))).toBe(false);
    expect(after.application?.length).toBeGreaterThan(0);
  }, 300_000);
});

describe("a damaged backup", () => {
  it("restores nothing when a row was changed (checksum), and names the problem", async () => {
    const source = await ENGINES[0]!.open();
    const target = await ENGINES[0]!.open();
    try {
      await createDemoCity(source.db, { today: "2026-06-30", perYear: 3 });
      const file = join(TMP, "damaged.gkbak");
      await backupDatabase(source.db, file);
      const text = gunzipSync(readFileSync(file)).toString("utf8");
      const [head, ...body] = text.split("\n");
      const tampered = body.join("\n").replace("示范市教育局", "示范市教肓局");
      writeFileSync(file, Buffer.concat([gzipSync(`${head}\n`), gzipSync(tampered)]));
      await expect(restoreDatabase(target.db, file)).rejects.toMatchObject({ id: "BACKUP-CHECKSUM" });
      expect(await target.db.selectFrom("agency").selectAll().execute()).toEqual([]);

      writeFileSync(file, gzipSync(`${head}\n${body.slice(0, 5).join("\n")}\n`));
      await expect(restoreDatabase(target.db, file)).rejects.toMatchObject({ id: "BACKUP-TRUNCATED" });
      writeFileSync(file, gzipSync("not a backup\n"));
      await expect(restoreDatabase(target.db, file)).rejects.toMatchObject({ id: "BACKUP-UNREADABLE" });
    } finally {
      await source.close();
      await target.close();
    }
  }, 300_000);
});

describe("a backup taken while the system writes (PostgreSQL)", () => {
  it("is one snapshot: rows committed during the backup are not in it, counts match the data", async () => {
    const source = await engine("postgres").open();
    const target = await engine("postgres").open();
    try {
      await createDemoCity(source.db, { today: "2026-06-30", perYear: 3 });
      const before = await everyRow(source.db);
      const file = join(TMP, "live.gkbak");
      let wrote = false;
      const header = await backupDatabase(source.db, file, {
        onProgress: async () => {
          if (wrote) return;
          wrote = true;
          // Another connection commits while the backup's transaction is open.
          await source.db
            .insertInto("agency")
            .values({ name: "备份期间新增机关", parent_id: null })
            .execute();
          await source.db
            .insertInto("audit")
            .values({ actor: "test", action: "during.backup", entity: "test" })
            .execute();
        },
      });
      expect(wrote).toBe(true);
      expect(header.tables.find((t) => t.name === "agency")?.rows).toBe(before.agency?.length);
      await restoreDatabase(target.db, file);
      const restored = await everyRow(target.db);
      delete before.gongkai_migration_lock;
      delete restored.gongkai_migration_lock;
      expect(restored).toEqual(before);
    } finally {
      await source.close();
      await target.close();
    }
  }, 300_000);
});
