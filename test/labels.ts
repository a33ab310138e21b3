/** The official labels a rendered report must contain, taken from the table definition. */
import {
  ACTIVE_BLOCKS,
  APPLICANT_COLUMNS,
  applicationRows,
  OUTCOME_GROUPS,
  OUTCOMES_LABEL,
  REVIEW_FIELDS,
  REVIEW_GROUPS,
  SECTIONS,
} from "../src/domain/report/definition.js";
import { otherLayoutOf, type Report } from "../src/domain/report/model.js";

/** Every official label a rendered report of this edition/layout must contain. */
export function officialLabels(r: Report): string[] {
  return [
    ...SECTIONS.map((s) => s.heading),
    ...ACTIVE_BLOCKS[r.edition].flatMap((b) => [
      b.item,
      b.contentLabel,
      ...b.columns.map((c) => c.label),
      ...b.rows.map((x) => x.label),
    ]),
    ...applicationRows(otherLayoutOf(r)).map((x) => x.label),
    OUTCOMES_LABEL,
    ...Object.values(OUTCOME_GROUPS),
    ...APPLICANT_COLUMNS.map((c) => c.label),
    ...REVIEW_GROUPS.map((g) => g.label),
    ...REVIEW_FIELDS.map((f) => f.label),
  ];
}
