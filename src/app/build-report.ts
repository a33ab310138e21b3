/**
 * Use case: the annual report of an agency (or of every agency) derived from its records.
 * One agency: the pure derivation, with the records behind each cell. All agencies: one SQL
 * aggregate, then the same assembly (a test holds the two paths equal).
 */
import { GongkaiError } from "../domain/errors.js";
import type { Edition } from "../domain/report/definition.js";
import type { CellValue, Report } from "../domain/report/model.js";
import {
  type Derived,
  deriveAnnualReport,
  type RegisterRecord,
  type ReviewRecord,
  reportFromCounts,
  type YearlyFigures,
} from "../domain/stats/derive.js";
import { findAgency, loadCaseFacts, loadFigures, loadRegister, loadReviews } from "../store/applications.js";
import type { Db } from "../store/db.js";
import { countRowsByAgency } from "../store/report-counts.js";
import {
  latestSnapshot,
  loadAllForYear,
  recordsStartIn,
  snapshotsOfAgenciesStartingIn,
  someAgencyNames,
} from "../store/reports.js";

/** Derives one agency's report; throws AGENCY-NOT-FOUND (with the known names) for an unknown agency. */
export async function buildAgencyReport(
  db: Db,
  agency: string,
  year: number,
  edition?: Edition,
): Promise<Derived> {
  const a = await findAgency(db, agency);
  if (!a) {
    const known = await someAgencyNames(db);
    throw new GongkaiError(
      "AGENCY-NOT-FOUND",
      `没有名为“${agency}”的机关`,
      known.length
        ? [`已有机关：${known.join("、")}`]
        : ["数据库中还没有机关，请先导入申请登记（gongkai cases import）"],
    );
  }
  const [cases, reviews, register, figures] = await Promise.all([
    loadCaseFacts(db, a.id, year),
    loadReviews(db, a.id),
    loadRegister(db, a.id),
    loadFigures(db, a.id, year),
  ]);
  // 上年结转 from last year's records, or — when the records start this year — from the agency's
  // report for last year (published in Gongkai or imported).
  const carriedOverFromReport = (await recordsStartIn(db, a.id, year))
    ? (await latestSnapshot(db, a.id, year - 1))?.report.applications.carried_forward
    : undefined;
  return deriveAnnualReport({
    agency: a.name,
    year,
    cases,
    reviews,
    register,
    figures,
    ...(edition ? { edition } : {}),
    ...(carriedOverFromReport ? { carriedOverFromReport } : {}),
  });
}

/** Derives the reports of every agency for a year. */
export async function buildAllReports(db: Db, year: number): Promise<Report[]> {
  const [{ agencies, reviews, register, figures }, counts] = await Promise.all([
    loadAllForYear(db, year),
    countRowsByAgency(db, year),
  ]);
  const byAgency = <T extends { agency_id: number }>(rows: T[]) => {
    const map = new Map<number, T[]>();
    for (const r of rows) map.set(r.agency_id, [...(map.get(r.agency_id) ?? []), r]);
    return map;
  };
  const reviewsOf = byAgency(reviews);
  const registerOf = byAgency(register);
  const figuresOf = new Map(figures.map((f) => [f.agency_id, f]));
  const carried = await carriedOverFromReports(db, year);
  return agencies.map((a) => {
    const f = figuresOf.get(a.id);
    return reportFromCounts(
      {
        agency: a.name,
        year,
        reviews: (reviewsOf.get(a.id) ?? []).map((r) => ({
          id: String(r.id),
          kind: r.kind as ReviewRecord["kind"],
          filed: r.filed,
          result: r.result as ReviewRecord["result"],
          decided: r.decided,
        })),
        register: (registerOf.get(a.id) ?? []).map((r) => ({
          id: String(r.id),
          kind: r.kind as RegisterRecord["kind"],
          issued: r.issued,
          repealed: r.repealed,
        })),
        ...(carried.has(a.id) ? { carriedOverFromReport: carried.get(a.id)! } : {}),
        figures: f
          ? {
              licensing: f.licensing,
              penalty: f.penalty,
              coercion: f.coercion,
              fees10kYuan: f.fees_10k_yuan,
              edition2019: (f.edition2019 as YearlyFigures["edition2019"]) ?? null,
            }
          : null,
      },
      counts.get(a.id) ?? [],
    );
  });
}

/** For agencies whose records start in `year`: 上年结转 from their latest report for the year before. */
async function carriedOverFromReports(db: Db, year: number): Promise<Map<number, CellValue[]>> {
  const out = new Map<number, CellValue[]>();
  for (const snap of await snapshotsOfAgenciesStartingIn(db, year)) {
    const cf = snap.report.applications.carried_forward;
    if (cf) out.set(snap.agencyId, cf);
  }
  return out;
}
