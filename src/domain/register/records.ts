/**
 * The other registers an agency keeps for its annual report, read from spreadsheet rows:
 * - documents: 规章 / 行政规范性文件 with issue and repeal dates (表二 第二十条第（一）项);
 * - figures: yearly 行政许可 / 行政处罚 / 行政强制 decisions and 行政事业性收费 in 万元 (第（五）（六）（八）项);
 * - reviews: 行政复议 / 行政诉讼 cases about disclosure, with result or pending (表四).
 * Each problem names the row, the column, the value and the reason.
 */
import { ACTIVE_BLOCKS, REVIEW_FIELDS, REVIEW_GROUPS, type ReviewGroupKey } from "../report/definition.js";
import { parseDate } from "./application-row.js";

export type RecordKind = "documents" | "figures" | "reviews";

interface Column {
  key: string;
  header: string;
  required: boolean;
}

const col = (key: string, header: string, required = true): Column => ({ key, header, required });

/** The 2019-edition table-二 cells, as figure-register columns: 规章本年新制作数量, 行政许可本年增/减 … */
const EDITION2019_CELLS = ACTIVE_BLOCKS["2019"].flatMap((b) =>
  b.rows.flatMap((r) =>
    b.columns.map((c) => ({
      row: r.key,
      field: c.key!,
      kind: c.kind,
      path: `2019.${r.key}.${c.key}`,
      header: `${r.label}${c.label}`,
    })),
  ),
);
const activeLabel = (key: string) =>
  ACTIVE_BLOCKS["2021"].flatMap((b) => b.rows).find((r) => r.key === key)!.label;

/** The columns of each register (Chinese header, or the key). */
export const RECORD_COLUMNS: Record<RecordKind, Column[]> = {
  documents: [
    col("agency", "机关"),
    col("kind", "类别"),
    col("title", "标题"),
    col("doc_number", "文号", false),
    col("issued", "印发日期"),
    col("repealed", "废止日期", false),
  ],
  figures: [
    col("agency", "机关"),
    col("year", "年度"),
    col("licensing", activeLabel("administrative_licensing"), false),
    col("penalty", activeLabel("administrative_penalty"), false),
    col("coercion", activeLabel("administrative_coercion"), false),
    col("fees_10k_yuan", `${activeLabel("administrative_fees_10k_yuan")}（万元）`, false),
    // 2019 edition (reports for 2019–2020): one column per cell of table 二, headed row label + column label.
    ...EDITION2019_CELLS.map((c) => col(c.path, c.header, false)),
  ],
  reviews: [
    col("agency", "机关"),
    col("application_ref", "申请编号", false),
    col("kind", "类别"),
    col("filed", "立案日期"),
    col("result", "结果", false),
    col("decided", "审结日期", false),
  ],
};

/** 类别 of a document as printed → register kind. */
const DOCUMENT_KINDS: Record<string, "regulation" | "normative_document"> = {
  规章: "regulation",
  行政规范性文件: "normative_document",
  规范性文件: "normative_document",
};

/** 类别 of a review case: the table-四 group labels, and short forms. */
const REVIEW_KINDS = new Map<string, ReviewGroupKey>([
  ...REVIEW_GROUPS.flatMap(
    (g) =>
      [
        [g.key, g.key],
        [g.label, g.key],
        [g.fullLabel, g.key],
      ] as [string, ReviewGroupKey][],
  ),
  ["行政诉讼", "litigation_direct"],
]);

/** 结果 of a review case: 结果维持 / 维持 … (blank = 尚未审结). */
const RESULTS = new Map<string, "upheld" | "corrected" | "other">(
  REVIEW_FIELDS.filter((f) => f.key === "upheld" || f.key === "corrected" || f.key === "other").flatMap(
    (f) =>
      [
        [f.key, f.key],
        [f.label, f.key],
        [f.label.replace(/^结果/, ""), f.key],
      ] as [string, "upheld" | "corrected" | "other"][],
  ),
);

export type ParsedRecord =
  | {
      kind: "documents";
      agency: string;
      docKind: "regulation" | "normative_document";
      title: string;
      docNumber: string | null;
      issued: string;
      repealed: string | null;
    }
  | {
      kind: "figures";
      agency: string;
      year: number;
      licensing: number | null;
      penalty: number | null;
      coercion: number | null;
      fees10kYuan: string | null;
      /** 2019-edition table 二 (gongkai.report/1 shape), when any of its columns is filled. */
      edition2019: Record<string, Record<string, number | string | null>> | null;
    }
  | {
      kind: "reviews";
      agency: string;
      applicationRef: string | null;
      reviewKind: ReviewGroupKey;
      filed: string;
      result: "upheld" | "corrected" | "other" | null;
      decided: string | null;
    };

