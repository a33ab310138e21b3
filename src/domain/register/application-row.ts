/**
 * One row of an agency's 依申请公开 register (shared/spec/applications-csv.md) → a validated
 * application record with its events. Column keys or their Chinese headers, in any order; unknown
 * columns are kept as extra data. Every problem names the row, the column, the value and the reason.
 */
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROW,
  type ApplicationRowKey,
  TOTAL_COLUMN,
} from "../report/definition.js";

/** The register's columns: key, Chinese header. */
export const REGISTER_COLUMNS = {
  id: "编号",
  agency: "机关",
  received: "收到日期",
  channel: "申请方式",
  applicant_type: "申请人类型",
  applicant: "申请人",
  subject: "申请内容",
  correction_requested: "补正告知日期",
  correction_received: "补正收到日期",
  consultation_start: "征求意见日期",
  consultation_end: "意见收回日期",
  extended: "延期告知日期",
  extension_days: "延长工作日数",
  fee_notice: "收费通知日期",
  fee_paid: "缴费日期",
  fee_amount: "收费金额（元）",
  answered: "答复日期",
  outcome: "办理结果",
} as const;
export type RegisterColumn = keyof typeof REGISTER_COLUMNS;

/** 申请方式 as printed → channel code (the store and the case domain use the codes). */
export const CHANNELS: Record<string, string> = {
  当面: "in_person",
  邮寄: "post",
  网络: "online",
  传真: "fax",
  电子邮件: "email",
  其他: "other",
};

const DATE_COLUMNS = [
  "received",
  "correction_requested",
  "correction_received",
  "consultation_start",
  "consultation_end",
  "extended",
  "fee_notice",
  "fee_paid",
  "answered",
] as const satisfies readonly RegisterColumn[];

/** A stored event: type, date and its data (the case domain's event names). */
export interface RegisterEvent {
  type: string;
  date: string;
  data: Record<string, unknown>;
}

export interface ApplicationRecord {
  ref: string;
  agency: string;
  received: string;
  channel: string;
  applicantType: number;
  applicant: string;
  subject: string;
  answered: string | null;
  outcome: ApplicationRowKey | null;
  events: RegisterEvent[];
  extra: Record<string, string>;
}

/** Maps a header row to column keys; unknown headers are kept under their own name. */
export function mapHeader(header: readonly string[]): {
  columns: (RegisterColumn | string)[];
  unknown: string[];
  missing: string[];
} {
  const byLabel = new Map<string, RegisterColumn>();
  for (const [key, label] of Object.entries(REGISTER_COLUMNS)) {
    byLabel.set(key, key as RegisterColumn);
    byLabel.set(label, key as RegisterColumn);
    byLabel.set(label.replace(/（.*）$/, ""), key as RegisterColumn);
  }
  const columns = header.map((h) => byLabel.get(h.trim()) ?? h.trim());
  const unknown = columns.filter((c) => !(c in REGISTER_COLUMNS) && c !== "");
  const required: RegisterColumn[] = ["id", "agency", "received", "channel", "applicant_type"];
  const missing = required.filter((r) => !columns.includes(r)).map((r) => `${r}（${REGISTER_COLUMNS[r]}）`);
  return { columns, unknown, missing };
}

