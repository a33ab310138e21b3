/**
 * Use case: the supervising office (公开办) over its subtree. 条例第四十九条: each department
 * publishes its previous year's report and submits it to the 主管部门 by 1月31日 — who has
 * published, when, who is late, each report's check findings, and the subtree's summed figures
 * over the years (from the published reports, imported ones included).
 */
import type { ApplicationsTable, CellValue, Report } from "../domain/report/model.js";
import { checkReport } from "../domain/rules/index.js";
import { agenciesByIds } from "../store/accounts.js";
import type { Db } from "../store/db.js";
import { draftsOf } from "../store/report-drafts.js";
import { publishedReportsOf } from "../store/supervision.js";
import { type Actor, authorize, canSee } from "./policy.js";

/** The statutory deadline for the report of `year`: 1月31日 of the next year (条例第四十九条). */
export const deadlineOf = (year: number): string => `${year + 1}-01-31`;

/** A moment as a calendar date in China Standard Time (UTC+8, no daylight saving). */
export const chinaDate = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export interface FilingStatus {
  agencyId: number;
  name: string;
  parentId: number | null;
  kind: string | null;
  /** Where the 三审 draft stands (null when none was started, e.g. an agency not on the platform). */
  draftState: string | null;
  published: boolean;
  imported: boolean;
  publishedAt: string | null;
  /** Published (China date) after the deadline; null for an imported report (its real publication date is unknown). */
  late: boolean | null;
  /** Not published and the deadline has passed. */
  overdue: boolean;
  findings: { error: number; warning: number; ids: string[] } | null;
}

/** The agencies the supervisor oversees: its own and every visible one below. */
const subtreeOf = (actor: Actor): number[] =>
  [actor.agencyId, ...actor.below].filter((id) => canSee(actor, id));

export type StatusFilter = "published" | "unpublished" | "late" | "overdue";

const MATCHES: Record<StatusFilter, (s: FilingStatus) => boolean> = {
  published: (s) => s.published,
  unpublished: (s) => !s.published,
  late: (s) => s.late === true,
  overdue: (s) => s.overdue,
};

/** The filing status of every agency in the actor's subtree for a year; `today` is a China date. */
export async function filingStatus(
  db: Db,
  actor: Actor,
  year: number,
  today: string,
  page: { status?: StatusFilter | undefined; offset?: number; limit?: number } = {},
): Promise<{ year: number; deadline: string; total: number; items: FilingStatus[] }> {
  authorize(actor, "supervision.read", actor.agencyId);
  const ids = subtreeOf(actor);
  const [agencies, published, drafts] = await Promise.all([
    agenciesByIds(db, ids),
    publishedReportsOf(db, ids, [year, year - 1]),
    draftsOf(db, ids, year),
  ]);
  const deadline = deadlineOf(year);
  const pub = new Map(published.filter((p) => p.year === year).map((p) => [p.agencyId, p]));
  const prev = new Map(published.filter((p) => p.year === year - 1).map((p) => [p.agencyId, p.report]));
  const draftState = new Map(drafts.map((d) => [d.agencyId, d.state]));
  const items = agencies.map((a): FilingStatus => {
    const p = pub.get(a.id);
    const day = p ? chinaDate(p.publishedAt) : null;
    const previous = prev.get(a.id);
    const findings = p ? checkReport(p.report, previous ? { previous } : {}) : null;
    return {
      agencyId: a.id,
      name: a.name,
      parentId: a.parentId,
      kind: a.kind,
      draftState: draftState.get(a.id) ?? null,
      published: !!p,
      imported: p?.imported ?? false,
      publishedAt: p ? p.publishedAt.toISOString() : null,
      late: p?.imported ? null : !!day && day > deadline,
      overdue: !p && today > deadline,
      findings: findings && {
        error: findings.filter((f) => f.severity === "error").length,
        warning: findings.filter((f) => f.severity === "warning").length,
        ids: [...new Set(findings.map((f) => f.id))],
      },
    };
  });
  const matching = page.status ? items.filter(MATCHES[page.status]) : items;
  const offset = page.offset ?? 0;
  return {
    year,
    deadline,
    total: matching.length,
    items: matching.slice(offset, offset + (page.limit ?? matching.length)),
  };
}

export interface YearTotals {
  year: number;
  /** How many published reports the sums cover. */
  reports: number;
  /** Table 三 summed cell by cell (row key → 7 columns); blank and "/" cells count as 0. */
  applications: Record<string, number[]>;
  /** Table 四 summed (group → field → count). */
  reviewLitigation: Record<string, Record<string, number>>;
}

const num = (v: CellValue | undefined): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/** Adds one report's tables 三 and 四 into the totals. */
function addReport(t: YearTotals, r: Report): void {
  t.reports++;
  for (const [key, cells] of Object.entries(r.applications as ApplicationsTable)) {
    const sum = t.applications[key] ?? Array.from({ length: cells?.length ?? 0 }, () => 0);
    t.applications[key] = sum;
    (cells ?? []).forEach((v, i) => {
      sum[i] = (sum[i] ?? 0) + num(v);
    });
  }
  for (const [group, fields] of Object.entries(r.review_litigation)) {
    const sum = t.reviewLitigation[group] ?? {};
    t.reviewLitigation[group] = sum;
    for (const [field, v] of Object.entries(fields)) sum[field] = (sum[field] ?? 0) + num(v);
  }
}

/** Tables 三 and 四 summed over the subtree's published reports, for `year` and `span - 1` years before. */
export async function aggregateFigures(
  db: Db,
  actor: Actor,
  year: number,
  span: number,
): Promise<{ years: YearTotals[] }> {
  authorize(actor, "supervision.read", actor.agencyId);
  const years = Array.from({ length: span }, (_, i) => year - span + 1 + i);
  const published = await publishedReportsOf(db, subtreeOf(actor), years);
  const totals = years.map(
    (y): YearTotals => ({ year: y, reports: 0, applications: {}, reviewLitigation: {} }),
  );
  for (const p of published) addReport(totals[p.year - years[0]!]!, p.report);
  return { years: totals };
}
