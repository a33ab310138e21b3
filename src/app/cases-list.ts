/**
 * The worklist (issue #7): one agency's applications with derived status, due date and working
 * days left, applicants masked, filtered, counted per status over the whole filtered set, sorted by
 * working days left (open cases first, most urgent first) or by receipt date, and paged.
 * Only open cases are replayed; closed ones come from the denormalised answered/outcome columns.
 * The result of a filter is kept per process until the agency's change counter (migration 0010) or
 * the day moves on, so a refreshed worklist costs one counter read, not a replay of every open case.
 */

import type { WorkingCalendar } from "../domain/calendar/index.js";
import { GongkaiError } from "../domain/errors.js";
import { loadEventsOf } from "../store/cases.js";
import {
  type CaseFilter,
  caseListVersion,
  closedPage,
  countClosed,
  type ListRow,
  openApplications,
  pageByReceived,
} from "../store/cases-list.js";
import type { Db } from "../store/db.js";
import { caseClock } from "./case-clock.js";
import {
  deriveCached,
  derivedState,
  LIST_STATUSES,
  type ListStatus,
  type SafeState,
  STATUS_FILTERS,
} from "./case-state.js";
import { type Applicant, maskApplicant } from "./personal-data.js";
import { type Actor, authorize } from "./policy.js";

export const MAX_PAGE_SIZE = 200;

export interface ListQuery {
  /** Default: the actor's own agency; a supervisor may name one in its subtree. */
  agencyId?: number;
  /** Status filter names (STATUS_FILTERS): on_time, due_soon, overdue, waiting, paused, closed, … */
  status?: string[];
  handlerId?: number;
  channel?: string;
  year?: number;
  q?: string;
  sort?: "due" | "received";
  page?: number;
  pageSize?: number;
}

export interface ListItem {
  id: string;
  agencyId: number;
  ref: string;
  received: string;
  channel: string;
  applicantType: number;
  /** Masked (张*, 138****5678, 110***********1234, address to the district). */
  applicant: Applicant;
  subject: string;
  handler: { id: number; name: string | null } | null;
  source: string;
  status: ListStatus;
  dueDate: string | null;
  workingDaysLeft: number | null;
  waitingUntil: string | null;
  waitingOverdue: boolean;
  closedOn: string | null;
  outcome: string | null;
  violations: number;
  /** Why the events could not be replayed (status "invalid") or the clock not settled ("no_calendar"). */
  problem?: string;
}

export interface ListResult {
  items: ListItem[];
  total: number;
  page: number;
  pageSize: number;
  /** Per status, over the whole filtered set (before the status filter and paging). */
  counts: Record<ListStatus, number>;
}

