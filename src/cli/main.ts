/**
 * The `gongkai` command line: thin argument parsing over ingest/, domain/ and render/.
 * Help and messages are in Chinese; exit codes are documented in docs/cli.md.
 */
import { Command, CommanderError, Help } from "commander";
import { GongkaiError } from "../domain/errors.js";
import { reportJsonSchema } from "../domain/report/schema.js";
import { CATALOGUE } from "../domain/rules/index.js";
import { FORMATS } from "../render/index.js";
import { runAdminCreate } from "./admin.js";
import { runBackup, runRestore } from "./backup.js";
import { runCalendarImport } from "./calendar-data.js";
import {
  runCasesImport,
  runRecordsImport,
  runReportBuild,
  runReportDiff,
  runReportImport,
  runReportPublish,
} from "./casework.js";
import { runCheck } from "./check.js";
import { runDeadline } from "./deadline.js";
import { runDemo } from "./demo.js";
import { runFee } from "./fee.js";
import { type CliIo, EXIT, processIo } from "./io.js";
import { runParse } from "./parse.js";
import { runRender } from "./render.js";

export const VERSION = "0.1.0";

/** Commander's help headings in Chinese. */
const HELP_TITLES: Record<string, string> = {
  "Usage:": "用法：",
  "Options:": "选项：",
  "Commands:": "命令：",
  "Arguments:": "参数：",
  "Global Options:": "全局选项：",
};

/** Commander's own errors in Chinese. */
function translate(err: CommanderError): string {
  const arg = /'([^']+)'/.exec(err.message)?.[1] ?? "";
  switch (err.code) {
    case "commander.unknownOption":
      return `未知选项 ${arg}`;
    case "commander.unknownCommand":
      return `未知命令 ${arg}（可用命令见 gongkai --help）`;
    case "commander.missingArgument":
      return `缺少参数 ${arg}`;
    case "commander.optionMissingArgument":
      return `选项 ${arg} 缺少取值`;
    case "commander.missingMandatoryOptionValue":
      return `缺少必需的选项 ${arg}`;
    case "commander.excessArguments":
      return "参数过多";
    default:
      return err.message.replace(/^error: /, "");
  }
}

