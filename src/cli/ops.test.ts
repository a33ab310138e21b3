import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { demo } from "./demo.js";
import type { CliIo } from "./io.js";
import { main } from "./main.js";

const buffers = () => {
  const b = { out: "", err: "" };
  const io: CliIo = { out: (d) => (b.out += String(d)), err: (t) => (b.err += t), isTty: false };
  return { b, io };
};

const dir = mkdtempSync(join(tmpdir(), "gongkai-ops-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(ENGINES)("gongkai demo ($name)", (engine) => {
  it("prints the demo logins with a warning, and refuses a second run with a clear message", async () => {
    const { db, close } = await engine.open();
    try {
      const { b, io } = buffers();
      expect(await demo(db, { today: "2026-03-31" }, io)).toBe(0);
      expect(b.out).toContain("demo-admin");
      expect(b.out).toContain("系统管理员");
      expect(b.out).toContain("警告：以上是公开的演示密码");
      expect(b.err).toContain("正在生成演示数据");
      await expect(demo(db, { today: "2026-03-31" }, io)).rejects.toThrow(/已有示范市人民政府的演示数据/);
      await expect(demo(db, { today: "2026-02-30" }, io)).rejects.toThrow(/不是有效日期/);
    } finally {
      await close();
    }
  }, 300_000);
});

describe("gongkai backup / restore on PGlite data directories", () => {
  it("backs up one data directory and restores it into another; a second restore is refused", async () => {
    const saved = process.env.GONGKAI_DATA;
    const saveUrl = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      process.env.GONGKAI_DATA = join(dir, "a");
      const seed = buffers();
      expect(await main(["demo", "--today", "2026-03-31", "--seed", "7"], seed.io)).toBe(0);
      const file = join(dir, "a.gkbak");
      const back = buffers();
      expect(await main(["backup", file], back.io)).toBe(0);
      expect(back.b.out).toMatch(/已备份 \d+ 张表、\d+ 行/);
      expect(back.b.err).toMatch(/application：\d+ 行/);

      process.env.GONGKAI_DATA = join(dir, "b");
      const rest = buffers();
      expect(await main(["restore", file], rest.io)).toBe(0);
      expect(rest.b.out).toContain("行数与校验值均已核对");
      const again = buffers();
      expect(await main(["restore", file], again.io)).toBe(2);
      expect(again.b.err).toContain("只能恢复到空数据库");
      expect(await main(["restore", file, "--force"], buffers().io)).toBe(0);
      const missing = buffers();
      expect(await main(["restore", join(dir, "none.gkbak")], missing.io)).toBe(2);
      expect(missing.b.err).toContain("无法读取备份文件");
    } finally {
      if (saved === undefined) delete process.env.GONGKAI_DATA;
      else process.env.GONGKAI_DATA = saved;
      if (saveUrl !== undefined) process.env.DATABASE_URL = saveUrl;
    }
  }, 300_000);
});
