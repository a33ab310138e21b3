// HTTP benchmark (issue #5): the staff case list and a public portal page at a fixed 500 requests/s
// on loopback, against the real server (dist/server/main.js) on a throwaway PostgreSQL database seeded
// with the demo city plus --rows extra applications. Prints requests/s, p50/p99 latency and errors
// per target, and the machine's load (uptime). Figures: docs/performance.md (section "HTTP").
// Usage: npm run build && node bench/http.mjs [--rows 100000] [--rate 500] [--seconds 20] [--connections 20]
// The database is created on $BENCH_DATABASE_URL's server (default 127.0.0.1:5432) and dropped after.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    rate: { type: "string", default: "500" },
    seconds: { type: "string", default: "20" },
    connections: { type: "string", default: "20" },
  },
});
const ADMIN = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ROOT = new URL("..", import.meta.url).pathname;
const name = `gongkai_bench_${randomBytes(4).toString("hex")}`;
const tmp = mkdtempSync(join(tmpdir(), "gongkai-http-"));

async function admin(statement) {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  try {
    return await c.query(statement);
  } finally {
    await c.end();
  }
}

/** Extra applications for the demo city's departments (register CSV), deterministic. */
function register(file, rows) {
  const agencies = ["示范市教育局", "示范市公安局", "示范市民政局", "示范市财政局", "示范市东城区教育局"];
  const outcomes = ["予以公开", "部分公开", "本机关不掌握相关政府信息", "属于国家秘密", "其他"];
  const lines = ["编号,机关,收到日期,申请方式,申请人类型,申请人,申请内容,答复日期,办理结果"];
  for (let i = 0; i < rows; i++) {
    const d = new Date(Date.UTC(2025, 0, 1) + (i % 600) * 86_400_000).toISOString().slice(0, 10);
    const open = i % 50 === 0;
    const answered = open ? "" : new Date(Date.parse(d) + 12 * 86_400_000).toISOString().slice(0, 10);
    lines.push(
      `B${String(i).padStart(7, "0")},${agencies[i % agencies.length]},${d},网络,自然人,申请人${i},某信息${i % 97},${answered},${open ? "" : outcomes[i % outcomes.length]}`,
    );
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
}

const freePort = () =>
  new Promise((res) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

async function main() {
  await admin(`create database ${name}`);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  const env = { ...process.env, DATABASE_URL: url.toString() };
  let server;
  try {
    const cli = (...args) =>
      execFileSync(process.execPath, ["bin/gongkai.js", ...args], { cwd: ROOT, env, stdio: "pipe" });
    let t = Date.now();
    cli("demo", "--today", "2026-11-20");
    const file = join(tmp, "register.csv");
    register(file, Number(values.rows));
    cli("cases", "import", file);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const apps = (await client.query("select count(*)::int as n from application")).rows[0].n;
    await client.end();
    console.log(
      `seeded: demo city + ${values.rows} applications = ${apps} in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );

    const port = await freePort();
    server = spawn(process.execPath, ["dist/server/main.js"], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), LOG_LEVEL: "warn", GONGKAI_LOGIN_RATE_MAX: "1000" },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const base = `http://127.0.0.1:${port}`;
    for (t = Date.now(); Date.now() - t < 60_000; ) {
      const ok = await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // Log in as the city's 公开办管理员: the case list then spans the whole city.
    const jar = new Map();
    const keep = (res) => {
      for (const c of res.headers.getSetCookie()) {
        const [k, ...v] = c.split(";")[0].split("=");
        jar.set(k, v.join("="));
      }
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    let res = await fetch(`${base}/api/csrf`);
    keep(res);
    const { token } = await res.json();
    res = await fetch(`${base}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": token, cookie: cookie() },
      body: JSON.stringify({ login: "demo-supervisor", password: "gongkai-demo-2026" }),
    });
    keep(res);
    if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    const city = await fetch(`${base}/api/agencies`, { headers: { cookie: cookie() } }).then((r) => r.json());
    const cityId = (Array.isArray(city) ? city : (city.agencies ?? city.items ?? [])).find?.(
      (a) => a.name === "示范市人民政府",
    )?.id;

    // The case list of the agency with the most open applications (a department under the city, read by the
    // city's 公开办管理员 through its subtree).
    const counter = new pg.Client({ connectionString: url.toString() });
    await counter.connect();
    const busiest = (
      await counter.query(
        `select a.id, a.name, count(*)::int as apps, count(*) filter (where p.answered is null)::int as open
         from application p join agency a on a.id = p.agency_id group by a.id, a.name order by open desc, apps desc limit 1`,
      )
    ).rows[0];
    await counter.end();
    console.log(`case list agency: ${busiest.name} (${busiest.apps} applications, ${busiest.open} open)`);
    const listPath = `/api/applications?agencyId=${busiest.id}&sort=due&pageSize=50`;
    const targets = [
      {
        name: "case list (GET /api/applications?agencyId=…&sort=due&pageSize=50)",
        path: listPath,
        headers: { cookie: cookie() },
      },
      {
        name: `portal report page (GET /reports/${cityId}/2025)`,
        path: `/reports/${cityId}/2025`,
        headers: {},
      },
      { name: "portal home (GET /)", path: "/", headers: {} },
    ];
    // The case list again while one of its cases changes every 100 ms (another process's write): each
    // change moves the agency's counter (migration 0010), so the next request rebuilds its snapshot.
    const writer = new pg.Client({ connectionString: url.toString() });
    await writer.connect();
    const listAgency = busiest.id;
    let timer;
    let writes = 0;
    targets.splice(1, 0, {
      name: "case list while a case changes every 100 ms",
      path: targets[0].path,
      headers: targets[0].headers,
      start() {
        timer = setInterval(() => {
          writer
            .query(
              "update application set updated_at = now() where id = (select min(id) from application where agency_id = $1)",
              [listAgency],
            )
            .then(
              () => writes++,
              (e) => console.error(`writer: ${e.message}`),
            );
        }, 100);
      },
      stop() {
        clearInterval(timer);
        return `${writes} changes made`;
      },
    });
    console.log(
      `rate ${values.rate}/s, ${values.seconds} s each, ${values.connections} connections, loopback`,
    );
    for (const target of targets) {
      const probe = await fetch(`${base}${target.path}`, { headers: target.headers });
      // Read the body: an unread response keeps its connection busy, and the server's graceful
      // shutdown then waits for it until the timeout.
      await probe.arrayBuffer();
      if (!probe.ok) {
        console.log(`${target.name}: skipped (status ${probe.status})`);
        continue;
      }
      target.start?.();
      const r = await autocannon({
        url: `${base}${target.path}`,
        headers: target.headers,
        connections: Number(values.connections),
        overallRate: Number(values.rate),
        duration: Number(values.seconds),
      });
      const note = target.stop?.();
      const load = execFileSync("uptime")
        .toString()
        .trim()
        .replace(/^.*load average: /, "");
      console.log(
        `${target.name}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
          `max ${r.latency.max} ms, errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}; load ${load}` +
          (note ? `; ${note}` : ""),
      );
    }
    await writer.end();
  } finally {
    if (server && server.exitCode === null) {
      // Graceful shutdown after the load: report how long it took (and how it ended) before dropping the database.
      const t0 = Date.now();
      const exited = new Promise((r) => server.once("exit", (code, signal) => r(code ?? signal)));
      server.kill("SIGTERM");
      const how = await Promise.race([
        exited,
        new Promise((r) => setTimeout(() => r("still running after 15 s"), 15_000)),
      ]);
      console.log(`shutdown (SIGTERM): ${how} after ${Date.now() - t0} ms`);
    }
    await admin(`drop database if exists ${name} with (force)`);
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
