/** The check catalogue (shared/spec/report-json.md) and the function that runs it. */
import type { Report } from "../report/model.js";
import { cellBlankCheck, cellUncertainCheck, cellValueCheck } from "./cells.js";
import { carryCheck, inForceCheck, previousYearCheck } from "./cross-year.js";
import { editionMixCheck, editionYearCheck } from "./edition.js";
import type { Check, CheckContext, Finding } from "./finding.js";
import { feeSectionCheck, textTableCheck } from "./narrative.js";
import { columnSumCheck, identityCheck, outcomeTotalCheck } from "./table-applications.js";
import { reviewSumCheck } from "./table-review.js";

export type { Check, CheckContext, Finding, Severity } from "./finding.js";

/** Every check, in the order findings are listed. */
export const CATALOGUE: readonly Check[] = [
  identityCheck,
  outcomeTotalCheck,
  columnSumCheck,
  reviewSumCheck,
  cellValueCheck,
  cellBlankCheck,
  cellUncertainCheck,
  editionMixCheck,
  editionYearCheck,
  previousYearCheck,
  carryCheck,
  inForceCheck,
  textTableCheck,
  feeSectionCheck,
];

/** Runs the whole catalogue on a report; findings are data, never exceptions. */
export function checkReport(report: Report, ctx: CheckContext = {}): Finding[] {
  return CATALOGUE.flatMap((c) => c.run(report, ctx));
}

/** True when any finding is an error. */
export const hasErrors = (findings: readonly Finding[]): boolean =>
  findings.some((f) => f.severity === "error");
