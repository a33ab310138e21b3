/**
 * Deriving an agency's annual report from its records (the tables are a view of the cases):
 * 新收 by receipt date, outcomes by reply date, 结转 = open at 31 Dec, 上年结转 = open at the
 * previous 31 Dec (or taken from an imported previous report). Every cell lists the records behind it.
 */
import {
  APPLICATION_ROW,
  type ApplicationRowKey,
  applicationRows,
  COLUMN_COUNT,
  EDITION_OTHER_LAYOUT,
  type Edition,
  editionForYear,
  REVIEW_FIELDS,
  REVIEW_GROUPS,
  type ReviewFieldKey,
  type ReviewGroupKey,
  SPLIT_OTHER_KEYS,
  TOTAL_COLUMN,
} from "../report/definition.js";
import {
  appPath,
  blankReport,
  type CellValue,
  otherLayoutOf,
  type Report,
  reviewPath,
  setCell,
} from "../report/model.js";

/** What derivation needs of one application: who applied, when it arrived, when and how it was answered. */
export interface CaseFacts {
  id: string;
  /** Applicant column of table 三: 0 自然人, 1 商业企业, 2 科研机构, 3 社会公益组织, 4 法律服务机构, 5 其他. */
  applicantType: number;
  /** The receipt date that counts (条例第三十一条), YYYY-MM-DD. */
  received: string;
  /** The reply date (signed for / handed to the post), when answered. */
  answered?: string | null;
  /** The outcome row of table 三 (one per application: 部分公开 only counts there). */
  outcome?: ApplicationRowKey | null;
}

export interface ReviewRecord {
  id: string;
  kind: ReviewGroupKey;
  filed: string;
  /** Result once decided; pending otherwise. */
  result?: "upheld" | "corrected" | "other" | null;
  decided?: string | null;
}

export interface RegisterRecord {
  id: string;
  kind: "regulation" | "normative_document";
  issued: string;
  repealed?: string | null;
}

/** Yearly figures entered or imported for table 二 (null = not entered: the cell stays blank). */
export interface YearlyFigures {
  licensing?: number | null;
  penalty?: number | null;
  coercion?: number | null;
  fees10kYuan?: string | null;
  /** 2019-edition `active` as in gongkai.report/1, for old years. */
  edition2019?: Record<string, CellValue | Record<string, CellValue>> | null;
}

export interface DeriveInput {
  agency: string;
  year: number;
  edition?: Edition;
  cases: readonly CaseFacts[];
  reviews?: readonly ReviewRecord[];
  register?: readonly RegisterRecord[];
  figures?: YearlyFigures | null;
  /**
   * 上年结转 from an imported previous report (its 四、结转下年度继续办理), for agencies whose
   * records start this year. When given, it replaces the count from records.
   */
  carriedOverFromReport?: readonly CellValue[];
}

export interface Derived {
  report: Report;
  /** For each cell path, the ids of the records behind it. */
  sources: Record<string, string[]>;
  /** Problems in the records that derivation met (Chinese), e.g. a reply before receipt. */
  problems: string[];
}

/** Records one more record id behind a cell. */
function addSource(sources: Record<string, string[]>, path: string, id: string): void {
  const ids = sources[path];
  if (ids) ids.push(id);
  else sources[path] = [id];
}

const yearEnd = (y: number) => `${y}-12-31`;
const yearStart = (y: number) => `${y}-01-01`;
const inYear = (d: string | null | undefined, y: number): boolean =>
  !!d && d >= yearStart(y) && d <= yearEnd(y);

/** Derives the annual report for one agency and year from its records. */
export function deriveAnnualReport(input: DeriveInput): Derived {
  const { year } = input;
  const edition = input.edition ?? editionForYear(year);
  const layout = EDITION_OTHER_LAYOUT[edition];
  const report = blankReport(edition, year, input.agency, layout);
  const sources: Record<string, string[]> = {};
  const problems: string[] = [];
  const counts = new Map<string, number>();
  const bump = (path: string, id: string) => {
    counts.set(path, (counts.get(path) ?? 0) + 1);
    addSource(sources, path, id);
  };
  const tally = (row: ApplicationRowKey, col: number, id: string) => {
    bump(appPath(row, col), id);
    bump(appPath(row, TOTAL_COLUMN), id);
  };

  for (const c of input.cases) {
    if (c.applicantType < 0 || c.applicantType >= TOTAL_COLUMN || !Number.isInteger(c.applicantType)) {
      problems.push(`申请 ${c.id}：申请人类型 ${c.applicantType} 无效`);
      continue;
    }
    if (c.answered && c.answered < c.received) {
      problems.push(`申请 ${c.id}：答复日期 ${c.answered} 早于收到日期 ${c.received}`);
      continue;
    }
    if (!!c.answered !== !!c.outcome) {
      problems.push(`申请 ${c.id}：答复日期与办理结果应同时填写`);
      continue;
    }
    if (c.received > yearEnd(year)) continue;
    const col = c.applicantType;
    if (inYear(c.received, year)) tally("new_received", col, c.id);
    else if (!c.answered || c.answered >= yearStart(year)) tally("carried_over", col, c.id);
    if (inYear(c.answered, year)) {
      tally(outcomeRow(c.outcome!, layout === "single"), col, c.id);
      tally("total_processed", col, c.id);
    } else if (!c.answered || c.answered > yearEnd(year)) tally("carried_forward", col, c.id);
  }

  finish(report, input, counts, sources);
  return { report, sources, problems };
}

