/**
 * Use case: fill a demo city (`gongkai demo`, `npm start -- --demo`) so a newcomer sees a living system:
 * 示范市人民政府 with departments and districts, demo users for every role, two years of applications in
 * every lifecycle state (built from domain events, src/domain/cases), review/litigation cases, register
 * documents, yearly figures, and last year's annual reports published. Deterministic (seeded) and
 * idempotent: a second run refuses (DEMO-EXISTS) unless `reset`, which empties a demo-only database.
 */
import { shippedCalendar } from "../domain/calendar/index.js";
import { GongkaiError } from "../domain/errors.js";
import type { ApplicationRecord } from "../domain/register/application-row.js";
import { ensureAgency } from "../store/accounts.js";
import { upsertApplications } from "../store/applications.js";
import type { Db } from "../store/db.js";
import { inWriteTransaction, listTables, truncateAll } from "../store/dump.js";
import { writeRecords } from "../store/registers.js";
import { inTransaction } from "../store/transaction.js";
import { createUser } from "./accounts.js";
import { chinaToday } from "./case-clock.js";
import { agencyCases, hashSeed, prng } from "./demo-cases.js";
import { addDemoExtras, type DemoExtrasSummary } from "./demo-extras.js";
import { demoRecords } from "./demo-records.js";
import { ROLE_NAMES, type Role } from "./policy.js";
import { registerApplicant } from "./portal-accounts.js";
import { publishReport } from "./publish-report.js";

export const DEMO_CITY = "示范市人民政府";
/** Shared by every demo account; printed with a warning. Never use outside a demo. */
export const DEMO_PASSWORD = "gongkai-demo-2026";

const CITY_DEPARTMENTS = [
  "示范市教育局",
  "示范市公安局",
  "示范市民政局",
  "示范市财政局",
  "示范市人力资源和社会保障局",
  "示范市自然资源和规划局",
  "示范市生态环境局",
  "示范市住房和城乡建设局",
];
const DISTRICTS: [string, string[]][] = [
  [
    "示范市东城区人民政府",
    ["示范市东城区教育局", "示范市东城区住房和城乡建设局", "示范市东城区市场监督管理局"],
  ],
  ["示范市西湖区人民政府", ["示范市西湖区民政局", "示范市西湖区自然资源局"]],
  ["示范市南山区人民政府", ["示范市南山区卫生健康局", "示范市南山区城市管理局"]],
];
const USERS: { login: string; name: string; role: Role; agency: string }[] = [
  { login: "demo-admin", name: "王建国", role: "admin", agency: DEMO_CITY },
  { login: "demo-supervisor", name: "李秀英", role: "supervisor", agency: DEMO_CITY },
  { login: "demo-head", name: "张伟", role: "head", agency: DEMO_CITY },
  { login: "demo-reviewer", name: "刘洋", role: "reviewer", agency: DEMO_CITY },
  { login: "demo-clerk", name: "陈静", role: "clerk", agency: DEMO_CITY },
  { login: "edu-clerk", name: "杨帆", role: "clerk", agency: "示范市教育局" },
  { login: "edu-reviewer", name: "赵磊", role: "reviewer", agency: "示范市教育局" },
  { login: "dongcheng-supervisor", name: "黄丽", role: "supervisor", agency: "示范市东城区人民政府" },
  { login: "dongcheng-clerk", name: "周敏", role: "clerk", agency: "示范市东城区人民政府" },
];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = [
  "伟",
  "芳",
  "娜",
  "秀英",
  "敏",
  "静",
  "丽",
  "强",
  "磊",
  "军",
  "洋",
  "勇",
  "艳",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
];
const SUBJECTS = [
  "本单位2025年度部门预算和决算公开情况",
  "某小区规划许可证及附图",
  "某路段道路改造工程的立项批复文件",
  "本辖区义务教育阶段学校招生划片范围",
  "某企业环境影响评价报告书及批复",
  "房屋征收补偿方案及相关会议纪要",
  "城乡低保对象认定标准及审批程序",
  "某行政处罚决定书",
  "某建设项目用地预审意见",
  "养老服务补贴发放标准及发放情况",
  "某地块土地出让合同",
  "某专项资金的分配办法和分配结果",
];

