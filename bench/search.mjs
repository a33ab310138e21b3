// Benchmark of the catalogue's Chinese full-text search (bigram tsvector + GIN, substring confirm).
// Generates N published documents with realistic titles and bodies, then runs 200+ queries of 2–6
// characters through the same store function the portal uses (first page of 20 + one row), and prints
// median and p99 per engine.
// Usage: npm run build && node bench/search.mjs [--docs 100000] [--queries 240] [--engine postgres|pglite|both]
// PostgreSQL: a scratch database is created on $BENCH_DATABASE_URL's server (default 127.0.0.1:5432) and dropped.
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import {
  documentSearchText,
  documentTokens,
  parseSearchQuery,
} from "../dist/domain/catalogue/search-text.js";
import { publishedList } from "../dist/store/catalogue-search.js";
import { openDatabase } from "../dist/store/db.js";

const { values } = parseArgs({
  options: {
    docs: { type: "string", default: "100000" },
    queries: { type: "string", default: "240" },
    engine: { type: "string", default: "both" },
    keep: { type: "string" },
  },
});
const DOCS = Number(values.docs);
const QUERIES = Number(values.queries);
const ADMIN = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

// mulberry32: deterministic data across runs.
let seed = 20251128;
const rnd = (k) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * k);
};
const pick = (a) => a[rnd(a.length)];

const PLACES = ["东区", "西区", "南区", "北区", "高新区", "经开区", "临港新区", "滨江县", "青山县", "白石镇"];
const OFFICES = [
  "人民政府",
  "人民政府办公室",
  "发展和改革委员会",
  "教育局",
  "财政局",
  "生态环境局",
  "住房和城乡建设局",
  "交通运输局",
  "卫生健康委员会",
  "市场监督管理局",
  "自然资源和规划局",
  "农业农村局",
  "人力资源和社会保障局",
  "民政局",
  "应急管理局",
];
const TOPICS = [
  "城乡居民基本医疗保险",
  "学校安全",
  "校园周边交通",
  "生活垃圾分类",
  "老旧小区改造",
  "农村集体经济",
  "高标准农田建设",
  "义务教育招生",
  "企业职工养老保险",
  "安全生产专项整治",
  "食品安全抽检",
  "大气污染防治",
  "水环境治理",
  "市场主体登记",
  "政务服务事项清单",
  "行政事业性收费目录",
  "财政预算",
  "重大建设项目",
  "公共租赁住房",
  "困难群众救助",
  "就业创业补贴",
  "防汛抗旱",
  "森林防火",
  "优化营商环境",
  "数字政府建设",
  "城市更新",
  "公共卫生应急",
  "残疾人两项补贴",
  "粮食生产",
  "文物保护",
];
const ACTIONS = [
  "关于印发{t}实施方案的通知",
  "关于做好{t}工作的通知",
  "关于进一步加强{t}管理的意见",
  "{t}管理办法",
  "关于公布{t}结果的公告",
  "关于{t}的实施细则",
  "{t}工作要点",
  "关于开展{t}专项检查的通知",
  "{t}情况的报告",
  "关于调整{t}标准的通知",
];
const SENTENCES = [
  "为深入贯彻落实党中央、国务院决策部署，结合本地实际，制定本方案。",
  "各单位要高度重视，明确责任分工，确保各项措施落到实处。",
  "本办法自发布之日起施行，有效期五年。",
  "对未按要求落实的单位，予以通报批评并责令限期整改。",
  "申请人可通过当面、邮寄或网上方式提交申请材料。",
  "资金由市级财政统筹安排，专款专用，不得挤占挪用。",
  "加强部门协同，建立信息共享和联合执法机制。",
  "定期开展监督检查，检查结果向社会公开。",
  "符合条件的对象按照规定程序申请，经审核后发放补贴。",
  "各区县应于每季度末报送工作进展情况。",
  "鼓励社会力量参与，形成政府主导、多方参与的工作格局。",
  "严格执行国家标准，确保质量安全。",
  "本通知由市人民政府办公室负责解释。",
  "做好政策解读和宣传引导，及时回应社会关切。",
  "建立健全长效机制，推动工作常态化、制度化。",
];
const CATEGORIES = [
  "教育",
  "财政",
  "卫生健康",
  "生态环境",
  "城乡建设",
  "交通",
  "农业农村",
  "社会保障",
  "市场监管",
  "综合政务",
];

function makeDoc(i) {
  const place = pick(PLACES);
  const office = pick(OFFICES);
  const topic = pick(TOPICS);
  const title = `示例市${place}${office}${pick(ACTIONS).replace("{t}", topic)}`;
  const year = 2019 + rnd(7);
  const body = [`${topic}工作事关群众切身利益。`];
  for (let k = 0, n = 4 + rnd(10); k < n; k++) body.push(pick(SENTENCES));
  body.push(`联系单位：示例市${place}${office}。`);
  const docNumber = rnd(3) ? `示${place.slice(0, 1)}发〔${year}〕${1 + rnd(200)}号` : null;
  const month = String(1 + rnd(12)).padStart(2, "0");
  const day = String(1 + rnd(28)).padStart(2, "0");
  return {
    i,
    title,
    docNumber,
    publisher: `示例市${place}${office}`,
    body: body.join(""),
    date: `${year}-${month}-${day}`,
    agency: PLACES.indexOf(place),
  };
}