function program(io: CliIo, setCode: (code: number) => void): Command {
  const p = new Command("gongkai")
    .description(
      "Gongkai（公开）：政府信息公开工作——年度报告的读取、核对与生成，依申请公开的期限、收费、登记与年报",
    )
    .version(VERSION, "-V, --version", "显示版本号")
    .helpOption("-h, --help", "显示帮助")
    .helpCommand("help [命令]", "显示某个命令的帮助")
    .configureHelp({
      styleTitle: (title) => HELP_TITLES[title] ?? title,
      commandUsage: (cmd) =>
        new Help().commandUsage(cmd).replace("[options]", "[选项]").replace("[command]", "[命令]"),
      subcommandTerm: (cmd) => new Help().subcommandTerm(cmd).replace("[options]", "[选项]"),
    })
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s), outputError: () => {} })
    .exitOverride();

  p.command("check")
    .description(
      "核对年度报告：表内勾稽关系、空白单元格、版式、跨年度衔接（退出码：0 无错误，1 有错误，2 无法读取）",
    )
    .argument(
      "<文件...>",
      "年度报告文件（gongkai.report/1 JSON）；同一批中同一机关上一年度的报告自动用于跨年核对",
    )
    .option("--previous <文件>", "上一年度的报告，用于跨年核对（XY-CARRY、XY-INFORCE）")
    .option("--json", "以 JSON 输出结果（格式见 docs/cli.md）")
    .action(async (files: string[], opts) => setCode(await runCheck(files, opts, io)));

  p.command("render")
    .description("把年度报告生成为 HTML、DOCX、PDF、Markdown 或 JSON")
    .argument("<文件>", "年度报告文件")
    .requiredOption("--to <格式>", `输出格式：${FORMATS.join("|")}`)
    .option("-o, --output <输出文件>", "输出文件（缺省写到标准输出）")
    .action(async (file: string, opts) => setCode(await runRender(file, opts, io)));

  p.command("parse")
    .description(
      "读取年度报告（JSON、文本、HTML、DOCX、PDF、Markdown），以 gongkai.report/1 JSON 输出；可批量读取目录",
    )
    .argument("<文件或目录...>", "一个文件：JSON 输出到标准输出；多个文件或目录：每行一份报告（JSONL）")
    .option("-o, --output <输出文件>", "单个文件：写入文件而不是标准输出")
    .option("--out <reports.jsonl>", "批量：把 JSONL 写入文件")
    .option("--csv <reports.csv>", "批量：另写一份 CSV（每份报告一行、每个单元格一列，UTF-8 带 BOM）")
    .action(async (paths: string[], opts) => setCode(await runParse(paths, opts, io)));

  p.command("deadline")
    .description("计算法定期限：某日之后第 N 个工作日（不含当日，按国务院节假日安排）")
    .requiredOption("--from <日期>", "起算日期，如 2026-09-28（当日不计入）")
    .option("--working-days <N>", "工作日数（缺省 20，条例第三十三条）")
    .option("--json", '以 JSON 输出：{"from","workingDays","due"}')
    .action(async (opts) => setCode(await runDeadline(opts, io)));

  p.command("fee")
    .description("计算信息处理费（国办函〔2020〕109号），单位：元")
    .option("--items <N>", "按件计收：同一申请人当月累计件数")
    .option("--pages <N>", "按量计收：页数")
    .option("--json", '以 JSON 输出：{"yuan": n}')
    .action(async (opts) => setCode(await runFee(opts, io)));

  p.command("calendar")
    .description("工作日历：导入某一年的节假日安排")
    .command("import")
    .description("导入一年的节假日与调休安排（JSON 或 CSV，格式见 docs/calendar-import.md）")
    .argument("<文件>", "节假日数据文件")
    .option("--json", "以 JSON 输出结果")
    .action(async (file: string, opts) => setCode(await runCalendarImport(file, opts, io)));

  const cases = p.command("cases").description("依申请公开的申请登记");
  cases
    .command("import")
    .description(
      "导入申请登记表（CSV 或 XLSX，格式见 ../shared/spec/applications-csv.md）；按编号更新，可重复导入",
    )
    .argument("<文件>", "申请登记表")
    .option("--skip-invalid", "跳过有问题的行（缺省：有任何问题就不导入）")
    .option("--json", "以 JSON 输出导入结果")
    .action(async (file: string, opts) => setCode(await runCasesImport(file, opts, io)));

  p.command("records")
    .description("其他登记：规章和规范性文件、年度数字、复议诉讼案件")
    .command("import")
    .description(
      "导入登记表（CSV 或 XLSX，列见 docs/registers.md）；同一机关的文件登记和复议诉讼案件以导入文件为准，年度数字按年度更新",
    )
    .argument("<类别>", "documents | figures | reviews")
    .argument("<文件>", "登记表")
    .action(async (kind: string, file: string) => setCode(await runRecordsImport(kind, file, io)));

  const report = p.command("report").description("由办理记录生成年度报告");
  report
    .command("build")
    .description("由某机关的申请、复议诉讼和文件登记生成某年度的年度报告（缺省输出 JSON）")
    .requiredOption("--agency <机关>", "机关名称")
    .requiredOption("--year <年度>", "统计年度，如 2025")
    .option("--to <格式>", `输出格式：${FORMATS.join("|")}（缺省 json）`)
    .option("-o, --output <输出文件>", "输出文件（缺省写到标准输出）")
    .action(async (opts) => setCode(await runReportBuild(opts, io)));

  report
    .command("publish")
    .description("发布某机关某年度的年度报告：冻结为快照，之后办理记录的修改只显示为差异")
    .requiredOption("--agency <机关>", "机关名称")
    .requiredOption("--year <年度>", "统计年度")
    .action(async (opts) => setCode(await runReportPublish(opts, io)));
  report
    .command("diff")
    .description("列出已发布的年度报告与当前办理记录之间不同的单元格")
    .requiredOption("--agency <机关>", "机关名称")
    .requiredOption("--year <年度>", "统计年度")
    .option("--json", "以 JSON 输出")
    .action(async (opts) => setCode(await runReportDiff(opts, io)));
  report
    .command("import")
    .description("导入在别处发布的年度报告（JSON、文本、HTML、DOCX、PDF、Markdown），作为该机关该年度的报告")
    .argument("<文件>", "年度报告文件")
    .action(async (file: string) => setCode(await runReportImport(file, io)));

  p.command("admin")
    .description("账户管理")
    .command("create")
    .description("创建系统管理员（首次使用时）；密码取自环境变量 GONGKAI_ADMIN_PASSWORD（至少 12 个字符）")
    .requiredOption("--agency <机关>", "所属机关名称（不存在时新建为顶级机关）")
    .requiredOption("--login <登录名>", "登录名")
    .option("--name <姓名>", "姓名（缺省同登录名）")
    .option("--password-env <变量名>", "从哪个环境变量读取密码", "GONGKAI_ADMIN_PASSWORD")
    .action(async (opts) => setCode(await runAdminCreate(opts, io)));

  p.command("demo")
    .description("生成演示数据：示范市人民政府及其部门和区、各角色的演示账户、两年的申请、已发布的上年度报告")
    .option("--today <日期>", "以哪一天为“今天”（缺省为今天，北京时间）")
    .option("--seed <整数>", "随机数种子（缺省 2026；相同种子生成相同数据）")
    .option("--reset", "先清空数据库再生成（只用于演示数据库）")
    .action(async (opts) => setCode(await runDemo(opts, io)));

  p.command("backup")
    .description("把整个数据库备份到一个文件（gzip 压缩的 JSON 行，含各表行数和 SHA-256 校验值）")
    .argument("<文件>", "备份文件")
    .action(async (file: string) => setCode(await runBackup(file, io)));

  p.command("restore")
    .description("从备份文件恢复到空数据库（一个事务；核对行数和校验值）")
    .argument("<文件>", "备份文件")
    .option("--force", "目标数据库已有数据时先清空（不可撤销）")
    .action(async (file: string, opts) => setCode(await runRestore(file, opts, io)));

  p.command("checks")
    .description("列出核对规则目录（编号、级别、内容、依据）")
    .action(() => {
      for (const c of CATALOGUE)
        io.out(
          `${c.id.padEnd(12)} ${c.severity === "error" ? "错误" : "警告"}  ${c.title}（依据：${c.basis}）\n`,
        );
      setCode(EXIT.ok);
    });

  p.command("schema")
    .description("输出 gongkai.report/1 的 JSON Schema")
    .action(() => {
      io.out(`${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
      setCode(EXIT.ok);
    });
  return p;
}

/** Runs the CLI with the given arguments (without "node gongkai"); returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let code: number = EXIT.ok;
  const p = program(io, (c) => {
    code = c;
  });
  try {
    await p.parseAsync(argv, { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === "commander.helpDisplayed" ||
        e.code === "commander.version" ||
        e.code === "commander.help"
      )
        return EXIT.ok;
      io.err(`gongkai：${translate(e)}\n`);
      return EXIT.input;
    }
    if (e instanceof GongkaiError) {
      io.err(`gongkai：${e.full()}\n`);
      return EXIT.input;
    }
    io.err(`gongkai：内部错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.input;
  }
}
