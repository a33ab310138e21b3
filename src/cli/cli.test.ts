import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, truthPath } from "../../test/corpus.js";
import { parseReportJson } from "../domain/report/json.js";
import type { CliIo } from "./io.js";
import { main } from "./main.js";

const TMP = join(ROOT, "test-output", "cli");
mkdirSync(TMP, { recursive: true });

async function run(...argv: string[]) {
  const out: (string | Uint8Array)[] = [];
  let err = "";
  const io: CliIo = { out: (d) => out.push(d), err: (t) => (err += t), isTty: false };
  const code = await main(argv, io);
  const stdout = Buffer.concat(
    out.map((d) => (typeof d === "string" ? Buffer.from(d) : Buffer.from(d))),
  ).toString("utf8");
  return { code, stdout, stderr: err };
}

const LESHAN = truthPath("leshan-justice-bureau-2021");
const HONGZE = truthPath("jiangsu-huaian-hongze-district-gov-2023");

describe("gongkai check", () => {
  it("exit 0 on a clean report", async () => {
    const r = await run("check", LESHAN);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("未发现问题");
  });

  it("exit 1 with error findings, named in Chinese", async () => {
    const r = await run("check", HONGZE);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("错误 T4-SUM  表四「行政复议」：总计为 0");
  });

  it("exit 2 when a file cannot be read, with what and where", async () => {
    const missing = await run("check", join(TMP, "nope.json"));
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain("文件不存在");
    const bad = join(TMP, "bad-cell.json");
    const data = JSON.parse(readFileSync(LESHAN, "utf8"));
    data.applications.granted[2] = "3件";
    writeFileSync(bad, JSON.stringify(data));
    const r = await run("check", bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('applications.granted[2]: 应为非负整数，实际为 "3件"');
    const syntax = join(TMP, "syntax.json");
    writeFileSync(syntax, '{\n  "schema": "gongkai.report/1",\n  "edition": \n}');
    const s = await run("check", syntax);
    expect(s.code).toBe(2);
    expect(s.stdout).toMatch(/不是有效的 JSON：第 4 行/);
  });

  it("--json output is stable", async () => {
    const r = await run("check", "--json", HONGZE, LESHAN);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.schema).toBe("gongkai.check/1");
    expect(j.summary).toEqual({ files: 2, unreadable: 0, with_errors: 1 });
    expect(Object.keys(j.files[0])).toEqual([
      "file",
      "agency",
      "year",
      "edition",
      "previous",
      "errors",
      "warnings",
      "findings",
    ]);
    expect(j.files[0].findings[0]).toEqual({
      id: "T4-SUM",
      severity: "error",
      message: "表四「行政复议」：总计为 0，但 结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11",
      cells: [
        "review_litigation.review.total",
        "review_litigation.review.upheld",
        "review_litigation.review.corrected",
        "review_litigation.review.other",
        "review_litigation.review.pending",
      ],
    });
  });

  it("--previous runs the cross-year checks; a report of the year before in the batch is used too", async () => {
    const prevFile = join(TMP, "leshan-2020.json");
    const prev = JSON.parse(readFileSync(LESHAN, "utf8"));
    prev.year = 2020;
    prev.edition = "2021"; // kept in the 2021 edition so that XY-INFORCE applies too
    prev.applications.carried_forward = [1, 0, 0, 0, 0, 0, 1];
    prev.active.normative_documents.in_force = 3;
    writeFileSync(prevFile, JSON.stringify(prev));
    const explicit = await run("check", "--json", "--previous", prevFile, LESHAN);
    const ids = (out: string) =>
      JSON.parse(out)
        .files.find((f: { year: number }) => f.year === 2021)
        .findings.map((f: { id: string }) => f.id);
    expect(ids(explicit.stdout)).toEqual(["XY-CARRY", "XY-CARRY", "XY-INFORCE"]);
    const batch = await run("check", "--json", LESHAN, prevFile);
    expect(ids(batch.stdout)).toEqual(["XY-CARRY", "XY-CARRY", "XY-INFORCE"]);
  });
});

describe("gongkai render / parse / schema", () => {
  it("renders every format to a file, and refuses an unknown format", async () => {
    for (const to of ["html", "md", "json", "docx"]) {
      const out = join(TMP, `leshan.${to}`);
      const r = await run("render", LESHAN, "--to", to, "-o", out);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(out).length).toBeGreaterThan(1000);
    }
    const bad = await run("render", LESHAN, "--to", "rtf");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("不支持的输出格式“rtf”");
  });

  it("parse prints gongkai.report/1 JSON that reads back to the same report", async () => {
    const r = await run("parse", HONGZE);
    expect(r.code).toBe(0);
    const a = parseReportJson(r.stdout);
    const b = parseReportJson(readFileSync(HONGZE, "utf8"));
    expect(a).toEqual(b);
  });

  it("schema prints a JSON Schema that accepts every truth file", async () => {
    const r = await run("schema");
    const schema = JSON.parse(r.stdout);
    const { Ajv2020 } = await import("ajv/dist/2020.js");
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(JSON.parse(readFileSync(LESHAN, "utf8"))), JSON.stringify(validate.errors)).toBe(true);
    const bad = JSON.parse(readFileSync(LESHAN, "utf8"));
    bad.applications.granted[2] = -1;
    expect(validate(bad)).toBe(false);
  });

  it("help is in Chinese; unknown options are explained in Chinese", async () => {
    const help = await run("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("核对年度报告");
    const r = await run("check", "--bogus", LESHAN);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("未知选项 --bogus");
  });
});

describe("gongkai parse / check in bulk", () => {
  it("walks a folder: one JSON line per report, a CSV with BOM, one clear line per bad file, a summary", async () => {
    const dir = join(TMP, "bulk");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "a.json"), readFileSync(LESHAN));
    writeFileSync(join(dir, "b.json"), readFileSync(HONGZE));
    writeFileSync(join(dir, "broken.json"), "{");
    const out = join(TMP, "bulk.jsonl");
    const csv = join(TMP, "bulk.csv");
    const r = await run("parse", dir, "--out", out, "--csv", csv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/✗ .*broken\.json.*不是有效的 JSON/);
    expect(r.stderr).toContain("共 3 个文件：读取 2，失败 1");
    const lines = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.agency).sort()).toEqual(["乐山市司法局", "淮安市洪泽区人民政府"]);
    const table = readFileSync(csv, "utf8");
    expect(table.startsWith("\uFEFF")).toBe(true);
    expect(table.split(/\r?\n/).filter(Boolean)).toHaveLength(3);
  });

  it("check takes folders too", async () => {
    const r = await run("check", "--json", join(TMP, "bulk"));
    const j = JSON.parse(r.stdout);
    expect(j.summary).toEqual({ files: 3, unreadable: 1, with_errors: 1 });
    expect(r.code).toBe(2);
  });
});

describe("the installed binary", () => {
  it("node_modules/.bin/gongkai runs the built CLI", () => {
    const bin = join(ROOT, "node_modules", ".bin", "gongkai");
    const out = execFileSync(bin, ["parse", LESHAN], { encoding: "utf8" });
    expect(JSON.parse(out).agency).toBe("乐山市司法局");
    const bad = spawnSync(bin, ["check", HONGZE], { encoding: "utf8" });
    expect(bad.status).toBe(1);
  });
});
