/** Findings of the check catalogue (shared/spec/report-json.md § Check catalogue). */
import type { Report } from "../report/model.js";

export type Severity = "error" | "warning";

/** One finding: a stable id, a severity, a Chinese message naming cells and numbers, and the cell paths. */
export interface Finding {
  id: string;
  severity: Severity;
  message: string;
  cells: string[];
}

/** What a check may look at besides the report: the same agency's previous-year report. */
export interface CheckContext {
  previous?: Report;
}

/** One entry of the catalogue. */
export interface Check {
  id: string;
  severity: Severity;
  /** What it checks, in Chinese (shown by `gongkai check --list`). */
  title: string;
  /** The rule's source: the format's own note, a 条例 article, or practice. */
  basis: string;
  run(report: Report, ctx: CheckContext): Finding[];
}
