/** The official labels a rendered report must contain, taken from the table definition. */
import {
  ACTIVE_BLOCKS,
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
  SECTIONS,
} from "../src/domain/report/definition.js";
import { otherLayoutOf, type Report } from "../src/domain/report/model.js";

/** Every official label a rendered report of this edition and layout of row （六） must contain. */
export function officialLabels(r: Report): string[] {
  return [
    ...SECTIONS.map((s) => s.heading),
    ...ACTIVE_BLOCKS[r.edition].flatMap((b) => [
      b.item,
      b.contentLabel,
      ...b.columns.map((c) => c.label),
      ...b.rows.map((x) => x.label),
    ]),
    APPLICATIONS_NOTE,
    APPLICANT_HEADER,
    ORGANISATION_HEADER,
    ...APPLICANT_COLUMNS.map((c) => c.label),
    OUTCOMES_LABEL,
    ...Object.values(OUTCOME_GROUPS),
    ...applicationRows(otherLayoutOf(r)).map((x) => x.label),
    REVIEW_HEADER,
    LITIGATION_HEADER,
    ...REVIEW_GROUPS.map((g) => g.label),
    ...REVIEW_FIELDS.map((f) => f.label),
  ];
}
