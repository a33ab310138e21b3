/**
 * Use case: publish an agency's report for a year as a frozen snapshot, and compare a published
 * snapshot with what the records give today. A snapshot never changes (a database trigger holds
 * it); later edits to the records show as differences.
 */
import { GongkaiError } from "../domain/errors.js";
import { type CellDifference, diffReports } from "../domain/report/diff.js";
import { reportToJsonObject } from "../domain/report/json.js";
import type { Report } from "../domain/report/model.js";
import { checkReport, hasErrors } from "../domain/rules/index.js";
import { ensureAgencies, findAgency } from "../store/applications.js";
import type { Db } from "../store/db.js";
import { insertSnapshot, latestSnapshot } from "../store/reports.js";
import { type AuditEntry, inTransaction, type Tx } from "../store/transaction.js";
import { buildAgencyReport } from "./build-report.js";

export interface Published {
  id: number;
  report: Report;
  publishedAt: Date;
  publishedBy: string;
}

/** The latest published snapshot of an agency's report for a year, if any. */
export async function publishedReport(db: Db, agency: string, year: number): Promise<Published | undefined> {
  const a = await findAgency(db, agency);
  const snap = a ? await latestSnapshot(db, a.id, year) : undefined;
  if (!snap) return undefined;
  return { id: snap.id, report: snap.report, publishedAt: snap.publishedAt, publishedBy: snap.publishedBy };
}

/** A report that passed the publication checks, ready to be frozen inside a transaction. */
export interface Publication {
  agencyId: number;
  agency: string;
  year: number;
  report: Report;
}

/**
 * Checks `report` (by default: the one derived from the records now) for publication: refuses a
 * report with error findings or one of another agency or year.
 */
export async function preparePublication(
  db: Db,
  opts: { agency: string; year: number; report?: Report },
): Promise<Publication> {
  const agency = await findAgency(db, opts.agency);
  if (!agency) throw new GongkaiError("AGENCY-NOT-FOUND", `没有名为“${opts.agency}”的机关`);
  const report = opts.report ?? (await buildAgencyReport(db, opts.agency, opts.year)).report;
  const findings = checkReport(report);
  if (hasErrors(findings)) {
    throw new GongkaiError(
      "REPORT-HAS-ERRORS",
      `${opts.agency} ${opts.year} 年度报告有错误，不能发布`,
      findings.filter((f) => f.severity === "error").map((f) => `${f.id}：${f.message}`),
    );
  }
  if (report.year !== opts.year || report.agency !== opts.agency)
    throw new GongkaiError(
      "REPORT-MISMATCH",
      `要发布的报告是 ${report.agency} ${report.year} 年度的，不是 ${opts.agency} ${opts.year} 年度的`,
    );
  return { agencyId: agency.id, agency: opts.agency, year: opts.year, report };
}

/** Freezes a prepared publication as a snapshot with its audit row, inside the caller's transaction. */
export async function writePublication(
  tx: Tx,
  record: (entry: AuditEntry) => Promise<void>,
  p: Publication,
  actor: string,
  publishedAt: Date,
): Promise<number> {
  const id = await insertSnapshot(tx, p.agencyId, p.report, reportToJsonObject(p.report), publishedAt, actor);
  await record({
    action: "report.publish",
    entity: "report_snapshot",
    entityId: id,
    after: { agency: p.agency, year: p.year },
  });
  return id;
}

/**
 * Freezes `report` (by default: the one derived from the records now) as the published report.
 * Refuses a report with error findings; a newer publication supersedes, never overwrites, an older one.
 */
export async function publishReport(
  db: Db,
  opts: { agency: string; year: number; actor: string; report?: Report },
): Promise<Published> {
  const p = await preparePublication(db, opts);
  const publishedAt = new Date();
  const id = await inTransaction(db, opts.actor, (tx, record) =>
    writePublication(tx, record, p, opts.actor, publishedAt),
  );
  return { id, report: p.report, publishedAt, publishedBy: opts.actor };
}

/** What changed in the records since publication: cell differences between the snapshot and a fresh derivation. */
export async function changesSincePublication(
  db: Db,
  agency: string,
  year: number,
): Promise<CellDifference[]> {
  const published = await publishedReport(db, agency, year);
  if (!published) throw new GongkaiError("REPORT-NOT-PUBLISHED", `${agency} ${year} 年度报告尚未发布`);
  const now = await buildAgencyReport(db, agency, year, published.report.edition);
  return diffReports(published.report, now.report);
}

/**
 * Records a report that was published outside Gongkai (read from any format the ingest readers
 * take) as the agency's published report for its year: the source of 上年结转 for an agency whose
 * records start later, and of the 2019-edition figures of old years.
 */
export async function importPublishedReport(
  db: Db,
  report: Report,
  actor: string,
  source: string,
): Promise<Published> {
  if (report.uncertain?.length)
    throw new GongkaiError(
      "REPORT-UNCERTAIN",
      `${source} 有 ${report.uncertain.length} 个单元格未能确定，请先核对后再导入`,
      report.uncertain.map((p) => `${p}`),
    );
  const publishedAt = new Date();
  const id = await inTransaction(db, actor, async (tx, record) => {
    const { ids } = await ensureAgencies(tx, [report.agency]);
    const id = await insertSnapshot(
      tx,
      ids.get(report.agency)!,
      report,
      reportToJsonObject(report),
      publishedAt,
      `import:${actor}`,
    );
    await record({
      action: "report.import",
      entity: "report_snapshot",
      entityId: id,
      after: { agency: report.agency, year: report.year, source },
    });
    return id;
  });
  return { id, report, publishedAt, publishedBy: `import:${actor}` };
}
