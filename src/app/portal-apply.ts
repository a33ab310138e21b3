/**
 * Online application from the public portal (条例第二十九条: name or title, identity document and
 * contact details; a description of the information; the desired form and way of delivery). The
 * form is checked field by field with Chinese messages; then registerApplication (the one path
 * shared with staff intake) records it and issues the tracking code.
 */

import { GongkaiError } from "../domain/errors.js";
import { APPLICANT_COLUMNS } from "../domain/report/definition.js";
import type { Db } from "../store/db.js";
import { saveApplicationExtra } from "../store/portal.js";
import { checkChallenge } from "./portal-challenge.js";
import { registerApplication } from "./register-application.js";

/** 获取信息的载体形式 and 获取信息的方式 (条例第四十条: the form the applicant asks for). */
export const MEDIUMS = { paper: "纸质", electronic: "电子文档" } as const;
export const DELIVERIES = { post: "邮寄", email: "电子邮件", pickup: "当面领取" } as const;

/** The applicant types: the columns of table 三 (0 自然人, 1–5 the organisation types). */
export const APPLICANT_TYPES = APPLICANT_COLUMNS.filter((c) => c.index < 6).map((c) => ({
  value: c.index,
  label: c.organisation ? `法人或其他组织：${c.label}` : c.label,
}));

/** The form as posted (every value a string). */
export type ApplyForm = Partial<
  Record<
    | "agencyId"
    | "applicantType"
    | "name"
    | "idNumber"
    | "contact"
    | "phone"
    | "email"
    | "address"
    | "postcode"
    | "subject"
    | "medium"
    | "delivery"
    | "answer"
    | "challenge"
    | "website",
    string
  >
>;

/** Field → Chinese message. */
export type FieldErrors = Partial<Record<keyof ApplyForm, string>>;

const s = (v: string | undefined) => (v ?? "").trim();

/** Checks the form; returns one message per bad field (empty when all is well). */
export function checkApplyForm(f: ApplyForm, agencyIds: ReadonlySet<number>, now = Date.now()): FieldErrors {
  const e: FieldErrors = {};
  const type = Number(f.applicantType);
  const org = type >= 1 && type <= 5;
  if (!agencyIds.has(Number(f.agencyId))) e.agencyId = "请选择受理申请的机关";
  if (!(Number.isInteger(type) && type >= 0 && type <= 5) || s(f.applicantType) === "")
    e.applicantType = "请选择申请人类型";
  const name = s(f.name);
  if (!name) e.name = org ? "请填写单位名称" : "请填写姓名";
  else if (name.length > 100) e.name = "姓名或名称不超过 100 个字";
  const id = s(f.idNumber).toUpperCase();
  if (!id) e.idNumber = org ? "请填写统一社会信用代码" : "请填写身份证件号码";
  else if (!/^[0-9A-Z]{4,30}$/.test(id)) e.idNumber = "证件号码应为 4 至 30 位数字或字母，不含空格";
  else if (!org && id.length === 18 && !/^\d{17}[\dX]$/.test(id))
    e.idNumber = "18 位居民身份证号码的前 17 位应为数字";
  if (org && !s(f.contact)) e.contact = "请填写联系人姓名";
  const phone = s(f.phone);
  if (!phone) e.phone = "请填写联系电话（查询办理进度时需要输入其后四位）";
  else if (!/^[0-9+\-\s()]{5,20}$/.test(phone) || phone.replace(/\D/g, "").length < 7)
    e.phone = "联系电话应为至少 7 位数字，可含 + - 空格和括号";
  const email = s(f.email);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    e.email = "电子邮箱格式不正确，例如 name@example.com";
  if (s(f.address).length > 200) e.address = "通信地址不超过 200 个字";
  if (s(f.postcode) && !/^\d{6}$/.test(s(f.postcode))) e.postcode = "邮政编码应为 6 位数字";
  const subject = s(f.subject);
  if (subject.length < 5) e.subject = "请描述所需政府信息的名称、文号或其他特征（至少 5 个字）";
  else if (subject.length > 5000) e.subject = "内容描述不超过 5000 个字";
  if (!(s(f.medium) in MEDIUMS)) e.medium = "请选择获取信息的载体形式";
  if (!(s(f.delivery) in DELIVERIES)) e.delivery = "请选择获取信息的方式";
  else if (f.delivery === "email" && !email) e.email = "选择电子邮件方式时请填写电子邮箱";
  else if (f.delivery === "post" && !s(f.address)) e.address = "选择邮寄方式时请填写通信地址";
  const c = checkChallenge(s(f.challenge), s(f.answer), now);
  if (c === "expired") e.answer = "验证问题已过期，请回答下面的新问题";
  else if (c === "wrong")
    e.answer = s(f.answer) ? "验证问题的答案不正确，请回答下面的新问题" : "请回答验证问题";
  return e;
}

/** A filled honeypot: a robot. The form is refused without saying why. */
export const isRobot = (f: ApplyForm): boolean => s(f.website) !== "";

/** Registers a checked application (filed under the signed-in applicant's account, if any); returns the tracking code. */
export async function submitApplication(
  db: Db,
  f: ApplyForm,
  applicantAccountId?: number,
): Promise<{ trackingCode: string; ref: string }> {
  const type = Number(f.applicantType);
  const org = type >= 1;
  const applicant = {
    name: s(f.name),
    idNumber: s(f.idNumber).toUpperCase(),
    phone: s(f.phone),
    ...(s(f.email) ? { email: s(f.email) } : {}),
    ...(s(f.address)
      ? { address: `${s(f.address)}${s(f.postcode) ? `（邮编 ${s(f.postcode)}）` : ""}` }
      : {}),
    ...(org ? { contact: s(f.contact) } : {}),
  };
  const r = await registerApplication(
    db,
    applicantAccountId ? { portal: true, applicantAccountId } : { portal: true },
    {
      agencyId: Number(f.agencyId),
      channel: "online",
      applicantType: type,
      applicant,
      subject: s(f.subject),
    },
  );
  if (!r.trackingCode) throw new GongkaiError("INTERNAL", "未能生成查询码");
  await saveApplicationExtra(db, r.id, { medium: s(f.medium), delivery: s(f.delivery) });
  return { trackingCode: r.trackingCode, ref: r.ref };
}
