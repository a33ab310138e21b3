/** The worklist's pure parts: item shape (GET /api/applications), order, badges, labels. */
import type { Channel, CaseStatus as DomainStatus } from "../../domain/cases/index.js";

/**
 * The domain's statuses, plus "invalid" for a case whose events the domain cannot replay and
 * "no_calendar" for a clock that runs into a year without holiday data.
 */
export type CaseStatus = DomainStatus | "invalid" | "no_calendar";

/** One open application as the list route gives it (applicant masked). */
export interface WorkItem {
  id: string;
  ref: string;
  subject: string;
  channel: Channel | string;
  receivedOn: string;
  status: CaseStatus;
  dueDate: string | null;
  workingDaysLeft: number | null;
  handlerId?: number | null;
  handlerName?: string | null;
  applicant?: { name?: string };
  waitingUntil?: string;
  /** Why the events could not be replayed (status "invalid"). */
  problem?: string;
  violations?: number;
}

export interface WorkPage {
  items: WorkItem[];
  total: number;
  page: number;
  pageSize: number;
  counts: Partial<Record<CaseStatus | "waiting" | "paused" | "open" | "total", number>>;
}

/** Server fields under either naming (received / receivedOn …), normalised. */
export function normaliseItem(raw: Record<string, unknown>): WorkItem {
  const r = raw as Partial<WorkItem> & Record<string, unknown>;
  const applicant = (r.applicant ?? {}) as { name?: string };
  return {
    id: String(r.id),
    ref: String(r.ref ?? r.id),
    subject: String(r.subject ?? ""),
    channel: String(r.channel ?? ""),
    receivedOn: String(r.receivedOn ?? r.received ?? ""),
    status: (r.status ?? (r.state as { status?: CaseStatus } | undefined)?.status ?? "on_time") as CaseStatus,
    dueDate: (r.dueDate ?? null) as string | null,
    workingDaysLeft: typeof r.workingDaysLeft === "number" ? r.workingDaysLeft : null,
    handlerId: (r.handlerId ?? null) as number | null,
    handlerName: (r.handlerName ?? (r.handler as { name?: string } | undefined)?.name ?? null) as
      | string
      | null,
    applicant,
    ...(typeof r.waitingUntil === "string" ? { waitingUntil: r.waitingUntil } : {}),
    ...(typeof r.problem === "string" ? { problem: r.problem } : {}),
    ...(typeof r.violations === "number" ? { violations: r.violations } : {}),
  };
}

/**
 * Worklist order: fewest working days left first (overdue, negative, on top); cases without a running
 * clock (waiting for 补正, closed) after them; ties by receipt date, then reference.
 */
export function sortByWorkingDaysLeft(items: readonly WorkItem[]): WorkItem[] {
  const key = (i: WorkItem) =>
    i.status === "closed" ? 3 : i.status === "invalid" ? 2 : i.workingDaysLeft === null ? 1 : 0;
  // A case whose due date cannot be settled (no holiday data) sorts with the stopped clocks, above errors.
  return [...items].sort(
    (a, b) =>
      key(a) - key(b) ||
      (a.workingDaysLeft ?? 0) - (b.workingDaysLeft ?? 0) ||
      a.receivedOn.localeCompare(b.receivedOn) ||
      a.ref.localeCompare(b.ref),
  );
}

/** The status badge: Chinese text and antd colour. */
export const STATUS_BADGE: Record<CaseStatus, { text: string; color: string }> = {
  overdue: { text: "已超期", color: "red" },
  due_soon: { text: "即将到期", color: "orange" },
  on_time: { text: "办理中", color: "green" },
  waiting_applicant: { text: "待申请人补正", color: "purple" },
  paused_consultation: { text: "征求意见中", color: "cyan" },
  paused_fee: { text: "待缴费", color: "gold" },
  closed: { text: "已办结", color: "default" },
  invalid: { text: "记录有误", color: "magenta" },
  no_calendar: { text: "期限待定", color: "blue" },
};

/** The status filter of the list route (domain statuses, with waiting/paused grouped). */
export const STATUS_FILTERS: { value: string; label: string }[] = [
  { value: "overdue", label: "已超期" },
  { value: "due_soon", label: "即将到期" },
  { value: "on_time", label: "办理中" },
  { value: "waiting", label: "待申请人补正" },
  { value: "paused", label: "暂停计时（征求意见、待缴费）" },
  { value: "closed", label: "已办结" },
  { value: "no_calendar", label: "期限待定（缺少节假日数据）" },
  { value: "invalid", label: "记录有误" },
];

/** 申请方式 (条例第三十一条). */
export const CHANNEL_LABEL: Record<string, string> = {
  in_person: "当面提交",
  post: "邮寄",
  online: "网上申请",
  fax: "传真",
  email: "电子邮件",
  other: "其他",
};

/** Applicant columns of table 三. */
export const APPLICANT_TYPE_LABEL = [
  "自然人",
  "商业企业",
  "科研机构",
  "社会公益组织",
  "法律服务机构",
  "其他",
];

/** The working-days-left cell: "剩 3 个工作日", "超期 2 个工作日", or the pause. */
export function daysLeftText(i: WorkItem): string {
  if (i.status === "closed") return "—";
  if (i.status === "invalid") return "无法推算";
  if (i.status === "no_calendar") return "待导入节假日数据";
  if (i.workingDaysLeft === null) return "未起算";
  if (i.workingDaysLeft < 0) return `超期 ${-i.workingDaysLeft} 个工作日`;
  return `剩 ${i.workingDaysLeft} 个工作日`;
}
