/** Edition checks: a report that mixes the 2019 and 2021 formats, or whose edition does not fit its year. */
import {
  EDITION_OTHER_LAYOUT,
  EDITION_SOURCE,
  editionForYear,
  OUTCOME_GROUPS,
} from "../report/definition.js";
import { otherLayoutOf } from "../report/model.js";
import type { Check } from "./finding.js";

/** Rows of the other edition: the single （六）其他处理 row in a 2021-edition report, or the sub-rows in a 2019 one. */
export const editionMixCheck: Check = {
  id: "EDITION-MIX",
  severity: "warning",
  title: "报告混用了另一版年报格式的行或列",
  basis: "国办公开办函〔2021〕30号 / 〔2019〕60号",
  run(report) {
    const layout = otherLayoutOf(report);
    if (layout === EDITION_OTHER_LAYOUT[report.edition]) return [];
    const cells =
      layout === "single"
        ? Array.from({ length: 7 }, (_, i) => `applications.other_processing[${i}]`)
        : ["other_no_correction", "other_no_fee", "other_other"].flatMap((k) =>
            Array.from({ length: 7 }, (_, i) => `applications.${k}[${i}]`),
          );
    const message =
      layout === "single"
        ? `报告采用 ${report.edition} 年版格式（${EDITION_SOURCE[report.edition]}），但表三${OUTCOME_GROUPS.other}为一行，未按 2021 年版分列 1.逾期不补正、2.逾期未缴费、3.其他 三项`
        : `报告采用 2019 年版格式（${EDITION_SOURCE["2019"]}），但表三${OUTCOME_GROUPS.other}分成了 2021 年版的三项`;
    return [{ id: this.id, severity: this.severity, message, cells }];
  },
};

/** The format in force for the statistics year: 2019 edition for 2019–2020, 2021 edition from 2021. */
export const editionYearCheck: Check = {
  id: "EDITION-YEAR",
  severity: "warning",
  title: "年报格式版本与统计年度不符",
  basis: "国办公开办函〔2021〕30号自 2021 年度报告起施行",
  run(report) {
    const expected = editionForYear(report.year);
    if (expected === report.edition) return [];
    return [
      {
        id: this.id,
        severity: this.severity,
        message: `${report.year} 年度报告应使用 ${expected} 年版格式（${EDITION_SOURCE[expected]}），但报告为 ${report.edition} 年版`,
        cells: [],
      },
    ];
  },
};
