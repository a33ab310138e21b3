/** Checks of table 三 (收到和处理政府信息公开申请情况): the identity, the outcome total, the column sum. */
import {
  APPLICANT_COLUMNS,
  type ApplicationRowKey,
  applicationRowFullLabel,
  applicationRows,
  TOTAL_COLUMN,
} from "../report/definition.js";
import { appPath, otherLayoutOf, type Report } from "../report/model.js";
import { numbers, spell, sum, type Term } from "./equations.js";
import type { Check, Finding } from "./finding.js";

const ROW_LABEL = Object.fromEntries(
  applicationRows("split")
    .concat(applicationRows("single"))
    .map((r) => [r.key, r.label]),
);

const term = (report: Report, key: ApplicationRowKey, col: number): Term => ({
  path: appPath(key, col),
  label: ROW_LABEL[key]!,
  value: report.applications[key]?.[col],
});

const colName = (col: number) => `表三「${APPLICANT_COLUMNS[col]!.label}」列`;

/** 一 + 二 = （七）总计 + 四, per column — the table's own note (国办公开办函〔2021〕30号). */
export const identityCheck: Check = {
  id: "T3-IDENTITY",
  severity: "error",
  title: "表三每列：第一项加第二项之和，等于第三项加第四项之和",
  basis: "年报格式表三的勾稽关系注释",
  run(report) {
    const out: Finding[] = [];
    for (const c of APPLICANT_COLUMNS) {
      const left = [term(report, "new_received", c.index), term(report, "carried_over", c.index)];
      const right = [term(report, "total_processed", c.index), term(report, "carried_forward", c.index)];
      const l = numbers(left);
      const r = numbers(right);
      if (!l || !r || sum(l) === sum(r)) continue;
      out.push({
        id: this.id,
        severity: this.severity,
        message: `${colName(c.index)}：${spell(left)} = ${sum(l)}，不等于 ${spell(right)} = ${sum(r)}（相差 ${Math.abs(sum(l) - sum(r))}）`,
        cells: [...left, ...right].map((t) => t.path),
      });
    }
    return out;
  },
};

/** （七）总计 = the sum of every outcome row, per column. */
export const outcomeTotalCheck: Check = {
  id: "T3-TOTAL",
  severity: "error",
  title: "表三每列：（七）总计等于各项办理结果之和",
  basis: "年报格式表三（七）总计的含义",
  run(report) {
    const out: Finding[] = [];
    const outcomeRows = applicationRows(otherLayoutOf(report)).filter((r) => r.role === "outcome");
    for (const c of APPLICANT_COLUMNS) {
      const total = term(report, "total_processed", c.index);
      const parts = outcomeRows.map((r) => term(report, r.key, c.index));
      const t = numbers([total]);
      const p = numbers(parts);
      if (!t || !p || t[0] === sum(p)) continue;
      out.push({
        id: this.id,
        severity: this.severity,
        message: `${colName(c.index)}：（七）总计为 ${t[0]}，但各项办理结果之和为 ${sum(p)}（${spell(parts, true)}）`,
        cells: [total.path, ...parts.filter((x) => x.value !== 0).map((x) => x.path)],
      });
    }
    return out;
  },
};

/** 总计 column = the sum of the six applicant columns, every row. */
export const columnSumCheck: Check = {
  id: "T3-COLSUM",
  severity: "error",
  title: "表三每行：总计列等于自然人与五类法人或其他组织之和",
  basis: "年报格式表三“总计”列的含义",
  run(report) {
    const out: Finding[] = [];
    for (const r of applicationRows(otherLayoutOf(report))) {
      const total = term(report, r.key, TOTAL_COLUMN);
      const parts = APPLICANT_COLUMNS.filter((c) => c.index !== TOTAL_COLUMN).map((c) => ({
        ...term(report, r.key, c.index),
        label: c.label,
      }));
      const t = numbers([total]);
      const p = numbers(parts);
      if (!t || !p || t[0] === sum(p)) continue;
      out.push({
        id: this.id,
        severity: this.severity,
        message: `表三「${applicationRowFullLabel(r)}」行：总计为 ${t[0]}，但 ${spell(parts)} = ${sum(p)}`,
        cells: [total.path, ...parts.map((x) => x.path)],
      });
    }
    return out;
  },
};
