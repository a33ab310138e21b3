/**
 * Robustness: truncated, shuffled and randomly damaged variants of every fixture, random bytes,
 * a DOCX zip bomb, a 50 MB text file and deeply nested HTML. Each read must end quickly with a
 * report (with warnings) or a GongkaiError — never a crash or a hang.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { CORPUS } from "../../test/corpus.js";
import { GongkaiError } from "../domain/errors.js";
import { readHtml } from "./formats/html.js";
import { readReportBytes } from "./index.js";

/** Small seeded generator (mulberry32), so failures can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Reads bytes; passes when the result is a report or a GongkaiError, within the time limit. */
async function survives(bytes: Uint8Array, name: string, limitMs = 8000): Promise<"report" | string> {
  const t0 = performance.now();
  let outcome: "report" | string;
  try {
    const { report } = await readReportBytes(bytes, name);
    expect(Array.isArray(report.warnings)).toBe(true);
    outcome = "report";
  } catch (e) {
    if (!(e instanceof GongkaiError)) throw new Error(`${name}: not a GongkaiError: ${String(e)}`);
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    outcome = e.id;
  }
  expect(performance.now() - t0, `${name} took too long`).toBeLessThan(limitMs);
  return outcome;
}

const fixtures = [
  ...readdirSync(CORPUS)
    .filter((f) => f !== "README.md" && f.includes("."))
    .map((f) => join(CORPUS, f)),
  join(CORPUS, "negative", "blank-template-2021.docx"),
];

describe("damaged fixtures", () => {
  for (const path of fixtures) {
    const name = path.split("/").pop()!;
    it(`${name}: truncated, shuffled, damaged`, async () => {
      const bytes = new Uint8Array(readFileSync(path));
      const rand = rng(name.length * 7919);
      for (const frac of [0.05, 0.3, 0.6, 0.95])
        await survives(bytes.subarray(0, Math.floor(bytes.length * frac)), `${name}@${frac}`);
      const lines = Buffer.from(bytes).toString("utf8").split("\n");
      for (let k = 0; k < 2; k++) {
        const shuffled = [...lines].sort(() => rand() - 0.5).join("\n");
        await survives(new TextEncoder().encode(shuffled), `${name}#shuffled${k}`);
      }
      for (let k = 0; k < 3; k++) {
        const damaged = new Uint8Array(bytes);
        for (let i = 0; i < 40; i++) damaged[Math.floor(rand() * damaged.length)] = Math.floor(rand() * 256);
        await survives(damaged, `${name}#damaged${k}`);
      }
    });
  }
});

describe("hostile input", () => {
  it("random bytes give a clear error or an empty-data error", async () => {
    const rand = rng(42);
    for (let k = 0; k < 6; k++) {
      const bytes = new Uint8Array(1 + Math.floor(rand() * 20000)).map(() => Math.floor(rand() * 256));
      const out = await survives(bytes, `random${k}`);
      expect(out).not.toBe("report");
    }
  });

  it("an empty file says so", async () => {
    expect(await survives(new Uint8Array(0), "empty.txt")).toBe("INGEST-EMPTY");
  });

  it("a DOCX zip bomb is stopped at the size cap", async () => {
    const huge = new Uint8Array(64 * 1024 * 1024).fill(0x20);
    const zip = zipSync({ "word/document.xml": [huge, { level: 6 }] });
    expect(zip.length).toBeLessThan(1024 * 1024);
    expect(await survives(zip, "bomb.docx")).toBe("INGEST-TOO-LARGE");
  });

  it("a zip that is not a Word document says so", async () => {
    const zip = zipSync({ "hello.txt": new TextEncoder().encode("你好") });
    expect(await survives(zip, "other.zip")).toBe("INGEST-DOCX-BROKEN");
  });

  it("a 50 MB text file is read within bounds", async () => {
    const line = "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1 随便写点文字 2021年\n";
    const text = line.repeat(Math.ceil((50 * 1024 * 1024) / Buffer.byteLength(line)));
    await survives(new TextEncoder().encode(text), "big.txt", 15000);
  });

  it("deeply nested HTML is read without recursion", async () => {
    const depth = 200_000;
    const html = `<html><body>${"<div>".repeat(depth)}<table><tr><td>一、本年新收政府信息公开申请数量</td><td>1</td></tr></table>${"</div>".repeat(depth)}</body></html>`;
    await survives(new TextEncoder().encode(html), "deep.html");
  });

  it("HTML whose closing tags match nothing is treated as deep (the parser nests every open tag)", async () => {
    // `<y></z>` leaves every <y> open in the parser: its stack, and its cost per tag, grow without end.
    const html = `<html><body>${"<y></z>".repeat(80_000)}<table><tr><td>一、本年新收政府信息公开申请数量</td><td>1</td></tr></table></body></html>`;
    expect(readHtml(html).warnings).toContain("HTML 标签嵌套过深，已忽略表格以外的标签");
    await survives(new TextEncoder().encode(html), "unmatched.html");
    // Properly closed tags of one name stay shallow.
    expect(readHtml(`<p>${"<y></y>".repeat(1000)}</p>`).warnings).toEqual([]);
  });

  it("a PDF without a text layer is reported as a scan", async () => {
    const pdf = minimalPdf();
    expect(await survives(pdf, "scan.pdf")).toBe("INGEST-SCANNED");
  });
});

/** A valid one-page PDF with no text (what a scanner without OCR produces, minus the image). */
function minimalPdf(): Uint8Array {
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
    "<< /Length 18 >>\nstream\n0 0 m 100 100 l S\nendstream",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
