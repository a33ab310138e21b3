/**
 * An applicant's personal data (条例第二十九条: name, contact details, ID) and its masked form: lists
 * and exports show only the masked form; the full form is read through reveal.ts, which audits it.
 */

/** The applicant as stored in application.applicant. */
export interface Applicant {
  name: string;
  /** 身份证号码 (or another document number). */
  idNumber?: string;
  phone?: string;
  address?: string;
  email?: string;
  /** 法人或其他组织: the contact person. */
  contact?: string;
}

/** Keeps the first character: 张三 → 张*, 欧阳小明 → 欧***. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join("");
  return chars[0] + "*".repeat(chars.length - 1);
}

/** 13812345678 → 138****5678; shorter numbers keep only their last 4 characters. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length >= 11) return `${p.slice(0, 3)}${"*".repeat(p.length - 7)}${p.slice(-4)}`;
  if (p.length <= 4) return "*".repeat(p.length);
  return `${"*".repeat(p.length - 4)}${p.slice(-4)}`;
}

/** 110101199001011234 → 110***********1234 (first 3, last 4). */
export function maskId(id: string): string {
  const s = id.trim();
  if (s.length <= 7) return "*".repeat(s.length);
  return `${s.slice(0, 3)}${"*".repeat(s.length - 7)}${s.slice(-4)}`;
}

/** The address cut after the district (区/县/旗/市辖 level): 北京市海淀区中关村大街1号 → 北京市海淀区****. */
export function maskAddress(address: string): string {
  const a = address.trim();
  if (!a) return a;
  const m = /^(.*?(?:省|自治区|市)?.*?(?:市|州|盟|地区)?.*?(?:区|县|旗))/u.exec(a);
  const kept = m?.[1] && m[1].length < a.length ? m[1] : [...a].slice(0, 3).join("");
  return `${kept}****`;
}

/** user@example.com → u***@example.com. */
export function maskEmail(email: string): string {
  const [user = "", domain = ""] = email.trim().split("@");
  return domain ? `${user.slice(0, 1)}***@${domain}` : maskName(user);
}

/** The masked applicant: what every list, export and detail shows before a reveal. */
export function maskApplicant(a: Partial<Applicant> | null | undefined): Applicant {
  const out: Applicant = { name: maskName(a?.name ?? "") };
  if (a?.idNumber) out.idNumber = maskId(a.idNumber);
  if (a?.phone) out.phone = maskPhone(a.phone);
  if (a?.address) out.address = maskAddress(a.address);
  if (a?.email) out.email = maskEmail(a.email);
  if (a?.contact) out.contact = maskName(a.contact);
  return out;
}
