/**
 * Reading and writing gongkai.report/1 (shared/spec/report-json.md), with validation whose
 * messages name the path: `applications.granted[2]: 应为非负整数，实际为 "3件"`.
 * Structure and foreign values are input errors; numbers that break a cell's kind (negative,
 * fractional) are read as they are and reported by the CELL-VALUE check.
 */
import { GongkaiError } from "../errors.js";
import {
  ACTIVE_BLOCKS,
  APPLICATION_ROW,
  type ApplicationRowKey,
  applicationRows,
  type CellKind,
  COLUMN_COUNT,
  EDITIONS,
  type Edition,
  REVIEW_FIELDS,
  REVIEW_GROUPS,
  SECTIONS,
} from "./definition.js";
import { jsonErrorOffset, lineColumn } from "./json-syntax.js";
import {
  type ActiveTable,
  type ApplicationsTable,
  type CellValue,
  otherLayoutOf,
  type Report,
  type ReviewTable,
  SCHEMA_ID,
  type Sections,
} from "./model.js";

const KNOWN_MEMBERS = new Set([
  "schema",
  "edition",
  "year",
  "agency",
  "title",
  "active",
  "applications",
  "review_litigation",
  "sections",
  "uncertain",
  "provenance",
  "warnings",
]);
const NARRATIVE_KEYS = new Set<string>(["preamble", ...SECTIONS.map((s) => s.key)]);
/** A decimal as printed: digits with an optional fraction (万元 amounts). */
export const DECIMAL_RE = /^\d+(\.\d+)?$/;

const show = (v: unknown): string => (typeof v === "string" ? `"${v}"` : (JSON.stringify(v) ?? String(v)));
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Validates one cell value against its kind; returns the problem, or null when it can be read. */
export function cellProblem(kind: CellKind, v: unknown): string | null {
  if (v === null || v === "/") return null;
  switch (kind) {
    case "count":
    case "signed":
      if (typeof v === "number" && Number.isFinite(v)) return null;
      return kind === "count" ? `应为非负整数，实际为 ${show(v)}` : `应为整数，实际为 ${show(v)}`;
    case "amount":
      if (typeof v === "string" && DECIMAL_RE.test(v)) return null;
      if (typeof v === "number") return `金额应写成十进制字符串（如 "${v}"），实际为数字 ${v}`;
      return `应为十进制金额字符串（如 "178.2028"），实际为 ${show(v)}`;
    case "amountAsPrinted":
      if (typeof v === "string" && v.trim() !== "") return null;
      return `应为按原文书写的金额字符串（如 "251000元"），实际为 ${show(v)}`;
  }
}

/** Reads a report from gongkai.report/1 JSON text; throws GongkaiError REPORT-JSON-INVALID naming every problem. */
export function parseReportJson(text: string, where = "输入"): Report {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new GongkaiError("REPORT-JSON-SYNTAX", `${where}不是有效的 JSON：${jsonSyntaxPlace(text, e)}`);
  }
  return reportFromJson(data, where);
}

function jsonSyntaxPlace(text: string, e: unknown): string {
  const offset = jsonErrorOffset(text);
  const msg = e instanceof Error ? e.message : String(e);
  if (offset < 0) return msg;
  const { line, column } = lineColumn(text, offset);
  const near = text.slice(offset, offset + 20).split("\n")[0];
  return `第 ${line} 行第 ${column} 列有语法错误${near ? `（“${near}”处）` : "（文件在此处意外结束）"}`;
}

