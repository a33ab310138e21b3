/**
 * Table 三 from row candidates: the official rows are aligned with the candidates in reading
 * order (dynamic programming), so that rows whose label is missing, split or misspelt are still
 * placed, and rows printed apart from their labels fill the gaps between labelled rows in order.
 * Both layouts of row （六） are tried; the better alignment wins.
 */
import {
  APPLICATION_ROW,
  type ApplicationRow,
  type ApplicationRowKey,
  applicationRows,
  type OtherLayout,
} from "../domain/report/definition.js";
import type { CellValue } from "../domain/report/model.js";
import { rowSumSplits } from "./digits.js";
import { bestNear, bestTail, lastSeenAll, normLabel } from "./labels.js";
import type { Candidate } from "./rows.js";
import { equationsHold, solveApplications } from "./solve.js";
import { columnCentres, fits, readRow, trimValues } from "./values.js";

const STRONG = 0.75;
const MISSING = 1.5;
const KINDS = Array(7).fill("count") as "count"[];
const ALL_KEYS = (Object.values(APPLICATION_ROW) as ApplicationRow[]).map((r) => r.key);
const KEY_INDEX = new Map(ALL_KEYS.map((k, i) => [k, i]));

/** Label variants of a row: the official label, and its core without the numbering. */
export function rowLabels(key: ApplicationRowKey): string[] {
  const r = APPLICATION_ROW[key];
  const full = normLabel(r.label);
  const core = full.replace(/^(\([一二三四五六七八九十]\)|[一二三四五六七八九十]+[.、]|\d+\.)/, "");
  const out = [full];
  if (core.length >= 4 && core !== full) out.push(core);
  if (key === "other_processing") out.push(normLabel("（六）其他"));
  if (key === "partially_granted") out.push(normLabel("（二）部分公开"));
  return out;
}

/** Label variants of each row key, by index in ALL_KEYS. */
const LABELS = ALL_KEYS.map(rowLabels);

/**
 * Label scores of every candidate against every row key, computed once per document and shared
 * by both layouts: tail scores eagerly, near scores on demand.
 */
export class Scores {
  private readonly tails: Float32Array;
  private readonly nears: Float32Array;
  private readonly strongs: (boolean | undefined)[];
  /** lastSeen of each candidate's label. */
  private readonly seen: Uint8Array[];
  fit: boolean[];
  readonly full: boolean[];
  columns?: readonly number[];
  constructor(readonly cands: readonly Candidate[]) {
    this.tails = new Float32Array(cands.length * ALL_KEYS.length).fill(-1);
    this.nears = new Float32Array(cands.length * ALL_KEYS.length).fill(-1);
    this.fit = cands.map((c) => fits(c.values, 7));
    this.full = cands.map((c) => trimValues(c.values, 7).length === 7);
    this.strongs = cands.map(() => undefined);
    this.seen = lastSeenAll(cands.map((c) => c.label));
  }
  /** True when the candidate's label names some row of table 三. */
  strong(j: number): boolean {
    let v = this.strongs[j];
    if (v === undefined) {
      v = false;
      for (let k = 0; k < ALL_KEYS.length && !v; k++) v = this.tailAt(j, k) >= STRONG;
      this.strongs[j] = v;
    }
    return v;
  }
  /** Column centres for placing values of rows with blank cells (PDF). */
  setColumns(columns: readonly number[] | undefined): void {
    this.columns = columns;
    this.fit = this.cands.map((c) => fits(c.values, 7, columns));
  }
  /** Label score of candidate j against the row key at index k of ALL_KEYS (computed once). */
  tailAt(j: number, k: number): number {
    const id = j * ALL_KEYS.length + k;
    let v = this.tails[id]!;
    if (v < 0) {
      v = bestTail(LABELS[k]!, this.cands[j]!.label, this.seen[j]);
      this.tails[id] = v;
    }
    return v;
  }
  nearAt(j: number, k: number): number {
    const id = j * ALL_KEYS.length + k;
    let v = this.nears[id]!;
    if (v < 0) {
      v = bestNear(LABELS[k]!, this.cands[j]!.label, this.seen[j]);
      this.nears[id] = v;
    }
    return v;
  }
}

