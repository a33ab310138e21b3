/**
 * One statistical table drawn from the shared grid layout (src/render/layout.ts), cells clickable or
 * editable, and reachable from the keyboard: Tab and the arrow keys (Home/End along the row) move
 * between value cells, Enter or Space opens a cell as a click does; each cell is named by its row and
 * column labels (grid-nav.ts).
 */
import { type KeyboardEvent, useMemo, useRef } from "react";
import { getCell, type Report } from "../../../domain/report/model.js";
import { type Grid, gridFor } from "../../../render/layout.js";
import { cellAriaLabel, gridNav, NAV_KEYS, type NavKey } from "./grid-nav.js";

export interface GridProps {
  table: Grid["table"];
  report: Report;
  /** Cells to mark (a selected finding's cells). */
  flagged: ReadonlySet<string>;
  selected?: string;
  /** When set, value cells are inputs (trial edits). */
  onEdit?(path: string, text: string): void;
  onCell?(path: string): void;
  /** Last year's report: its value shows as the cell's tooltip. */
  previous?: Report;
}

/** The table as HTML with official merges; value cells carry data-path. */
export function ReportGrid({ table, report, flagged, selected, onEdit, onCell, previous }: GridProps) {
  const grid = useMemo(() => gridFor(table, report), [table, report]);
  const nav = useMemo(() => gridNav(grid), [grid]);
  const ref = useRef<HTMLTableElement>(null);
  const focusCell = (path: string) => {
    const td = ref.current?.querySelector<HTMLElement>(`td[data-path="${CSS.escape(path)}"]`);
    (td?.querySelector("input") ?? td)?.focus();
  };
  const onKey = (path: string, e: KeyboardEvent<HTMLTableCellElement>) => {
    const inInput = e.target instanceof HTMLInputElement;
    if (e.key === "Enter" || (e.key === " " && !inInput)) {
      e.preventDefault();
      onCell?.(path);
      return;
    }
    // In a trial-edit input, Left/Right/Home/End move the caret; Up/Down still move between cells.
    if (!NAV_KEYS.has(e.key) || (inInput && e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    const next = nav.move(path, e.key as NavKey);
    e.preventDefault();
    if (next) focusCell(next);
  };
  // Keys: a value cell's path; a heading's place in the fixed official layout.
  const rows = grid.rows.map((row, r) => ({
    key: `r${r}`,
    cells: row.map((c, i) => ({ c, key: c.path ?? `h${r}-${i}` })),
  }));
  return (
    <div className="gk-scroll">
      <table className="gk-grid" data-table={table} ref={ref}>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map(({ c, key }) => {
                const span = { rowSpan: c.rowspan, colSpan: c.colspan };
                if (c.role !== "value" || !c.path)
                  return (
                    <th key={key} {...span}>
                      {c.text}
                    </th>
                  );
                const path = c.path;
                const label = cellAriaLabel(nav.cells.get(path), c.text);
                const cls = [
                  "gk-value",
                  flagged.has(path) ? "gk-flagged" : "",
                  selected === path ? "gk-selected" : "",
                ]
                  .filter(Boolean)
                  .join(" ");
                return (
                  <td
                    key={key}
                    {...span}
                    className={cls}
                    data-path={path}
                    title={previous ? `上年：${String(getCell(previous, path) ?? "空")}` : undefined}
                    // The input is the focus stop while editing; otherwise the cell itself.
                    tabIndex={onEdit ? undefined : 0}
                    aria-label={onEdit ? undefined : label}
                    onClick={() => onCell?.(path)}
                    onKeyDown={(e) => onKey(path, e)}
                  >
                    {onEdit ? (
                      <input
                        aria-label={label}
                        defaultValue={c.text}
                        onChange={(e) => onEdit(path, e.target.value)}
                      />
                    ) : (
                      c.text
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
