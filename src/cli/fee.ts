/** `gongkai fee --items N | --pages N [--json]`: 信息处理费 in yuan (国办函〔2020〕109号). */
import { GongkaiError } from "../domain/errors.js";
import { perItemFee, perPageFee } from "../domain/fees/index.js";
import { type CliIo, EXIT } from "./io.js";

export interface FeeOptions {
  /** N items from one applicant in one natural month (按件计收). */
  items?: string;
  /** N pages of one application (按量计收). */
  pages?: string;
  json?: boolean;
}

/** Runs the command; returns the exit code. Exactly one of --items and --pages (第三条: one method). */
export async function runFee(opts: FeeOptions, io: CliIo): Promise<number> {
  const given = [opts.items, opts.pages].filter((v) => v !== undefined).length;
  if (given !== 1) {
    io.err("gongkai：请指定 --items N（按件计收）或 --pages N（按量计收）二者之一\n");
    return EXIT.input;
  }
  const [flag, raw] = opts.items !== undefined ? ["--items", opts.items] : ["--pages", opts.pages ?? ""];
  const text = raw.trim();
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    io.err(`gongkai：${flag}「${raw}」应为非负整数\n`);
    return EXIT.input;
  }
  const n = Number(text);
  let yuan: number;
  try {
    yuan = opts.items !== undefined ? perItemFee(n) : perPageFee(n);
  } catch (e) {
    if (e instanceof GongkaiError) {
      io.err(`gongkai：${e.full()}\n`);
      return EXIT.input;
    }
    throw e;
  }
  if (opts.json) io.out(`${JSON.stringify({ yuan })}\n`);
  else {
    const how = opts.items !== undefined ? `按件计收，同一申请人当月 ${n} 件` : `按量计收，${n} 页`;
    io.out(`信息处理费：${yuan} 元（${how}；国办函〔2020〕109号）\n`);
  }
  return EXIT.ok;
}
