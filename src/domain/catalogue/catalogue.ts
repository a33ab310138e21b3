/**
 * The disclosure catalogue (政府信息公开目录): fields of a document, the 条例第二十条 items of
 * 法定主动公开内容, validity, and the three-step publishing review (初审 → 复审 → 终审).
 */
import { GongkaiError } from "../errors.js";

/** 条例（2019年修订）第二十条: the fifteen items an agency publishes on its own initiative. */
export const ARTICLE20_ITEMS: readonly string[] = [
  "行政法规、规章和规范性文件",
  "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
  "国民经济和社会发展规划、专项规划、区域规划及相关政策",
  "国民经济和社会发展统计信息",
  "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
  "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
  "财政预算、决算信息",
  "行政事业性收费项目及其依据、标准",
  "政府集中采购项目的目录、标准及实施情况",
  "重大建设项目的批准和实施情况",
  "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
  "突发公共事件的应急预案、预警信息及应对情况",
  "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
  "公务员招考的职位、名额、报考条件等事项以及录用结果",
  "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
];

const NUMERALS = "一二三四五六七八九十";
/** 1 → （一）, 11 → （十一）, 15 → （十五）. */
export function itemNumeral(n: number): string {
  const s = n <= 10 ? NUMERALS[n - 1]! : `十${NUMERALS[n - 11]!}`;
  return `（${s}）`;
}

/** 有效性 of a document; 不适用 for documents that are not normative. */
export const VALIDITY = { valid: "有效", expired: "失效", repealed: "废止", none: "不适用" } as const;
export type Validity = keyof typeof VALIDITY;

/** Kind of document: 规章, 行政规范性文件 (with validity), or another government document. */
export const DOC_KINDS = {
  regulation: "规章",
  normative_document: "行政规范性文件",
  other: "其他文件",
} as const;
export type DocKind = keyof typeof DOC_KINDS;

/** Publishing state of a version: draft, awaiting one of the three reviews, published, or replaced by a correction. */
export type VersionState = "draft" | "review1" | "review2" | "review3" | "published" | "superseded";

export const STATE_NAMES: Record<VersionState, string> = {
  draft: "草稿",
  review1: "待初审",
  review2: "待复审",
  review3: "待终审",
  published: "已发布",
  superseded: "已被更正版本取代",
};

/** The review steps; step n decides a version in state `review{n}`. */
export const REVIEW_STEPS = { 1: "初审", 2: "复审", 3: "终审" } as const;
export type ReviewStep = 1 | 2 | 3;

/** The state after a review decision; throws CATALOGUE-STATE when the version is not awaiting that step. */
export function afterReview(state: VersionState, step: ReviewStep, approve: boolean): VersionState {
  if (state !== `review${step}`)
    throw new GongkaiError(
      "CATALOGUE-STATE",
      `该版本当前状态为“${STATE_NAMES[state]}”，不能进行${REVIEW_STEPS[step]}`,
    );
  if (!approve) return "draft";
  return step === 3 ? "published" : (`review${step + 1}` as VersionState);
}

/** Fields of one version of a catalogue document, as staff enter them. */
export interface DocumentFields {
  title: string;
  docNumber: string | null;
  publisher: string;
  writtenOn: string | null;
  category: string;
  validity: Validity;
  docKind: DocKind;
  article20Item: number;
  body: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Validates a version's fields; throws CATALOGUE-INVALID naming every bad field. */
export function validateFields(f: DocumentFields): DocumentFields {
  const bad: string[] = [];
  if (!f.title.trim()) bad.push("标题：不能为空");
  if (f.title.length > 300) bad.push("标题：不超过 300 字");
  if (!f.publisher.trim()) bad.push("发布机构：不能为空");
  if (!f.category.trim()) bad.push("主题分类：不能为空");
  if (f.writtenOn !== null && !ISO.test(f.writtenOn))
    bad.push(`成文日期：“${f.writtenOn}”不是 YYYY-MM-DD 日期`);
  if (!(f.validity in VALIDITY))
    bad.push(`有效性：“${f.validity}”不是 ${Object.keys(VALIDITY).join("/")} 之一`);
  if (!(f.docKind in DOC_KINDS))
    bad.push(`文件类别：“${f.docKind}”不是 ${Object.keys(DOC_KINDS).join("/")} 之一`);
  if (!Number.isInteger(f.article20Item) || f.article20Item < 1 || f.article20Item > 15)
    bad.push("条例第二十条事项：应为 1 至 15");
  if (f.docKind !== "other" && f.validity === "none")
    bad.push("有效性：规章和行政规范性文件须注明有效、失效或废止");
  if (bad.length) throw new GongkaiError("CATALOGUE-INVALID", "目录信息填写有误", bad);
  return { ...f, title: f.title.trim(), publisher: f.publisher.trim(), category: f.category.trim() };
}
