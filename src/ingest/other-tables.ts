/**
 * Tables 二 and 四 from row candidates. Table 二's rows have short, distinct labels and may be
 * printed out of order (a converted PDF puts some rows as loose text), so each row takes its best
 * labelled candidate. Table 四 is one row of 15 values, or three rows of five.
 */
import {
  ACTIVE_BLOCKS,
  type CellKind,
  EDITIONS,
  type Edition,
  REVIEW_FIELDS,
  REVIEW_GROUPS,
} from "../domain/report/definition.js";
import type { CellValue } from "../domain/report/model.js";
import { reviewSplits } from "./digits.js";
import { lastSeenAll, normLabel, tailScore } from "./labels.js";
import type { Candidate } from "./rows.js";
import { cellFromToken, fits, placeByColumns, readRow, trimValues } from "./values.js";

export interface CellsRead {
  cells: Map<string, CellValue>;
  locs: Map<string, string>;
  uncertain: string[];
  warnings: string[];
  found: number;
}

const empty = (): CellsRead => ({ cells: new Map(), locs: new Map(), uncertain: [], warnings: [], found: 0 });

/** All labels a table-二 row key has in either edition (规范性文件 / 行政规范性文件). */
const ACTIVE_LABELS = new Map<string, string[]>();
function activeLabels(key: string): string[] {
  const known = ACTIVE_LABELS.get(key);
  if (known) return known;
  const out = new Set<string>();
  for (const e of EDITIONS)
    for (const b of ACTIVE_BLOCKS[e]) for (const r of b.rows) if (r.key === key) out.add(normLabel(r.label));
  ACTIVE_LABELS.set(key, [...out]);
  return [...out];
}

/** Records a row read: settled cells, or every differing cell as uncertain (left blank). */
function record(
  out: CellsRead,
  paths: string[],
  kinds: CellKind[],
  cand: Candidate,
  filter?: (s: number[][]) => number[][],
) {
  const r = readRow(cand.values, kinds, filter);
  const options = r.options;
  if (options.length === 0) {
    for (const p of paths) {
      out.cells.set(p, null);
      out.uncertain.push(p);
    }
    return;
  }
  paths.forEach((p, i) => {
    const first = options[0]![i] ?? null;
    const same = !r.truncated && options.every((o) => (o[i] ?? null) === first);
    out.cells.set(p, same ? first : null);
    out.locs.set(p, r.locs[i] ?? cand.loc);
    if (!same) out.uncertain.push(p);
  });
  if (options.length > 1 || r.truncated)
    out.warnings.push(
      `数字连写“${cand.values.map((v) => v.num).join(" ")}”（${cand.loc}）可拆分为 ${r.truncated ? "过多" : options.length} 种结果（如 ${options
        .slice(0, 4)
        .map((o) => o.join("|"))
        .join("、")}），无法确定的单元格已留空并列入 uncertain`,
    );
}

export function readActive(cands: readonly Candidate[], edition: Edition): CellsRead {
  const out = empty();
  // Table 二 starts at its block headers; without them, numbers in the narrative are not read as the table.
  const start = cands.findIndex((c) => ACTIVE_ANCHOR_RE.test(c.label));
  if (start < 0) {
    out.warnings.push(
      "未找到表二（主动公开政府信息情况）的表头（第二十条第（一）项、信息内容），表二留空并列入 uncertain",
    );
    for (const block of ACTIVE_BLOCKS[edition])
      for (const row of block.rows)
        for (const c of block.columns) {
          const p = c.key === null ? `active.${row.key}` : `active.${row.key}.${c.key}`;
          out.cells.set(p, null);
          out.uncertain.push(p);
        }
    return out;
  }
  const pool = cands.slice(start);
  const seen = lastSeenAll(pool.map((c) => c.label));
  for (const block of ACTIVE_BLOCKS[edition]) {
    const kinds = block.columns.map((c) => c.kind);
    const fit = pool.map((c) => fits(c.values, kinds.length));
    for (const row of block.rows) {
      const labels = activeLabels(row.key);
      let best: Candidate | null = null;
      let bestScore = 0.75;
      for (let i = 0; i < pool.length; i++) {
        if (!fit[i]) continue;
        const c = pool[i]!;
        let s = 0;
        for (const l of labels) s = Math.max(s, tailScore(l, c.label, seen[i]));
        if (s > bestScore + 1e-9) {
          best = c;
          bestScore = s;
        }
      }
      const paths = block.columns.map((c) =>
        c.key === null ? `active.${row.key}` : `active.${row.key}.${c.key}`,
      );
      if (!best) {
        out.warnings.push(`表二未找到「${row.label}」行，该行留空并列入 uncertain`);
        for (const p of paths) {
          out.cells.set(p, null);
          out.uncertain.push(p);
        }
        continue;
      }
      out.found++;
      record(out, paths, kinds, best);
    }
  }
  return out;
}