/** Parses 2026-09-28, 2026/9/28 or 2026年9月28日 to YYYY-MM-DD; null when it is not a real date. */
export function parseDate(text: string): string | null {
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** A label without its numbering and remarks: "（二）部分公开（区分处理的…）" → "部分公开". */
const bare = (label: string) =>
  label
    .replace(/^（[一二三四五六七]）/, "")
    .replace(/^\d+\./, "")
    .replace(/（.*）$/, "")
    .trim();

const OUTCOMES = new Map<string, ApplicationRowKey>();
for (const r of Object.values(APPLICATION_ROW)) {
  if (r.role !== "outcome" || r.key === "other_processing") continue;
  for (const name of [r.key, r.label, bare(r.label)]) OUTCOMES.set(name, r.key);
}

/** An outcome given as a row key or its label (予以公开, 部分公开, 属于国家秘密, …, 其他). */
export function parseOutcome(text: string): ApplicationRowKey | null {
  const t = text.trim();
  return OUTCOMES.get(t) ?? OUTCOMES.get(bare(t)) ?? null;
}

/** Validates one data row (`line` = its row number in the file, header = 1). */
export function readApplicationRow(
  columns: readonly string[],
  cells: readonly string[],
  line: number,
): { record?: ApplicationRecord; errors: string[] } {
  const errors: string[] = [];
  const raw: Record<string, string> = {};
  const extra: Record<string, string> = {};
  columns.forEach((c, i) => {
    const v = (cells[i] ?? "").trim();
    if (c in REGISTER_COLUMNS) raw[c] = v;
    else if (c && v) extra[c] = v;
  });
  const where = (col: RegisterColumn) => `第 ${line} 行「${REGISTER_COLUMNS[col]}」`;
  const bad = (col: RegisterColumn, reason: string) =>
    errors.push(`${where(col)}：${reason}（值为“${raw[col]}”）`);
  const need = (col: RegisterColumn) => {
    if (!raw[col]) errors.push(`${where(col)}：不能为空`);
    return raw[col] ?? "";
  };

  const ref = need("id");
  const agency = need("agency");
  const dates: Partial<Record<(typeof DATE_COLUMNS)[number], string>> = {};
  for (const col of DATE_COLUMNS) {
    if (!raw[col]) continue;
    const d = parseDate(raw[col]);
    if (d) dates[col] = d;
    else bad(col, "不是有效日期（应为 2026-09-28、2026/9/28 或 2026年9月28日）");
  }
  if (!raw.received) need("received");
  const channelText = need("channel");
  const channel = CHANNELS[channelText];
  if (channelText && !channel) bad("channel", `申请方式应为 ${Object.keys(CHANNELS).join("、")} 之一`);
  const typeText = need("applicant_type");
  const applicantType = APPLICANT_COLUMNS.findIndex((c) => c.label === typeText && c.index !== TOTAL_COLUMN);
  if (typeText && applicantType < 0)
    bad(
      "applicant_type",
      `申请人类型应为 ${APPLICANT_COLUMNS.filter((c) => c.index !== TOTAL_COLUMN)
        .map((c) => c.label)
        .join("、")} 之一`,
    );

  let outcome: ApplicationRowKey | null = null;
  if (raw.outcome) {
    outcome = parseOutcome(raw.outcome);
    if (!outcome) bad("outcome", "不是年报表三中的办理结果（如 予以公开、部分公开、属于国家秘密、其他）");
  }
  if (raw.outcome && !raw.answered) errors.push(`${where("answered")}：填写了办理结果，就必须填写答复日期`);
  if (raw.answered && !raw.outcome) errors.push(`${where("outcome")}：填写了答复日期，就必须填写办理结果`);

  let extensionDays: number | undefined;
  if (raw.extension_days) {
    extensionDays = Number(raw.extension_days);
    if (!Number.isInteger(extensionDays) || extensionDays < 1 || extensionDays > 20)
      bad("extension_days", "延长期限应为 1 至 20 个工作日（条例第三十三条）");
  }
  if (dates.extended && !raw.extension_days)
    errors.push(`${where("extension_days")}：填写了延期告知日期，就必须填写延长工作日数`);
  let feeAmount: number | undefined;
  if (raw.fee_amount) {
    feeAmount = Number(raw.fee_amount);
    if (!Number.isInteger(feeAmount) || feeAmount < 0) bad("fee_amount", "收费金额应为非负整数（元）");
  }

  // Dates in order: each pair (earlier, later) must not be reversed.
  const order: [keyof typeof dates, keyof typeof dates][] = [
    ["received", "correction_requested"],
    ["correction_requested", "correction_received"],
    ["received", "consultation_start"],
    ["consultation_start", "consultation_end"],
    ["received", "extended"],
    ["received", "fee_notice"],
    ["fee_notice", "fee_paid"],
    ["received", "answered"],
    ["correction_received", "answered"],
    ["consultation_end", "answered"],
    ["fee_paid", "answered"],
  ];
  for (const [a, b] of order) {
    if (dates[a] && dates[b] && dates[b]! < dates[a]!)
      errors.push(
        `第 ${line} 行：「${REGISTER_COLUMNS[b]}」${dates[b]} 早于「${REGISTER_COLUMNS[a]}」${dates[a]}`,
      );
  }
  if (dates.correction_received && !dates.correction_requested)
    errors.push(`${where("correction_requested")}：有补正收到日期，但没有补正告知日期`);
  if (dates.consultation_end && !dates.consultation_start)
    errors.push(`${where("consultation_start")}：有意见收回日期，但没有征求意见日期`);
  if (dates.fee_paid && !dates.fee_notice)
    errors.push(`${where("fee_notice")}：有缴费日期，但没有收费通知日期`);

  if (errors.length > 0) return { errors };
  const events: RegisterEvent[] = [{ type: "received", date: dates.received!, data: { channel } }];
  const add = (type: string, date: string | undefined, data: Record<string, unknown> = {}) => {
    if (date) events.push({ type, date, data });
  };
  add("correction_requested", dates.correction_requested);
  add("correction_received", dates.correction_received);
  add("consultation_started", dates.consultation_start, { party: "third_party" });
  add("consultation_ended", dates.consultation_end);
  add("extension_approved", dates.extended, { workingDays: extensionDays });
  add("fee_notice", dates.fee_notice, feeAmount === undefined ? {} : { amountYuan: feeAmount });
  add("fee_paid", dates.fee_paid);
  add("replied", dates.answered, { outcome });
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    errors,
    record: {
      ref,
      agency,
      received: dates.received!,
      channel: channel!,
      applicantType,
      applicant: raw.applicant ?? "",
      subject: raw.subject ?? "",
      answered: dates.answered ?? null,
      outcome,
      events,
      extra,
    },
  };
}