export interface DemoOptions {
  /** 'YYYY-MM-DD' (China time); defaults to today. Cases span last year and this year up to today. */
  today?: string;
  seed?: number;
  /** Empties the database first (only when it holds nothing but the demo city). */
  reset?: boolean;
  /** Applications per agency per full year, on average (default 60). */
  perYear?: number;
  onProgress?: (step: string) => void;
}

export interface DemoSummary {
  city: string;
  today: string;
  agencies: number;
  applications: number;
  byStatus: Record<string, number>;
  users: { login: string; name: string; role: Role; agency: string }[];
  password: string;
  published: { agency: string; year: number }[];
  extras: DemoExtrasSummary;
  /** A public applicant's portal account (same password), with the city's newest applications under 我的申请. */
  applicant: { login: string; name: string; applications: number };
}

/** The demo applicant: a mobile number the portal's login accepts (号段 138, never a real subscriber's). */
export const DEMO_APPLICANT = { login: "13800000000", name: "示范申请人" };

/** True when every agency in the database is the demo city or under it (by name). */
async function onlyDemo(db: Db): Promise<boolean> {
  const other = await db
    .selectFrom("agency")
    .select("name")
    .where("name", "not like", "示范市%")
    .executeTakeFirst();
  return !other;
}

/** Empties every table when the database holds only the demo city (reset); refuses otherwise. */
async function resetDemo(db: Db): Promise<void> {
  if (!(await onlyDemo(db)))
    throw new GongkaiError(
      "DEMO-RESET-REFUSED",
      "数据库中还有示范市以外的机关，--reset 只能用于演示数据库（它会清空全部数据）",
    );
  await inWriteTransaction(db, async (conn) =>
    truncateAll(
      conn,
      (await listTables(conn)).map((t) => t.name),
    ),
  );
}

