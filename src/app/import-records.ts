/**
 * Use case: import an agency register other than applications — documents (规章/规范性文件),
 * yearly figures, or review/litigation cases — from CSV/XLSX. All rows are validated first; a bad
 * file imports nothing. Re-importing is idempotent: figures are keyed by (agency, year); documents
 * and review cases of each agency named in the file are replaced by the file's rows (audited).
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
import { inTransaction, type Tx } from "../store/transaction.js";
import { readTableFile } from "./read-table.js";

export interface RecordsSummary {
  file: string;
  kind: RecordKind;
  rows: number;
  agencies: string[];
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
  await inTransaction(db, actor, async (tx, record) => {
    const { ids } = await ensureAgencies(tx, agencies);
    for (const name of agencies) {
      const agencyId = ids.get(name)!;
      const mine = records.filter((r) => r.agency === name);
      const before = await writeRecords(tx, kind, agencyId, mine);
      await record({
        action: `${kind}.import`,
        entity: kind,
        entityId: agencyId,
        before,
        after: { file, rows: mine.length },
      });
    }
  });
  return { file, kind, rows: records.length, agencies };
}

/** Writes one agency's rows; returns what was replaced, for the audit trail. */
async function writeRecords(
  tx: Tx,
  kind: RecordKind,
  agencyId: number,
  rows: ParsedRecord[],
): Promise<unknown> {
  if (kind === "figures") {
    const before = await tx
      .selectFrom("yearly_figures")
      .selectAll()
      .where("agency_id", "=", agencyId)
      .execute();
    for (const r of rows) {
      if (r.kind !== "figures") continue;
      const values = {
        licensing: r.licensing,
        penalty: r.penalty,
        coercion: r.coercion,
        fees_10k_yuan: r.fees10kYuan,
      };
      await tx
        .insertInto("yearly_figures")
        .values({ agency_id: agencyId, year: r.year, ...values, edition2019: null })
        .onConflict((oc) => oc.columns(["agency_id", "year"]).doUpdateSet(values))
        .execute();
    }
    return before;
  }
  if (kind === "documents") {
    const before = await tx
      .selectFrom("register_document")
      .selectAll()
      .where("agency_id", "=", agencyId)
      .execute();
    await tx.deleteFrom("register_document").where("agency_id", "=", agencyId).execute();
    const docs = rows.flatMap((r) => (r.kind === "documents" ? [r] : []));
    if (docs.length)
      await tx
        .insertInto("register_document")
        .values(
          docs.map((d) => ({
            agency_id: agencyId,
            kind: d.docKind,
            title: d.title,
            doc_number: d.docNumber,
            issued: d.issued,
            repealed: d.repealed,
          })),
        )
        .execute();
    return before;
  }
  const before = await tx.selectFrom("review_case").selectAll().where("agency_id", "=", agencyId).execute();
  await tx.deleteFrom("review_case").where("agency_id", "=", agencyId).execute();
  for (const r of rows) {
    if (r.kind !== "reviews") continue;
    let applicationId: string | null = null;
    if (r.applicationRef) {
      const app = await tx
        .selectFrom("application")
        .select("id")
        .where("agency_id", "=", agencyId)
        .where("ref", "=", r.applicationRef)
        .executeTakeFirst();
      if (!app)
        throw new GongkaiError(
          "IMPORT-INVALID",
          `申请编号 ${r.applicationRef} 在“${r.agency}”的申请登记中不存在`,
        );
      applicationId = app.id;
    }
    await tx
      .insertInto("review_case")
      .values({
        agency_id: agencyId,
        application_id: applicationId,
        kind: r.reviewKind,
        filed: r.filed,
        result: r.result,
        decided: r.decided,
      })
      .execute();
  }
  return before;
}
