/**
 * Use case: back up every table into one file and restore it into an empty database.
 *
 * File (gongkai.backup/1): two concatenated gzip members (one gzip stream to any reader).
 *   1. the header, one JSON line: format, creation time, migrations, tables (columns, row counts),
 *      sequences, and the SHA-256 of the uncompressed body;
 *   2. the body: per table, a line {"table": name, "rows": n} followed by n lines of row JSON.
 * The snapshot is consistent (one REPEATABLE READ transaction); a restore is one transaction that
 * only inserts (append-only audit and frozen snapshots stay untouched) and checks the counts and the
 * checksum before it commits.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { access, rename, rm } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip, gzipSync } from "node:zlib";
import { sql } from "kysely";
import { GongkaiError } from "../domain/errors.js";
import type { Db } from "../store/db.js";
import {
  appliedMigrations,
  countRows,
  inSnapshot,
  insertRows,
  inWriteTransaction,
  listTables,
  MIGRATION_TABLES,
  readRows,
  readSequences,
  replaceMigrationRows,
  type SequenceValue,
  setSequence,
  truncateAll,
} from "../store/dump.js";
import { MIGRATIONS } from "../store/migrate.js";

export const BACKUP_FORMAT = "gongkai.backup/1";

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  migrations: string[];
  tables: { name: string; columns: string[]; rows: number }[];
  sequences: SequenceValue[];
  sha256: string;
}

export interface BackupProgress {
  /** Called (and awaited) per written/read page: rows done so far, total rows, current table. */
  onProgress?: (done: number, total: number, table: string) => void | Promise<void>;
}

/** Rows per INSERT on restore. */
const BATCH = 2000;

/** A row's JSON on one line: raw line breaks can only be whitespace between JSON tokens. */
const oneLine = (json: string) => (/[\r\n]/.test(json) ? json.replace(/[\r\n]/g, " ") : json);

async function write(stream: Writable, text: string | Uint8Array): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((resolve) => stream.once("drain", resolve));
}

/** Writes a backup of the whole database to `file`; returns its header. */
export async function backupDatabase(db: Db, file: string, opts: BackupProgress = {}): Promise<BackupHeader> {
  const bodyFile = `${file}.part-body`;
  const gzip = createGzip();
  const out = createWriteStream(bodyFile);
  const done = pipeline(gzip, out);
  const hash = createHash("sha256");
  const emit = async (line: string) => {
    hash.update(line);
    await write(gzip, line);
  };
  try {
    const header = await inSnapshot(db, async (conn) => {
      const tables = await listTables(conn);
      const counts = new Map<string, number>();
      for (const t of tables) counts.set(t.name, await countRows(conn, t.name));
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const sequences = await readSequences(conn);
      let written = 0;
      for (const t of tables) {
        await emit(`${JSON.stringify({ table: t.name, rows: counts.get(t.name) })}\n`);
        let n = 0;
        for await (const rows of readRows(conn, t)) {
          await emit(`${rows.map(oneLine).join("\n")}\n`);
          n += rows.length;
          written += rows.length;
          await opts.onProgress?.(written, total, t.name);
        }
        if (n !== counts.get(t.name))
          throw new GongkaiError(
            "BACKUP-INCONSISTENT",
            `备份表 ${t.name} 时读到 ${n} 行，快照计数为 ${counts.get(t.name)} 行`,
          );
      }
      const migrations = await appliedMigrations(conn);
      return {
        format: BACKUP_FORMAT,
        createdAt: new Date().toISOString(),
        migrations,
        tables: tables.map((t) => ({ name: t.name, columns: t.columns, rows: counts.get(t.name) ?? 0 })),
        sequences,
        sha256: "",
      } satisfies BackupHeader;
    });
    gzip.end();
    await done;
    header.sha256 = hash.digest("hex");
    // Header member first, then the body member copied byte for byte.
    const partFile = `${file}.part`;
    const final = createWriteStream(partFile);
    await write(final, gzipSync(`${JSON.stringify(header)}\n`));
    await pipeline(createReadStream(bodyFile), final);
    await rename(partFile, file);
    return header;
  } finally {
    gzip.destroy();
    await done.catch(() => {}); // a failed backup: the half-written body is removed below
    await rm(bodyFile, { force: true });
  }
}

/** Lines of a backup file: the header, then an iterator over the body lines. */
async function openBackup(file: string) {
  try {
    await access(file);
  } catch (e) {
    throw new GongkaiError(
      "BACKUP-UNREADABLE",
      `无法读取备份文件 ${file}：${(e as { code?: string }).code === "ENOENT" ? "文件不存在" : String(e)}`,
    );
  }
  const raw = createReadStream(file);
  const input = raw.pipe(createGunzip());
  // A read error ends the gunzip stream too, so the line iterator rejects instead of waiting.
  raw.on("error", (e) => input.destroy(e));
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })[Symbol.asyncIterator]();
  const first = await lines.next().catch((e: unknown) => {
    throw new GongkaiError(
      "BACKUP-UNREADABLE",
      `无法读取备份文件 ${file}：${e instanceof Error ? e.message : e}`,
    );
  });
  let header: BackupHeader;
  try {
    header = JSON.parse(String(first.value)) as BackupHeader;
  } catch {
    throw new GongkaiError("BACKUP-UNREADABLE", `${file} 的第 1 行不是备份文件头（不是 gongkai 备份文件？）`);
  }
  if (header.format !== BACKUP_FORMAT)
    throw new GongkaiError(
      "BACKUP-FORMAT",
      `${file} 的格式是“${header.format}”，本程序读取 ${BACKUP_FORMAT}`,
    );
  return { header, lines, close: () => input.destroy() };
}