/** Creates the demo city; throws DEMO-EXISTS when it is already there (unless `reset`). */
export async function createDemoCity(db: Db, opts: DemoOptions = {}): Promise<DemoSummary> {
  const today = opts.today ?? chinaToday();
  const seed = opts.seed ?? 2026;
  const step = opts.onProgress ?? (() => {});
  const exists = await db.selectFrom("agency").select("id").where("name", "=", DEMO_CITY).executeTakeFirst();
  if (exists && !opts.reset)
    throw new GongkaiError(
      "DEMO-EXISTS",
      `数据库中已有${DEMO_CITY}的演示数据，不再重复生成（要重新生成，请加 --reset，它会清空演示数据库）`,
    );
  if (opts.reset) await resetDemo(db);
  const cal = shippedCalendar();
  const year = Number(today.slice(0, 4));
  const years = [year - 1, year];
  const actor = "demo";

  step("机关");
  const agencies = new Map<string, number>();
  await inTransaction(db, actor, async (tx, record) => {
    const add = async (name: string, parent: string | null, kind: string) => {
      const { id } = await ensureAgency(tx, { name, parentId: parent ? agencies.get(parent) : null, kind });
      agencies.set(name, id);
      await record({ action: "agency.create", entity: "agency", entityId: id, after: { name, kind } });
    };
    await add(DEMO_CITY, null, "city");
    for (const d of CITY_DEPARTMENTS) await add(d, DEMO_CITY, "department");
    for (const [district, departments] of DISTRICTS) {
      await add(district, DEMO_CITY, "district");
      for (const d of departments) await add(d, district, "department");
    }
  });

  step("用户");
  for (const u of USERS)
    await createUser(db, actor, { ...u, agencyId: agencies.get(u.agency)!, password: DEMO_PASSWORD });

  step("申请");
  const byStatus: Record<string, number> = {};
  let applications = 0;
  for (const [name, id] of agencies) {
    const r = prng(hashSeed(`${name}#size`, seed));
    const perYear = Math.max(
      5,
      Math.round((opts.perYear ?? 60) * (name === DEMO_CITY ? 2 : 0.4 + r() * 1.2)),
    );
    const cases = agencyCases(name, years, perYear, today, cal, seed);
    const counters = new Map<string, number>();
    const records: ApplicationRecord[] = cases.map((c) => {
      const y = c.received.slice(0, 4);
      const n = (counters.get(y) ?? 0) + 1;
      counters.set(y, n);
      byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
      const company = c.applicantType !== 0;
      return {
        ref: `${y}-${String(n).padStart(4, "0")}`,
        agency: name,
        received: c.received,
        channel: c.channel,
        applicantType: c.applicantType,
        applicant: company
          ? `示范市${GIVEN[Math.floor(r() * GIVEN.length)]}${["科技有限公司", "律师事务所", "研究院", "公益协会"][Math.floor(r() * 4)]}`
          : `${SURNAMES[Math.floor(r() * SURNAMES.length)]}${GIVEN[Math.floor(r() * GIVEN.length)]}`,
        subject: SUBJECTS[Math.floor(r() * SUBJECTS.length)]!,
        answered: c.answered,
        outcome: c.outcome,
        events: c.events.map(({ type, date, ...data }) => ({ type, date, data })),
        extra: {},
      };
    });
    applications += records.length;
    await inTransaction(db, actor, async (tx, record) => {
      const result = await upsertApplications(tx, new Map([[name, id]]), records, actor);
      await record({
        action: "applications.import",
        entity: "application",
        after: { source: "demo", agency: name, inserted: result.inserted.length },
      });
    });
  }

  step("复议诉讼、文件登记和年度数字");
  await inTransaction(db, actor, async (tx, record) => {
    for (const [name, id] of agencies) {
      const r = prng(hashSeed(`${name}#records`, seed));
      const rows = demoRecords(name, years, today, r, name === DEMO_CITY);
      for (const kind of ["documents", "figures", "reviews"] as const) {
        const mine = rows.filter((x) => x.kind === kind);
        await writeRecords(tx, kind, id, mine);
        await record({
          action: `${kind}.import`,
          entity: kind,
          entityId: id,
          after: { source: "demo", rows: mine.length },
        });
      }
    }
  });

  step(`发布 ${year - 1} 年度报告`);
  const published: { agency: string; year: number }[] = [];
  for (const name of agencies.keys()) {
    await publishReport(db, { agency: name, year: year - 1, actor });
    published.push({ agency: name, year: year - 1 });
  }
  step("公开目录、公开指南、文书和本年度报告草稿");
  const extras = await addDemoExtras(db, {
    city: agencies.get(DEMO_CITY)!,
    education: agencies.get(CITY_DEPARTMENTS[0]!)!,
    year,
    today,
    password: DEMO_PASSWORD,
  });
  step("公众申请人账户");
  const account = await registerApplicant(
    db,
    {
      login: DEMO_APPLICANT.login,
      displayName: DEMO_APPLICANT.name,
      password: DEMO_PASSWORD,
      password2: DEMO_PASSWORD,
    },
    1,
  );
  if ("errors" in account) throw new Error(`演示申请人账户未能创建：${JSON.stringify(account.errors)}`);
  const linked = await db
    .updateTable("application")
    .set({ applicant_account_id: account.accountId })
    .where("id", "in", (q) =>
      q
        .selectFrom("application")
        .select("id")
        .where("agency_id", "=", agencies.get(DEMO_CITY)!)
        .orderBy("received", "desc")
        .orderBy("id", "desc")
        .limit(3),
    )
    .executeTakeFirst();
  return {
    city: DEMO_CITY,
    today,
    agencies: agencies.size,
    applications,
    byStatus,
    users: USERS,
    password: DEMO_PASSWORD,
    published,
    extras,
    applicant: { ...DEMO_APPLICANT, applications: Number(linked.numUpdatedRows) },
  };
}

/** The login table and the warning, as printed after the demo city is filled. */
export function demoLoginTable(s: DemoSummary): string {
  const lines = [
    `已生成演示数据：${s.city} 等 ${s.agencies} 个机关，${s.applications} 件申请（截至 ${s.today}），已发布 ${s.published.length} 份 ${s.published[0]?.year ?? ""} 年度报告。`,
    "",
    `演示账户（密码均为 ${s.password}）：`,
    `  ${"登录名".padEnd(21)}${"姓名".padEnd(8)}${"角色".padEnd(14)}所属机关`,
    ...s.users.map(
      (u) =>
        `  ${u.login.padEnd(24)}${u.name.padEnd(5, "　")}${(ROLE_NAMES[u.role] ?? u.role).padEnd(8, "　")}${u.agency}`,
    ),
    `  公众申请人（门户“我的申请”，/account/login）：${s.applicant.login}（${s.applicant.name}，${s.applicant.applications} 件申请）`,
    "",
    "警告：以上是公开的演示密码，只能用于演示环境；不要在存有真实数据的系统中使用 gongkai demo。",
  ];
  return `${lines.join("\n")}\n`;
}