/** Builds a report from parsed JSON data; throws GongkaiError REPORT-JSON-INVALID naming every problem. */
export function reportFromJson(data: unknown, where = "输入"): Report {
  const problems: string[] = [];
  const fail = (): never => {
    throw new GongkaiError(
      "REPORT-JSON-INVALID",
      `${where}不是有效的 gongkai.report/1 年报数据（${problems.length} 处问题）：`,
      problems,
    );
  };
  if (!isObject(data)) {
    problems.push(`顶层应为 JSON 对象，实际为 ${Array.isArray(data) ? "数组" : show(data)}`);
    return fail();
  }
  if (data.schema !== SCHEMA_ID) problems.push(`schema: 应为 "${SCHEMA_ID}"，实际为 ${show(data.schema)}`);
  const edition = data.edition;
  if (!EDITIONS.includes(edition as Edition)) {
    problems.push(`edition: 应为 "2019" 或 "2021"，实际为 ${show(edition)}`);
    return fail();
  }
  const ed = edition as Edition;
  const year = data.year;
  if (typeof year !== "number" || !Number.isInteger(year) || year < 2000 || year > 2100)
    problems.push(`year: 应为统计年度（如 2021），实际为 ${show(year)}`);
  if (typeof data.agency !== "string")
    problems.push(`agency: 应为机关名称字符串，实际为 ${show(data.agency)}`);
  if (data.title !== undefined && typeof data.title !== "string")
    problems.push(`title: 应为字符串，实际为 ${show(data.title)}`);

  const active = readActive(data.active, ed, problems);
  const applications = readApplications(data.applications, ed, problems);
  const review = readReview(data.review_litigation, problems);
  const sections = readSections(data.sections, problems);
  const uncertain = readStringList(data.uncertain, "uncertain", problems);
  const warnings = readStringList(data.warnings, "warnings", problems);
  let provenance: Record<string, string> | undefined;
  if (data.provenance !== undefined) {
    if (!isObject(data.provenance) || Object.values(data.provenance).some((v) => typeof v !== "string"))
      problems.push("provenance: 应为“单元格路径 → 来源位置”字符串的对象");
    else provenance = data.provenance as Record<string, string>;
  }
  if (problems.length > 0) fail();

  const report: Report = {
    schema: SCHEMA_ID,
    edition: ed,
    year: year as number,
    agency: data.agency as string,
    active,
    applications,
    review_litigation: review,
  };
  if (typeof data.title === "string") report.title = data.title;
  if (sections) report.sections = sections;
  if (uncertain) report.uncertain = uncertain;
  if (provenance) report.provenance = provenance;
  if (warnings) report.warnings = warnings;
  const extra = Object.fromEntries(Object.entries(data).filter(([k]) => !KNOWN_MEMBERS.has(k)));
  if (Object.keys(extra).length > 0) report.extra = extra;
  return report;
}

function readActive(v: unknown, edition: Edition, problems: string[]): ActiveTable {
  const out: ActiveTable = {};
  if (!isObject(v)) {
    problems.push(`active: 应为对象（表二），实际为 ${show(v)}`);
    return out;
  }
  const known = new Set<string>();
  for (const block of ACTIVE_BLOCKS[edition]) {
    for (const r of block.rows) {
      known.add(r.key);
      const path = `active.${r.key}`;
      const cell = v[r.key];
      if (block.columns.length === 1 && block.columns[0]!.key === null) {
        if (cell === undefined) problems.push(`${path}: 缺少该项（${r.label}）`);
        else {
          const p = cellProblem(block.columns[0]!.kind, cell);
          if (p) problems.push(`${path}: ${p}`);
          else out[r.key] = cell as CellValue;
        }
        continue;
      }
      if (!isObject(cell)) {
        problems.push(
          `${path}: 应为对象（${r.label}：${block.columns.map((c) => c.key).join("、")}），实际为 ${show(cell)}`,
        );
        continue;
      }
      const obj: Record<string, CellValue> = {};
      for (const c of block.columns) {
        const key = c.key as string;
        const value = cell[key];
        if (value === undefined) problems.push(`${path}.${key}: 缺少该单元格（${r.label}·${c.label}）`);
        else {
          const p = cellProblem(c.kind, value);
          if (p) problems.push(`${path}.${key}: ${p}`);
          else obj[key] = value as CellValue;
        }
      }
      for (const k of Object.keys(cell)) {
        if (!block.columns.some((c) => c.key === k))
          problems.push(`${path}.${k}: 不是${edition}年版表二的栏目`);
      }
      out[r.key] = obj;
    }
  }
  for (const k of Object.keys(v)) {
    if (!known.has(k)) problems.push(`active.${k}: 不是${edition}年版表二的项目（请检查 edition 是否正确）`);
  }
  return out;
}

function readApplications(v: unknown, edition: Edition, problems: string[]): ApplicationsTable {
  const out: ApplicationsTable = {};
  if (!isObject(v)) {
    problems.push(`applications: 应为对象（表三），实际为 ${show(v)}`);
    return out;
  }
  const hasSingle = v.other_processing !== undefined;
  const hasSplit =
    v.other_no_correction !== undefined || v.other_no_fee !== undefined || v.other_other !== undefined;
  if (hasSingle && hasSplit)
    problems.push("applications: 不能同时有（六）其他处理的单行（other_processing）和分项（other_*）");
  const layout = otherLayoutOf({ applications: v as ApplicationsTable, edition });
  for (const r of applicationRows(layout)) {
    const path = `applications.${r.key}`;
    const values = v[r.key];
    if (values === undefined) {
      problems.push(`${path}: 缺少该行（${r.label}）`);
      continue;
    }
    if (!Array.isArray(values) || values.length !== COLUMN_COUNT) {
      problems.push(`${path}: 应为 ${COLUMN_COUNT} 个单元格的数组（自然人…总计），实际为 ${show(values)}`);
      continue;
    }
    values.forEach((cell, i) => {
      const p = cellProblem("count", cell);
      if (p) problems.push(`${path}[${i}]: ${p}`);
    });
    out[r.key] = values as CellValue[];
  }
  for (const k of Object.keys(v)) {
    if (!(k in APPLICATION_ROW)) problems.push(`applications.${k}: 不是表三的行`);
  }
  return out as Record<ApplicationRowKey, CellValue[]>;
}

