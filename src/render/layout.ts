/**
 * The three tables laid out as grids of merged cells exactly as the national format prints them,
 * built from the table definition. Every renderer (HTML, DOCX, Markdown) draws these grids, so the
 * official structure (e.g. 三、本年度办理结果 spanning 22 rows in 2021) is decided once, here.
 */
import {
  ACTIVE_BLOCKS,
  ACTIVE_VALUE_COLUMNS,
  APPLICANT_COLUMNS,
  APPLICANT_HEADER,
  APPLICATIONS_NOTE,
  applicationRows,
  LITIGATION_HEADER,
  ORGANISATION_HEADER,
  OUTCOME_GROUPS,
  OUTCOMES_LABEL,
  REVIEW_FIELDS,
  REVIEW_GROUPS,
  REVIEW_HEADER,
} from "../domain/report/definition.js";
import {
  activeCells,
  appPath,
  type CellValue,
  otherLayoutOf,
  type Report,
  reviewPath,
} from "../domain/report/model.js";

export interface GridCell {
  text: string;
  rowspan: number;
  colspan: number;
  /** header: column headings; label: row labels; value: a data cell. */
  role: "header" | "label" | "value";
  /** For value cells: the cell path. */
  path?: string;
}

export interface Grid {
  /** Which statistical table. */
  table: "active" | "applications" | "review_litigation";
  /** Number of grid columns. */
  columns: number;
  /** Rows of cells; a cell covered by a span above or to the left is simply absent (HTML rules). */
  rows: GridCell[][];
  /** Number of leading rows that are headings (repeated on each printed page). */
  headerRows: number;
}

const cell = (text: string, role: GridCell["role"], colspan = 1, rowspan = 1, path?: string): GridCell => ({
  text,
  role,
  colspan,
  rowspan,
  ...(path ? { path } : {}),
});

/** How a cell prints: numbers as digits, blank as nothing, "/" as "/", amounts as their string. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  return String(v);
}

/** Spans of n value cells over the three value columns of table 二: the last one takes the rest. */
function activeSpans(n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? ACTIVE_VALUE_COLUMNS - (n - 1) : 1));
}

/** Table 二 (主动公开政府信息情况) as a 4-column grid of blocks. */
export function activeGrid(report: Report): Grid {
  const rows: GridCell[][] = [];
  const refs = new Map(activeCells(report.edition).map((c) => [c.path, c]));
  for (const block of ACTIVE_BLOCKS[report.edition]) {
    const spans = activeSpans(block.columns.length);
    rows.push([cell(block.item, "header", 1 + ACTIVE_VALUE_COLUMNS)]);
    rows.push([
      cell(block.contentLabel, "header"),
      ...block.columns.map((c, i) => cell(c.label, "header", spans[i])),
    ]);
    for (const r of block.rows) {
      rows.push([
        cell(r.label, "label"),
        ...block.columns.map((c, i) => {
          const path = c.key === null ? `active.${r.key}` : `active.${r.key}.${c.key}`;
          return cell(cellText(refs.get(path)?.get(report)), "value", spans[i], 1, path);
        }),
      ]);
    }
  }
  return { table: "active", columns: 1 + ACTIVE_VALUE_COLUMNS, rows, headerRows: 0 };
}

/** Table 三 (收到和处理政府信息公开申请情况): 3 label columns and 7 data columns. */
export function applicationsGrid(report: Report): Grid {
  const rows: GridCell[][] = [
    [cell(APPLICATIONS_NOTE, "header", 3, 3), cell(APPLICANT_HEADER, "header", 7)],
    [
      cell(APPLICANT_COLUMNS[0]!.label, "header", 1, 2),
      cell(ORGANISATION_HEADER, "header", 5),
      cell(APPLICANT_COLUMNS[6]!.label, "header", 1, 2),
    ],
    APPLICANT_COLUMNS.filter((c) => c.organisation).map((c) => cell(c.label, "header")),
  ];
  const defs = applicationRows(otherLayoutOf(report));
  const outcomeCount = defs.filter((r) => r.inOutcomes).length;
  let outcomesStarted = false;
  let lastGroup: string | undefined;
  for (const r of defs) {
    const labels: GridCell[] = [];
    if (!r.inOutcomes) labels.push(cell(r.label, "label", 3));
    else {
      if (!outcomesStarted) {
        labels.push(cell(OUTCOMES_LABEL, "label", 1, outcomeCount));
        outcomesStarted = true;
      }
      if (r.group && r.key !== "other_processing") {
        if (r.group !== lastGroup) {
          const size = defs.filter((d) => d.group === r.group && d.key !== "other_processing").length;
          labels.push(cell(OUTCOME_GROUPS[r.group], "label", 1, size));
        }
        labels.push(cell(r.label, "label"));
      } else labels.push(cell(r.label, "label", 2));
    }
    lastGroup = r.group;
    const values = APPLICANT_COLUMNS.map((c) =>
      cell(cellText(report.applications[r.key]?.[c.index]), "value", 1, 1, appPath(r.key, c.index)),
    );
    rows.push([...labels, ...values]);
  }
  return { table: "applications", columns: 10, rows, headerRows: 3 };
}

/** Table 四 (行政复议、行政诉讼情况): 15 value columns under three header rows. */
export function reviewGrid(report: Report): Grid {
  const [review, ...litigation] = REVIEW_GROUPS;
  const rows: GridCell[][] = [
    [cell(REVIEW_HEADER, "header", 5), cell(LITIGATION_HEADER, "header", 10)],
    [
      ...REVIEW_FIELDS.map((f) => cell(f.label, "header", 1, 2)),
      ...litigation.map((g) => cell(g.label, "header", REVIEW_FIELDS.length)),
    ],
    litigation.flatMap(() => REVIEW_FIELDS.map((f) => cell(f.label, "header"))),
    [review!, ...litigation].flatMap((g) =>
      REVIEW_FIELDS.map((f) =>
        cell(cellText(report.review_litigation[g.key]?.[f.key]), "value", 1, 1, reviewPath(g.key, f.key)),
      ),
    ),
  ];
  return { table: "review_litigation", columns: 15, rows, headerRows: 3 };
}

/** The grid of a section's table. */
export function gridFor(table: Grid["table"], report: Report): Grid {
  if (table === "active") return activeGrid(report);
  if (table === "applications") return applicationsGrid(report);
  return reviewGrid(report);
}

/** Fills span-covered positions: a dense matrix where each position points at its origin cell. */
export function denseGrid(grid: Grid): (GridCell | undefined)[][] {
  const out: (GridCell | undefined)[][] = grid.rows.map(() => Array.from({ length: grid.columns }));
  grid.rows.forEach((row, r) => {
    let c = 0;
    for (const gc of row) {
      while (out[r]![c] !== undefined) c++;
      for (let dr = 0; dr < gc.rowspan; dr++)
        for (let dc = 0; dc < gc.colspan; dc++) if (out[r + dr]) out[r + dr]![c + dc] = gc;
      c += gc.colspan;
    }
  });
  return out;
}