/** One count of table 三 from a bulk query: `row` is a count row or an outcome row key. */
export interface RowCount {
  row: ApplicationRowKey;
  applicantType: number;
  count: number;
}

/**
 * The same report from counts computed elsewhere (e.g. one SQL aggregate over many agencies):
 * rows new_received, carried_over, carried_forward and each outcome; （七）总计 and 总计 are summed here.
 */
export function reportFromCounts(input: Omit<DeriveInput, "cases">, rowCounts: readonly RowCount[]): Report {
  const edition = input.edition ?? editionForYear(input.year);
  const layout = EDITION_OTHER_LAYOUT[edition];
  const report = blankReport(edition, input.year, input.agency, layout);
  const counts = new Map<string, number>();
  const add = (row: ApplicationRowKey, col: number, n: number) => {
    for (const c of [col, TOTAL_COLUMN]) counts.set(appPath(row, c), (counts.get(appPath(row, c)) ?? 0) + n);
  };
  for (const { row, applicantType, count } of rowCounts) {
    if (APPLICATION_ROW[row]?.role === "outcome") {
      add(outcomeRow(row, layout === "single"), applicantType, count);
      add("total_processed", applicantType, count);
    } else add(row, applicantType, count);
  }
  finish(report, { ...input, cases: [] }, counts, {});
  return report;
}

/** Writes the counts into table 三, then derives tables 四 and 二. */
function finish(
  report: Report,
  input: DeriveInput,
  counts: Map<string, number>,
  sources: Record<string, string[]>,
) {
  for (const r of applicationRows(otherLayoutOf(report))) {
    for (let col = 0; col < COLUMN_COUNT; col++) {
      const path = appPath(r.key, col);
      setCell(report, path, counts.get(path) ?? 0);
    }
  }
  if (input.carriedOverFromReport) {
    input.carriedOverFromReport.forEach((v, col) => {
      setCell(report, appPath("carried_over", col), v);
      delete sources[appPath("carried_over", col)];
    });
  }
  deriveReview(report, input.reviews ?? [], input.year, sources);
  deriveActive(report, input, sources);
}

/** In a 2019-layout report the three （六） sub-rows count into the single 其他处理 row. */
function outcomeRow(outcome: ApplicationRowKey, single: boolean): ApplicationRowKey {
  const def = APPLICATION_ROW[outcome];
  if (def?.role !== "outcome") throw new Error(`not an outcome row: ${outcome}`);
  if (single && (SPLIT_OTHER_KEYS as readonly string[]).includes(outcome)) return "other_processing";
  if (!single && outcome === "other_processing") return "other_other";
  return outcome;
}

/** Table 四: results decided in the year by result; 尚未审结 = filed by 31 Dec and not decided by then. */
function deriveReview(
  report: Report,
  reviews: readonly ReviewRecord[],
  year: number,
  sources: Record<string, string[]>,
) {
  const counts = new Map<string, number>();
  const bump = (g: ReviewGroupKey, f: ReviewFieldKey, id: string) => {
    const path = reviewPath(g, f);
    counts.set(path, (counts.get(path) ?? 0) + 1);
    addSource(sources, path, id);
  };
  for (const r of reviews) {
    if (r.filed > yearEnd(year)) continue;
    if (r.result && inYear(r.decided, year)) bump(r.kind, r.result, r.id);
    else if (!r.result || !r.decided || r.decided > yearEnd(year)) bump(r.kind, "pending", r.id);
    else continue;
    bump(r.kind, "total", r.id);
  }
  for (const g of REVIEW_GROUPS)
    for (const f of REVIEW_FIELDS)
      setCell(report, reviewPath(g.key, f.key), counts.get(reviewPath(g.key, f.key)) ?? 0);
}

/** Table 二: the register gives 规章/规范性文件; the yearly figures give the rest (blank when not entered). */
function deriveActive(report: Report, input: DeriveInput, sources: Record<string, string[]>) {
  const { year } = input;
  const figures = input.figures ?? {};
  if (report.edition === "2019") {
    for (const [key, value] of Object.entries(figures.edition2019 ?? {})) report.active[key] = value;
    return;
  }
  for (const kind of ["regulation", "normative_document"] as const) {
    const key = kind === "regulation" ? "regulations" : "normative_documents";
    const docs = (input.register ?? []).filter((d) => d.kind === kind);
    const pick = (field: string, keep: (d: RegisterRecord) => boolean) => {
      const ids = docs.filter(keep).map((d) => d.id);
      setCell(report, `active.${key}.${field}`, ids.length);
      sources[`active.${key}.${field}`] = ids;
    };
    pick("issued", (d) => inYear(d.issued, year));
    pick("repealed", (d) => inYear(d.repealed, year));
    pick("in_force", (d) => d.issued <= yearEnd(year) && (!d.repealed || d.repealed > yearEnd(year)));
  }
  setCell(report, "active.administrative_licensing", figures.licensing ?? null);
  setCell(report, "active.administrative_penalty", figures.penalty ?? null);
  setCell(report, "active.administrative_coercion", figures.coercion ?? null);
  setCell(report, "active.administrative_fees_10k_yuan", figures.fees10kYuan ?? null);
}
