/** `gongkai backup FILE` / `gongkai restore FILE`: the whole database to one file and back. */
import { backupDatabase, restoreDatabase } from "../app/backup.js";
import { describeEngine, openDatabase } from "../store/db.js";
import { type CliIo, EXIT } from "./io.js";
import { progress } from "./progress.js";

/** Writes a backup of the configured database; per-table counts go to stderr. */
export async function runBackup(file: string, io: CliIo): Promise<number> {
  const db = await openDatabase();
  try {
    io.err(`数据库：${describeEngine()}\n`);
    const bar = progress(io, "备份");
    const header = await backupDatabase(db, file, {
      onProgress: (done, total, table) => bar.update(done, total, table),
    });
    bar.end();
    for (const t of header.tables) io.err(`  ${t.name}：${t.rows} 行\n`);
    const rows = header.tables.reduce((a, t) => a + t.rows, 0);
    io.out(`已备份 ${header.tables.length} 张表、${rows} 行到 ${file}（SHA-256 ${header.sha256}）\n`);
    return EXIT.ok;
  } finally {
    await db.destroy();
  }
}

/** Restores a backup into the configured (empty) database; `force` empties it first. */
export async function runRestore(file: string, opts: { force?: boolean }, io: CliIo): Promise<number> {
  const db = await openDatabase();
  try {
    io.err(`数据库：${describeEngine()}\n`);
    const bar = progress(io, "恢复");
    const r = await restoreDatabase(db, file, {
      ...(opts.force ? { force: true } : {}),
      onProgress: (done, total, table) => bar.update(done, total, table),
    });
    bar.end();
    for (const t of r.tables) io.err(`  ${t.name}：${t.rows} 行\n`);
    const rows = r.header.tables.reduce((a, t) => a + t.rows, 0);
    io.out(
      `已从 ${file}（${r.header.createdAt} 备份）恢复 ${r.header.tables.length} 张表、${rows} 行；行数与校验值均已核对\n`,
    );
    return EXIT.ok;
  } finally {
    await db.destroy();
  }
}
