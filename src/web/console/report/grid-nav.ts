/**
 * Keyboard access to a report table (render/layout.ts grids, built from the one table definition):
 * each value cell's row and column labels — read off the grid's own heading and label cells, merges
 * included — for its accessible name, and where an arrow key (or Home/End) moves the focus.
 */
import { denseGrid, type Grid, type GridCell } from "../../../render/layout.js";

export interface NavCell {
  path: string;
  /** Top-left position in the dense grid. */
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
  /** The row's labels, outermost first, joined with " / " (empty when the table has none). */
  rowLabel: string;
  /** The column's headings, outermost first, joined with " / ". */
  colLabel: string;
}

export type NavKey = "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" | "Home" | "End";
export const NAV_KEYS: ReadonlySet<string> = new Set<NavKey>([
  "ArrowUp",
  "ArrowDown",
  "ArrowLeft",
  "ArrowRight",
  "Home",
  "End",
]);

export interface GridNav {
  cells: ReadonlyMap<string, NavCell>;
  /** The value cell the key moves to from `path`; undefined at the table's edge. */
  move(path: string, key: NavKey): string | undefined;
}

const join = (cells: GridCell[]) =>
  cells
    .map((c) => c.text.trim())
    .filter(Boolean)
    .join(" / ");

/** The navigation model of a grid. */
export function gridNav(grid: Grid): GridNav {
  const dense = denseGrid(grid);
  const cells = new Map<string, NavCell>();
  dense.forEach((line, r) => {
    line.forEach((gc, c) => {
      if (gc?.role !== "value" || !gc.path || cells.has(gc.path)) return;
      // Row labels: the label cells to the left on this row (a merged group label counts once).
      const rowCells: GridCell[] = [];
      for (let x = 0; x < c; x++) {
        const l = line[x];
        if (l && l.role === "label" && !rowCells.includes(l)) rowCells.push(l);
      }
      // Column headings: the run of heading cells straight above (past the value rows of this block).
      const colCells: GridCell[] = [];
      let y = r - 1;
      while (y >= 0 && dense[y]![c]?.role !== "header") y--;
      for (; y >= 0 && dense[y]![c]?.role === "header"; y--) {
        const h = dense[y]![c]!;
        if (!colCells.includes(h)) colCells.unshift(h);
      }
      cells.set(gc.path, {
        path: gc.path,
        row: r,
        col: c,
        rowspan: gc.rowspan,
        colspan: gc.colspan,
        rowLabel: join(rowCells),
        colLabel: join(colCells),
      });
    });
  });
  const valueAt = (r: number, c: number): string | undefined => {
    const gc = dense[r]?.[c];
    return gc?.role === "value" ? gc.path : undefined;
  };
  const move = (path: string, key: NavKey): string | undefined => {
    const at = cells.get(path);
    if (!at) return undefined;
    // The first value cell from (r0, c0) in the direction; the cell itself means "stay".
    const scan = (dr: number, dc: number, r0: number, c0: number) => {
      for (let r = r0, c = c0; r >= 0 && r < dense.length && c >= 0 && c < grid.columns; r += dr, c += dc) {
        const p = valueAt(r, c);
        if (p) return p === path ? undefined : p;
      }
      return undefined;
    };
    switch (key) {
      case "ArrowRight":
        return scan(0, 1, at.row, at.col + at.colspan);
      case "ArrowLeft":
        return scan(0, -1, at.row, at.col - 1);
      case "ArrowDown":
        return scan(1, 0, at.row + at.rowspan, at.col);
      case "ArrowUp":
        return scan(-1, 0, at.row - 1, at.col);
      case "Home":
        return scan(0, 1, at.row, 0);
      case "End":
        return scan(0, -1, at.row, grid.columns - 1);
    }
  };
  return { cells, move };
}

/** The accessible name of a value cell: its row and column labels and its value. */
export function cellAriaLabel(cell: NavCell | undefined, value: string): string {
  const parts = [];
  if (cell?.rowLabel) parts.push(`行：${cell.rowLabel}`);
  if (cell?.colLabel) parts.push(`列：${cell.colLabel}`);
  parts.push(`数值：${value === "" ? "空" : value}`);
  return parts.join("；");
}
