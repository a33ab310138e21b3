/**
 * Use case: import an agency register of applications (CSV/XLSX, shared/spec/applications-csv.md).
 * Validates every row first; a bad file imports nothing unless `skipInvalid`. Re-importing the same
 * ids updates, never duplicates. One transaction, with audit rows.
 */
import { GongkaiError } from "../domain/errors.js";
import { type ApplicationRecord, mapHeader, readApplicationRow } from "../domain/register/application-row.js";
import { ensureAgencies, upsertApplications } from "../store/applications.js";
import type { Db } from "../store/db.js";
import { inTransaction } from "../store/transaction.js";
import { openTableFile } from "./read-table.js";

export interface ImportOptions {
  actor: string;
  skipInvalid?: boolean;
  /** Called as rows are validated and written: (done, total, phase). */
  onProgress?: (done: number, total: number, phase: "检查" | "写入") => void;
}

export interface ImportSummary {
  file: string;
  rows: number;
  inserted: number;
  updated: number;
  skipped: number;
  agenciesCreated: string[];
  errors: string[];
  warnings: string[];
}

/** Rows per statement: large enough to amortise round trips, small enough to keep memory flat. */
const BATCH = 5000;

/** Imports a register file; throws GongkaiError IMPORT-INVALID (nothing written) when rows are bad. */
export async function importApplications(db: Db, file: string, opts: ImportOptions): Promise<ImportSummary> {
  const { header, rows } = await openTableFile(file);
  if (!header) throw new GongkaiError("IMPORT-EMPTY", `${file} 是空文件，没有表头`);
  const { columns, unknown, missing } = mapHeader(header);
  if (missing.length) throw new GongkaiError("IMPORT-HEADER", `${file} 缺少必需的列：${missing.join("、")}`);
  const warnings = unknown.length ? [`未知的列已作为附加数据保存：${unknown.join("、")}`] : [];

  // Pass 1 validates every row and keeps only what it must (flags, agency names, duplicates):
  // a register of a million rows is validated whole before anything is written.
  const valid: number[] = []; // row indexes (0-based, after the header) of the valid rows
  const agencies = new Set<string>();
  const errors: string[] = [];
  const seen = new Map<string, number>();
  let total = 0;
  for (const cells of rows()) {
    const i = total++;
    const line = i + 2;
    const { record, errors: rowErrors } = readApplicationRow(columns, cells, line);
    if (record) {
      const key = `${record.agency}\u0000${record.ref}`;
      const first = seen.get(key);
      if (first !== undefined) rowErrors.push(`第 ${line} 行「编号」：${record.ref} 与第 ${first} 行重复`);
      else seen.set(key, line);
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else if (record) {
      valid.push(i);
      agencies.add(record.agency);
    }
    if ((i + 1) % (BATCH * 10) === 0) opts.onProgress?.(i + 1, i + 1, "检查");
  }
  seen.clear();
  opts.onProgress?.(total, total, "检查");
  if (errors.length && !opts.skipInvalid) {
    throw new GongkaiError(
      "IMPORT-INVALID",
      `${file}：${errors.length} 处问题，未导入任何数据（改正后重新导入，或用 --skip-invalid 跳过有问题的行）`,
      errors.slice(0, 100).concat(errors.length > 100 ? [`……另有 ${errors.length - 100} 处`] : []),
    );
  }

  // Pass 2 rebuilds the records batch by batch and writes them, all in one transaction.
  const validCount = valid.length;
  let inserted = 0;
  let updated = 0;
  let agenciesCreated: string[] = [];
  await inTransaction(db, opts.actor, async (tx, record) => {
    const { ids, created } = await ensureAgencies(tx, [...agencies]);
    agenciesCreated = created;
    for (const name of created)
      await record({ action: "agency.create", entity: "agency", entityId: ids.get(name), after: { name } });
    let written = 0;
    let batch: ApplicationRecord[] = [];
    let next = 0; // position in `valid`
    let index = 0;
    const flush = async () => {
      const result = await upsertApplications(tx, ids, batch, opts.actor);
      inserted += result.inserted.length;
      updated += result.updated.length;
      written += batch.length;
      await record({
        action: "applications.import",
        entity: "application",
        after: { file, inserted: result.inserted, updated: result.updated },
      });
      opts.onProgress?.(written, validCount, "写入");
      batch = [];
    };
    for (const cells of rows()) {
      const i = index++;
      if (valid[next] !== i) continue;
      next++;
      batch.push(readApplicationRow(columns, cells, i + 2).record!);
      if (batch.length === BATCH) await flush();
    }
    if (batch.length) await flush();
  });
  return {
    file,
    rows: total,
    inserted,
    updated,
    skipped: total - validCount,
    agenciesCreated,
    errors,
    warnings,
  };
}