/** Checks paging and filters; throws REQUEST-INVALID naming the parameter. */
function checkQuery(q: ListQuery): { page: number; pageSize: number; wanted: Set<ListStatus> | null } {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const bad: string[] = [];
  if (!Number.isInteger(page) || page < 1 || page > 1_000_000)
    bad.push(`page：应为 1 至 1000000 的整数，实际为 ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
    bad.push(`pageSize：应为 1 至 ${MAX_PAGE_SIZE} 的整数，实际为 ${pageSize}`);
  let wanted: Set<ListStatus> | null = null;
  if (q.status?.length) {
    wanted = new Set();
    for (const s of q.status) {
      const group = STATUS_FILTERS[s];
      if (!group) bad.push(`status：“${s}”不是可用的状态（${Object.keys(STATUS_FILTERS).join("、")}）`);
      else for (const g of group) wanted.add(g);
    }
  }
  if (bad.length) throw new GongkaiError("REQUEST-INVALID", "查询参数有误", bad);
  return { page, pageSize, wanted };
}

function toItem(r: ListRow, s: SafeState | null): ListItem {
  const st = derivedState(s);
  const problem = s?.problem;
  return {
    id: String(r.id),
    agencyId: r.agencyId,
    ref: r.ref,
    received: r.received,
    channel: r.channel,
    applicantType: r.applicantType,
    applicant: maskApplicant(r.applicant),
    subject: r.subject,
    handler: r.handlerId === null ? null : { id: r.handlerId, name: r.handlerName },
    source: r.source,
    status: s === null ? "closed" : s.status,
    dueDate: st?.dueDate ?? null,
    workingDaysLeft: st?.workingDaysLeft ?? null,
    waitingUntil: st?.waitingUntil ?? null,
    waitingOverdue: Boolean(st?.waitingOverdue),
    closedOn: s === null ? r.answered : (st?.closedOn ?? null),
    outcome: s === null ? r.outcome : (st?.outcome ?? null),
    violations: st?.violations.length ?? 0,
    ...(problem ? { problem } : {}),
  };
}

/** Most urgent first: fewest working days left; cases without a running clock after; then oldest receipt. */
function byUrgency(a: ListItem, b: ListItem): number {
  const da = a.workingDaysLeft ?? Number.POSITIVE_INFINITY;
  const db = b.workingDaysLeft ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  return a.received < b.received ? -1 : a.received > b.received ? 1 : Number(a.id) - Number(b.id);
}

/**
 * One filtered worklist as derived at one change counter (migration 0010) and day: the open cases
 * replayed and sorted by urgency, the closed count, and the pages of closed cases asked for so far.
 * Shared by every request with the same filter until the agency's counter or the day moves on.
 */
interface Snapshot {
  /** Every open case of the filter, most urgent first. */
  open: ListItem[];
  counts: Record<ListStatus, number>;
  closedCount: number;
  closedPages: Map<string, ListItem[]>;
}

/**
 * Snapshots by filter, least recently used first. An entry is tagged when its build starts, so every
 * request that reads the same counter shares one build (a request never waits on a build and then
 * starts another for the same counter).
 */
interface Entry {
  version: string;
  today: string;
  calendar: WorkingCalendar;
  snapshot: Promise<Snapshot>;
}
const snapshots = new Map<string, Entry>();
let builds = 0;

/** How many worklist snapshots this process has built (for tests and diagnostics). */
export const worklistBuilds = (): number => builds;
const SNAPSHOT_LIMIT = 500;
const CLOSED_PAGES_LIMIT = 50;

/** The filter's open cases, replayed (each case's state remembered by deriveCached), most urgent first. */
async function openItems(db: Db, filter: CaseFilter, today: string, calendar: WorkingCalendar) {
  const rows = await openApplications(db, filter);
  const events = await loadEventsOf(
    db,
    rows.map((r) => String(r.id)),
  );
  const items = rows.map((r) =>
    toItem(r, deriveCached(String(r.id), events.get(String(r.id)) ?? [], today, calendar)),
  );
  return items.sort(byUrgency);
}

async function buildSnapshot(
  db: Db,
  filter: CaseFilter,
  today: string,
  calendar: WorkingCalendar,
): Promise<Snapshot> {
  // The closed count runs beside the open cases' two reads (another pooled connection on PostgreSQL).
  const [closed, open] = await Promise.all([countClosed(db, filter), openItems(db, filter, today, calendar)]);
  const counts = Object.fromEntries(LIST_STATUSES.map((s) => [s, 0])) as Record<ListStatus, number>;
  for (const it of open) counts[it.status]++;
  counts.closed += closed;
  return { open, counts, closedCount: closed, closedPages: new Map() };
}

/**
 * The filter's snapshot at the agency's current change counter. The counter is read first: a change
 * committed while the snapshot is being built is then newer than the snapshot's counter, so the next
 * request rebuilds — a snapshot can be younger than its counter, never older.
 */
async function snapshotFor(db: Db, filter: CaseFilter): Promise<Snapshot> {
  const version = await caseListVersion(db, filter.agencyId);
  const { today, calendar } = caseClock();
  const now = today();
  const cal = calendar();
  const key = JSON.stringify(filter);
  const found = snapshots.get(key);
  snapshots.delete(key); // (re-)inserted below: most recently used goes last
  // A counter read later may already have a newer build behind it: newer is fine, older is not.
  let entry: Entry;
  if (found && BigInt(found.version) >= BigInt(version) && found.today === now && found.calendar === cal)
    entry = found;
  else {
    builds++;
    const snapshot = buildSnapshot(db, filter, now, cal);
    const fresh: Entry = { version, today: now, calendar: cal, snapshot };
    snapshot.catch(() => {
      if (snapshots.get(key) === fresh) snapshots.delete(key);
    });
    entry = fresh;
  }
  snapshots.set(key, entry);
  if (snapshots.size > SNAPSHOT_LIMIT) snapshots.delete(snapshots.keys().next().value as string);
  return entry.snapshot;
}

/** A page of closed cases, remembered in the snapshot (the counter covers their columns too). */
async function closedItems(db: Db, snap: Snapshot, filter: CaseFilter, offset: number, limit: number) {
  const key = `${offset}:${limit}`;
  let items = snap.closedPages.get(key);
  if (!items) {
    items = (await closedPage(db, filter, offset, limit)).map((r) => toItem(r, null));
    if (snap.closedPages.size >= CLOSED_PAGES_LIMIT) snap.closedPages.clear();
    snap.closedPages.set(key, items);
  }
  return items;
}

/** The worklist of an agency the actor may read (case.read). */
export async function listApplications(db: Db, actor: Actor, query: ListQuery): Promise<ListResult> {
  const { page, pageSize, wanted } = checkQuery(query);
  const agencyId = query.agencyId ?? actor.agencyId;
  authorize(actor, "case.read", agencyId);
  const filter: CaseFilter = {
    agencyId,
    handlerId: query.handlerId,
    channel: query.channel,
    year: query.year,
    q: query.q?.trim() || undefined,
  };
  const snap = await snapshotFor(db, filter);
  const counts = { ...snap.counts };

  // A case closed by its events whose denormalised columns lag behind still shows as closed.
  const keptOpen = wanted ? snap.open.filter((it) => wanted.has(it.status)) : snap.open;
  const withClosed = !wanted || wanted.has("closed");
  const total = keptOpen.length + (withClosed ? snap.closedCount : 0);
  const offset = (page - 1) * pageSize;

  let items: ListItem[];
  if ((query.sort ?? "due") === "due") {
    items = keptOpen.slice(offset, offset + pageSize);
    if (withClosed && items.length < pageSize) {
      const closedOffset = Math.max(0, offset - keptOpen.length);
      items.push(...(await closedItems(db, snap, filter, closedOffset, pageSize - items.length)));
    }
  } else {
    const byId = new Map(keptOpen.map((it) => [it.id, it]));
    const rows = await pageByReceived(db, filter, [...byId.keys()], withClosed, offset, pageSize);
    items = rows.map((r) => byId.get(String(r.id)) ?? toItem(r, null));
  }
  return { items, total, page, pageSize, counts };
}
