/**
 * Use cases of the HTTP API on one agency by id: the agencies a user sees, and an agency's derived
 * report and its check findings — authorized first, then the existing derivation by name.
 */
import { GongkaiError } from "../domain/errors.js";
import type { Finding } from "../domain/rules/finding.js";
import { checkReport } from "../domain/rules/index.js";
import type { Derived } from "../domain/stats/derive.js";
import { type AgencyRow, agenciesByIds } from "../store/accounts.js";
import type { Db } from "../store/db.js";
import { latestSnapshot } from "../store/reports.js";
import { buildAgencyReport } from "./build-report.js";
import { type Actor, authorize, canSee } from "./policy.js";

/** The agencies the actor may see: its own, and for supervisors and administrators its subtree. */
export async function visibleAgencies(db: Db, actor: Actor): Promise<AgencyRow[]> {
  const ids = [actor.agencyId, ...actor.below].filter((id) => canSee(actor, id));
  return agenciesByIds(db, ids);
}

/** The agency by id after `report.read` is authorized; NOT-FOUND when it does not exist. */
async function readableAgency(db: Db, actor: Actor, agencyId: number): Promise<AgencyRow> {
  authorize(actor, "report.read", agencyId);
  const [agency] = await agenciesByIds(db, [agencyId]);
  if (!agency) throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
  return agency;
}

/** An agency's report for a year, derived from its records. */
export async function agencyReport(db: Db, actor: Actor, agencyId: number, year: number): Promise<Derived> {
  const agency = await readableAgency(db, actor, agencyId);
  return buildAgencyReport(db, agency.name, year);
}

/** The check findings of an agency's derived report (cross-year checks against last year's published report). */
export async function agencyReportChecks(
  db: Db,
  actor: Actor,
  agencyId: number,
  year: number,
): Promise<{ findings: Finding[]; problems: string[] }> {
  const agency = await readableAgency(db, actor, agencyId);
  const derived = await buildAgencyReport(db, agency.name, year);
  const previous = (await latestSnapshot(db, agencyId, year - 1))?.report;
  return {
    findings: checkReport(derived.report, previous ? { previous } : {}),
    problems: derived.problems,
  };
}
