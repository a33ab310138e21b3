import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { adminCreate } from "./admin.js";
import type { CliIo } from "./io.js";
import { main } from "./main.js";

const buffers = () => {
  const b = { out: "", err: "" };
  const io: CliIo = { out: (d) => (b.out += String(d)), err: (t) => (b.err += t), isTty: false };
  return { b, io };
};

for (const engine of ENGINES) {
  describe(`admin create on ${engine.name}`, () => {
    it("creates the agency and an argon2id administrator; refuses a second one with the same login", async () => {
      const { db, close } = await engine.open();
      try {
        const { b, io } = buffers();
        const env = { GONGKAI_ADMIN_PASSWORD: "a long enough secret" };
        const code = await adminCreate(db, { agency: "示例市人民政府", login: "root" }, env, io);
        expect(code).toBe(0);
        expect(b.out).toContain("已创建系统管理员“root”");
        const user = await db.selectFrom("app_user").selectAll().executeTakeFirstOrThrow();
        expect(user).toMatchObject({ login: "root", role: "admin", disabled: false });
        expect(user.password_hash).toMatch(/^\$argon2id\$/);
        const audit = await db.selectFrom("audit").select(["action", "after"]).execute();
        expect(audit.map((a) => a.action)).toEqual(["agency.create", "user.create"]);
        expect(JSON.stringify(audit)).not.toContain("argon2");
        await expect(adminCreate(db, { agency: "示例市人民政府", login: "root" }, env, io)).rejects.toThrow(
          /已被使用/,
        );
      } finally {
        await close();
      }
    });

    it("needs the password in the environment, and a long one", async () => {
      const { db, close } = await engine.open();
      try {
        const { b, io } = buffers();
        expect(await adminCreate(db, { agency: "甲", login: "root" }, {}, io)).toBe(2);
        expect(b.err).toContain("GONGKAI_ADMIN_PASSWORD");
        await expect(
          adminCreate(db, { agency: "甲", login: "root" }, { GONGKAI_ADMIN_PASSWORD: "short" }, io),
        ).rejects.toThrow(/用户信息有误/);
        expect(await db.selectFrom("agency").select("id").execute()).toEqual([]);
      } finally {
        await close();
      }
    });
  });
}

describe("gongkai admin create (command line)", () => {
  const dir = mkdtempSync(join(tmpdir(), "gongkai-admin-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the password from --password-env and reports errors in Chinese", async () => {
    const saved = { ...process.env };
    delete process.env.DATABASE_URL;
    Object.assign(process.env, { GONGKAI_DATA: join(dir, "data"), MY_PW: "a long enough secret" });
    try {
      const ok = buffers();
      const args = [
        "admin",
        "create",
        "--agency",
        "示例市人民政府",
        "--login",
        "root",
        "--password-env",
        "MY_PW",
      ];
      expect(await main(args, ok.io)).toBe(0);
      expect(ok.b.out).toContain("root");
      const again = buffers();
      expect(await main(args, again.io)).toBe(2);
      expect(again.b.err).toContain("登录名“root”已被使用");
    } finally {
      process.env = saved;
    }
  });
});
