/** `gongkai check FILE... [--previous FILE] [--json]`: runs the check catalogue. */
import { GongkaiError } from "../domain/errors.js";
import type { Report } from "../domain/report/model.js";
import { checkReport, type Finding, hasErrors } from "../domain/rules/index.js";
import { expandPaths } from "../ingest/bulk.js";
import { readReportFile } from "../ingest/index.js";
import { type CliIo, EXIT } from "./io.js";
import { progress } from "./progress.js";

export interface CheckOptions {
  previous?: string;
  json?: boolean;
}

/** One file's outcome in the stable --json output (docs/cli.md). */
export type FileResult =
  | {
      file: string;
      agency: string;
      year: number;
      edition: string;
      previous: string | null;
      errors: number;
      warnings: number;
      findings: Finding[];
    }
  | { file: string; error: { id: string; message: string; details: readonly string[] } };

/** Reads a file, turning a GongkaiError into a result line instead of an exception. */
export async function tryRead(file: string): Promise<Report | GongkaiError> {
  try {
    return await readReportFile(file);
  } catch (e) {
    if (e instanceof GongkaiError) return e;
    return new GongkaiError(
      "INPUT-UNREADABLE",
      `无法读取 ${file}：${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** The same agency's report for the year before, found in the batch. */
function previousInBatch(report: Report, batch: { file: string; report: Report }[]) {
  return batch.find((b) => b.report.agency === report.agency && b.report.year === report.year - 1);
}

/** Runs the command; returns the exit code. */
export async function runCheck(files: string[], opts: CheckOptions, io: CliIo): Promise<number> {
  let previous: { file: string; report: Report } | undefined;
  if (opts.previous) {
    const p = await tryRead(opts.previous);
    if (p instanceof GongkaiError) {
      io.err(`${p.full()}\n`);
      return EXIT.input;
    }
    previous = { file: opts.previous, report: p };
  }
  const read: { file: string; result: Report | GongkaiError }[] = [];
  const expanded = await expandPaths(files);
  const bar = expanded.length > 20 ? progress(io, "读取年度报告") : undefined;
  for (const file of expanded) {
    read.push({ file, result: await tryRead(file) });
    bar?.update(read.length, expanded.length);
  }
  bar?.end();
  const batch = read.flatMap((r) =>
    r.result instanceof GongkaiError ? [] : [{ file: r.file, report: r.result }],
  );
  const results: FileResult[] = read.map(({ file, result }) => {
    if (result instanceof GongkaiError)
      return { file, error: { id: result.id, message: result.message, details: result.details } };
    const prev = previous ?? previousInBatch(result, batch);
    const findings = checkReport(result, prev ? { previous: prev.report } : {});
    return {
      file,
      agency: result.agency,
      year: result.year,
      edition: result.edition,
      previous: prev?.file ?? null,
      errors: findings.filter((f) => f.severity === "error").length,
      warnings: findings.filter((f) => f.severity === "warning").length,
      findings,
    };
  });
  const unreadable = results.filter((r) => "error" in r).length;
  const withErrors = results.filter((r) => "findings" in r && hasErrors(r.findings)).length;
  if (opts.json) {
    const summary = { files: results.length, unreadable, with_errors: withErrors };
    io.out(`${JSON.stringify({ schema: "gongkai.check/1", files: results, summary }, null, 2)}\n`);
  } else {
    for (const r of results) io.out(formatResult(r));
    if (results.length > 1)
      io.out(`共检查 ${results.length} 个文件：${withErrors} 个有错误，${unreadable} 个无法读取\n`);
  }
  if (unreadable > 0) return EXIT.input;
  return withErrors > 0 ? EXIT.findings : EXIT.ok;
}

const SEVERITY = { error: "错误", warning: "警告" } as const;

/** Human-readable lines for one file. */
export function formatResult(r: FileResult): string {
  if ("error" in r)
    return `✗ ${r.file}\n  无法读取：${[r.error.message, ...r.error.details].join("\n    ")}\n`;
  const head = `${r.errors > 0 ? "✗" : "✓"} ${r.file}（${r.agency} ${r.year} 年度，${r.edition} 年版格式${r.previous ? `，对照上年度 ${r.previous}` : ""}）`;
  const lines = r.findings.map((f) => `  ${SEVERITY[f.severity]} ${f.id}  ${f.message}`);
  const tail = r.findings.length === 0 ? "  未发现问题" : `  共 ${r.errors} 个错误、${r.warnings} 个警告`;
  return `${[head, ...lines, tail].join("\n")}\n`;
}