const ACTIVE_ANCHORS = ["第二十条", "信息内容", "本年制发件数", "本年新制作数量", "处理决定数量"];
/** Any of the anchors (one scan of a label instead of one per anchor). */
const ACTIVE_ANCHOR_RE = new RegExp(ACTIVE_ANCHORS.join("|"));

const REVIEW_PATHS = REVIEW_GROUPS.flatMap((g) =>
  REVIEW_FIELDS.map((f) => `review_litigation.${g.key}.${f.key}`),
);

export function readReview(cands: readonly Candidate[], columns?: readonly number[]): CellsRead {
  const out = empty();
  const labelled = (c: Candidate) => /复议|诉讼|审结|维持|纠正/.test(c.label);
  const one =
    cands.find((c) => labelled(c) && fits(c.values, 15)) ??
    cands.find((c) => fits(c.values, 15)) ??
    wrapped(cands, labelled);
  if (one) {
    out.found = 1;
    record(out, REVIEW_PATHS, Array(15).fill("count"), one, reviewSplits);
    return out;
  }
  const placed = columns ? cands.find((c) => labelled(c) && placeByColumns(c.values, columns)) : undefined;
  if (placed) {
    out.found = 1;
    const cells = placeByColumns(placed.values, columns)!;
    REVIEW_PATHS.forEach((p, i) => {
      const t = cells[i];
      out.cells.set(p, t ? cellFromToken(t, "count") : null);
      out.locs.set(p, t?.loc ?? `${placed.loc}（按版面位置判断为空白）`);
    });
    return out;
  }
  const fives = cands.filter((c) => trimValues(c.values, 5).length === 5).slice(0, 3);
  if (fives.length === 3) {
    const order = groupOrder(fives);
    out.found = 1;
    order.forEach((cand, g) => {
      const paths = REVIEW_PATHS.slice(g * 5, g * 5 + 5);
      record(out, paths, Array(5).fill("count"), cand);
    });
    return out;
  }
  out.warnings.push("未找到表四（行政复议、行政诉讼）的数据行，表四留空并列入 uncertain");
  for (const p of REVIEW_PATHS) {
    out.cells.set(p, null);
    out.uncertain.push(p);
  }
  return out;
}

/** The row of 15 values printed over consecutive lines (a narrow page): joined when they add up to 15. */
function wrapped(cands: readonly Candidate[], labelled: (c: Candidate) => boolean): Candidate | undefined {
  for (let i = 0; i < cands.length; i++) {
    if (!labelled(cands[i]!)) continue;
    const values = [...cands[i]!.values];
    for (let j = i + 1; j < cands.length && values.length < 15; j++) {
      const next = cands[j]!;
      if (next.index !== cands[j - 1]!.index + 1 || next.label !== "") break;
      values.push(...next.values);
    }
    if (values.length === 15) return { ...cands[i]!, values };
  }
  return undefined;
}

/** Orders three five-value rows as 行政复议 / 未经复议直接起诉 / 复议后起诉 by their labels when they say so. */
function groupOrder(rows: Candidate[]): Candidate[] {
  const tag = (c: Candidate): number => {
    const l = c.label.slice(-40);
    if (l.includes("复议后起诉")) return 2;
    if (l.includes("直接起诉") || l.includes("未经复议")) return 1;
    return l.includes("诉讼") ? -1 : 0;
  };
  const tags = rows.map(tag);
  if (new Set(tags).size === 3 && tags.every((t) => t >= 0))
    return [0, 1, 2].map((g) => rows[tags.indexOf(g)]!);
  return rows;
}
