/** `gongkai cases import FILE` and `gongkai report build --agency NAME --year YYYY`. */
import { writeFile } from "node:fs/promises";
import { buildAgencyReport } from "../app/build-report.js";
import { importApplications } from "../app/import-applications.js";
import { importRecords } from "../app/import-records.js";
import { changesSincePublication, importPublishedReport, publishReport } from "../app/publish-report.js";
import { GongkaiError } from "../domain/errors.js";
import type { RecordKind } from "../domain/register/records.js";
import { readReportFile } from "../ingest/index.js";
import { FORMATS, render } from "../render/index.js";
import { describeEngine, openDatabase } from "../store/db.js";
import { type CliIo, EXIT } from "./io.js";
import { progress } from "./progress.js";

/** The --year option as a statistics year; BAD-YEAR (exit 2) otherwise. */
function statisticsYear(text: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text.trim()) || year < 2000 || year > 2100)
    throw new GongkaiError("BAD-YEAR", `--year 应为统计年度（如 2025），实际为“${text}”`);
  return year;
}

/** The user recorded in the audit trail for command-line work. */
const cliActor = () => `cli:${process.env.USER ?? "unknown"}`;

/** Imports an applications register; prints a summary. */
export async function runCasesImport(
  file: string,
  opts: { skipInvalid?: boolean; json?: boolean },
  io: CliIo,
): Promise<number> {
  const db = await openDatabase();
  try {
    io.err(`数据库：${describeEngine()}\n`);
    const bar = progress(io, "导入申请登记");
    const summary = await importApplications(db, file, {
      actor: cliActor(),
      skipInvalid: Boolean(opts.skipInvalid),
      onProgress: (done, total, phase) => bar.update(done, total, phase),
    });
    bar.end();
    if (opts.json) io.out(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      io.out(
        `已导入 ${file}：共 ${summary.rows} 行，新增 ${summary.inserted}，更新 ${summary.updated}，跳过 ${summary.skipped}` +
          `${summary.agenciesCreated.length ? `；新建机关：${summary.agenciesCreated.join("、")}` : ""}\n`,
      );
      for (const w of summary.warnings) io.out(`  提示：${w}\n`);
      for (const e of summary.errors) io.out(`  跳过：${e}\n`);
    }
    return EXIT.ok;
  } finally {
    await db.destroy();
  }
}

/** Derives an agency's report for a year and prints it (JSON by default) or writes it with -o. */
export async function runReportBuild(
  opts: { agency: string; year: string; to?: string; output?: string },
  io: CliIo,
): Promise<number> {
  const year = statisticsYear(opts.year);
  const to = opts.to ?? "json";
  if (!(FORMATS as readonly string[]).includes(to)) {
    io.err(`不支持的输出格式“${to}”，可选：${FORMATS.join("、")}\n`);
    return EXIT.input;
  }
  const db = await openDatabase();
  try {
    const { report, problems } = await buildAgencyReport(db, opts.agency, year);
    for (const p of problems) io.err(`提示：${p}\n`);
    const bytes = await render(report, to);
    if (opts.output) {
      await writeFile(opts.output, bytes);
      io.err(`已生成 ${opts.output}\n`);
    } else if ((to === "docx" || to === "pdf") && io.isTty) {
      throw new GongkaiError("OUTPUT-BINARY", `${to.toUpperCase()} 是二进制文件，请用 -o 指定输出文件`);
    } else io.out(bytes);
    return EXIT.ok;
  } finally {
    await db.destroy();
  }
}

const KIND_NAMES: Record<RecordKind, string> = {
  documents: "规章和行政规范性文件登记",
  figures: "年度数字",
  reviews: "行政复议、行政诉讼案件",
};

/** Imports documents, figures or review cases. */
export async function runRecordsImport(kind: string, file: string, io: CliIo): Promise<number> {
  if (!(kind in KIND_NAMES)) {
    io.err(
      `登记类别应为 ${Object.entries(KIND_NAMES)
        .map(([k, v]) => `${k}（${v}）`)
        .join("、")}，实际为“${kind}”\n`,
    );
    return EXIT.input;
  }
  const db = await openDatabase();
  try {
    const summary = await importRecords(db, kind as RecordKind, file, cliActor());
    io.out(
      `已导入${KIND_NAMES[kind as RecordKind]} ${file}：${summary.rows - summary.kept.length} 行，机关：${summary.agencies.join("、")}\n`,
    );
    for (const k of summary.kept) io.out(`未重复导入：${k}\n`);
    return EXIT.ok;
  } finally {
    await db.destroy();
  }
}

/** Publishes the derived report of an agency for a year as a frozen snapshot. */
export async function runReportPublish(opts: { agency: string; year: string }, io: CliIo): Promise<number> {
  const db = await openDatabase();
  try {
    const p = await publishReport(db, {
      agency: opts.agency,
      year: statisticsYear(opts.year),
      actor: cliActor(),
    });
    io.out(`已发布 ${opts.agency} ${opts.year} 年度报告（快照 #${p.id}，${p.publishedAt.toISOString()}）\n`);
    return EXIT.ok;
  } finally {
    await db.destroy();
  }
}

/** Lists the cells where the records now differ from the published report. */
export async function runReportDiff(
  opts: { agency: string; year: string; json?: boolean },
  io: CliIo,
): Promise<number> {
  const db = await openDatabase();
  try {
    const diff = await changesSincePublication(db, opts.agency, statisticsYear(opts.year));
    if (opts.json) io.out(`${JSON.stringify(diff, null, 2)}\n`);
    else if (diff.length === 0) io.out("发布后办理记录没有变化\n");
    else
      for (const d of diff)
        io.out(`${d.describe}：已发布 ${d.before ?? "空白"} → 现在 ${d.after ?? "空白"}\n`);
    return EXIT.ok;
  } finally {
    await db.destroy();
  }
}

/** Records a report published outside Gongkai (any readable format) as that agency's report for its year. */
export async function runReportImport(file: string, io: CliIo): Promise<number> {
  const report = await readReportFile(file);
  const db = await openDatabase();
  try {
    const p = await importPublishedReport(db, report, cliActor(), file);
    io.out(`已导入 ${report.agency} ${report.year} 年度报告（快照 #${p.id}）\n`);
    return EXIT.ok;
  } finally {
    await db.destroy();
  }
}
