/**
 * THE table definition of the national annual-report format, both editions.
 *
 * Every official label lives here and nowhere else: the model's keys, the JSON reader and
 * schema, the checks, the renderers and the parsers all read this file.
 * Sources: 国办公开办函〔2021〕30号 (edition "2021", reports for 2021 on) and
 * 国办公开办函〔2019〕60号 (edition "2019", reports for 2019–2020); labels per
 * shared/spec/rules.md §1–2, keys per shared/spec/report-json.md.
 */

export type Edition = "2019" | "2021";
export const EDITIONS: readonly Edition[] = ["2019", "2021"];

/** Document numbers of the two formats, for citations in messages and rendered footers. */
export const EDITION_SOURCE: Record<Edition, string> = {
  "2019": "国办公开办函〔2019〕60号",
  "2021": "国办公开办函〔2021〕30号",
};

// ---------------------------------------------------------------------------------------------
// The six sections of the report (rules.md §1.2)
// ---------------------------------------------------------------------------------------------

export type SectionKey = "overview" | "active" | "applications" | "review_litigation" | "problems" | "other";

export interface SectionDef {
  key: SectionKey;
  /** Chinese numeral used in the heading: 一 … 六. */
  numeral: string;
  heading: string;
  /** The statistical table printed in this section, if any. */
  table?: "active" | "applications" | "review_litigation";
}

export const SECTIONS: readonly SectionDef[] = [
  { key: "overview", numeral: "一", heading: "一、总体情况" },
  { key: "active", numeral: "二", heading: "二、主动公开政府信息情况", table: "active" },
  {
    key: "applications",
    numeral: "三",
    heading: "三、收到和处理政府信息公开申请情况",
    table: "applications",
  },
  {
    key: "review_litigation",
    numeral: "四",
    heading: "四、政府信息公开行政复议、行政诉讼情况",
    table: "review_litigation",
  },
  { key: "problems", numeral: "五", heading: "五、存在的主要问题及改进情况" },
  { key: "other", numeral: "六", heading: "六、其他需要报告的事项" },
];

// ---------------------------------------------------------------------------------------------
// Cell kinds
// ---------------------------------------------------------------------------------------------

/**
 * count: a non-negative integer; signed: an integer that may be negative (2019 本年增/减);
 * amount: a decimal string whose unit the header fixes (万元); amountAsPrinted: a string that keeps
 * the unit as printed (2019 采购总金额, whose header names no unit).
 */
export type CellKind = "count" | "signed" | "amount" | "amountAsPrinted";

// ---------------------------------------------------------------------------------------------
// Table 二 — 主动公开政府信息情况
// ---------------------------------------------------------------------------------------------

export interface ActiveColumn {
  /** Field key inside the row object; null when the row holds a single scalar value. */
  key: string | null;
  label: string;
  kind: CellKind;
}

export interface ActiveRow {
  key: string;
  label: string;
}

export interface ActiveBlock {
  /** The block header row, spanning the whole table: 第二十条第（一）项 … */
  item: string;
  /** Header of the label column. */
  contentLabel: string;
  columns: readonly ActiveColumn[];
  rows: readonly ActiveRow[];
}

/** Table 二 is four columns wide: the label column and three value columns. */
export const ACTIVE_VALUE_COLUMNS = 3;

const CONTENT = "信息内容";

