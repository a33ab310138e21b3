/**
 * Use case: the supervising office uploads reports that agencies not on the platform published
 * (txt, html, docx, pdf, md): each is read by the ingest readers and checked; optionally stored as
 * the agency's imported report (the agency is created under the office when new). One bad file
 * does not stop the others.
 */
import { GongkaiError } from "../domain/errors.js";
import { reportToJsonObject } from "../domain/report/json.js";
import type { Report } from "../domain/report/model.js";
import type { Finding } from "../domain/rules/finding.js";
import { checkReport } from "../domain/rules/index.js";
import { readReportBytes } from "../ingest/index.js";
import { ensureAgency } from "../store/accounts.js";
import type { Db } from "../store/db.js";
import { agencyByName, agencyHasUsers } from "../store/supervision.js";
import { type Actor, authorize, relationOf } from "./policy.js";
import { importPublishedReport } from "./publish-report.js";

export interface IngestFile {
  name: string;
  bytes: Uint8Array;
}

export interface IngestResult {
  name: string;
  ok: boolean;
  format?: string;
  agency?: string;
  year?: number;
  report?: Record<string, unknown>;
  findings?: Finding[];
  /** Set when the report was stored as the agency's imported report. */
  stored?: { agencyId: number; snapshotId: number };
  error?: { id: string; message: string; details: readonly string[] };
}

/** May the actor run ingest at all (checked before the upload is read). */
export function authorizeIngest(actor: Actor): void {
  authorize(actor, "ingest.run", actor.agencyId);
}

/** The agency a report names, created under the actor's office when new; refused outside its subtree or on the platform. */
async function importTarget(db: Db, actor: Actor, name: string): Promise<void> {
  const found = await agencyByName(db, name);
  if (!found) {
    await db.transaction().execute((tx) => ensureAgency(tx, { name, parentId: actor.agencyId }));
    return;
  }
  if (relationOf(actor, found.id) === "other")
    throw new GongkaiError("FORBIDDEN", `机关“${name}”不在本机关的管辖范围内，不能导入其报告`);
  if (await agencyHasUsers(db, found.id))
    throw new GongkaiError(
      "INGEST-ON-PLATFORM",
      `机关“${name}”已在平台上办理年报，请由其通过三审流程发布，不能以导入方式覆盖`,
    );
}

/** Stores a read report as its agency's imported report (agency created under the office when new). */
async function store(
  db: Db,
  actor: Actor,
  report: Report,
  name: string,
): Promise<{ agencyId: number; snapshotId: number }> {
  if (!report.agency?.trim())
    throw new GongkaiError("INGEST-NO-AGENCY", `${name}：未能识别报告所属机关，不能导入`);
  if (report.uncertain?.length)
    throw new GongkaiError(
      "REPORT-UNCERTAIN",
      `${name} 有 ${report.uncertain.length} 个单元格未能确定，请先核对后再导入`,
      report.uncertain,
    );
  await importTarget(db, actor, report.agency);
  const published = await importPublishedReport(db, report, actor.login, name);
  const target = await agencyByName(db, report.agency);
  return { agencyId: target!.id, snapshotId: published.id };
}

/** Reads, checks and (when `store`) imports each file; results in the order given. */
export async function ingestFiles(
  db: Db,
  actor: Actor,
  files: readonly IngestFile[],
  opts: { store: boolean },
): Promise<IngestResult[]> {
  authorizeIngest(actor);
  const results: IngestResult[] = [];
  for (const f of files) {
    let stage: "read" | "store" = "read";
    try {
      const { report, format } = await readReportBytes(f.bytes, f.name);
      const result: IngestResult = {
        name: f.name,
        ok: true,
        format,
        agency: report.agency,
        year: report.year,
        report: reportToJsonObject(report),
        findings: checkReport(report),
      };
      stage = "store";
      if (opts.store) result.stored = await store(db, actor, report, f.name);
      results.push(result);
    } catch (e) {
      // One unreadable file never stops the batch; a reader's own failure is reported without its
      // internals. A database failure while storing is the server's, and fails the request.
      if (!(e instanceof GongkaiError) && stage === "store") throw e;
      const error =
        e instanceof GongkaiError
          ? { id: e.id, message: e.message, details: e.details }
          : { id: "INGEST-FAILED", message: `${f.name}：读取时发生内部错误，未能读取`, details: [] };
      results.push({ name: f.name, ok: false, error });
    }
  }
  return results;
}