async function load(db) {
  const agencies = [];
  for (const p of PLACES)
    agencies.push(
      (
        await db
          .insertInto("agency")
          .values({ name: `示例市${p}`, parent_id: null, kind: "district" })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id,
    );
  const user = await db
    .insertInto("app_user")
    .values({ agency_id: agencies[0], login: "bench", name: "bench", role: "clerk", password_hash: "x" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const started = performance.now();
  const BATCH = 1000;
  for (let start = 0; start < DOCS; start += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, DOCS - start) }, (_, k) => makeDoc(start + k));
    const ids = await db
      .insertInto("catalogue_document")
      .values(docs.map((d) => ({ agency_id: agencies[d.agency], index_no: `BENCH-${d.i}` })))
      .returning("id")
      .execute();
    await db
      .insertInto("catalogue_version")
      .values(
        docs.map((d, k) => {
          const fields = [d.title, d.docNumber, d.publisher, d.body];
          const category = pick(CATEGORIES);
          const validity = pick(["valid", "valid", "expired", "repealed", "none"]);
          const item = 1 + rnd(15);
          return {
            document_id: ids[k].id,
            agency_id: agencies[d.agency],
            version: 1,
            title: d.title,
            doc_number: d.docNumber,
            publisher: d.publisher,
            written_on: d.date,
            published_on: d.date,
            category,
            validity,
            doc_kind: "other",
            article20_item: item,
            body: d.body,
            state: "published",
            author_id: user.id,
            // As publication writes them: bigrams plus the filter tokens (migration 0007).
            search_tokens: sql`array_to_tsvector(${documentTokens(fields)}::text[])
              || catalogue_filter_tokens(${agencies[d.agency]}, ${d.date}::date, ${category}, ${validity}, ${item}::smallint)`,
            search_text: documentSearchText(fields),
          };
        }),
      )
      .execute();
  }
  await sql`analyze`.execute(db);
  return { seconds: (performance.now() - started) / 1000, agencies };
}

/** 2–6 character queries: pieces of topics, offices, places and sentences (common and rare), some numbers. */
function makeQueries(agencies) {
  const pool = [...TOPICS, ...OFFICES, ...PLACES, ...SENTENCES.map((s) => s.replace(/[，。、]/g, ""))];
  const out = [];
  while (out.length < QUERIES) {
    const src = pick(pool);
    const len = 2 + rnd(5);
    if (src.length < len) continue;
    const at = rnd(src.length - len + 1);
    const q = src.slice(at, at + len);
    const filter = rnd(4) === 0 ? { agencyId: pick(agencies) } : rnd(4) === 0 ? { year: 2019 + rnd(7) } : {};
    out.push({ q, filter });
  }
  out.push({ q: "〔2023〕15号", filter: {} }, { q: "不存在的词语", filter: {} });
  // The worst case of the first version: a common word filtered to an agency where it never occurs
  // (a place name only appears in its own district's documents), and one where it does.
  for (const [q, place] of [
    ["青山县", 0],
    ["临港新区", 7],
    ["白石镇", 3],
    ["高新区", 9],
  ])
    out.push({ q, filter: { agencyId: agencies[place] }, absent: true });
  out.push(
    { q: "安全", filter: { agencyId: agencies[1] } },
    { q: "通知", filter: { agencyId: agencies[8] } },
  );
  return out;
}

async function run(name, db) {
  const reuse =
    values.keep && (await db.selectFrom("catalogue_version").select("id").limit(1).execute()).length > 0;
  const { seconds, agencies } = reuse
    ? { seconds: 0, agencies: (await db.selectFrom("agency").select("id").execute()).map((a) => a.id) }
    : await load(db);
  console.log(`${name}: loaded ${DOCS} documents in ${seconds.toFixed(1)} s`);
  const queries = makeQueries(agencies);
  for (const { q, filter } of queries.slice(0, 20))
    await publishedList(db, filter, parseSearchQuery(q), 20, 0); // warm-up
  const times = [];
  const slow = [];
  let hits = 0;
  const absent = [];
  for (const { q, filter, absent: none } of queries) {
    const t0 = performance.now();
    const r = await publishedList(db, filter, parseSearchQuery(q), 20, 0);
    times.push(performance.now() - t0);
    if (none) absent.push(`${q} ${times.at(-1).toFixed(1)} ms (${r.rows.length} rows)`);
    slow.push([times.at(-1), q, JSON.stringify(filter), r.rows.length]);
    hits += r.rows.length;
  }
  slow.sort((a, b) => b[0] - a[0]);
  console.log(
    `${name}: slowest`,
    slow
      .slice(0, 5)
      .map(([t, q, f, n]) => `${q} ${f} ${n} rows ${t.toFixed(0)} ms`)
      .join("; "),
  );
  console.log(`${name}: common word, agency where it never occurs: ${absent.join("; ")}`);
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  console.log(
    `${name}: ${times.length} queries (2–6 characters, ~1/4 with an agency or year filter), mean rows returned ${(hits / times.length).toFixed(1)} of 20`,
  );
  console.log(
    `${name}: median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms`,
  );
}

if (values.engine === "postgres" || values.engine === "both") {
  // --keep NAME keeps (and reuses) the database, for EXPLAIN sessions.
  const name = values.keep ?? `gongkai_bench_search_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  const kept =
    values.keep && (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount;
  if (!kept) await admin.query(`create database ${name}`);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  try {
    await run("PostgreSQL", db);
  } finally {
    await db.destroy();
    if (!values.keep) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
if (values.engine === "pglite" || values.engine === "both") {
  const db = await openDatabase({ dataDir: "memory://" });
  try {
    await run("PGlite", db);
  } finally {
    await db.destroy();
  }
}
