/**
 * The annual-report model: the three statistical tables, the narrative and the metadata.
 * Its shape follows the interchange format gongkai.report/1 (shared/spec/report-json.md) so that
 * reading and writing are lossless; every walk over its cells is driven by definition.ts.
 */
import {
  ACTIVE_BLOCKS,
  APPLICANT_COLUMNS,
  APPLICATION_ROW,
  type ApplicationRowKey,
  applicationRowFullLabel,
  applicationRows,
  type CellKind,
  COLUMN_COUNT,
  EDITION_OTHER_LAYOUT,
  type Edition,
  type OtherLayout,
  REVIEW_FIELDS,
  REVIEW_GROUPS,
  type ReviewFieldKey,
  type ReviewGroupKey,
  type SectionKey,
} from "./definition.js";

export const SCHEMA_ID = "gongkai.report/1";

/**
 * A cell: a number as printed, null for a blank cell, "/" for "not applicable", or for amounts a
 * decimal string. Blank is never zero. Numbers that break the cell's kind (negative, fractional)
 * are kept as read so that the CELL-VALUE check can name them.
 */
export type CellValue = number | string | null;

export type ActiveTable = Record<string, CellValue | Record<string, CellValue>>;
export type ApplicationsTable = Partial<Record<ApplicationRowKey, CellValue[]>>;
export type ReviewTable = Record<ReviewGroupKey, Record<ReviewFieldKey, CellValue>>;

/** Narrative keys: the free text before section 一, and the text of each section 一 … 六. */
export type NarrativeKey = "preamble" | SectionKey;
export type Sections = Partial<Record<NarrativeKey, string>>;

export interface Report {
  schema: typeof SCHEMA_ID;
  edition: Edition;
  /** The statistics year (not the publication year). */
  year: number;
  agency: string;
  title?: string;
  active: ActiveTable;
  applications: ApplicationsTable;
  review_litigation: ReviewTable;
  sections?: Sections;
  /** Cell paths the reader could not settle. */
  uncertain?: string[];
  /** Where each cell came from (path -> location), filled by readers. */
  provenance?: Record<string, string>;
  warnings?: string[];
  /** Members this version does not know, kept so that a round trip loses nothing. */
  extra?: Record<string, unknown>;
}

/** One cell of a report, as walked in official order. */
export interface CellRef {
  path: string;
  table: "active" | "applications" | "review_litigation";
  kind: CellKind;
  /** Chinese description of the cell, e.g. 表三「（一）予以公开」行「自然人」列. */
  describe: string;
  get(report: Report): CellValue | undefined;
}

/** The layout of row （六） this report uses: three sub-rows, or the single 2019 row. */
export function otherLayoutOf(report: Pick<Report, "applications" | "edition">): OtherLayout {
  const a = report.applications;
  if (a.other_processing !== undefined) return "single";
  if (a.other_no_correction !== undefined || a.other_no_fee !== undefined || a.other_other !== undefined)
    return "split";
  return EDITION_OTHER_LAYOUT[report.edition];
}

/** Path of a table-三 cell. */
export const appPath = (key: ApplicationRowKey, col: number): string => `applications.${key}[${col}]`;
/** Path of a table-四 cell. */
export const reviewPath = (group: ReviewGroupKey, field: ReviewFieldKey): string =>
  `review_litigation.${group}.${field}`;

/** Every cell of table 二 for an edition, in official order. */
export function activeCells(edition: Edition): CellRef[] {
  const out: CellRef[] = [];
  for (const block of ACTIVE_BLOCKS[edition]) {
    for (const r of block.rows) {
      for (const c of block.columns) {
        const path = c.key === null ? `active.${r.key}` : `active.${r.key}.${c.key}`;
        const colKey = c.key;
        out.push({
          path,
          table: "active",
          kind: c.kind,
          describe: `表二「${r.label}」${c.label}`,
          get: (rep) => {
            const v = rep.active[r.key];
            if (colKey === null) return v as CellValue | undefined;
            if (v === null || typeof v !== "object") return undefined;
            return v[colKey];
          },
        });
      }
    }
  }
  return out;
}

/** Every cell of table 三 for a layout of row （六）, row by row. */
export function applicationCells(layout: OtherLayout): CellRef[] {
  const out: CellRef[] = [];
  for (const r of applicationRows(layout)) {
    for (const col of APPLICANT_COLUMNS) {
      out.push({
        path: appPath(r.key, col.index),
        table: "applications",
        kind: "count",
        describe: `表三「${applicationRowFullLabel(r)}」行「${col.label}」列`,
        get: (rep) => rep.applications[r.key]?.[col.index],
      });
    }
  }
  return out;
}

