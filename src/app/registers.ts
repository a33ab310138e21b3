/**
 * Use cases: one agency's registers over the API — 规章 / 行政规范性文件 (listed, added, changed),
 * the yearly figures of table 二, and spreadsheet uploads of either (validated whole, then written).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { csvRows } from "../domain/csv.js";
import { GongkaiError } from "../domain/errors.js";
import { parseDate } from "../domain/register/application-row.js";
import {
  mapRecordHeader,
  type ParsedRecord,
  RECORD_COLUMNS,
  readRecordRow,
} from "../domain/register/records.js";
import { type AgencyRow, agenciesByIds } from "../store/accounts.js";
import type { Db } from "../store/db.js";
import {
  type DocumentFilter,
  type DocumentRow,
  type DocumentValues,
  type FiguresRow,
  findDocument,
  findFigures,
  insertDocument,
  listDocuments,
  updateDocument,
  upsertFigures,
} from "../store/register-queries.js";
import { writeRecords } from "../store/registers.js";
import { inTransaction } from "../store/transaction.js";
import { type Action, type Actor, authorize } from "./policy.js";
import { decodeCsv, readTableFile } from "./read-table.js";

/** The agency by id after `action` is authorized. */
async function agencyFor(db: Db, actor: Actor, action: Action, agencyId: number): Promise<AgencyRow> {
  authorize(actor, action, agencyId);
  const [agency] = await agenciesByIds(db, [agencyId]);
  if (!agency) throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
  return agency;
}

/** One page of an agency's 规章 / 规范性文件, filtered by kind, validity on a date, and text. */
export async function listRegisterDocuments(
  db: Db,
  actor: Actor,
  agencyId: number,
  filter: DocumentFilter,
): Promise<{ items: DocumentRow[]; total: number; offset: number; limit: number }> {
  await agencyFor(db, actor, "report.read", agencyId);
  return { ...(await listDocuments(db, agencyId, filter)), offset: filter.offset, limit: filter.limit };
}

/** Checks a document's dates (real calendar dates; repeal not before issue). */
function checkDocument(d: DocumentValues): DocumentValues {
  const problems: string[] = [];
  const issued = parseDate(d.issued);
  if (!issued) problems.push(`印发日期“${d.issued}”不是有效日期（应为 YYYY-MM-DD）`);
  const repealed = d.repealed ? parseDate(d.repealed) : null;
  if (d.repealed && !repealed) problems.push(`废止日期“${d.repealed}”不是有效日期（应为 YYYY-MM-DD）`);
  if (issued && repealed && repealed < issued) problems.push(`废止日期 ${repealed} 早于印发日期 ${issued}`);
  if (!d.title.trim()) problems.push("标题不能为空");
  if (problems.length) throw new GongkaiError("REQUEST-INVALID", "文件信息有误", problems);
  return { ...d, title: d.title.trim(), issued: issued!, repealed };
}

/** Adds a 规章 / 规范性文件 to the agency's register (audited). */
export async function addRegisterDocument(
  db: Db,
  actor: Actor,
  agencyId: number,
  values: DocumentValues,
): Promise<DocumentRow> {
  await agencyFor(db, actor, "register.edit", agencyId);
  const d = checkDocument(values);
  const id = await inTransaction(db, actor.login, async (tx, record) => {
    const id = await insertDocument(tx, agencyId, d);
    await record({ action: "documents.add", entity: "register_document", entityId: id, after: d });
    return id;
  });
  return { id, agencyId, ...d };
}

/** Changes some values of a document (e.g. records its repeal); NOT-FOUND for another agency's id. */
export async function patchRegisterDocument(
  db: Db,
  actor: Actor,
  agencyId: number,
  id: number,
  patch: Partial<DocumentValues>,
): Promise<DocumentRow> {
  await agencyFor(db, actor, "register.edit", agencyId);
  return inTransaction(db, actor.login, async (tx, record) => {
    const before = await findDocument(tx, agencyId, id);
    if (!before) throw new GongkaiError("NOT-FOUND", `没有找到编号为 ${id} 的文件`);
    const { id: _, agencyId: __, ...old } = before;
    const d = checkDocument({ ...old, ...patch });
    await updateDocument(tx, agencyId, id, d);
    await record({ action: "documents.update", entity: "register_document", entityId: id, before, after: d });
    return { id, agencyId, ...d };
  });
}

