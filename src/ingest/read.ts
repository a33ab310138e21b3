/**
 * From the intermediate lines to a domain Report: metadata, the three tables, provenance,
 * warnings and the cells that could not be settled.
 */
import { GongkaiError } from "../domain/errors.js";
import { type ApplicationRowKey, applicationRows, COLUMN_COUNT } from "../domain/report/definition.js";
import { appPath, blankReport, type Report, setCell } from "../domain/report/model.js";
import { readApplications } from "./applications.js";
import { cleanText } from "./cjk.js";
import { headerColumns, reviewHeaderColumns } from "./columns.js";
import { detectEdition, readMeta, readSections } from "./metadata.js";
import { readActive, readReview } from "./other-tables.js";
import { candidates } from "./rows.js";
import { docText, type SourceDoc } from "./source.js";

export function reportFromDoc(doc: SourceDoc, where: string): Report {
  const text = cleanText(docText(doc));
  const meta = readMeta(text);
  const cands = candidates(doc);
  const warnings = [...doc.warnings];
  const app = readApplications(
    cands.filter((c) => c.values.length > 0 && c.values.length <= 9),
    headerColumns(doc),
  );
  const firstApp = app && app.used.length > 0 ? Math.min(...app.used) : cands.length;
  const lastApp = app && app.used.length > 0 ? Math.max(...app.used) : -1;
  let year = meta.year;
  if (year === null) {
    const named = /(?:^|[^\d])(20[0-4]\d)(?:[^\d]|$)/.exec(where.split(/[\\/]/).pop() ?? "");
    if (named) {
      year = Number(named[1]);
      warnings.push(`未在标题和正文中识别统计年度，按文件名取 ${year}`);
    } else {
      year = guessYear(text);
      warnings.push(year ? `未在标题中识别统计年度，按正文中最常见的年份取 ${year}` : "未能识别统计年度");
    }
  }
  const { edition, by } = detectEdition(text, year);
  const active = readActive(
    cands.filter((c) => c.index < firstApp),
    edition,
  );
  const review = readReview(
    cands.filter((c) => c.index > lastApp),
    reviewHeaderColumns(doc),
  );
  const found = (app?.matched ?? 0) + active.found + review.found;
  const numbers = [
    ...active.cells.values(),
    ...review.cells.values(),
    ...(app ? [...app.values.values()].flat() : []),
  ].filter((v) => v !== null).length;
  if (found === 0 || numbers === 0) {
    throw new GongkaiError(
      "INGEST-NO-DATA",
      `${where}：未找到年报数据（${found === 0 ? "没有识别出表二、表三、表四的任何数据行" : "表格的数值单元格全部为空，可能是空白模板"}）`,
    );
  }
  const layout = app?.layout ?? (edition === "2019" ? "single" : "split");
  const report = blankReport(edition, year ?? 0, meta.agency || "", layout);
  const provenance: Record<string, string> = {};
  // No year anywhere: year stays 0 (the model's type) and is listed as unsettled, for CELL-UNCERTAIN.
  const uncertain: string[] = year ? [] : ["year"];
  for (const part of [active, review]) {
    for (const [p, v] of part.cells) setCell(report, p, v);
    for (const [p, l] of part.locs) provenance[p] = l;
    uncertain.push(...part.uncertain);
  }
  if (app) {
    for (const [key, vals] of app.values) report.applications[key] = vals.slice(0, COLUMN_COUNT);
    for (const [key, locs] of app.locs) {
      const paths = appPaths(key);
      locs.forEach((l, c) => {
        provenance[paths[c] ?? appPath(key, c)] = l;
      });
    }
    uncertain.push(...app.uncertain);
    warnings.push(...app.warnings);
    if (edition === "2021" && app.layout === "single")
      warnings.push("2021年版报告的表三使用了（六）其他处理单行（2019年版格式），数据记入 other_processing");
    if (edition === "2019" && app.layout === "split")
      warnings.push("2019年版报告的表三使用了（六）其他处理的三个分项（2021年版格式）");
  } else {
    warnings.push("未找到表三（收到和处理政府信息公开申请情况），表三留空");
    for (const r of applicationRows(layout))
      for (let c = 0; c < 7; c++) uncertain.push(`applications.${r.key}[${c}]`);
  }
  warnings.push(...active.warnings, ...review.warnings);
  if (!meta.agency) warnings.push("未能从标题识别机关名称");
  if (by !== "表二栏目（2019年版）" && by !== "表二栏目（2021年版）")
    warnings.push(`年报格式版本按${by}判断为 ${edition} 年版`);
  report.title = meta.title || undefined;
  if (!report.title) delete report.title;
  const sections = readSections(text);
  if (Object.keys(sections).length > 0) report.sections = sections;
  report.provenance = provenance;
  report.warnings = warnings;
  if (uncertain.length > 0) report.uncertain = [...new Set(uncertain)];
  return report;
}

/** The cell paths of a table-三 row, made once per row key. */
const APP_PATHS = new Map<ApplicationRowKey, string[]>();
function appPaths(key: ApplicationRowKey): string[] {
  let paths = APP_PATHS.get(key);
  if (!paths) {
    paths = Array.from({ length: COLUMN_COUNT }, (_, c) => appPath(key, c));
    APP_PATHS.set(key, paths);
  }
  return paths;
}

function guessYear(text: string): number | null {
  const counts = new Map<number, number>();
  for (const m of text.slice(0, 200_000).matchAll(/(20\d\d)\s*年/g))
    counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  let best: number | null = null;
  for (const [y, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = y;
  return best;
}