/** Every cell of table 四. */
export function reviewCells(): CellRef[] {
  const out: CellRef[] = [];
  for (const g of REVIEW_GROUPS) {
    for (const f of REVIEW_FIELDS) {
      out.push({
        path: reviewPath(g.key, f.key),
        table: "review_litigation",
        kind: "count",
        describe: `表四「${g.fullLabel}」${f.label}`,
        get: (rep) => rep.review_litigation[g.key]?.[f.key],
      });
    }
  }
  return out;
}

/** Every cell of a report in official order (tables 二, 三, 四). */
export function reportCells(report: Pick<Report, "applications" | "edition">): CellRef[] {
  return [...activeCells(report.edition), ...applicationCells(otherLayoutOf(report)), ...reviewCells()];
}

/** Chinese description of a cell path, for messages (falls back to the path itself). */
export function describePath(path: string): string {
  const m = /^applications\.([a-z_]+)\[(\d)\]$/.exec(path);
  if (m) {
    const r = APPLICATION_ROW[m[1] as ApplicationRowKey];
    const col = APPLICANT_COLUMNS[Number(m[2])];
    if (r && col) return `表三「${applicationRowFullLabel(r)}」行「${col.label}」列`;
  }
  for (const c of [...activeCells("2021"), ...activeCells("2019"), ...reviewCells()]) {
    if (c.path === path) return c.describe;
  }
  return path;
}

/** A report of the given edition with every cell blank (null): the start for readers and derivation. */
export function blankReport(edition: Edition, year: number, agency: string, layout?: OtherLayout): Report {
  const active: ActiveTable = {};
  for (const block of ACTIVE_BLOCKS[edition]) {
    for (const r of block.rows) {
      if (block.columns.length === 1 && block.columns[0]!.key === null) active[r.key] = null;
      else active[r.key] = Object.fromEntries(block.columns.map((c) => [c.key as string, null]));
    }
  }
  const applications: ApplicationsTable = {};
  for (const r of applicationRows(layout ?? EDITION_OTHER_LAYOUT[edition])) {
    applications[r.key] = Array.from({ length: COLUMN_COUNT }, () => null);
  }
  const review_litigation = Object.fromEntries(
    REVIEW_GROUPS.map((g) => [g.key, Object.fromEntries(REVIEW_FIELDS.map((f) => [f.key, null]))]),
  ) as ReviewTable;
  return { schema: SCHEMA_ID, edition, year, agency, active, applications, review_litigation };
}

/** Sets one cell by path on a report built by blankReport (readers and derivation use it). */
export function setCell(report: Report, path: string, value: CellValue): void {
  let m = /^applications\.([a-z_]+)\[(\d)\]$/.exec(path);
  if (m) {
    const rowKey = m[1] as ApplicationRowKey;
    const rowValues = report.applications[rowKey] ?? Array.from({ length: COLUMN_COUNT }, () => null);
    rowValues[Number(m[2])] = value;
    report.applications[rowKey] = rowValues;
    return;
  }
  m = /^review_litigation\.([a-z_]+)\.([a-z_]+)$/.exec(path);
  if (m) {
    (report.review_litigation[m[1] as ReviewGroupKey] as Record<string, CellValue>)[m[2]!] = value;
    return;
  }
  m = /^active\.([a-z_0-9]+)(?:\.([a-z_]+))?$/.exec(path);
  if (m) {
    if (m[2] === undefined) report.active[m[1]!] = value;
    else {
      const obj = report.active[m[1]!];
      if (obj !== null && typeof obj === "object") obj[m[2]] = value;
      else report.active[m[1]!] = { [m[2]]: value };
    }
    return;
  }
  throw new Error(`unknown cell path: ${path}`);
}

/** Reads one cell by path (undefined when the report has no such cell). */
export function getCell(report: Report, path: string): CellValue | undefined {
  const ref = reportCells(report).find((c) => c.path === path);
  return ref?.get(report);
}

/** True when a value is a usable count: a non-negative integer. */
export const isCount = (v: CellValue | undefined): v is number =>
  typeof v === "number" && Number.isInteger(v) && v >= 0;
