/**
 * Reading many reports at once: walks folders, keeps going past bad files, and returns per-file
 * results with a summary; plus a CSV of the cells (one row per report, one column per cell path
 * in definition order, UTF-8 with BOM so that spreadsheet programs read the Chinese).
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { GongkaiError } from "../domain/errors.js";
import { type Report, reportCells } from "../domain/report/model.js";
import { readReportFileWithFormat } from "./index.js";
import type { IngestFormat } from "./source.js";

export interface FileResult {
  path: string;
  /** Format the file was read as (absent when it could not be read at all). */
  format?: IngestFormat;
  report?: Report;
  /** Why the file gave no report: the GongkaiError id and Chinese message. */
  error?: { id: string; message: string };
  /** Number of warnings and unsettled cells of the report. */
  warnings: number;
  uncertain: number;
  ms: number;
}

export interface BulkSummary {
  files: number;
  read: number;
  failed: number;
  withWarnings: number;
  withUncertain: number;
  byFormat: Partial<Record<IngestFormat | "unknown", { read: number; failed: number }>>;
  /** Failures by error id. */
  errors: Record<string, number>;
  ms: number;
}

export interface ParseManyOptions {
  /** Called after each file, in order. */
  onProgress?: (done: number, total: number, result: FileResult) => void;
  /** Keep a file found while walking a folder (default: not hidden, not README/INDEX/LICENSE). */
  include?: (path: string) => boolean;
}

const SKIP_NAMES = /^(readme|index|license|changelog)(\.[a-z]+)?$/i;
const defaultInclude = (path: string): boolean => {
  const name = path.split(/[\\/]/).pop() ?? "";
  return !name.startsWith(".") && !SKIP_NAMES.test(name);
};

/** Files named by the arguments: files as given, folders walked recursively (sorted). */
export async function expandPaths(paths: readonly string[], include = defaultInclude): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const e of entries) {
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && include(p)) out.push(p);
    }
  };
  for (const p of paths) {
    const st = await stat(p).catch(() => null);
    if (st?.isDirectory()) await walk(p);
    else out.push(p);
  }
  return out;
}

/** Reads every file (folders walked); a failing file is recorded and the run goes on. */
export async function parseMany(
  paths: readonly string[],
  options: ParseManyOptions = {},
): Promise<{ results: FileResult[]; summary: BulkSummary }> {
  const t0 = performance.now();
  const files = await expandPaths(paths, options.include ?? defaultInclude);
  const results: FileResult[] = [];
  const summary: BulkSummary = {
    files: files.length,
    read: 0,
    failed: 0,
    withWarnings: 0,
    withUncertain: 0,
    byFormat: {},
    errors: {},
    ms: 0,
  };
  for (const path of files) {
    const t = performance.now();
    let result: FileResult;
    try {
      const { report, format } = await readReportFileWithFormat(path);
      result = {
        path,
        format,
        report,
        warnings: report.warnings?.length ?? 0,
        uncertain: report.uncertain?.length ?? 0,
        ms: performance.now() - t,
      };
    } catch (e) {
      const error =
        e instanceof GongkaiError
          ? { id: e.id, message: e.full() }
          : {
              id: "INGEST-INTERNAL",
              message: `${path}：读取时发生内部错误（${e instanceof Error ? e.message : String(e)}）`,
            };
      result = { path, error, warnings: 0, uncertain: 0, ms: performance.now() - t };
    }
    results.push(result);
    const fmt = result.format ?? "unknown";
    const slot = summary.byFormat[fmt] ?? { read: 0, failed: 0 };
    summary.byFormat[fmt] = slot;
    if (result.report) {
      summary.read++;
      slot.read++;
      if (result.warnings > 0) summary.withWarnings++;
      if (result.uncertain > 0) summary.withUncertain++;
    } else {
      summary.failed++;
      slot.failed++;
      summary.errors[result.error!.id] = (summary.errors[result.error!.id] ?? 0) + 1;
    }
    options.onProgress?.(results.length, files.length, result);
  }
  summary.ms = performance.now() - t0;
  return { results, summary };
}

/** Merges path lists keeping each list's order (a path new to the result goes after its predecessor). */
function mergeOrder(lists: readonly string[][]): string[] {
  const out: string[] = [];
  for (const list of lists) {
    let at = 0;
    for (const p of list) {
      const i = out.indexOf(p);
      if (i >= 0) at = i + 1;
      else out.splice(at++, 0, p);
    }
  }
  return out;
}

const csvField = (v: unknown): string => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * One CSV row per report: source (when given), agency, year, edition, then one column per cell
 * path in definition order (the union over the editions and row-（六） layouts present), then the
 * unsettled cells. Blank cells are empty fields; "/" stays "/". UTF-8 with BOM, CRLF line ends.
 */
export function reportsToCsv(reports: readonly Report[], sources?: readonly string[]): string {
  const layouts = new Map<string, string[]>();
  for (const r of reports) {
    const cells = reportCells(r).map((c) => c.path);
    layouts.set(cells.join(","), cells);
  }
  const paths = mergeOrder([...layouts.values()]);
  const head = [...(sources ? ["source"] : []), "agency", "year", "edition", ...paths, "uncertain"];
  const lines = [head.map(csvField).join(",")];
  reports.forEach((r, i) => {
    const byPath = new Map(reportCells(r).map((c) => [c.path, c.get(r)]));
    const row = [
      ...(sources ? [sources[i] ?? ""] : []),
      r.agency,
      r.year,
      r.edition,
      ...paths.map((p) => byPath.get(p) ?? null),
      (r.uncertain ?? []).join(" "),
    ];
    lines.push(row.map(csvField).join(","));
  });
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
