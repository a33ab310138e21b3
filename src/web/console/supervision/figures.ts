/** The aggregate figures of a subtree (GET /api/supervision/:year/aggregate) as chart series. */
import {
  APPLICATION_ROW,
  type ApplicationRowKey,
  OUTCOME_GROUPS,
} from "../../../domain/report/definition.js";

export interface YearTotals {
  year: number;
  reports: number;
  applications: Record<string, number[]>;
  reviewLitigation: Record<string, Record<string, number>>;
}

const TOTAL = 6;
const total = (t: YearTotals, key: string): number => t.applications[key]?.[TOTAL] ?? 0;

/** Applications by applicant type (new in the year), per year: one series per column of table 三. */
export const APPLICANT_SERIES = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];

/** Outcomes grouped as the table groups them: （一）…（六）, summed per year. */
export function outcomeSeries(years: readonly YearTotals[]): { name: string; data: number[] }[] {
  const groups: { name: string; keys: ApplicationRowKey[] }[] = [
    { name: "予以公开", keys: ["granted"] },
    { name: "部分公开", keys: ["partially_granted"] },
    { name: OUTCOME_GROUPS.denied.replace(/（.）/, ""), keys: keysOf("denied") },
    { name: OUTCOME_GROUPS.unable.replace(/（.）/, ""), keys: keysOf("unable") },
    { name: OUTCOME_GROUPS.not_processed.replace(/（.）/, ""), keys: keysOf("not_processed") },
    {
      name: OUTCOME_GROUPS.other.replace(/（.）/, ""),
      keys: [...keysOf("other"), "other_processing"],
    },
  ];
  return groups.map((g) => ({
    name: g.name,
    data: years.map((y) => g.keys.reduce((n, k) => n + total(y, k), 0)),
  }));
}

function keysOf(group: string): ApplicationRowKey[] {
  return Object.values(APPLICATION_ROW)
    .filter((r) => r.group === group && r.key !== "other_processing")
    .map((r) => r.key);
}

/** New applications per applicant type per year. */
export function applicantSeries(years: readonly YearTotals[]): { name: string; data: number[] }[] {
  return APPLICANT_SERIES.map((name, col) => ({
    name,
    data: years.map((y) => y.applications.new_received?.[col] ?? 0),
  }));
}

/**
 * 纠错率 of reviews and lawsuits per year: 结果纠正 ÷ (维持 + 纠正 + 其他结果), in per cent with one
 * decimal; null when nothing was decided. (A common reading; the national format prints only counts.)
 */
export function correctionRates(years: readonly YearTotals[]): { name: string; data: (number | null)[] }[] {
  const groups = [
    { key: "review", name: "行政复议纠错率" },
    { key: "litigation_direct", name: "行政诉讼（未经复议）纠错率" },
    { key: "litigation_after_review", name: "行政诉讼（复议后起诉）纠错率" },
  ];
  return groups.map((g) => ({
    name: g.name,
    data: years.map((y) => {
      const f = y.reviewLitigation[g.key] ?? {};
      const decided = (f.upheld ?? 0) + (f.corrected ?? 0) + (f.other ?? 0);
      return decided ? Math.round(((f.corrected ?? 0) / decided) * 1000) / 10 : null;
    }),
  }));
}