export const ACTIVE_BLOCKS: Record<Edition, readonly ActiveBlock[]> = {
  "2021": [
    {
      item: "第二十条第（一）项",
      contentLabel: CONTENT,
      columns: [
        { key: "issued", label: "本年制发件数", kind: "count" },
        { key: "repealed", label: "本年废止件数", kind: "count" },
        { key: "in_force", label: "现行有效件数", kind: "count" },
      ],
      rows: [
        { key: "regulations", label: "规章" },
        { key: "normative_documents", label: "行政规范性文件" },
      ],
    },
    {
      item: "第二十条第（五）项",
      contentLabel: CONTENT,
      columns: [{ key: null, label: "本年处理决定数量", kind: "count" }],
      rows: [{ key: "administrative_licensing", label: "行政许可" }],
    },
    {
      item: "第二十条第（六）项",
      contentLabel: CONTENT,
      columns: [{ key: null, label: "本年处理决定数量", kind: "count" }],
      rows: [
        { key: "administrative_penalty", label: "行政处罚" },
        { key: "administrative_coercion", label: "行政强制" },
      ],
    },
    {
      item: "第二十条第（八）项",
      contentLabel: CONTENT,
      columns: [{ key: null, label: "本年收费金额（单位：万元）", kind: "amount" }],
      rows: [{ key: "administrative_fees_10k_yuan", label: "行政事业性收费" }],
    },
  ],
  "2019": [
    {
      item: "第二十条第（一）项",
      contentLabel: CONTENT,
      columns: [
        { key: "newly_made", label: "本年新制作数量", kind: "count" },
        { key: "newly_published", label: "本年新公开数量", kind: "count" },
        { key: "total_published", label: "对外公开总数量", kind: "count" },
      ],
      rows: [
        { key: "regulations", label: "规章" },
        { key: "normative_documents", label: "规范性文件" },
      ],
    },
    {
      item: "第二十条第（五）项",
      contentLabel: CONTENT,
      columns: [
        { key: "prev_year_items", label: "上一年项目数量", kind: "count" },
        { key: "change", label: "本年增/减", kind: "signed" },
        { key: "decisions", label: "处理决定数量", kind: "count" },
      ],
      rows: [
        { key: "administrative_licensing", label: "行政许可" },
        { key: "other_external_management_services", label: "其他对外管理服务事项" },
      ],
    },
    {
      item: "第二十条第（六）项",
      contentLabel: CONTENT,
      columns: [
        { key: "prev_year_items", label: "上一年项目数量", kind: "count" },
        { key: "change", label: "本年增/减", kind: "signed" },
        { key: "decisions", label: "处理决定数量", kind: "count" },
      ],
      rows: [
        { key: "administrative_penalty", label: "行政处罚" },
        { key: "administrative_coercion", label: "行政强制" },
      ],
    },
    {
      item: "第二十条第（八）项",
      contentLabel: CONTENT,
      columns: [
        { key: "prev_year_items", label: "上一年项目数量", kind: "count" },
        { key: "change", label: "本年增/减", kind: "signed" },
      ],
      rows: [{ key: "administrative_fees", label: "行政事业性收费" }],
    },
    {
      item: "第二十条第（九）项",
      contentLabel: CONTENT,
      columns: [
        { key: "projects", label: "采购项目数量", kind: "count" },
        { key: "total_amount", label: "采购总金额", kind: "amountAsPrinted" },
      ],
      rows: [{ key: "centralized_procurement", label: "政府集中采购" }],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Table 三 — 收到和处理政府信息公开申请情况
// ---------------------------------------------------------------------------------------------

/** The official note in the top-left header cell (the table's own 勾稽关系). */
export const APPLICATIONS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
export const APPLICANT_HEADER = "申请人情况";
export const ORGANISATION_HEADER = "法人或其他组织";

export interface ApplicantColumn {
  index: number;
  label: string;
  /** True for the five 法人或其他组织 sub-columns. */
  organisation: boolean;
}

/** Data columns 0–6 (report-json.md): 自然人, five organisation types, 总计. */
export const APPLICANT_COLUMNS: readonly ApplicantColumn[] = [
  { index: 0, label: "自然人", organisation: false },
  { index: 1, label: "商业企业", organisation: true },
  { index: 2, label: "科研机构", organisation: true },
  { index: 3, label: "社会公益组织", organisation: true },
  { index: 4, label: "法律服务机构", organisation: true },
  { index: 5, label: "其他", organisation: true },
  { index: 6, label: "总计", organisation: false },
];
export const COLUMN_COUNT = 7;
/** Index of the 总计 column. */
export const TOTAL_COLUMN = 6;

export type ApplicationRowKey =
  | "new_received"
  | "carried_over"
  | "granted"
  | "partially_granted"
  | "denied_state_secret"
  | "denied_prohibited_by_law"
  | "denied_three_safeties_one_stability"
  | "denied_third_party_rights"
  | "denied_internal_affairs"
  | "denied_process_info"
  | "denied_enforcement_case"
  | "denied_administrative_query"
  | "unable_not_held"
  | "unable_needs_creation"
  | "unable_unclear_after_correction"
  | "not_processed_petition_complaint"
  | "not_processed_repeated"
  | "not_processed_publication"
  | "not_processed_massive_repeated"
  | "not_processed_confirm_reissue"
  | "other_no_correction"
  | "other_no_fee"
  | "other_other"
  | "other_processing"
  | "total_processed"
  | "carried_forward";

/** The merged label cell that spans the outcome rows: 三、本年度办理结果. */
export const OUTCOMES_LABEL = "三、本年度办理结果";

/** Outcome groups whose label is a merged L2 cell over their numbered L3 rows. */
export type OutcomeGroupKey = "denied" | "unable" | "not_processed" | "other";
export const OUTCOME_GROUPS: Record<OutcomeGroupKey, string> = {
  denied: "（三）不予公开",
  unable: "（四）无法提供",
  not_processed: "（五）不予处理",
  other: "（六）其他处理",
};

/**
 * role: 'input' rows 一 and 二; 'outcome' rows count into （七）总计; 'total' is （七）;
 * 'carry' is 四、结转下年度继续办理.
 */
export interface ApplicationRow {
  key: ApplicationRowKey;
  /** The row's own label cell text (L3 for grouped rows, else the spanning label). */
  label: string;
  role: "input" | "outcome" | "total" | "carry";
  /** Inside 三、本年度办理结果. */
  inOutcomes: boolean;
  /** The merged L2 group label this row sits under, if any. */
  group?: OutcomeGroupKey;
}

const row = (
  key: ApplicationRowKey,
  label: string,
  role: ApplicationRow["role"],
  group?: OutcomeGroupKey,
): ApplicationRow => ({
  key,
  label,
  role,
  inOutcomes: role === "outcome" || role === "total",
  ...(group ? { group } : {}),
});

const ROWS_BEFORE_OTHER: readonly ApplicationRow[] = [
  row("new_received", "一、本年新收政府信息公开申请数量", "input"),
  row("carried_over", "二、上年结转政府信息公开申请数量", "input"),
  row("granted", "（一）予以公开", "outcome"),
  row("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "outcome"),
  row("denied_state_secret", "1.属于国家秘密", "outcome", "denied"),
  row("denied_prohibited_by_law", "2.其他法律行政法规禁止公开", "outcome", "denied"),
  row("denied_three_safeties_one_stability", "3.危及“三安全一稳定”", "outcome", "denied"),
  row("denied_third_party_rights", "4.保护第三方合法权益", "outcome", "denied"),
  row("denied_internal_affairs", "5.属于三类内部事务信息", "outcome", "denied"),
  row("denied_process_info", "6.属于四类过程性信息", "outcome", "denied"),
  row("denied_enforcement_case", "7.属于行政执法案卷", "outcome", "denied"),
  row("denied_administrative_query", "8.属于行政查询事项", "outcome", "denied"),
  row("unable_not_held", "1.本机关不掌握相关政府信息", "outcome", "unable"),
  row("unable_needs_creation", "2.没有现成信息需要另行制作", "outcome", "unable"),
  row("unable_unclear_after_correction", "3.补正后申请内容仍不明确", "outcome", "unable"),
  row("not_processed_petition_complaint", "1.信访举报投诉类申请", "outcome", "not_processed"),
  row("not_processed_repeated", "2.重复申请", "outcome", "not_processed"),
  row("not_processed_publication", "3.要求提供公开出版物", "outcome", "not_processed"),
  row("not_processed_massive_repeated", "4.无正当理由大量反复申请", "outcome", "not_processed"),
  row("not_processed_confirm_reissue", "5.要求行政机关确认或重新出具已获取信息", "outcome", "not_processed"),
];

/** 2021: （六）其他处理 has three numbered sub-rows. */
const OTHER_SPLIT: readonly ApplicationRow[] = [
  row(
    "other_no_correction",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "outcome",
    "other",
  ),
  row(
    "other_no_fee",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "outcome",
    "other",
  ),
  row("other_other", "3.其他", "outcome", "other"),
];

/** 2019 (and some 2021-edition reports that kept it): （六）其他处理 as one row spanning L2–L3. */
const OTHER_SINGLE: readonly ApplicationRow[] = [row("other_processing", OUTCOME_GROUPS.other, "outcome")];

const ROWS_AFTER_OTHER: readonly ApplicationRow[] = [
  row("total_processed", "（七）总计", "total"),
  row("carried_forward", "四、结转下年度继续办理", "carry"),
];

/** How row （六） is laid out: three sub-rows (2021) or one row (2019). */
export type OtherLayout = "split" | "single";

/** The rows of table 三 for a layout of row （六）, in official order. */
export function applicationRows(other: OtherLayout): readonly ApplicationRow[] {
  return [...ROWS_BEFORE_OTHER, ...(other === "split" ? OTHER_SPLIT : OTHER_SINGLE), ...ROWS_AFTER_OTHER];
}

/** The layout of row （六） that an edition prescribes. */
export const EDITION_OTHER_LAYOUT: Record<Edition, OtherLayout> = { "2019": "single", "2021": "split" };

/** Every row definition by key (both layouts). */
export const APPLICATION_ROW: Record<ApplicationRowKey, ApplicationRow> = Object.fromEntries(
  [...ROWS_BEFORE_OTHER, ...OTHER_SPLIT, ...OTHER_SINGLE, ...ROWS_AFTER_OTHER].map((r) => [r.key, r]),
) as Record<ApplicationRowKey, ApplicationRow>;

export const SPLIT_OTHER_KEYS = OTHER_SPLIT.map((r) => r.key);

/** A row's full label as one string, as it reads across the merged label cells. */
export function applicationRowFullLabel(r: ApplicationRow): string {
  const parts: string[] = [];
  if (r.inOutcomes && r.role !== "total") parts.push(OUTCOMES_LABEL);
  if (r.group && r.key !== "other_processing") parts.push(OUTCOME_GROUPS[r.group]);
  parts.push(r.label);
  return parts.join(" ");
}

// ---------------------------------------------------------------------------------------------
// Table 四 — 政府信息公开行政复议、行政诉讼情况 (identical in both editions)
// ---------------------------------------------------------------------------------------------

export type ReviewGroupKey = "review" | "litigation_direct" | "litigation_after_review";
export type ReviewFieldKey = "upheld" | "corrected" | "other" | "pending" | "total";

export const REVIEW_HEADER = "行政复议";
export const LITIGATION_HEADER = "行政诉讼";

export interface ReviewGroup {
  key: ReviewGroupKey;
  /** The group's own label: 行政复议, or the 行政诉讼 sub-group. */
  label: string;
  /** The label used when the group is named alone in a message. */
  fullLabel: string;
}

export const REVIEW_GROUPS: readonly ReviewGroup[] = [
  { key: "review", label: REVIEW_HEADER, fullLabel: REVIEW_HEADER },
  {
    key: "litigation_direct",
    label: "未经复议直接起诉",
    fullLabel: `${LITIGATION_HEADER}（未经复议直接起诉）`,
  },
  { key: "litigation_after_review", label: "复议后起诉", fullLabel: `${LITIGATION_HEADER}（复议后起诉）` },
];

export const REVIEW_FIELDS: readonly { key: ReviewFieldKey; label: string }[] = [
  { key: "upheld", label: "结果维持" },
  { key: "corrected", label: "结果纠正" },
  { key: "other", label: "其他结果" },
  { key: "pending", label: "尚未审结" },
  { key: "total", label: "总计" },
];

/** A review/litigation case's group as named alone (行政复议, 行政诉讼（…）), by key. */
export const REVIEW_GROUP_LABEL = Object.fromEntries(
  REVIEW_GROUPS.map((g) => [g.key, g.fullLabel]),
) as Record<ReviewGroupKey, string>;

/** The results a decided case can have (结果维持, 结果纠正, 其他结果), by key. */
export type ReviewResultKey = "upheld" | "corrected" | "other";
export const REVIEW_RESULT_LABEL = Object.fromEntries(
  REVIEW_FIELDS.filter((f) => f.key === "upheld" || f.key === "corrected" || f.key === "other").map((f) => [
    f.key,
    f.label,
  ]),
) as Record<ReviewResultKey, string>;

/** The report's official title: "<agency><year>年政府信息公开工作年度报告". */
export function reportTitle(agency: string, year: number): string {
  return `${agency}${year}年政府信息公开工作年度报告`;
}

/** The edition a report for a statistics year is written in by default (2021 format from the 2021 reports). */
export function editionForYear(year: number): Edition {
  return year >= 2021 ? "2021" : "2019";
}