function readReview(v: unknown, problems: string[]): ReviewTable {
  const out = {} as ReviewTable;
  if (!isObject(v)) {
    problems.push(`review_litigation: 应为对象（表四），实际为 ${show(v)}`);
    return out;
  }
  for (const g of REVIEW_GROUPS) {
    const group = v[g.key];
    const path = `review_litigation.${g.key}`;
    if (!isObject(group)) {
      problems.push(`${path}: 应为对象（${g.fullLabel}），实际为 ${show(group)}`);
      continue;
    }
    const obj = {} as Record<string, CellValue>;
    for (const f of REVIEW_FIELDS) {
      const cell = group[f.key];
      if (cell === undefined) problems.push(`${path}.${f.key}: 缺少该单元格（${g.fullLabel}·${f.label}）`);
      else {
        const p = cellProblem("count", cell);
        if (p) problems.push(`${path}.${f.key}: ${p}`);
        else obj[f.key] = cell as CellValue;
      }
    }
    out[g.key] = obj as ReviewTable[typeof g.key];
  }
  return out;
}

function readSections(v: unknown, problems: string[]): Sections | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) {
    problems.push("sections: 应为对象（preamble、overview … other → 文字）");
    return undefined;
  }
  const out: Sections = {};
  for (const [k, text] of Object.entries(v)) {
    if (!NARRATIVE_KEYS.has(k))
      problems.push(`sections.${k}: 未知的章节（可用：${[...NARRATIVE_KEYS].join("、")}）`);
    else if (typeof text !== "string") problems.push(`sections.${k}: 应为字符串`);
    else out[k as keyof Sections] = text;
  }
  return out;
}

function readStringList(v: unknown, name: string, problems: string[]): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== "string")) {
    problems.push(`${name}: 应为字符串数组`);
    return undefined;
  }
  return v as string[];
}

/** The report as a plain JSON object with members in the format's order. */
export function reportToJsonObject(report: Report): Record<string, unknown> {
  const out: Record<string, unknown> = {
    schema: SCHEMA_ID,
    edition: report.edition,
    year: report.year,
    agency: report.agency,
  };
  if (report.title !== undefined) out.title = report.title;
  const active: Record<string, unknown> = {};
  for (const block of ACTIVE_BLOCKS[report.edition]) {
    for (const r of block.rows) {
      const v = report.active[r.key];
      if (v !== null && typeof v === "object") {
        active[r.key] = Object.fromEntries(block.columns.map((c) => [c.key, v[c.key as string] ?? null]));
      } else active[r.key] = v ?? null;
    }
  }
  out.active = active;
  const applications: Record<string, unknown> = {};
  for (const r of applicationRows(otherLayoutOf(report))) {
    applications[r.key] = report.applications[r.key] ?? Array.from({ length: COLUMN_COUNT }, () => null);
  }
  out.applications = applications;
  out.review_litigation = Object.fromEntries(
    REVIEW_GROUPS.map((g) => [
      g.key,
      Object.fromEntries(REVIEW_FIELDS.map((f) => [f.key, report.review_litigation[g.key]?.[f.key] ?? null])),
    ]),
  );
  if (report.sections) out.sections = report.sections;
  if (report.uncertain) out.uncertain = report.uncertain;
  if (report.provenance) out.provenance = report.provenance;
  if (report.warnings) out.warnings = report.warnings;
  for (const [k, v] of Object.entries(report.extra ?? {})) out[k] = v;
  return out;
}

/** Serialises a report as gongkai.report/1 JSON; rows of table 三 stay on one line each. */
export function reportToJson(report: Report): string {
  return `${stringifyCompact(reportToJsonObject(report), "")}\n`;
}

/** JSON.stringify with two-space indent, but arrays of scalars on one line. */
export function stringifyCompact(v: unknown, indent: string): string {
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== "object"))
      return `[${v.map((x) => JSON.stringify(x)).join(", ")}]`;
    const inner = `${indent}  `;
    return `[\n${v.map((x) => inner + stringifyCompact(x, inner)).join(",\n")}\n${indent}]`;
  }
  if (isObject(v)) {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return "{}";
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${stringifyCompact(x, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(v) ?? "null";
}
