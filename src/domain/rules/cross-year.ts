/** Checks against the same agency's previous-year report (XY-CARRY, XY-INFORCE). */
import { APPLICANT_COLUMNS } from "../report/definition.js";
import { appPath, type CellValue, type Report } from "../report/model.js";
import type { Check, CheckContext, Finding } from "./finding.js";

/** The previous report, when it is really the year before (else a finding says why nothing was compared). */
function previousOf(report: Report, ctx: CheckContext): Report | undefined {
  const prev = ctx.previous;
  if (!prev || prev.year !== report.year - 1) return undefined;
  return prev;
}

/** A finding that the given previous report is not the year before, so no cross-year check ran. */
export const previousYearCheck: Check = {
  id: "XY-YEAR",
  severity: "warning",
  title: "提供的上年度报告不是前一年度或不是同一机关，未做跨年核对",
  basis: "跨年核对只比较同一机关相邻两年的报告",
  run(report, ctx) {
    const prev = ctx.previous;
    if (!prev) return [];
    const problems: string[] = [];
    if (prev.year !== report.year - 1)
      problems.push(`上年度报告的统计年度为 ${prev.year}，不是 ${report.year - 1}`);
    if (prev.agency && report.agency && prev.agency !== report.agency)
      problems.push(`上年度报告的机关为“${prev.agency}”，本报告为“${report.agency}”`);
    if (problems.length === 0) return [];
    return [
      {
        id: this.id,
        severity: this.severity,
        message: `${problems.join("；")}${prev.year !== report.year - 1 ? "，未做跨年核对" : ""}`,
        cells: [],
      },
    ];
  },
};

/** 本年“二、上年结转” = 上年“四、结转下年度继续办理”, per column, whatever the editions. */
export const carryCheck: Check = {
  id: "XY-CARRY",
  severity: "error",
  title: "本年度“上年结转”等于上年度“结转下年度继续办理”（逐列）",
  basis: "表三勾稽关系在相邻年度间的延续；公开办审核要点",
  run(report, ctx) {
    const prev = previousOf(report, ctx);
    if (!prev) return [];
    const out: Finding[] = [];
    for (const c of APPLICANT_COLUMNS) {
      const now = report.applications.carried_over?.[c.index];
      const before = prev.applications.carried_forward?.[c.index];
      if (typeof now !== "number" || typeof before !== "number" || now === before) continue;
      out.push({
        id: this.id,
        severity: this.severity,
        message: `表三「${c.label}」列：${report.year} 年“二、上年结转政府信息公开申请数量”为 ${now}，但 ${prev.year} 年报告“四、结转下年度继续办理”为 ${before}`,
        cells: [appPath("carried_over", c.index)],
      });
    }
    return out;
  },
};

const num = (v: CellValue | undefined): number | null => (typeof v === "number" ? v : null);

/** 2021 edition both years: 现行有效件数 = 上年现行有效 + 本年制发 − 本年废止 (a plausibility rule, not an official one). */
export const inForceCheck: Check = {
  id: "XY-INFORCE",
  severity: "warning",
  title: "现行有效件数 ≈ 上年现行有效件数 + 本年制发 − 本年废止",
  basis: "表二第二十条第（一）项各栏的含义（合理性核对，非官方公式）",
  run(report, ctx) {
    const prev = previousOf(report, ctx);
    if (prev?.edition !== "2021" || report.edition !== "2021") return [];
    const out: Finding[] = [];
    for (const [key, label] of [
      ["regulations", "规章"],
      ["normative_documents", "行政规范性文件"],
    ] as const) {
      const cur = report.active[key];
      const old = prev.active[key];
      if (!cur || typeof cur !== "object" || !old || typeof old !== "object") continue;
      const [inForce, issued, repealed, before] = [
        num(cur.in_force),
        num(cur.issued),
        num(cur.repealed),
        num(old.in_force),
      ];
      if (inForce === null || issued === null || repealed === null || before === null) continue;
      const expected = before + issued - repealed;
      if (expected === inForce) continue;
      out.push({
        id: this.id,
        severity: this.severity,
        message: `表二「${label}」：${prev.year} 年现行有效 ${before} + 本年制发 ${issued} − 本年废止 ${repealed} = ${expected}，但本年现行有效件数为 ${inForce}`,
        cells: [`active.${key}.in_force`, `active.${key}.issued`, `active.${key}.repealed`],
      });
    }
    return out;
  },
};
