/**
 * Narrative checks: counts stated in the text that contradict the tables (TEXT-TABLE), and the
 * 2021 format's 信息处理费 item in section 六 (S6-FEE). Both only run when the report has narrative.
 */
import { appPath, type CellValue, type Report, reviewPath } from "../report/model.js";
import type { Check, Finding } from "./finding.js";

const value = (v: CellValue | undefined): number | null => (typeof v === "number" ? v : null);
const total = (r: Report, key: Parameters<typeof appPath>[0]) => value(r.applications[key]?.[6]);
const add = (...xs: (number | null)[]): number | null =>
  xs.some((x) => x === null) ? null : xs.reduce<number>((a, b) => a + (b as number), 0);

interface NarrativeRule {
  /** What the sentence states, for the message. */
  what: string;
  /** Matches one statement; group 1 is the number of 件. */
  pattern: RegExp;
  /** The table values the statement may mean (any one matches), or null when the table cannot tell. */
  accepted(r: Report): number[] | null;
  cells: string[];
}

const notFollowedByPercent = "(?![0-9.]*%)";
/** Conservative patterns: each reads one unambiguous kind of statement; anything else is left alone. */
const RULES: NarrativeRule[] = [
  {
    what: "收到/受理/新收的申请数",
    pattern: new RegExp(
      `(?:共|全年|累计|本年度?)?(?:收到|受理|新收)[^，。；：0-9]{0,12}?申请[^，。；：0-9]{0,4}?(\\d+)${notFollowedByPercent}件`,
      "g",
    ),
    // 受理 is used both for 新收 and for 新收 + 上年结转 (e.g. 受理749 = 713 + 36).
    accepted: (r) => {
      const n = total(r, "new_received");
      const both = add(n, total(r, "carried_over"));
      return n === null ? null : both === null ? [n] : [n, both];
    },
    cells: [appPath("new_received", 6), appPath("carried_over", 6)],
  },
  {
    what: "收到/受理/新收的申请数",
    pattern: new RegExp(
      `(?:共|全年|累计)(?:收到|受理|新收)(\\d+)${notFollowedByPercent}件[^，。；0-9]{0,4}申请`,
      "g",
    ),
    accepted: (r) => {
      const n = total(r, "new_received");
      const both = add(n, total(r, "carried_over"));
      return n === null ? null : both === null ? [n] : [n, both];
    },
    cells: [appPath("new_received", 6)],
  },
  {
    what: "办结/答复的申请数",
    // 办结 N 件, 办结依申请公开 N 件, 答复(政府信息公开)申请 N 件 — not "同意公开答复 N 件" (one outcome).
    pattern: new RegExp(
      `(?:办结(?:依申请公开|政府信息公开申请|申请)?|答复(?:政府信息公开)?申请)(\\d+)${notFollowedByPercent}件`,
      "g",
    ),
    accepted: (r) => {
      const n = total(r, "total_processed");
      return n === null ? null : [n];
    },
    cells: [appPath("total_processed", 6)],
  },
  {
    what: "结转下年度的申请数",
    pattern: /(\d+)件(?:申请)?结转下一?年/g,
    accepted: (r) => {
      const n = total(r, "carried_forward");
      return n === null ? null : [n];
    },
    cells: [appPath("carried_forward", 6)],
  },
  {
    what: "予以公开及部分公开的申请数",
    pattern: /予以公开(?:及|和|与)部分公开(?:的)?(?:申请)?(\d+)件/g,
    accepted: (r) => {
      const n = add(total(r, "granted"), total(r, "partially_granted"));
      return n === null ? null : [n];
    },
    cells: [appPath("granted", 6), appPath("partially_granted", 6)],
  },
  {
    what: "行政复议案件数",
    pattern: /行政复议(?:案件)?(\d+)件/g,
    accepted: (r) => {
      const n = value(r.review_litigation.review?.total);
      return n === null ? null : [n];
    },
    cells: [reviewPath("review", "total")],
  },
  {
    what: "行政诉讼案件数",
    pattern: /(?:行政诉讼|[，、；]诉讼)(?:案件)?(\d+)件/g,
    accepted: (r) => {
      const n = add(
        value(r.review_litigation.litigation_direct?.total),
        value(r.review_litigation.litigation_after_review?.total),
      );
      return n === null ? null : [n];
    },
    cells: [reviewPath("litigation_direct", "total"), reviewPath("litigation_after_review", "total")],
  },
];

/** Sentences of the narrative, with the section they stand in. */
function sentences(report: Report): { section: string; text: string }[] {
  const out: { section: string; text: string }[] = [];
  for (const [section, text] of Object.entries(report.sections ?? {})) {
    for (const s of text.replace(/\s+/g, "").split(/[。；\n]/)) if (s) out.push({ section, text: s });
  }
  return out;
}

/** Counts stated in the narrative that contradict the tables. */
export const textTableCheck: Check = {
  id: "TEXT-TABLE",
  severity: "warning",
  title: "正文中的数字与表格不一致",
  basis: "年报正文与统计表应一致（格式要求：内容准确）",
  run(report) {
    const out: Finding[] = [];
    for (const { text } of sentences(report)) {
      // "含上年度结转" / "上年结转" clauses restate carried-over counts, not the headline figure.
      if (/上年度?结转/.test(text) && !/共|全年/.test(text)) continue;
      for (const rule of RULES) {
        for (const m of text.matchAll(rule.pattern)) {
          const stated = Number(m[1]);
          const accepted = rule.accepted(report);
          if (accepted === null || accepted.includes(stated)) continue;
          out.push({
            id: this.id,
            severity: this.severity,
            message: `正文“${m[0]}”所述${rule.what}为 ${stated}，与表格不符（表格为 ${accepted.join(" 或 ")}）`,
            cells: rule.cells,
          });
        }
      }
    }
    return out;
  },
};

/** 2021 edition: section 六 reports 信息处理费 collection (even "未收取"). */
export const feeSectionCheck: Check = {
  id: "S6-FEE",
  severity: "warning",
  title: "2021 年版：第六部分应说明信息处理费收取情况",
  basis: "国办公开办函〔2021〕30号；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
  run(report) {
    if (report.edition !== "2021" || !report.sections) return [];
    const text = report.sections.other ?? "";
    const mentions = (t: string) => /信息处理费|处理费|收费/.test(t.replace(/\s+/g, ""));
    if (mentions(text)) return [];
    // Reports that number their sections their own way: a fee statement anywhere in the text counts.
    if (!text && Object.values(report.sections).some((t) => t && mentions(t))) return [];
    return [
      {
        id: this.id,
        severity: this.severity,
        message: text
          ? "第六部分“其他需要报告的事项”未说明信息处理费收取情况（未收取也应写明）"
          : "报告没有第六部分“其他需要报告的事项”，未说明信息处理费收取情况",
        cells: [],
      },
    ];
  },
};
