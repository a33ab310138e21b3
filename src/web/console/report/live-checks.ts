/** Live checks of the report workspace: the catalogue (src/domain/rules) run in the browser. */
import type { CellValue, Report, Sections } from "../../../domain/report/model.js";
import { setCell } from "../../../domain/report/model.js";
import { checkReport, type Finding } from "../../../domain/rules/index.js";

/** The report with the draft's narrative, checked against last year's report (if any). */
export function liveFindings(report: Report, sections: Sections, previous?: Report): Finding[] {
  const withText: Report = { ...report, sections: { ...report.sections, ...sections } };
  return checkReport(withText, previous ? { previous } : {});
}

/** A copy of the report with one cell changed (from the text typed into it). */
export function withCell(report: Report, path: string, text: string): Report {
  const copy = structuredClone(report);
  setCell(copy, path, parseCell(text));
  return copy;
}

/** What a typed cell means: blank → null, "/" → not applicable, digits → number, else the text as is. */
export function parseCell(text: string): CellValue {
  const t = text.trim();
  if (t === "") return null;
  if (t === "/") return "/";
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

/** Cell paths of a set of findings. */
export function cellsOf(findings: readonly Finding[]): Set<string> {
  return new Set(findings.flatMap((f) => f.cells));
}