/** The backup's migrations must be the first migrations this program knows (an older or equal schema). */
function checkMigrations(file: string, header: BackupHeader): void {
  const known = Object.keys(MIGRATIONS).sort();
  const unknown = header.migrations.filter((m) => !known.includes(m));
  if (unknown.length)
    throw new GongkaiError(
      "BACKUP-NEWER",
      `${file} 来自更新版本的 Gongkai（含本程序不认识的数据库结构版本：${unknown.join("、")}），请用相同或更新的版本恢复`,
    );
  if (header.migrations.some((m, i) => known[i] !== m))
    throw new GongkaiError(
      "BACKUP-MIGRATIONS",
      `${file} 的数据库结构版本序列与本程序不一致：${header.migrations.join("、")}`,
    );
}

export interface RestoreSummary {
  header: BackupHeader;
  tables: { name: string; rows: number }[];
}

/**
 * Restores a backup into the (migrated) database in one transaction. Refuses a database that holds
 * data (RESTORE-NOT-EMPTY) unless `force`, which empties every table first.
 */
export async function restoreDatabase(
  db: Db,
  file: string,
  opts: BackupProgress & { force?: boolean } = {},
): Promise<RestoreSummary> {
  const { header, lines, close } = await openBackup(file);
  try {
    checkMigrations(file, header);
    const total = header.tables.reduce((a, t) => a + t.rows, 0);
    return await inWriteTransaction(db, async (conn) => {
      // The saved worklist counters are restored as they were: the triggers that bump them stand aside.
      await sql`select set_config('gongkai.restoring', 'on', true)`.execute(conn);
      const target = new Map((await listTables(conn)).map((t) => [t.name, t]));
      const filled: string[] = [];
      for (const name of target.keys()) {
        if (MIGRATION_TABLES.includes(name)) continue;
        const n = await countRows(conn, name);
        if (n > 0) filled.push(`${name}（${n} 行）`);
      }
      if (filled.length && !opts.force)
        throw new GongkaiError(
          "RESTORE-NOT-EMPTY",
          "目标数据库中已有数据，只能恢复到空数据库（确需清空后恢复，请加 --force）",
          filled,
        );
      if (filled.length) await truncateAll(conn, [...target.keys()]);

      const hash = createHash("sha256");
      const next = async (): Promise<string> => {
        const r = await lines.next();
        if (r.done) throw new GongkaiError("BACKUP-TRUNCATED", `${file} 不完整：数据在中途结束`);
        hash.update(`${r.value}\n`);
        return r.value;
      };
      let restored = 0;
      for (const expected of header.tables) {
        const marker = JSON.parse(await next()) as { table: string; rows: number };
        if (marker.table !== expected.name || marker.rows !== expected.rows)
          throw new GongkaiError(
            "BACKUP-CORRUPT",
            `${file} 损坏：应为表 ${expected.name} 的数据，读到 ${marker.table}`,
          );
        const info = target.get(expected.name);
        if (!info)
          throw new GongkaiError("RESTORE-SCHEMA", `目标数据库没有表 ${expected.name}（结构版本不一致？）`);
        const missing = expected.columns.filter((c) => !info.columns.includes(c));
        if (missing.length)
          throw new GongkaiError(
            "RESTORE-SCHEMA",
            `目标数据库的表 ${expected.name} 缺少列：${missing.join("、")}`,
          );
        // A table whose rows point at each other goes in one statement: the foreign key is checked at its end.
        const size = info.selfReferencing ? Number.POSITIVE_INFINITY : BATCH;
        let batch: string[] = [];
        const flush = async () => {
          if (expected.name === MIGRATION_TABLES[1]) batch = []; // the target keeps its own lock row
          if (expected.name === MIGRATION_TABLES[0])
            await replaceMigrationRows(conn, expected.name, "name", batch);
          await insertRows(conn, expected.name, expected.columns, batch);
          restored += batch.length;
          await opts.onProgress?.(restored, total, expected.name);
          batch = [];
        };
        for (let i = 0; i < expected.rows; i++) {
          batch.push(await next());
          if (batch.length >= size) await flush();
        }
        await flush();
      }
      const rest = await lines.next();
      if (!rest.done && rest.value !== "")
        throw new GongkaiError("BACKUP-CORRUPT", `${file} 损坏：表数据之后还有多余内容`);
      const digest = hash.digest("hex");
      if (digest !== header.sha256)
        throw new GongkaiError(
          "BACKUP-CHECKSUM",
          `${file} 的校验值不符（文件已损坏或被改动），未恢复任何数据`,
          [`文件头：${header.sha256}`, `实际：${digest}`],
        );
      const counted: { name: string; rows: number }[] = [];
      for (const t of header.tables) {
        const n = await countRows(conn, t.name);
        const ok =
          t.name === MIGRATION_TABLES[1] || (t.name === MIGRATION_TABLES[0] ? n >= t.rows : n === t.rows);
        if (!ok)
          throw new GongkaiError(
            "RESTORE-COUNT",
            `恢复后表 ${t.name} 有 ${n} 行，备份中为 ${t.rows} 行，未恢复任何数据`,
          );
        counted.push({ name: t.name, rows: n });
      }
      for (const s of header.sequences) await setSequence(conn, s);
      return { header, tables: counted };
    });
  } finally {
    close();
  }
}
