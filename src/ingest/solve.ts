/**
 * Choosing among digit splits with the equations of table 三: per column,
 * 新收 + 结转 = 总计 + 结转下年 and 总计 = sum of the outcome rows. Rows with one option are
 * fixed; the others are searched jointly (bounded). Cells that differ between the surviving
 * solutions — or rows where nothing survives — are reported as unsettled, never guessed silently.
 */
import type { ApplicationRowKey } from "../domain/report/definition.js";
import type { CellValue } from "../domain/report/model.js";

export interface RowOptions {
  key: ApplicationRowKey;
  role: "input" | "outcome" | "total" | "carry";
  options: CellValue[][];
}

export interface Solved {
  values: Map<ApplicationRowKey, CellValue[]>;
  /** Row key → column indexes that could not be settled. */
  unsettled: Map<ApplicationRowKey, number[]>;
  solutions: number;
}

const MAX_SOLUTIONS = 64;
const MAX_NODES = 200_000;

const num = (v: CellValue | undefined): number | null => (typeof v === "number" ? v : null);

/** Checks every column equation whose cells are all known numbers. */
function consistent(rows: RowOptions[], pick: (CellValue[] | undefined)[]): boolean {
  const byRole = (role: RowOptions["role"]) =>
    rows.map((r, i) => ({ r, v: pick[i] })).filter((x) => x.r.role === role);
  const inputs = byRole("input");
  const outcomes = byRole("outcome");
  const total = byRole("total")[0];
  const carry = byRole("carry")[0];
  for (let c = 0; c < 7; c++) {
    const t = num(total?.v?.[c]);
    if (total?.v && t !== null) {
      let sum = 0;
      let complete = true;
      for (const o of outcomes) {
        const x = o.v ? num(o.v[c]) : null;
        if (o.v === undefined) complete = false;
        else if (x === null) complete = false;
        else sum += x;
      }
      if (sum > t) return false;
      if (complete && sum !== t) return false;
    }
    const f = num(carry?.v?.[c]);
    const ins = inputs.map((x) => (x.v ? num(x.v[c]) : null));
    if (t !== null && f !== null && ins.every((x) => x !== null) && inputs.every((x) => x.v)) {
      if ((ins as number[]).reduce((a, b) => a + b, 0) !== t + f) return false;
    }
  }
  return true;
}

export function solveApplications(rows: RowOptions[]): Solved {
  const values = new Map<ApplicationRowKey, CellValue[]>();
  const unsettled = new Map<ApplicationRowKey, number[]>();
  const variable = rows.map((_r, i) => i).filter((i) => rows[i]!.options.length > 1);
  const pick: (CellValue[] | undefined)[] = rows.map((r) =>
    r.options.length === 1 ? r.options[0] : undefined,
  );
  for (const r of rows) {
    if (r.options.length === 1) values.set(r.key, r.options[0]!);
    if (r.options.length === 0) {
      values.set(r.key, Array(7).fill(null));
      unsettled.set(r.key, [0, 1, 2, 3, 4, 5, 6]);
    }
  }
  if (variable.length === 0) return { values, unsettled, solutions: 1 };
  variable.sort((a, b) => rows[a]!.options.length - rows[b]!.options.length);
  const solutions: CellValue[][][] = [];
  let nodes = 0;
  let aborted = false;
  const walk = (k: number): void => {
    if (aborted || solutions.length >= MAX_SOLUTIONS) return;
    if (++nodes > MAX_NODES) {
      aborted = true;
      return;
    }
    if (k === variable.length) {
      if (consistent(rows, pick)) solutions.push(variable.map((i) => pick[i]!));
      return;
    }
    const i = variable[k]!;
    for (const opt of rows[i]!.options) {
      pick[i] = opt;
      if (consistent(rows, pick)) walk(k + 1);
    }
    pick[i] = undefined;
  };
  walk(0);
  variable.forEach((i, vi) => {
    const r = rows[i]!;
    const found = aborted || solutions.length === 0 ? r.options : solutions.map((s) => s[vi]!);
    const settled: CellValue[] = [];
    const open: number[] = [];
    for (let c = 0; c < 7; c++) {
      const first = found[0]![c] ?? null;
      if (found.every((o) => (o[c] ?? null) === first)) settled.push(first);
      else {
        settled.push(null);
        open.push(c);
      }
    }
    values.set(r.key, settled);
    if (open.length > 0) unsettled.set(r.key, open);
  });
  return { values, unsettled, solutions: aborted ? -1 : solutions.length };
}

/** True when every evaluable equation of table 三 holds (rows: 总计 column; columns: totals, identity). */
export function equationsHold(
  rows: readonly Omit<RowOptions, "options">[],
  values: Map<ApplicationRowKey, CellValue[]>,
): boolean {
  const withValues = rows.map((r) => ({ ...r, options: [] as CellValue[][] }));
  const pick = rows.map((r) => values.get(r.key));
  for (const v of pick) {
    if (!v) continue;
    const nums = v.slice(0, 6).map(num);
    const t = num(v[6]);
    if (t !== null && nums.every((x) => x !== null) && (nums as number[]).reduce((a, b) => a + b, 0) !== t)
      return false;
  }
  return consistent(withValues, pick);
}
