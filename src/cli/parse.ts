/**
 * `gongkai parse FILE [-o OUT]`: the report as gongkai.report/1 JSON on stdout (a contract other
 * tools rely on). `gongkai parse DIR|FILES... [--out reports.jsonl] [--csv reports.csv]`: bulk —
 * one JSON line per report, one clear line per bad file, a progress bar on a terminal, a summary.
 */
import { stat, writeFile } from "node:fs/promises";
import { GongkaiError } from "../domain/errors.js";
import { reportToJson } from "../domain/report/json.js";
import type { Report } from "../domain/report/model.js";
import { parseMany, reportsToCsv } from "../ingest/bulk.js";
import { tryRead } from "./check.js";
import { type CliIo, EXIT } from "./io.js";
import { progress } from "./progress.js";

export interface ParseOptions {
  output?: string;
  out?: string;
  csv?: string;
}

/** Runs the command; returns the exit code (2 when any file could not be read). */
export async function runParse(paths: string[], opts: ParseOptions, io: CliIo): Promise<number> {
  const single =
    paths.length === 1 &&
    !opts.out &&
    !opts.csv &&
    (await stat(paths[0]!).catch(() => null))?.isDirectory() !== true;
  if (single) return parseOne(paths[0]!, opts, io);

  const bar = progress(io, "读取年度报告");
  const { results, summary } = await parseMany(paths, {
    onProgress: (done, total, r) => {
      if (r.error)
        io.err(
          `${io.isTty ? "\n" : ""}✗ ${r.error.message.includes(r.path) ? r.error.message : `${r.path}：${r.error.message}`}\n`,
        );
      bar.update(done, total);
    },
  });
  bar.end();
  const reports = results.flatMap((r) => (r.report ? [{ path: r.path, report: r.report }] : []));
  const jsonl = reports
    .map(({ path, report }) => JSON.stringify({ file: path, ...JSON.parse(reportToJson(report)) }))
    .join("\n");
  if (opts.out) await writeFile(opts.out, reports.length ? `${jsonl}\n` : "");
  else if (reports.length) io.out(`${jsonl}\n`);
  if (opts.csv)
    await writeFile(
      opts.csv,
      reportsToCsv(
        reports.map((r) => r.report),
        reports.map((r) => r.path),
      ),
    );
  const formats = Object.entries(summary.byFormat)
    .map(([f, n]) => `${f} ${n?.read ?? 0}${n?.failed ? `（失败 ${n.failed}）` : ""}`)
    .join("，");
  io.err(
    `共 ${summary.files} 个文件：读取 ${summary.read}，失败 ${summary.failed}，有警告 ${summary.withWarnings}，有待核单元格 ${summary.withUncertain}` +
      `${formats ? `；按格式：${formats}` : ""}；用时 ${(summary.ms / 1000).toFixed(1)} 秒\n`,
  );
  if (opts.out) io.err(`已写入 ${opts.out}\n`);
  if (opts.csv) io.err(`已写入 ${opts.csv}\n`);
  return summary.failed > 0 ? EXIT.input : EXIT.ok;
}

async function parseOne(file: string, opts: ParseOptions, io: CliIo): Promise<number> {
  const report: Report | GongkaiError = await tryRead(file);
  if (report instanceof GongkaiError) {
    io.err(`${report.full()}\n`);
    return EXIT.input;
  }
  const json = reportToJson(report);
  if (opts.output) {
    await writeFile(opts.output, json);
    io.err(`已写入 ${opts.output}\n`);
  } else io.out(json);
  return EXIT.ok;
}