export interface AppRowMatch {
  key: ApplicationRowKey;
  cand: Candidate | null;
  how: "label" | "near" | "position" | "missing";
}

export interface AppAlignment {
  layout: OtherLayout;
  score: number;
  matches: AppRowMatch[];
}

/** Best alignment of the official rows (for one layout) with the candidates. */
export function alignApplications(
  sc: Scores,
  layout: OtherLayout,
  lo = 0,
  hi = sc.cands.length,
): AppAlignment {
  const cands = sc.cands.slice(lo, hi);
  const rows = applicationRows(layout);
  const n = rows.length;
  const m = cands.length;
  const keyAt = rows.map((r) => KEY_INDEX.get(r.key)!);
  // Scores of every (row, candidate) pair, once: value and how (0 = impossible).
  const HOW: AppRowMatch["how"][] = ["missing", "label", "near", "position"];
  const pairScore = new Float64Array(n * m);
  const pairHow = new Uint8Array(n * m);
  for (let i = 0; i < n; i++) {
    const k = keyAt[i]!;
    for (let jj = 0; jj < m; jj++) {
      const j = jj + lo;
      if (!sc.fit[j]) continue;
      const t = sc.tailAt(j, k);
      const at = i * m + jj;
      if (t >= STRONG) {
        pairScore[at] = 2 + t;
        pairHow[at] = 1; // label
      } else if (sc.nearAt(j, k) >= 0.9) {
        pairScore[at] = 1.5;
        pairHow[at] = 2; // near
      } else if (sc.full[j] && !sc.strong(j)) {
        pairScore[at] = 0.3;
        pairHow[at] = 3; // position
      }
    }
  }
  // f[i][j] (at i * w + j): best score with rows < i and candidates < j; from: the step taken there.
  const w = m + 1;
  const f = new Float64Array((n + 1) * w).fill(-1e9);
  const from = new Uint8Array((n + 1) * w);
  f[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const at = i * w + j;
      const cur = f[at]!;
      if (cur <= -1e8) continue;
      if (j < m && cur > f[at + 1]!) {
        f[at + 1] = cur;
        from[at + 1] = 1; // skip candidate
      }
      if (i < n && cur - MISSING > f[at + w]!) {
        f[at + w] = cur - MISSING;
        from[at + w] = 2; // row missing
      }
      if (i < n && j < m && pairHow[i * m + j]! > 0) {
        const v = cur + pairScore[i * m + j]!;
        if (v > f[at + w + 1]!) {
          f[at + w + 1] = v;
          from[at + w + 1] = 3;
        }
      }
    }
  }
  const matches: AppRowMatch[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const step = from[i * w + j];
    if (step === 1) j--;
    else if (step === 2) {
      i--;
      matches.push({ key: rows[i]!.key, cand: null, how: "missing" });
    } else if (step === 3) {
      i--;
      j--;
      matches.push({ key: rows[i]!.key, cand: cands[j]!, how: HOW[pairHow[i * m + j]!]! });
    } else break;
  }
  matches.reverse();
  return { layout, score: f[n * w + m]!, matches };
}

export interface AppResult {
  layout: OtherLayout;
  values: Map<ApplicationRowKey, CellValue[]>;
  locs: Map<ApplicationRowKey, string[]>;
  uncertain: string[];
  warnings: string[];
  /** Candidate indexes used. */
  used: number[];
  matched: number;
}

/**
 * A row whose values wrap onto the next line(s) of free text (`…数量 64 0 0 2` / `0 4 70`):
 * candidates without a label of their own that directly follow are joined when they make 7.
 */
