#!/usr/bin/env node
// Ingest throughput per format, in one process: `npm run build && node bench/ingest.mjs [seconds-per-format]`.
// Inputs: the shared corpus reports (text, HTML, Markdown, PDF) and, for DOCX (the corpus has only the
// blank template), reports rendered from the corpus truth files by Gongkai's own DOCX renderer.
// Targets: text/HTML/Markdown ≥ 300 files/s, DOCX ≥ 100 files/s, PDF ≥ 20 files/s.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { readReportBytes, detectFormat } = await import(join(root, "dist/ingest/index.js"));
const corpus = process.env.GONGKAI_CORPUS ?? resolve(root, "..", "shared", "corpus");
const seconds = Number(process.argv[2] ?? 2);

const inputs = new Map(); // format -> [{name, bytes}]
const add = (name, bytes) => {
  const f = detectFormat(bytes, name);
  if (!inputs.has(f)) inputs.set(f, []);
  inputs.get(f).push({ name, bytes });
};
for (const f of readdirSync(corpus)) {
  const p = join(corpus, f);
  if (f === "README.md" || !f.includes(".")) continue;
  add(f, new Uint8Array(readFileSync(p)));
}
const renderer = join(root, "dist/render/index.js");
if (existsSync(renderer)) {
  const { render } = await import(renderer);
  const { parseReportJson } = await import(join(root, "dist/domain/report/json.js"));
  for (const f of readdirSync(join(corpus, "truth"))) {
    const report = parseReportJson(readFileSync(join(corpus, "truth", f), "utf8"), f);
    try {
      add(`${f}.docx`, new Uint8Array(await render(report, "docx")));
    } catch (e) {
      console.error(`(docx render skipped: ${e.message})`);
      break;
    }
  }
}

const targets = { text: 300, html: 300, markdown: 300, docx: 100, pdf: 20 };
console.log(
  `format     files  files/s  per CPU-s  target  (${seconds}s each; CPU-s excludes time lost to other processes)`,
);
let ok = true;
for (const [format, files] of [...inputs].sort()) {
  for (const f of files) await readReportBytes(f.bytes, f.name); // warm up
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    const f = files[n % files.length];
    await readReportBytes(f.bytes, f.name);
    n++;
  }
  const rate = n / ((performance.now() - t0) / 1000);
  const cpu = process.cpuUsage(c0);
  const cpuRate = n / ((cpu.user + cpu.system) / 1e6);
  const target = targets[format] ?? 0;
  if (rate < target) ok = false;
  console.log(
    `${format.padEnd(10)} ${String(files.length).padStart(5)}  ${rate.toFixed(1).padStart(7)}  ${cpuRate.toFixed(1).padStart(9)}  ${String(target).padStart(6)}${rate < target ? "  BELOW TARGET" : ""}`,
  );
}
process.exitCode = ok ? 0 : 1;
