/**
 * 行政复议 / 行政诉讼 records in the registers screen: the kinds and results of table 四 and the checks
 * the server makes (app/review-cases.ts) before a record is filed or decided, so the form says what is
 * wrong, in Chinese and on its field, before anything is sent.
 */
import { isIsoDate } from "../../domain/calendar/index.js";
import { REVIEW_RESULT_LABEL as RESULT_LABEL, REVIEW_GROUP_LABEL } from "../../domain/report/definition.js";

/** Table 四 groups and results, by key, from the one table definition (as the server checks them). */
export const REVIEW_KIND_LABEL: Record<string, string> = REVIEW_GROUP_LABEL;
export const REVIEW_RESULT_LABEL: Record<string, string> = RESULT_LABEL;

export interface ReviewForm {
  kind?: string;
  filed?: string;
  caseNumber?: string;
  authority?: string;
  applicationRef?: string;
}
export interface DecisionForm {
  result?: string;
  decided?: string;
}
export interface FieldProblem {
  field: string;
  message: string;
}

function dateProblem(field: string, label: string, v: string | undefined, today: string): FieldProblem[] {
  const s = (v ?? "").trim();
  if (!s) return [{ field, message: `请填写${label}` }];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || !isIsoDate(s))
    return [{ field, message: `${label}“${s}”不是有效日期（格式 YYYY-MM-DD）` }];
  if (s > today) return [{ field, message: `${label} ${s} 晚于今天（${today}）` }];
  return [];
}

/** What is wrong with a new record; empty when it may be filed. */
export function reviewProblems(f: ReviewForm, today: string): FieldProblem[] {
  const p: FieldProblem[] = [];
  if (!f.kind) p.push({ field: "kind", message: "请选择类别（行政复议或行政诉讼）" });
  else if (!(f.kind in REVIEW_KIND_LABEL)) p.push({ field: "kind", message: `没有“${f.kind}”这种类别` });
  p.push(...dateProblem("filed", "立案日期", f.filed, today));
  if ((f.caseNumber ?? "").trim().length > 100)
    p.push({ field: "caseNumber", message: "案号不超过 100 个字符" });
  if ((f.authority ?? "").trim().length > 100)
    p.push({ field: "authority", message: "复议机关或法院名称不超过 100 个字符" });
  if ((f.applicationRef ?? "").trim().length > 64)
    p.push({ field: "applicationRef", message: "申请编号不超过 64 个字符" });
  return p;
}

/** What is wrong with a decision on a record filed on `filed`; empty when it may be recorded. */
export function decisionProblems(d: DecisionForm, filed: string, today: string): FieldProblem[] {
  const p: FieldProblem[] = [];
  if (!d.result) p.push({ field: "result", message: "请选择审结结果" });
  else if (!(d.result in REVIEW_RESULT_LABEL))
    p.push({ field: "result", message: `没有“${d.result}”这种结果` });
  const date = dateProblem("decided", "审结日期", d.decided, today);
  p.push(...date);
  if (!date.length && d.decided!.trim() < filed)
    p.push({ field: "decided", message: `审结日期 ${d.decided!.trim()} 早于立案日期 ${filed}` });
  return p;
}

/** The body of POST /api/review-cases from the form (empty optional fields left out). */
export function reviewBody(f: ReviewForm): Record<string, string> {
  const out: Record<string, string> = { kind: f.kind!, filed: f.filed!.trim() };
  for (const k of ["caseNumber", "authority", "applicationRef"] as const) {
    const v = f[k]?.trim();
    if (v) out[k] = v;
  }
  return out;
}