/** Maps a header row to column keys; returns the missing required columns too. */
export function mapRecordHeader(
  kind: RecordKind,
  header: readonly string[],
): { keys: (string | null)[]; missing: string[] } {
  const cols = RECORD_COLUMNS[kind];
  const keys = header.map((h) => cols.find((c) => c.header === h.trim() || c.key === h.trim())?.key ?? null);
  const missing = cols.filter((c) => c.required && !keys.includes(c.key)).map((c) => c.header);
  return { keys, missing };
}

/** Reads one data row of a register; `line` is its row number in the file (header = 1). */
export function readRecordRow(
  kind: RecordKind,
  keys: readonly (string | null)[],
  cells: readonly string[],
  line: number,
): { record?: ParsedRecord; errors: string[] } {
  const raw: Record<string, string> = {};
  keys.forEach((k, i) => {
    if (k) raw[k] = (cells[i] ?? "").trim();
  });
  const errors: string[] = [];
  const header = (key: string) => RECORD_COLUMNS[kind].find((c) => c.key === key)!.header;
  const bad = (key: string, reason: string) =>
    errors.push(`第 ${line} 行「${header(key)}」：${reason}（值为“${raw[key]}”）`);
  const required = (key: string) => {
    if (!raw[key]) errors.push(`第 ${line} 行「${header(key)}」：不能为空`);
    return raw[key] ?? "";
  };
  const date = (key: string, need: boolean) => {
    if (!raw[key]) {
      if (need) required(key);
      return null;
    }
    const d = parseDate(raw[key]);
    if (!d) bad(key, "不是有效日期（应为 2026-09-28、2026/9/28 或 2026年9月28日）");
    return d;
  };
  const count = (key: string) => {
    if (!raw[key]) return null;
    const n = Number(raw[key]);
    if (!Number.isInteger(n) || n < 0) bad(key, "应为非负整数");
    return n;
  };
  const agency = required("agency");

  if (kind === "documents") {
    const docKind = DOCUMENT_KINDS[required("kind")];
    if (raw.kind && !docKind) bad("kind", "类别应为 规章 或 行政规范性文件");
    const title = required("title");
    const issued = date("issued", true);
    const repealed = date("repealed", false);
    if (issued && repealed && repealed < issued)
      errors.push(`第 ${line} 行：废止日期 ${repealed} 早于印发日期 ${issued}`);
    if (errors.length) return { errors };
    return {
      errors,
      record: {
        kind,
        agency,
        docKind: docKind!,
        title,
        docNumber: raw.doc_number || null,
        issued: issued!,
        repealed,
      },
    };
  }
  if (kind === "figures") {
    const year = Number(required("year"));
    if (raw.year && (!Number.isInteger(year) || year < 2000 || year > 2100))
      bad("year", "应为统计年度，如 2025");
    const fees = raw.fees_10k_yuan ? raw.fees_10k_yuan.replace(/,/g, "") : null;
    if (fees !== null && !/^\d+(\.\d+)?$/.test(fees))
      bad("fees_10k_yuan", "应为以万元计的十进制数，如 178.2028");
    const [licensing, penalty, coercion] = [count("licensing"), count("penalty"), count("coercion")];
    let edition2019: Record<string, Record<string, number | string | null>> | null = null;
    if (EDITION2019_CELLS.some((c) => raw[c.path])) {
      edition2019 = {};
      for (const c of EDITION2019_CELLS) {
        const text = raw[c.path] ?? "";
        let value: number | string | null = null;
        if (text && c.kind === "amountAsPrinted") value = text;
        else if (text) {
          value = Number(text);
          const ok = Number.isInteger(value) && (c.kind === "signed" || value >= 0);
          if (!ok) bad(c.path, c.kind === "signed" ? "应为整数（减少写负数，如 -8）" : "应为非负整数");
        }
        edition2019[c.row] = { ...edition2019[c.row], [c.field]: value };
      }
    }
    if (errors.length) return { errors };
    return {
      errors,
      record: { kind, agency, year, licensing, penalty, coercion, fees10kYuan: fees, edition2019 },
    };
  }
  const reviewKind = REVIEW_KINDS.get(required("kind"));
  if (raw.kind && !reviewKind) bad("kind", "类别应为 行政复议、未经复议直接起诉 或 复议后起诉");
  const filed = date("filed", true);
  const result = raw.result ? (RESULTS.get(raw.result) ?? null) : null;
  if (raw.result && !result) bad("result", "结果应为 维持、纠正、其他，尚未审结的留空");
  const decided = date("decided", false);
  if (!!raw.result !== !!raw.decided)
    errors.push(`第 ${line} 行：结果和审结日期应同时填写（尚未审结的都留空）`);
  if (filed && decided && decided < filed)
    errors.push(`第 ${line} 行：审结日期 ${decided} 早于立案日期 ${filed}`);
  if (errors.length) return { errors };
  return {
    errors,
    record: {
      kind,
      agency,
      applicationRef: raw.application_ref || null,
      reviewKind: reviewKind!,
      filed: filed!,
      result,
      decided,
    },
  };
}
