/**
 * The demo city's catalogue, 公开指南, letters and report draft, made through the features' own use
 * cases acting as the demo users (so every rule — three reviews by different people, who may issue a
 * letter — applies as in real work). Called by createDemoCity after the cases exist.
 */
import { GongkaiError } from "../domain/errors.js";
import type { Db } from "../store/db.js";
import { actorForToken, login, logout } from "./accounts.js";
import { saveGuide } from "./agency-guide.js";
import { addAttachment, createDocument, reviewVersion, submitForReview } from "./catalogue.js";
import { issueLetter, saveLetterTemplate } from "./letters.js";
import type { Actor } from "./policy.js";
import { saveDraftSections, transitionReport } from "./report-workflow.js";

export interface DemoExtrasSummary {
  catalogue: number;
  letters: number;
  guides: number;
}

const CATALOGUE: {
  title: string;
  docKind: "regulation" | "normative_document" | "other";
  item: number;
  category: string;
}[] = [
  { title: "示范市物业管理办法", docKind: "regulation", item: 1, category: "城乡建设、环境保护" },
  {
    title: "示范市人民政府关于进一步优化营商环境的若干意见",
    docKind: "normative_document",
    item: 1,
    category: "综合政务",
  },
  {
    title: "示范市国民经济和社会发展第十五个五年规划纲要",
    docKind: "other",
    item: 2,
    category: "国民经济管理、国有资产监管",
  },
  {
    title: "示范市2025年财政预算执行情况和2026年财政预算草案的报告",
    docKind: "other",
    item: 8,
    category: "财政、金融、审计",
  },
  { title: "示范市2026年重大建设项目名单", docKind: "other", item: 11, category: "城乡建设、环境保护" },
  {
    title: "示范市人民政府关于调整最低生活保障标准的通知",
    docKind: "normative_document",
    item: 10,
    category: "民政、扶贫、救灾",
  },
  { title: "示范市突发事件总体应急预案", docKind: "other", item: 13, category: "公安、安全生产、司法" },
];

const GUIDE = {
  office: "示范市人民政府办公室（政务公开办公室）",
  address: "示范市人民大道1号市政府大楼3层",
  hours: "工作日上午9:00—12:00，下午13:30—17:30",
  phone: "0000-12345678",
  postcode: "000000",
  email: "gongkai@shifan.example.gov.cn",
  channels: "当面提交、邮寄、网络（本网站“依申请公开”栏目）",
  howToApply:
    "填写政府信息公开申请表，写明申请人信息、所需政府信息的名称、文号或者便于查询的其他特征性描述。",
  fees: "按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）执行。",
  remedies:
    "认为本机关在政府信息公开工作中侵犯其合法权益的，可以向示范市人民政府申请行政复议，或者向人民法院提起行政诉讼。",
};

/** A one-page PDF (text only) for the demo attachment. */
function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** Signs in as a demo user and returns the acting user (the session is closed again by `done`). */
async function actAs(db: Db, loginName: string, password: string, tokens: string[]): Promise<Actor> {
  const { token } = await login(db, { login: loginName, password }, 1);
  tokens.push(token);
  const actor = await actorForToken(db, token);
  if (!actor) throw new GongkaiError("DEMO-LOGIN", `演示账户 ${loginName} 无法登录`);
  return actor;
}

/** Adds catalogue documents (through the three reviews), guides, letters and a returned report draft. */
export async function addDemoExtras(
  db: Db,
  input: { city: number; education: number; year: number; today: string; password: string },
): Promise<DemoExtrasSummary> {
  const tokens: string[] = [];
  try {
    const as = (name: string) => actAs(db, name, input.password, tokens);
    const [clerk, reviewer, head, supervisor, eduClerk] = [
      await as("demo-clerk"),
      await as("demo-reviewer"),
      await as("demo-head"),
      await as("demo-supervisor"),
      await as("edu-clerk"),
    ];

    await saveGuide(db, clerk, input.city, GUIDE);
    await saveGuide(db, eduClerk, input.education, {
      ...GUIDE,
      office: "示范市教育局办公室",
      address: "示范市学府路8号",
      email: "jyj@shifan.example.gov.cn",
    });

    // All but the last two published; one waits for 初审, one is still a draft.
    let n = 0;
    for (const [i, doc] of CATALOGUE.entries()) {
      const written = `${input.year - (i % 2)}-0${1 + (i % 9)}-1${i % 9}`;
      const { versionId } = await createDocument(db, clerk, {
        agencyId: input.city,
        indexNo: `SFS-${input.year}-${String(i + 1).padStart(4, "0")}`,
        fields: {
          title: doc.title,
          docNumber: doc.docKind === "other" ? null : `示政发〔${written.slice(0, 4)}〕${i + 3}号`,
          publisher: "示范市人民政府",
          writtenOn: written <= input.today ? written : `${input.year}-01-05`,
          category: doc.category,
          validity: doc.docKind === "other" ? "none" : "valid",
          docKind: doc.docKind,
          article20Item: doc.item,
          body: `${doc.title}（演示数据）。\n本文件为示范市演示数据，不是真实的政府文件。`,
        },
      });
      n++;
      if (i === 0)
        await addAttachment(db, clerk, versionId, {
          filename: "demo-attachment.pdf",
          content: tinyPdf("Gongkai demo"),
        });
      if (i === CATALOGUE.length - 1) continue;
      await submitForReview(db, clerk, versionId);
      if (i === CATALOGUE.length - 2) continue;
      await reviewVersion(db, reviewer, versionId, 1, { approve: true }, input.today);
      await reviewVersion(db, head, versionId, 2, { approve: true }, input.today);
      await reviewVersion(db, supervisor, versionId, 3, { approve: true }, input.today);
    }

    // The city's own receipt letter text, and letters issued for a few cases.
    await saveLetterTemplate(db, head, "receipt", {
      title: "政府信息公开申请收件回执",
      body: "{申请人}：\n示范市人民政府已于{收到日期}收到您提出的政府信息公开申请（编号：{申请编号}），所需信息为“{申请内容}”。\n本机关将在{答复期限}前作出答复。",
    });
    const cases = await db
      .selectFrom("application")
      .select(["id", "answered"])
      .where("agency_id", "=", input.city)
      .orderBy("received", "desc")
      .limit(40)
      .execute();
    let letters = 0;
    for (const c of cases.filter((x) => x.answered === null).slice(0, 2)) {
      await issueLetter(db, clerk, c.id, "receipt");
      letters++;
    }
    for (const c of cases.filter((x) => x.answered !== null).slice(0, 2)) {
      await issueLetter(db, clerk, c.id, "reply");
      letters++;
    }

    // This year's report: drafted, submitted, returned by the 审核人 with a comment.
    await saveDraftSections(db, clerk, input.city, input.year, {
      preamble: `本报告依据《中华人民共和国政府信息公开条例》编制，反映${input.year}年示范市人民政府政府信息公开工作情况（演示数据）。`,
    });
    await transitionReport(db, clerk, input.city, input.year, "submit");
    await transitionReport(
      db,
      reviewer,
      input.city,
      input.year,
      "return",
      "请补充第六部分关于信息处理费的说明。",
    );
    return { catalogue: n, letters, guides: 2 };
  } finally {
    for (const t of tokens) await logout(db, t);
  }
}
