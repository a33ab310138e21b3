import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseReportJson } from "../domain/report/json.js";
import type { CliIo } from "./io.js";
import { main } from "./main.js";

const dir = mkdtempSync(join(tmpdir(), "gongkai-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(env: Record<string, string>, ...argv: string[]) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  let out = "";
  let err = "";
  const io: CliIo = {
    out: (d) => (out += typeof d === "string" ? d : Buffer.from(d).toString()),
    err: (t) => (err += t),
    isTty: false,
  };
  try {
    return { code: await main(argv, io), out, err };
  } finally {
    process.env = saved;
  }
}

const CSV = [
  "编号,机关,收到日期,申请方式,申请人类型,答复日期,办理结果",
  "1,示例区司法局,2024/12/20,网络,自然人,,",
  "2,示例区司法局,2025/1/6,邮寄,商业企业,2025/1/20,予以公开",
  "3,示例区司法局,2025/3/3,当面,自然人,2025/3/28,部分公开",
  "4,示例区司法局,2025/12/29,网络,自然人,,",
].join("\n");

describe("gongkai cases import / report build on the embedded database", () => {
  const env = { GONGKAI_DATA: join(dir, "data") };
  delete process.env.DATABASE_URL;

  it("imports a register, then builds the year's report from it", async () => {
    const file = join(dir, "register.csv");
    writeFileSync(file, CSV);
    const imported = await run(env, "cases", "import", file);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain("共 4 行，新增 4，更新 0，跳过 0；新建机关：示例区司法局");
    expect(imported.err).toContain("数据库：PGlite");

    const built = await run(env, "report", "build", "--agency", "示例区司法局", "--year", "2025");
    expect(built.code, built.err).toBe(0);
    const report = parseReportJson(built.out);
    expect(report.applications.new_received).toEqual([2, 1, 0, 0, 0, 0, 3]);
    expect(report.applications.carried_over).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(report.applications.granted).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(report.applications.partially_granted).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(report.applications.carried_forward).toEqual([2, 0, 0, 0, 0, 0, 2]);

    const again = await run(env, "cases", "import", file);
    expect(again.out).toContain("新增 0，更新 4");
  });

  it("publishes, then shows later record changes as differences; imports a report published elsewhere", async () => {
    const published = await run(env, "report", "publish", "--agency", "示例区司法局", "--year", "2025");
    expect(published.code, published.err).toBe(0);
    expect(published.out).toContain("已发布 示例区司法局 2025 年度报告");
    const file = join(dir, "fix.csv");
    writeFileSync(
      file,
      [CSV.split("\n")[0], "3,示例区司法局,2025/3/3,当面,自然人,2025/3/28,予以公开"].join("\n"),
    );
    await run(env, "cases", "import", file);
    const diff = await run(env, "report", "diff", "--agency", "示例区司法局", "--year", "2025");
    expect(diff.out).toContain("表三「三、本年度办理结果 （一）予以公开」行「自然人」列：已发布 0 → 现在 1");
    const imported = await run(
      env,
      "report",
      "import",
      join(import.meta.dirname, "../../examples/hongze-district-2023.json"),
    );
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain("已导入 淮安市洪泽区人民政府 2023 年度报告");
  });

  it("refuses a bad register with row and column, importing nothing", async () => {
    const file = join(dir, "bad.csv");
    writeFileSync(file, `${CSV}\n5,示例区司法局,2025/13/1,网络,自然人,,`);
    const r = await run(env, "cases", "import", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain("第 6 行「收到日期」：不是有效日期");
  });

  it("an unknown agency and a bad year are clear errors", async () => {
    const unknown = await run(env, "report", "build", "--agency", "无此局", "--year", "2025");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("没有名为“无此局”的机关");
    expect(unknown.err).toMatch(/已有机关：.*示例区司法局/);
    const year = await run(env, "report", "build", "--agency", "示例区司法局", "--year", "明年");
    expect(year.code).toBe(2);
    for (const cmd of ["publish", "diff"]) {
      const r = await run(env, "report", cmd, "--agency", "示例区司法局", "--year", "abc");
      expect(r.code).toBe(2);
      expect(r.err).toContain("--year 应为统计年度（如 2025），实际为“abc”");
    }
  });
});
