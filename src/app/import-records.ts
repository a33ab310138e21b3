/**
 * Use case: import an agency register other than applications — documents (规章/规范性文件),
 * yearly figures, or review/litigation cases — from CSV/XLSX. All rows are validated first; a bad
 * file imports nothing. Re-importing is idempotent: figures are keyed by (agency, year); documents
 * and review cases of each agency named in the file replace that agency's earlier imports (audited),
 * while records entered one by one in the console stay (a file row identical to one is listed in
 * `kept`, not written twice).
 */
import { GongkaiError } from "../domain/errors.js";
import {
  mapRecordHeader,
  type ParsedRecord,
  RECORD_COLUMNS,
  type RecordKind,
  readRecordRow,
} from "../domain/register/records.js";
import { ensureAgencies } from "../store/applications.js";
import type { Db } from "../store/db.js";
import { writeRecords } from "../store/registers.js";
import { inTransaction } from "../store/transaction.js";
import { readTableFile } from "./read-table.js";

export interface RecordsSummary {
  file: string;
  kind: RecordKind;
  rows: number;
  agencies: string[];
  /** File rows not written because the same record was entered by hand (one Chinese line each). */
  kept: string[];
}

/** Imports one register file of the given kind. */
export async function importRecords(
  db: Db,
  kind: RecordKind,
  file: string,
  actor: string,
): Promise<RecordsSummary> {
  const [header, ...body] = await readTableFile(file);
  if (!header) throw new GongkaiError("IMPORT-EMPTY", `${file} 是空文件，没有表头`);
  const { keys, missing } = mapRecordHeader(kind, header);
  if (missing.length)
    throw new GongkaiError(
      "IMPORT-HEADER",
      `${file} 缺少必需的列：${missing.join("、")}（此类登记的列：${RECORD_COLUMNS[kind].map((c) => c.header).join("、")}）`,
    );
  const records: ParsedRecord[] = [];
  const errors: string[] = [];
  body.forEach((cells, i) => {
    const { record, errors: e } = readRecordRow(kind, keys, cells, i + 2);
    errors.push(...e);
    if (record) records.push(record);
  });
  if (errors.length)
    throw new GongkaiError(
      "IMPORT-INVALID",
      `${file}：${errors.length} 处问题，未导入任何数据`,
      errors.slice(0, 100),
    );
  const agencies = [...new Set(records.map((r) => r.agency))];
  const kept: string[] = [];
  await inTransaction(db, actor, async (tx, record) => {
    const { ids } = await ensureAgencies(tx, agencies);
    for (const name of agencies) {
      const agencyId = ids.get(name)!;
      const mine = records.filter((r) => r.agency === name);
      const written = await writeRecords(tx, kind, agencyId, mine);
      kept.push(...written.kept.map((k) => `${name}：${k}`));
      await record({
        action: `${kind}.import`,
        entity: kind,
        entityId: agencyId,
        before: written.before,
        after: { file, rows: mine.length, kept: written.kept.length },
      });
    }
  });
  return { file, kind, rows: records.length, agencies, kept };
}
