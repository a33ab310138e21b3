/** `gongkai render FILE --to html|docx|pdf|md|json [-o OUT]`. */
import { writeFile } from "node:fs/promises";
import { GongkaiError } from "../domain/errors.js";
import { FORMATS, render } from "../render/index.js";
import { tryRead } from "./check.js";
import { type CliIo, EXIT } from "./io.js";

/** Runs the command; returns the exit code. */
export async function runRender(
  file: string,
  opts: { to: string; output?: string },
  io: CliIo,
): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(opts.to)) {
    io.err(`不支持的输出格式“${opts.to}”，可选：${FORMATS.join("、")}\n`);
    return EXIT.input;
  }
  const report = await tryRead(file);
  if (report instanceof GongkaiError) {
    io.err(`${report.full()}\n`);
    return EXIT.input;
  }
  if (!opts.output && (opts.to === "docx" || opts.to === "pdf") && io.isTty) {
    io.err(`${opts.to.toUpperCase()} 是二进制文件，请用 -o 指定输出文件（或重定向到文件）\n`);
    return EXIT.input;
  }
  const bytes = await render(report, opts.to);
  if (opts.output) {
    await writeFile(opts.output, bytes);
    io.err(`已生成 ${opts.output}（${bytes.length} 字节）\n`);
  } else io.out(bytes);
  return EXIT.ok;
}
