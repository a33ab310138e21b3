/** One statistical table drawn from the shared grid layout (src/render/layout.ts), cells clickable/editable. */
import { getCell, type Report } from "../../../domain/report/model.js";
import { type Grid, gridFor } from "../../../render/layout.js";

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
  const grid = gridFor(table, report);
  // Keys: a value cell's path; a heading's place in the fixed official layout.
  const rows = grid.rows.map((row, r) => ({
    key: `r${r}`,
    cells: row.map((c, i) => ({ c, key: c.path ?? `h${r}-${i}` })),
  }));
  return (
    <div className="gk-scroll">
      <table className="gk-grid" data-table={table}>
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
                    onClick={() => onCell?.(path)}
                    onKeyDown={(e) => {
                      if (e.key === "Enter") onCell?.(path);
                    }}
                  >
                    {onEdit ? (
                      <input
                        aria-label={path}
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
