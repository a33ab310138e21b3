/** `gongkai admin create`: the first system administrator (password from an environment variable). */
import { createAdministrator } from "../app/accounts.js";
import type { Db } from "../store/db.js";
import { describeEngine, openDatabase } from "../store/db.js";
import { type CliIo, EXIT } from "./io.js";

/** The environment variable read for the password when --password-env is not given. */
export const DEFAULT_PASSWORD_ENV = "GONGKAI_ADMIN_PASSWORD";

export interface AdminCreateOptions {
  agency: string;
  login: string;
  name?: string;
  passwordEnv?: string;
}

/** Creates the administrator on an open database; the password never appears on the command line. */
export async function adminCreate(
  db: Db,
  opts: AdminCreateOptions,
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  const variable = opts.passwordEnv ?? DEFAULT_PASSWORD_ENV;
  const password = env[variable];
  if (!password) {
    io.err(`请在环境变量 ${variable} 中提供管理员密码（不在命令行上传递密码）\n`);
    return EXIT.input;
  }
  const r = await createAdministrator(db, `cli:${env.USER ?? "unknown"}`, {
    agency: opts.agency,
    login: opts.login,
    name: opts.name ?? opts.login,
    password,
  });
  io.out(
    `已创建系统管理员“${opts.login}”（用户编号 ${r.userId}），所属机关“${opts.agency}”` +
      `${r.agencyCreated ? "（新建）" : ""}\n`,
  );
  return EXIT.ok;
}

/** `gongkai admin create`: opens the configured database, creates the administrator, closes. */
export async function runAdminCreate(opts: AdminCreateOptions, io: CliIo): Promise<number> {
  const db = await openDatabase();
  try {
    io.err(`数据库：${describeEngine()}\n`);
    return await adminCreate(db, opts, process.env, io);
  } finally {
    await db.destroy();
  }
}
