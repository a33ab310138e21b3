/** Cell-by-cell differences between two reports (a frozen snapshot and the records today). */
import { type CellValue, type Report, reportCells } from "./model.js";

export interface CellDifference {
  path: string;
  /** Chinese description of the cell. */
  describe: string;
  before: CellValue | undefined;
  after: CellValue | undefined;
}

/** Every cell whose value differs between `before` and `after`, in official order. */
export function diffReports(before: Report, after: Report): CellDifference[] {
  const seen = new Set<string>();
  const out: CellDifference[] = [];
  for (const ref of [...reportCells(before), ...reportCells(after)]) {
    if (seen.has(ref.path)) continue;
    seen.add(ref.path);
    const a = ref.get(before);
    const b = ref.get(after);
    if (a !== b) out.push({ path: ref.path, describe: ref.describe, before: a, after: b });
  }
  return out;
}
