/**
 * The demo city's applications: planned lifecycles (reply, 补正, consultation, extension, fee, withdrawal,
 * late or no reply) turned into domain events (src/domain/cases) and cut at "today", so recent cases stay
 * open in every state. Every case is replayed by deriveCase, which rejects an impossible sequence.
 * Deterministic: the same seed, agency and today give the same cases.
 */
import type { WorkingCalendar } from "../domain/calendar/index.js";
import {
  type CaseEvent,
  type CaseStatus,
  deriveCase,
  OUTCOME_KEYS,
  type OutcomeKey,
} from "../domain/cases/index.js";
import { GongkaiError } from "../domain/errors.js";

/** A small fast seeded PRNG (mulberry32): numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit hash of a string (FNV-1a), to seed one agency's generator. */
export function hashSeed(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193);
  return h >>> 0;
}

export type Plan =
  | "reply"
  | "correction"
  | "correction_expired"
  | "consultation"
  | "extension"
  | "fee"
  | "fee_expired"
  | "withdrawn"
  | "late"
  | "neglected";

export interface DemoCase {
  received: string;
  channel: string;
  applicantType: number;
  events: CaseEvent[];
  status: CaseStatus | "unknown";
  answered: string | null;
  outcome: OutcomeKey | null;
}

const CHANNELS = ["online", "online", "online", "post", "in_person", "email", "fax"] as const;
/** 自然人 mostly, as in published reports. */
const TYPES = [0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4, 5];
/** Outcomes weighted like a typical city report: mostly 予以公开 / 部分公开 / 信息不存在. */
const WEIGHTED_OUTCOMES: OutcomeKey[] = [
  ...Array<OutcomeKey>(14).fill("granted"),
  ...Array<OutcomeKey>(5).fill("partially_granted"),
  ...Array<OutcomeKey>(4).fill("unable_not_held"),
  ...OUTCOME_KEYS.filter((k) => !["other_no_correction", "other_no_fee", "other_other"].includes(k)),
];
const PLANS: Plan[] = [
  ...Array<Plan>(12).fill("reply"),
  "correction",
  "correction",
  "correction_expired",
  "consultation",
  "consultation",
  "extension",
  "extension",
  "fee",
  "fee_expired",
  "withdrawn",
  "late",
];

/** The events of a planned lifecycle starting on `received` (not yet cut at today). */
export function planEvents(
  plan: Plan,
  received: string,
  channel: string,
  outcome: OutcomeKey,
  cal: WorkingCalendar,
  r: () => number,
): CaseEvent[] {
  const wd = (from: string, n: number) => cal.addWorkingDays(from, n);
  const e: CaseEvent[] = [{ type: "received", date: received, channel: channel as never }];
  const reply = (date: string, o: OutcomeKey = outcome) =>
    e.push({ type: "replied", date, outcome: o, delivery: r() < 0.6 ? "electronic" : "post" });
  const k = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  switch (plan) {
    case "reply":
      reply(wd(received, k(2, 18)));
      break;
    case "correction":
    case "correction_expired": {
      const asked = wd(received, k(1, 6));
      const deadline = wd(asked, 15);
      e.push({ type: "correction_requested", date: asked, deadline });
      if (plan === "correction_expired") e.push({ type: "correction_expired", date: wd(deadline, 1) });
      else {
        const back = wd(asked, k(2, 12));
        e.push({ type: "correction_received", date: back });
        reply(wd(back, k(3, 18)));
      }
      break;
    }
    case "consultation": {
      const start = wd(received, k(3, 8));
      const end = wd(start, k(5, 15));
      e.push({
        type: "consultation_started",
        date: start,
        party: r() < 0.7 ? "third_party" : "other_agency",
      });
      e.push({ type: "consultation_ended", date: end });
      reply(wd(end, k(2, 8)), r() < 0.5 ? "partially_granted" : outcome);
      break;
    }
    case "extension": {
      const at = wd(received, k(15, 19));
      e.push({ type: "extension_approved", date: at, workingDays: 20, approverRole: "head" });
      reply(wd(at, k(5, 19)));
      break;
    }
    case "fee":
    case "fee_expired": {
      const notice = wd(received, k(5, 12));
      const amount = [100, 200, 10, 30][k(0, 3)] ?? 100;
      e.push({ type: "fee_notice", date: notice, amountYuan: amount });
      if (plan === "fee_expired") e.push({ type: "fee_expired", date: wd(notice, 21) });
      else {
        e.push({ type: "fee_paid", date: wd(notice, k(1, 10)) });
        reply(wd(notice, k(12, 20)));
      }
      break;
    }
    case "withdrawn":
      e.push({ type: "withdrawn", date: wd(received, k(1, 10)) });
      break;
    case "late":
      reply(wd(received, k(22, 30)));
      break;
    case "neglected":
      break;
  }
  return e;
}

