/** `gongkai demo`: fills the demo city and prints the demo logins (with a warning about their password). */

import { createDemoCity, demoLoginTable } from "../app/demo-city.js";
import { isIsoDate } from "../domain/calendar/index.js";
import { GongkaiError } from "../domain/errors.js";
import type { Db } from "../store/db.js";
import { describeEngine, openDatabase } from "../store/db.js";
import { type CliIo, EXIT } from "./io.js";

export interface DemoCliOptions {
  today?: string;
  reset?: boolean;
  seed?: string;
}

/** Fills the demo city on an open database; prints progress on stderr and the login table on stdout. */
export async function demo(db: Db, opts: DemoCliOptions, io: CliIo): Promise<number> {
  if (opts.today !== undefined && !isIsoDate(opts.today))
    throw new GongkaiError(
      "DATE-INVALID",
      `--today 的值“${opts.today}”不是有效日期（应为 2026-09-28 这样的格式）`,
    );
  const seed = opts.seed === undefined ? undefined : Number(opts.seed);
  if (seed !== undefined && !Number.isInteger(seed))
    throw new GongkaiError("DEMO-SEED-INVALID", `--seed 的值“${opts.seed}”应为整数`);
  const summary = await createDemoCity(db, {
    ...(opts.today ? { today: opts.today } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(opts.reset ? { reset: true } : {}),
    onProgress: (step) => io.err(`正在生成演示数据：${step}……\n`),
  });
  io.out(demoLoginTable(summary));
  return EXIT.ok;
}

/** `gongkai demo`: opens the configured database, fills the demo city, closes. */
export async function runDemo(opts: DemoCliOptions, io: CliIo): Promise<number> {
  const db = await openDatabase();
  try {
    io.err(`数据库：${describeEngine()}\n`);
    return await demo(db, opts, io);
  } finally {
    await db.destroy();
  }
}