export function joinWrapped(cands: readonly Candidate[], n = 7): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i]!;
    const free = (x: Candidate) => x.values.every((v) => v.x === undefined && !v.run);
    if (c.values.length > 0 && c.values.length < n && free(c)) {
      const values = [...c.values];
      let j = i + 1;
      for (; j < cands.length && values.length < n; j++) {
        const next = cands[j]!;
        if (next.index !== cands[j - 1]!.index + 1 || next.label !== "" || !free(next)) break;
        values.push(...next.values);
      }
      if (values.length === n && j > i + 1) {
        out.push({ ...c, values });
        i = j - 1;
        continue;
      }
    }
    out.push(c);
  }
  return out;
}

export function readApplications(input: readonly Candidate[], header?: number[]): AppResult | null {
  const cands = joinWrapped(input);
  const all = new Scores(cands);
  // Column positions (PDF): from rows printed in full, else from the printed header.
  const fullRows = cands.filter((_c, j) => all.full[j] && all.strong(j));
  const columns =
    columnCentres(
      fullRows.map((c) => c.values),
      7,
    ) ?? header;
  if (columns) all.setColumns(columns);
  // Only the stretch from the first to the last row label of table 三 (with a margin) is aligned.
  const strongAt = cands.flatMap((_c, j) => (all.fit[j] && all.strong(j) ? [j] : []));
  if (strongAt.length < 3) return null;
  const lo = Math.max(0, strongAt[0]! - 3);
  const hi = Math.min(cands.length, strongAt[strongAt.length - 1]! + 4);
  const sc = all;
  const a = alignApplications(sc, "split", lo, hi);
  const b = alignApplications(sc, "single", lo, hi);
  const best = b.score > a.score ? b : a;
  const found = best.matches.filter((x) => x.cand && x.how === "label").length;
  if (found < 3) return null;
  const rowsDef = applicationRows(best.layout);
  const reads = best.matches.map((x) =>
    x.cand ? readRow(x.cand.values, KINDS, rowSumSplits, sc.columns) : null,
  );
  const solved = solveApplications(
    best.matches.map((x, i) => ({
      key: x.key,
      role: rowsDef[i]!.role,
      options: reads[i]?.options ?? [],
    })),
  );
  const uncertain: string[] = [];
  const warnings: string[] = [];
  const locs = new Map<ApplicationRowKey, string[]>();
  const placed = best.matches.some((x) => x.how === "position" || x.how === "near");
  const doubtPlaced =
    placed &&
    !equationsHold(
      best.matches.map((x, i) => ({ key: x.key, role: rowsDef[i]!.role })),
      solved.values,
    );
  if (doubtPlaced)
    warnings.push("表三部分行按行序对应后勾稽关系不成立，这些行的数值已列入 uncertain（请人工核对）");
  best.matches.forEach((x, i) => {
    const r = reads[i];
    const open = new Set(solved.unsettled.get(x.key) ?? []);
    if (doubtPlaced && (x.how === "position" || x.how === "near")) for (let c = 0; c < 7; c++) open.add(c);
    if (r?.truncated) for (let c = 0; c < 7; c++) open.add(c);
    if (x.how === "missing") {
      warnings.push(`表三未找到「${rowsDef[i]!.label}」行，该行留空`);
      for (let c = 0; c < 7; c++) open.add(c);
    }
    for (const c of [...open].sort()) uncertain.push(`applications.${x.key}[${c}]`);
    if (r) locs.set(x.key, r.locs);
    if (r?.split && open.size > 0)
      warnings.push(
        `表三「${rowsDef[i]!.label}」行数字连写（${x.cand!.values.map((v) => v.num).join(" ")}），拆分不唯一或无法满足勾稽关系，已列入 uncertain`,
      );
    if (x.how === "position" || x.how === "near")
      warnings.push(`表三「${rowsDef[i]!.label}」行的数值与标签分离，按表格行序对应（${x.cand!.loc}）`);
  });
  return {
    layout: best.layout,
    values: solved.values,
    locs,
    uncertain,
    warnings,
    used: best.matches.flatMap((x) => (x.cand ? [x.cand.index] : [])),
    matched: found,
  };
}
