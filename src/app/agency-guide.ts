/**
 * Each agency's 政府信息公开指南 (条例第二十二、二十三条: the guide states channels, address, hours,
 * contact and how to apply), edited by the agency's staff and shown on its portal page.
 */
import { GongkaiError } from "../domain/errors.js";
import { guideOf, upsertGuide } from "../store/catalogue.js";
import type { Db } from "../store/db.js";
import { inTransaction } from "../store/transaction.js";
import { type Actor, authorize } from "./policy.js";

/** The guide's fields in the order the page shows them. */
export const GUIDE_FIELDS = [
  ["office", "政府信息公开工作机构"],
  ["address", "办公地址"],
  ["hours", "办公时间"],
  ["phone", "咨询电话"],
  ["postcode", "邮政编码"],
  ["email", "电子邮箱"],
  ["channels", "申请渠道"],
  ["howToApply", "申请方法和流程"],
  ["fees", "信息处理费"],
  ["remedies", "监督和救济"],
] as const;

export type GuideKey = (typeof GUIDE_FIELDS)[number][0];
export type Guide = Partial<Record<GuideKey, string>>;

const KEYS = new Set<string>(GUIDE_FIELDS.map(([k]) => k));

/** The agency's guide, or undefined when it has not written one yet. */
export async function loadGuide(
  db: Db,
  agencyId: number,
): Promise<{ guide: Guide; updatedAt: Date; updatedBy: string } | undefined> {
  const row = await guideOf(db, agencyId);
  if (!row) return undefined;
  return {
    guide: row.guide as Guide,
    updatedAt: new Date(row.updated_at as unknown as Date),
    updatedBy: row.updated_by,
  };
}

/** Saves the agency's guide; throws GUIDE-INVALID naming unknown or over-long fields. */
export async function saveGuide(
  db: Db,
  actor: Actor,
  agencyId: number,
  input: Record<string, unknown>,
): Promise<Guide> {
  authorize(actor, "catalogue.edit", agencyId);
  const bad: string[] = [];
  const guide: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) {
    const label = GUIDE_FIELDS.find(([key]) => key === k)?.[1];
    if (!KEYS.has(k)) bad.push(`“${k}”不是指南的栏目（可用：${[...KEYS].join("、")}）`);
    else if (typeof v !== "string") bad.push(`${label}：应为文字`);
    else if (v.length > 4000) bad.push(`${label}：不超过 4000 字`);
    else if (v.trim()) guide[k] = v.trim();
  }
  if (bad.length) throw new GongkaiError("GUIDE-INVALID", "公开指南填写有误", bad);
  const before = await guideOf(db, agencyId);
  await inTransaction(db, actor.login, async (tx, record) => {
    await upsertGuide(tx, agencyId, guide, actor.login);
    await record({
      action: "guide.save",
      entity: "agency_guide",
      entityId: agencyId,
      before: before?.guide,
      after: guide,
    });
  });
  return guide;
}
