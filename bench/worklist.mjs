// Benchmark of the worklist (GET /api/applications' use case) with 1,000,000 applications in the
// database: N agencies, a share of them open (replayed by the case domain on every request), the
// rest closed (read from the denormalised answered/outcome columns), plus one large agency.
// Prints the time of listApplications per query shape (median and max of R runs).
// Usage: npm run build && node bench/worklist.mjs [--rows 1000000] [--agencies 100] [--open 0.02] [--runs 20]
// A scratch database is created on $BENCH_DATABASE_URL's server (default 127.0.0.1:5432) and dropped.
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { setCaseClock } from "../dist/app/case-clock.js";
import { listApplications } from "../dist/app/cases-list.js";
import { openDatabase } from "../dist/store/db.js";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    agencies: { type: "string", default: "100" },
    open: { type: "string", default: "0.02" },
    runs: { type: "string", default: "20" },
  },
});
const ROWS = Number(values.rows);
const AGENCIES = Number(values.agencies);
const OPEN = Number(values.open);
const RUNS = Number(values.runs);
const ADMIN = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TODAY = "2026-06-30";
const ms = (t) => performance.now() - t;

const name = `gongkai_bench_worklist_${process.pid}`;
const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(ADMIN);
url.pathname = `/${name}`;
const db = await openDatabase({ url: url.toString() });
try {
  setCaseClock({ today: () => TODAY });
  let t = performance.now();
  // Agency 1 is the large one: a fifth of all applications; the rest share the remainder.
  await sql`insert into agency (name) select '第' || g || '机关' from generate_series(1, ${AGENCIES}) g`.execute(
    db,
  );
  const big = Math.floor(ROWS / 5);
  // Application i: agency, receipt spread over 2024-01-01 … 2026-06-29; the last OPEN share of each
  // agency's receipts (the most recent ones) is still open.
  await sql`
    insert into application (agency_id, ref, received, channel, applicant_type, applicant, subject, answered, outcome, source)
    select a, 'R' || i, d, 'online', 0,
      jsonb_build_object('name', '申请人' || i, 'phone', '138' || lpad(i::text, 8, '0'), 'address', '示例市东区幸福路' || i || '号'),
      '某信息 ' || i,
      case when open then null else least(d + 10, ${TODAY}::date) end,
      case when open then null else 'granted' end,
      'staff'
    from (
      select i,
        case when i <= ${big} then 1 else 2 + (i % (${AGENCIES} - 1)) end::int as a,
        date '2024-01-01' + ((i * 7919) % 910)::int as d,
        ((i * 7919) % 910) >= 910 - 910 * ${OPEN}::float8 * 1.0 and ((i * 7919) % 910) < 909 as open
      from generate_series(1::bigint, ${ROWS}::bigint) i
    ) s`.execute(db);
  await sql`
    insert into application_event (application_id, seq, type, on_date, data, recorded_by)
    select id, 0, 'received', received, jsonb_build_object('channel', 'online'), 'bench' from application`.execute(
    db,
  );
  await sql`
    insert into application_event (application_id, seq, type, on_date, data, recorded_by)
    select id, 1, 'replied', answered, jsonb_build_object('outcome', 'granted'), 'bench' from application where answered is not null`.execute(
    db,
  );
  // A tenth of the open cases are in consultation.
  await sql`
    insert into application_event (application_id, seq, type, on_date, data, recorded_by)
    select id, 1, 'consultation_started', least(received + 2, ${TODAY}::date), '{"party":"third_party"}', 'bench'
    from application where answered is null and id % 10 = 0`.execute(db);
  await sql`analyze`.execute(db);
  const counts =
    await sql`select count(*) filter (where answered is null) as open, count(*) as all from application`.execute(
      db,
    );
  console.log(
    `seeded ${counts.rows[0].all} applications (${counts.rows[0].open} open) over ${AGENCIES} agencies in ${(ms(t) / 1000).toFixed(1)} s`,
  );
  const perAgency = await sql`
    select agency_id, count(*) as n, count(*) filter (where answered is null) as open from application
    where agency_id in (1, 2) group by agency_id order by agency_id`.execute(db);
  for (const r of perAgency.rows) console.log(`  agency ${r.agency_id}: ${r.n} applications, ${r.open} open`);

  const actor = (agencyId) => ({
    userId: 1,
    login: "bench",
    name: "bench",
    role: "clerk",
    agencyId,
    below: new Set(),
  });
  const shapes = [
    ["typical agency, default (due, page 1 of 50)", 2, {}],
    ["typical agency, page 40 (into the closed ones)", 2, { page: 40 }],
    ["typical agency, sort=received, page 2", 2, { sort: "received", page: 2 }],
    ["typical agency, q=某信息 1 (text search)", 2, { q: "某信息 1" }],
    ["large agency, default", 1, {}],
    ["large agency, status=overdue,due_soon", 1, { status: ["overdue", "due_soon"] }],
    ["large agency, status=closed, page 100", 1, { status: ["closed"], page: 100 }],
    ["large agency, sort=received, page 1000", 1, { sort: "received", page: 1000 }],
  ];
  for (const [label, agencyId, q] of shapes) {
    const times = [];
    let total = 0;
    let first = 0;
    for (let i = 0; i < RUNS + 2; i++) {
      t = performance.now();
      const r = await listApplications(db, actor(agencyId), q);
      if (i === 0) first = ms(t);
      if (i >= 2) times.push(ms(t));
      total = r.total;
    }
    times.sort((a, b) => a - b);
    console.log(
      `${label}: first ${first.toFixed(0)} ms; then median ${times[Math.floor(times.length / 2)].toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms (total ${total})`,
    );
  }
} finally {
  await db.destroy();
  await admin.query(`drop database ${name} with (force)`);
  await admin.end();
}
