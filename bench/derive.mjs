// Benchmark of casework at scale (issue: 1,000,000 applications over 1,000 agencies).
// Prints: CSV import time, all-agency derivation time, one-agency derivation time, per engine.
// Usage: npm run build && node bench/derive.mjs [--rows 1000000] [--agencies 1000] [--engine postgres|pglite|both]
// PostgreSQL: a scratch database is created on $BENCH_DATABASE_URL's server (default 127.0.0.1:5432) and dropped.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { buildAgencyReport, buildAllReports } from "../dist/app/build-report.js";
import { importApplications } from "../dist/app/import-applications.js";
import { openDatabase } from "../dist/store/db.js";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    agencies: { type: "string", default: "1000" },
    engine: { type: "string", default: "both" },
  },
});
const ROWS = Number(values.rows);
const AGENCIES = Number(values.agencies);
const ADMIN = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const OUTCOMES = ["予以公开", "部分公开", "属于国家秘密", "本机关不掌握相关政府信息", "重复申请", "其他"];
const TYPES = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];

function makeCsv(file) {
  // mulberry32: a small, well-mixed 32-bit generator (deterministic data across runs).
  let a = 12345;
  const rnd = (k) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * k);
  };
  const day = (d) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
  const lines = ["编号,机关,收到日期,申请方式,申请人类型,答复日期,办理结果"];
  for (let i = 0; i < ROWS; i++) {
    const received = rnd(720);
    const open = rnd(12) === 0;
    lines.push(
      `${i},第${rnd(AGENCIES)}机关,${day(received)},网络,${TYPES[rnd(10) < 7 ? 0 : rnd(6)]},${open ? "" : day(received + 1 + rnd(40))},${open ? "" : OUTCOMES[rnd(6)]}`,
    );
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
}

const ms = (t) => `${(performance.now() - t).toFixed(0)} ms`;

async function bench(name, open) {
  const { db, close } = await open();
  try {
    const csv = join(dir, "register.csv");
    let t = performance.now();
    let lastLog = 0;
    const summary = await importApplications(db, csv, {
      actor: "bench",
      onProgress: (done, total, phase) => {
        if (phase === "写入" && (done - lastLog >= total / 10 || done === total)) {
          lastLog = done;
          process.stderr.write(`  ${name}: ${phase} ${done}/${total}\n`);
        }
      },
    });
    console.log(`${name}: import of ${summary.rows} CSV rows: ${ms(t)}`);
    for (const year of [2024, 2025]) {
      t = performance.now();
      const all = await buildAllReports(db, year);
      console.log(`${name}: all ${all.length} reports for ${year}: ${ms(t)}`);
    }
    const times = [];
    for (let i = 0; i < 20; i++) {
      t = performance.now();
      await buildAgencyReport(db, `第${i}机关`, 2025);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${name}: one agency's report (median of 20): ${times[10].toFixed(1)} ms, max ${times[19].toFixed(1)} ms`,
    );
  } finally {
    await close();
  }
}

const dir = mkdtempSync(join(tmpdir(), "gongkai-bench-"));
try {
  console.log(`generating ${ROWS} applications over ${AGENCIES} agencies…`);
  makeCsv(join(dir, "register.csv"));
  if (values.engine !== "pglite") {
    await bench("PostgreSQL", async () => {
      const name = `gongkai_bench_${process.pid}`;
      const admin = new pg.Client({ connectionString: ADMIN });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(ADMIN);
      url.pathname = `/${name}`;
      const db = await openDatabase({ url: url.toString() });
      return {
        db,
        close: async () => {
          await db.destroy();
          await admin.query(`drop database ${name} with (force)`);
          await admin.end();
        },
      };
    });
  }
  if (values.engine !== "postgres") {
    await bench("PGlite", async () => {
      const db = await openDatabase({ dataDir: join(dir, "pglite") });
      return { db, close: () => db.destroy() };
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
