/** The case page's data: the detail route's answer, normalised, and the letter of each step. */
import type { CaseEvent, CaseEventType, CaseState } from "../../../domain/cases/index.js";
import { letterName } from "../../../render/letters/templates.js";
import { normaliseItem, type WorkItem } from "../worklist-model.js";

export interface TimelineEvent {
  seq: number;
  event: CaseEvent;
  /** Who recorded it and when (if the server says). */
  by?: string;
  at?: string;
}

export interface CaseDetail {
  item: WorkItem;
  agencyId: number | null;
  applicantType: number;
  applicant: Record<string, string>;
  events: TimelineEvent[];
  state: Partial<CaseState> | null;
  violations: { id: string; message: string; basis?: string; severity?: string }[];
  /** The assigned handler's user id (null: not assigned). */
  handlerId: number | null;
  /** Letters issued (frozen) on this case, oldest first. */
  letters: IssuedLetter[];
  /** What the server says the user may do on this case (absent: decided by role). */
  can?: { edit: boolean; approveExtension: boolean; reveal: boolean };
}

/** An issued letter as the detail route lists it (no bytes). */
export interface IssuedLetter {
  id: string;
  kind: string;
  fileName: string;
  eventSeq: number | null;
  issuedAt: string;
  issuedBy: string;
}

/** The issued letters of a detail answer; entries without an id or kind are dropped. */
function normaliseLetters(raw: unknown): IssuedLetter[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((l): l is Record<string, unknown> => !!l && typeof l === "object" && l.id != null && !!l.kind)
    .map((l) => ({
      id: String(l.id),
      kind: String(l.kind),
      fileName: String(l.fileName ?? `${String(l.kind)}.docx`),
      eventSeq: typeof l.eventSeq === "number" ? l.eventSeq : null,
      issuedAt: String(l.issuedAt ?? ""),
      issuedBy: String(l.issuedBy ?? ""),
    }));
}

/** Staff of an agency as GET /api/users lists them (the fields the case page needs). */
export interface StaffUser {
  id: number;
  name: string;
  role: string;
  active: boolean;
}

/**
 * The options of the handler Select: active staff who handle cases (经办人, 审核人, 负责人), the
 * current handler kept even when no longer active (so the Select still names him or her).
 */
export function handlerOptions(
  users: readonly StaffUser[],
  current: number | null,
  roleName: (role: string) => string,
): { value: number; label: string; disabled?: boolean }[] {
  const handles = new Set(["clerk", "reviewer", "head"]);
  return users
    .filter((u) => (u.active && handles.has(u.role)) || u.id === current)
    .map((u) => ({
      value: u.id,
      label: `${u.name}（${roleName(u.role)}${u.active ? "" : "，已停用"}）`,
      ...(u.active && handles.has(u.role) ? {} : { disabled: true }),
    }));
}

const EVENT_KEYS = new Set([
  "seq",
  "by",
  "at",
  "actor",
  "createdAt",
  "created_at",
  "recordedBy",
  "recordedAt",
]);

/** The detail answer under its likely shapes ({…item, events, state} or {application, events}). */
export function normaliseDetail(raw: Record<string, unknown>): CaseDetail {
  const app = (raw.application ?? raw) as Record<string, unknown>;
  const state = (raw.state ?? raw.clock ?? null) as Partial<CaseState> | null;
  const rawEvents = (raw.events ?? app.events ?? []) as Record<string, unknown>[];
  const events = rawEvents.map((e, i) => {
    // The casework API: {seq, type, label, date, data: {…the event's own fields}, recordedBy, recordedAt}.
    const inner = (
      e.data && typeof e.data === "object"
        ? { type: e.type, date: e.date, ...(e.data as object) }
        : (e.event ?? e)
    ) as Record<string, unknown>;
    const event = Object.fromEntries(
      Object.entries(inner).filter(([k]) => !EVENT_KEYS.has(k) && k !== "label"),
    ) as CaseEvent;
    const by = e.by ?? e.actor ?? e.recordedBy;
    const at = e.at ?? e.createdAt ?? e.created_at ?? e.recordedAt;
    return {
      seq: typeof e.seq === "number" ? e.seq : i + 1,
      event,
      ...(by
        ? { by: typeof by === "object" ? String((by as { name?: string }).name ?? "") : String(by) }
        : {}),
      ...(at ? { at: String(at) } : {}),
    };
  });
  const merged = { ...app, ...(state ? { ...state, status: state.status ?? app.status } : {}) };
  return {
    item: normaliseItem(merged),
    agencyId: typeof app.agencyId === "number" ? app.agencyId : null,
    applicantType: Number(app.applicantType ?? 0),
    applicant: (app.applicant ?? {}) as Record<string, string>,
    events,
    state,
    handlerId: typeof app.handlerId === "number" ? app.handlerId : null,
    letters: normaliseLetters(raw.letters ?? app.letters),
    ...(raw.can ? { can: raw.can as CaseDetail["can"] } : {}),
    violations: (state?.violations ??
      (raw.violations as CaseDetail["violations"]) ??
      []) as CaseDetail["violations"],
  };
}

/** The letter each step produces (the casework API's letter kinds), named as the letters name them. */
const letterOf = (kind: string) => ({ kind, label: letterName(kind) });
export const LETTER_OF_EVENT: Partial<Record<CaseEventType, { kind: string; label: string }>> = {
  received: letterOf("receipt"),
  correction_requested: letterOf("correction"),
  extension_approved: letterOf("extension"),
  consultation_started: letterOf("consultation"),
  fee_notice: letterOf("fee"),
  replied: letterOf("reply"),
};

/** Personal data field names, in Chinese. */
export const APPLICANT_FIELDS: { key: string; label: string }[] = [
  { key: "name", label: "姓名或名称" },
  { key: "idNumber", label: "身份证件号码" },
  { key: "phone", label: "联系电话" },
  { key: "email", label: "电子邮箱" },
  { key: "address", label: "通信地址" },
  { key: "organisation", label: "单位" },
];

/** A one-line description of an event's own facts. */
export function eventFacts(e: CaseEvent): string {
  switch (e.type) {
    case "received":
      return `申请方式：${e.channel}`;
    case "correction_requested":
      return `补正期限：${e.deadline}`;
    case "consultation_started":
      return e.party === "third_party" ? "征求第三方意见" : "征求其他机关意见";
    case "extension_approved":
      return `延长 ${e.workingDays} 个工作日（批准：${e.approverRole}）`;
    case "fee_notice":
      return `收费 ${e.amountYuan} 元${e.arrivedOn ? `，送达 ${e.arrivedOn}` : ""}`;
    case "replied":
      return `办理结果：${e.outcome}${e.delivery ? `，送达方式：${e.delivery}` : ""}`;
    default:
      return "";
  }
}