/** Events on or before today (a lifecycle still running today stops where today is). */
export function cutAt(events: CaseEvent[], today: string): CaseEvent[] {
  return events.filter((e) => e.date <= today);
}

/** Plans with dates past the calendar's data are cut there: the case is simply still open. */
function safePlan(
  plan: Plan,
  received: string,
  channel: string,
  outcome: OutcomeKey,
  cal: WorkingCalendar,
  r: () => number,
): CaseEvent[] {
  try {
    return planEvents(plan, received, channel, outcome, cal, r);
  } catch {
    return [{ type: "received", date: received, channel: channel as never }];
  }
}

/** One case: events cut at today, replayed and derived (status, reply date, outcome). */
export function demoCase(
  plan: Plan,
  received: string,
  cal: WorkingCalendar,
  today: string,
  r: () => number,
): DemoCase {
  const channel = CHANNELS[Math.floor(r() * CHANNELS.length)] ?? "online";
  const applicantType = TYPES[Math.floor(r() * TYPES.length)] ?? 0;
  const outcome = WEIGHTED_OUTCOMES[Math.floor(r() * WEIGHTED_OUTCOMES.length)] ?? "granted";
  const events = cutAt(safePlan(plan, received, channel, outcome, cal, r), today);
  let status: DemoCase["status"] = "unknown";
  let answered: string | null = null;
  let closed: OutcomeKey | null = null;
  try {
    const state = deriveCase(events, today, cal);
    status = state.status;
    answered = state.closedOn ?? null;
    closed = state.outcome ?? null;
  } catch (e) {
    // A due date beyond the calendar's years (CALENDAR-NO-DATA) leaves the status unknown; anything else is a bug.
    if (!(e instanceof GongkaiError && e.id === "CALENDAR-NO-DATA")) throw e;
    const last = events.at(-1);
    if (last?.type === "replied") [answered, closed] = [last.date, last.outcome];
  }
  return { received, channel, applicantType, events, status, answered, outcome: closed };
}

/** Working days of a year up to today (received dates are drawn from these). */
function workingDaysOf(year: number, today: string, cal: WorkingCalendar): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t <= Date.UTC(year, 11, 31); t += 86_400_000) {
    const d = new Date(t).toISOString().slice(0, 10);
    if (d > today) break;
    try {
      if (cal.isWorkingDay(d)) days.push(d);
    } catch {
      break;
    }
  }
  return days;
}

/**
 * An agency's cases for `years`: `perYear` random lifecycles each, plus a fixed showcase near today
 * (just received, waiting for 补正, in consultation, extended, fee pending, overdue) so every state shows.
 */
export function agencyCases(
  agency: string,
  years: number[],
  perYear: number,
  today: string,
  cal: WorkingCalendar,
  seed: number,
): DemoCase[] {
  const r = prng(hashSeed(agency, seed));
  const out: DemoCase[] = [];
  const all: string[] = [];
  for (const year of years) {
    const days = workingDaysOf(year, today, cal);
    all.push(...days);
    if (!days.length) continue;
    const n = year === years.at(-1) ? Math.round((perYear * days.length) / 250) : perYear;
    const received = Array.from({ length: n }, () => days[Math.floor(r() * days.length)] ?? days[0]!).sort();
    for (const d of received)
      out.push(demoCase(PLANS[Math.floor(r() * PLANS.length)] ?? "reply", d, cal, today, r));
  }
  const recent = (n: number) => all[Math.max(0, all.length - 1 - n)] ?? today;
  const showcase: [Plan, number][] = [
    ["reply", 2],
    ["reply", 17],
    ["correction", 4],
    ["consultation", 8],
    ["extension", 19],
    ["fee", 9],
    ["neglected", 30],
  ];
  for (const [plan, back] of showcase) out.push(demoCase(plan, recent(back), cal, today, r));
  return out.sort((a, b) => (a.received < b.received ? -1 : a.received > b.received ? 1 : 0));
}
