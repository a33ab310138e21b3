/**
 * The JSON Schema (draft 2020-12) of gongkai.report/1, generated from the table definition so
 * that it can never drift from the labels and keys. Published by `gongkai schema`.
 */
import {
  ACTIVE_BLOCKS,
  APPLICATION_ROW,
  type CellKind,
  COLUMN_COUNT,
  type Edition,
  REVIEW_FIELDS,
  REVIEW_GROUPS,
  SECTIONS,
} from "./definition.js";
import { SCHEMA_ID } from "./model.js";

const blankOrNA = [
  { type: "null", description: "空白单元格（不等于 0）" },
  { const: "/", description: "不适用" },
];

function cellSchema(kind: CellKind): Record<string, unknown> {
  switch (kind) {
    case "count":
      return { anyOf: [{ type: "integer", minimum: 0 }, ...blankOrNA] };
    case "signed":
      return { anyOf: [{ type: "integer" }, ...blankOrNA] };
    case "amount":
      return { anyOf: [{ type: "string", pattern: "^\\d+(\\.\\d+)?$" }, ...blankOrNA] };
    case "amountAsPrinted":
      return { anyOf: [{ type: "string", minLength: 1 }, ...blankOrNA] };
  }
}

function activeSchema(edition: Edition): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const block of ACTIVE_BLOCKS[edition]) {
    for (const r of block.rows) {
      if (block.columns.length === 1 && block.columns[0]!.key === null) {
        properties[r.key] = {
          ...cellSchema(block.columns[0]!.kind),
          title: `${block.item} ${r.label} ${block.columns[0]!.label}`,
        };
      } else {
        properties[r.key] = {
          type: "object",
          title: `${block.item} ${r.label}`,
          properties: Object.fromEntries(
            block.columns.map((c) => [c.key, { ...cellSchema(c.kind), title: c.label }]),
          ),
          required: block.columns.map((c) => c.key),
          additionalProperties: false,
        };
      }
    }
  }
  return { type: "object", properties, required: Object.keys(properties), additionalProperties: false };
}

/** The JSON Schema of the interchange format. */
export function reportJsonSchema(): Record<string, unknown> {
  const row = {
    type: "array",
    minItems: COLUMN_COUNT,
    maxItems: COLUMN_COUNT,
    items: cellSchema("count"),
  };
  const rowProps = Object.fromEntries(
    Object.values(APPLICATION_ROW).map((r) => [r.key, { ...row, title: r.label }]),
  );
  const common = [
    "new_received",
    "carried_over",
    "granted",
    "partially_granted",
    ...Object.values(APPLICATION_ROW)
      .filter((r) => r.group && r.group !== "other")
      .map((r) => r.key),
    "total_processed",
    "carried_forward",
  ];
  const group = {
    type: "object",
    properties: Object.fromEntries(
      REVIEW_FIELDS.map((f) => [f.key, { ...cellSchema("count"), title: f.label }]),
    ),
    required: REVIEW_FIELDS.map((f) => f.key),
    additionalProperties: false,
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://gongkai.invalid/schema/gongkai.report-1.json",
    title: "gongkai.report/1 — 政府信息公开工作年度报告",
    type: "object",
    required: ["schema", "edition", "year", "agency", "active", "applications", "review_litigation"],
    properties: {
      schema: { const: SCHEMA_ID },
      edition: { enum: ["2019", "2021"] },
      year: { type: "integer", minimum: 2000, maximum: 2100 },
      agency: { type: "string" },
      title: { type: "string" },
      applications: {
        type: "object",
        properties: rowProps,
        required: common,
        additionalProperties: false,
        oneOf: [
          {
            required: ["other_no_correction", "other_no_fee", "other_other"],
            not: { required: ["other_processing"] },
          },
          {
            required: ["other_processing"],
            not: {
              anyOf: [
                { required: ["other_no_correction"] },
                { required: ["other_no_fee"] },
                { required: ["other_other"] },
              ],
            },
          },
        ],
      },
      review_litigation: {
        type: "object",
        properties: Object.fromEntries(REVIEW_GROUPS.map((g) => [g.key, { ...group, title: g.fullLabel }])),
        required: REVIEW_GROUPS.map((g) => g.key),
        additionalProperties: false,
      },
      sections: {
        type: "object",
        properties: Object.fromEntries(
          ["preamble", ...SECTIONS.map((s) => s.key)].map((k) => [k, { type: "string" }]),
        ),
        additionalProperties: false,
      },
      uncertain: { type: "array", items: { type: "string" } },
      provenance: { type: "object", additionalProperties: { type: "string" } },
      warnings: { type: "array", items: { type: "string" } },
    },
    allOf: [
      {
        if: { properties: { edition: { const: "2021" } } },
        then: { properties: { active: activeSchema("2021") } },
      },
      {
        if: { properties: { edition: { const: "2019" } } },
        then: { properties: { active: activeSchema("2019") } },
      },
    ],
  };
}
