/** Checks of table 四 (行政复议、行政诉讼情况). */
import { REVIEW_FIELDS, REVIEW_GROUPS } from "../report/definition.js";
import { reviewPath } from "../report/model.js";
import { numbers, spell, sum, type Term } from "./equations.js";
import type { Check, Finding } from "./finding.js";

/** Each group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结. */
export const reviewSumCheck: Check = {
  id: "T4-SUM",
  severity: "error",
  title: "表四每组：总计等于结果维持、结果纠正、其他结果、尚未审结之和",
  basis: "年报格式表四“总计”的含义",
  run(report) {
    const out: Finding[] = [];
    for (const g of REVIEW_GROUPS) {
      const terms: Term[] = REVIEW_FIELDS.map((f) => ({
        path: reviewPath(g.key, f.key),
        label: f.label,
        value: report.review_litigation[g.key]?.[f.key],
      }));
      const total = terms.pop()!;
      const t = numbers([total]);
      const p = numbers(terms);
      if (!t || !p || t[0] === sum(p)) continue;
      out.push({
        id: this.id,
        severity: this.severity,
        message: `表四「${g.fullLabel}」：总计为 ${t[0]}，但 ${spell(terms)} = ${sum(p)}`,
        cells: [total.path, ...terms.map((x) => x.path)],
      });
    }
    return out;
  },
};
