// Benchmark of the supervising office's views over a large subtree: filing status (with the check
// catalogue run on every published report) and the summed tables 三/四 over three years.
// Usage: npm run build && node bench/supervision.mjs [--agencies 500] [--engine postgres|pglite|both]
// PostgreSQL: a scratch database is created on $BENCH_DATABASE_URL's server (default 127.0.0.1:5432) and dropped.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { aggregateFigures, filingStatus } from "../dist/app/supervision.js";
import { parseReportJson, reportToJsonObject } from "../dist/domain/report/json.js";
import { openDatabase } from "../dist/store/db.js";
import { insertSnapshot } from "../dist/store/reports.js";

const { values } = parseArgs({
  options: { agencies: { type: "string", default: "500" }, engine: { type: "string", default: "both" } },
});
const N = Number(values.agencies);
const ADMIN = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const truth = join(
  import.meta.dirname,
  "..",
  "..",
  "shared",
  "corpus",
  "truth",
  "leshan-justice-bureau-2021.json",
);
const base = parseReportJson(readFileSync(truth, "utf8"), "truth");

async function run(db, engine) {
  const city = (
    await db
      .insertInto("agency")
      .values({ name: "基准市", kind: "city" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  const ids = [];
  let t = performance.now();
  for (let i = 0; i < N; i++) {
    const name = `基准市第${i + 1}局`;
    const id = (
      await db
        .insertInto("agency")
        .values({ name, parent_id: city })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    ids.push(id);
    for (const year of [2019, 2020, 2021]) {
      if ((i + year) % 7 === 0) continue; // some agencies have not published
      const report = { ...base, agency: name, year };
      await db
        .transaction()
        .execute((tx) =>
          insertSnapshot(
            tx,
            id,
            report,
            reportToJsonObject(report),
            new Date(
              `${year + 1}-0${i % 5 === 0 ? 2 : 1}-${String((i % 28) + 1).padStart(2, "0")}T02:00:00Z`,
            ),
            "bench",
          ),
        );
    }
  }
  const seeded = performance.now() - t;
  const actor = {
    userId: 0,
    login: "bench",
    name: "bench",
    role: "supervisor",
    agencyId: city,
    below: new Set(ids),
  };
  const times = {};
  for (const [label, work] of [
    ["filing status 2021", () => filingStatus(db, actor, 2021, "2022-03-01")],
    ["aggregate 2019–2021", () => aggregateFigures(db, actor, 2021, 3)],
  ]) {
    await work(); // warm
    t = performance.now();
    const out = await work();
    times[label] = performance.now() - t;
    if (label.startsWith("filing")) {
      const late = out.items.filter((x) => x.late).length;
      console.log(`  ${engine}: ${out.items.length} agencies, ${late} late`);
    }
  }
  console.log(`${engine}: seeded ${N} agencies × 3 years in ${(seeded / 1000).toFixed(1)} s`);
  for (const [k, v] of Object.entries(times)) console.log(`${engine}: ${k}: ${v.toFixed(0)} ms`);
}

if (values.engine !== "postgres") {
  const db = await openDatabase({ dataDir: "memory://" });
  await run(db, "pglite");
  await db.destroy();
}
if (values.engine !== "pglite") {
  const name = `gongkai_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  try {
    await run(db, "postgres");
  } finally {
    await db.destroy();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
