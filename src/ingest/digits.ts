/**
 * Splitting digits printed with no separators (`640020470` → 64,0,0,2,0,4,70). Every split of
 * the runs into the wanted number of cells is enumerated (no leading zeros, at most 9 digits a
 * cell); the table's equations then choose among them (see solve.ts).
 */

export interface SplitResult {
  splits: number[][];
  /** True when enumeration stopped at the cap: the list is incomplete. */
  truncated: boolean;
}

const MAX_DIGITS = 9;

/** All ways to cut the runs (in order) into exactly n numbers; each run gives at least one. */
export function enumerateSplits(runs: readonly string[], n: number, cap = 20000): SplitResult {
  const splits: number[][] = [];
  let truncated = false;
  const total = runs.reduce((a, r) => a + r.length, 0);
  if (runs.length > n || total < n || runs.some((r) => !/^\d+$/.test(r))) return { splits, truncated };
  const cur: number[] = [];
  const walk = (ri: number, pos: number, remainingDigits: number): void => {
    if (truncated) return;
    const run = runs[ri];
    if (run === undefined) {
      if (cur.length === n) {
        if (splits.length >= cap) truncated = true;
        else splits.push([...cur]);
      }
      return;
    }
    if (pos === run.length) {
      walk(ri + 1, 0, remainingDigits);
      return;
    }
    const cellsLeft = n - cur.length;
    const runsLeftAfter = runs.length - ri - 1;
    if (cellsLeft <= 0) return;
    // Every remaining cell needs at least one digit; every later run needs a cell.
    if (remainingDigits < cellsLeft || remainingDigits > cellsLeft * MAX_DIGITS) return;
    if (cellsLeft < runsLeftAfter + 1) return;
    const maxLen = run[pos] === "0" ? 1 : Math.min(MAX_DIGITS, run.length - pos);
    for (let len = 1; len <= maxLen; len++) {
      cur.push(Number(run.slice(pos, pos + len)));
      walk(ri, pos + len, remainingDigits - len);
      cur.pop();
    }
  };
  walk(0, 0, total);
  return { splits, truncated };
}

/** Splits of a table-三 row that satisfy the row's own equation: 总计 (col 6) = sum of cols 0–5. */
export function rowSumSplits(splits: readonly number[][]): number[][] {
  return splits.filter((s) => s[6] === s.slice(0, 6).reduce((a, b) => a + b, 0));
}

/** Splits of a table-四 row (15 cells) where each group's 总计 is the sum of its four results. */
export function reviewSplits(splits: readonly number[][]): number[][] {
  return splits.filter((s) => {
    for (let g = 0; g < 3; g++) {
      const b = g * 5;
      if (s[b + 4] !== s[b]! + s[b + 1]! + s[b + 2]! + s[b + 3]!) return false;
    }
    return true;
  });
}
