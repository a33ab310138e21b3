/** `gongkai parse FILE [-o OUT]`: prints the report as gongkai.report/1 JSON on stdout. */
import { writeFile } from "node:fs/promises";
import { GongkaiError } from "../domain/errors.js";
import { reportToJson } from "../domain/report/json.js";
import { tryRead } from "./check.js";
import { type CliIo, EXIT } from "./io.js";

/** Runs the command; returns the exit code. */
export async function runParse(file: string, opts: { output?: string }, io: CliIo): Promise<number> {
  const report = await tryRead(file);
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