/** The agency's figures for a year (all null when not entered). */
export async function getYearlyFigures(
  db: Db,
  actor: Actor,
  agencyId: number,
  year: number,
): Promise<FiguresRow> {
  await agencyFor(db, actor, "report.read", agencyId);
  return (
    (await findFigures(db, agencyId, year)) ?? {
      year,
      licensing: null,
      penalty: null,
      coercion: null,
      fees10kYuan: null,
      edition2019: null,
    }
  );
}

/** Sets the agency's figures for a year (audited with the values replaced). */
export async function putYearlyFigures(
  db: Db,
  actor: Actor,
  agencyId: number,
  figures: FiguresRow,
): Promise<FiguresRow> {
  await agencyFor(db, actor, "register.edit", agencyId);
  if (figures.fees10kYuan !== null && !/^\d+(\.\d+)?$/.test(figures.fees10kYuan))
    throw new GongkaiError(
      "REQUEST-INVALID",
      `行政事业性收费金额“${figures.fees10kYuan}”应为非负的十进制数（万元）`,
    );
  await inTransaction(db, actor.login, async (tx, record) => {
    const before = await findFigures(tx, agencyId, figures.year);
    await upsertFigures(tx, agencyId, figures);
    await record({ action: "figures.put", entity: "figures", entityId: agencyId, before, after: figures });
  });
  return figures;
}

/** The rows of an uploaded spreadsheet: CSV decoded in memory; XLSX through a private temporary file. */
async function uploadRows(bytes: Buffer, type: "csv" | "xlsx"): Promise<string[][]> {
  if (type === "csv") return [...csvRows(decodeCsv(bytes))];
  // The client's file name never reaches the file system: a fixed name in a fresh private directory.
  const dir = await mkdtemp(join(tmpdir(), "gongkai-upload-"));
  try {
    const path = join(dir, "upload.xlsx");
    await writeFile(path, bytes, { mode: 0o600 });
    return await readTableFile(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Imports an uploaded documents or figures register for one agency: every row must name this
 * agency (机关); all rows are validated before anything is written. Documents replace the
 * agency's register; figures replace the years they give.
 */
export async function importRegisterUpload(
  db: Db,
  actor: Actor,
  agencyId: number,
  kind: "documents" | "figures",
  upload: { name: string; bytes: Buffer; type: "csv" | "xlsx" },
): Promise<{ kind: string; rows: number; kept: string[] }> {
  const agency = await agencyFor(db, actor, "register.edit", agencyId);
  const [header, ...body] = (await uploadRows(upload.bytes, upload.type)).filter((r) =>
    r.some((c) => c.trim()),
  );
  if (!header) throw new GongkaiError("IMPORT-EMPTY", `${upload.name} 是空文件，没有表头`);
  const { keys, missing } = mapRecordHeader(kind, header);
  if (missing.length)
    throw new GongkaiError(
      "IMPORT-HEADER",
      `${upload.name} 缺少必需的列：${missing.join("、")}（此类登记的列：${RECORD_COLUMNS[kind]
        .slice(0, 6)
        .map((c) => c.header)
        .join("、")}……）`,
    );
  const records: ParsedRecord[] = [];
  const errors: string[] = [];
  body.forEach((cells, i) => {
    const { record, errors: e } = readRecordRow(kind, keys, cells, i + 2);
    errors.push(...e);
    if (record && record.agency !== agency.name)
      errors.push(`第 ${i + 2} 行「机关」：应为“${agency.name}”（本次导入的机关），实际为“${record.agency}”`);
    else if (record) records.push(record);
  });
  if (errors.length)
    throw new GongkaiError(
      "IMPORT-INVALID",
      `${upload.name}：${errors.length} 处问题，未导入任何数据`,
      errors.slice(0, 100),
    );
  const kept = await inTransaction(db, actor.login, async (tx, record) => {
    const written = await writeRecords(tx, kind, agencyId, records);
    await record({
      action: `${kind}.import`,
      entity: kind,
      entityId: agencyId,
      before: written.before,
      after: { file: upload.name, rows: records.length, kept: written.kept.length },
    });
    return written.kept;
  });
  return { kind, rows: records.length, kept };
}
