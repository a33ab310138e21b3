/**
 * Registering a received application: the one path shared by staff (POST /api/applications) and
 * the public portal. Writes the application, its 收到申请 event (条例第三十一条: `receivedOn` is the
 * date that counts as received for the channel) and an audit row, and issues a tracking code.
 *
 * Tracking code: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), drawn from
 * crypto.randomBytes (31^10 ≈ 8×10^14 codes). The applicant proves ownership with a check: the last
 * 4 digits of the phone number, or — without a phone — the last 4 characters of the ID number.
 * Only sha256("<code>:<check>") is stored (tracking_check); with neither phone nor ID no code is issued.
 */
import { createHash, randomBytes } from "node:crypto";
import { isIsoDate } from "../domain/calendar/index.js";
import type { Channel } from "../domain/cases/index.js";
import { GongkaiError } from "../domain/errors.js";
import { linkApplicationToAccount } from "../store/applicant-accounts.js";
import { findHandler, insertApplication, insertEvent } from "../store/cases.js";
import type { Db } from "../store/db.js";
import { inTransaction } from "../store/transaction.js";
import { caseClock } from "./case-clock.js";
import type { Applicant } from "./personal-data.js";
import { type Actor, authorize } from "./policy.js";

/**
 * Who registers: a signed-in staff member, or the public portal — anonymous, or a signed-in public
 * applicant whose account the application is filed under (listed on the account's 我的申请 page).
 */
export type Registrar = Actor | { portal: true; applicantAccountId?: number };

/** The channels of 条例第三十一条 (申请方式), as stored. */
export const CHANNEL_CODES: readonly Channel[] = ["in_person", "post", "online", "fax", "email", "other"];

export interface NewApplication {
  agencyId: number;
  /** The agency's registration number; generated (YEAR-CODE) when absent. */
  ref?: string;
  /** 条例第三十一条: the date that counts as received; defaults to today (China time). */
  receivedOn?: string;
  channel: Channel;
  /** Applicant column of table 三: 0 自然人, 1 商业企业, 2 科研机构, 3 社会公益组织, 4 法律服务机构, 5 其他. */
  applicantType: number;
  applicant: Applicant;
  subject: string;
  /** Staff only: the handling clerk (a user of the agency). */
  handlerId?: number | null;
}

export interface Registered {
  id: string;
  ref: string;
  /** Null when the applicant gave neither phone nor ID number (nothing to check a tracking request against). */
  trackingCode: string | null;
}

/** The tracking-code alphabet: digits and capitals without 0, O, 1, I, L. */
export const TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const TRACKING_LENGTH = 10;

/** A fresh random tracking code. */
export function newTrackingCode(): string {
  const bytes = randomBytes(TRACKING_LENGTH * 2);
  let code = "";
  // Rejection sampling keeps every character equally likely (248 = 8 × 31).
  for (const b of bytes) {
    if (b < 248) code += TRACKING_ALPHABET[b % TRACKING_ALPHABET.length];
    if (code.length === TRACKING_LENGTH) return code;
  }
  return code + newTrackingCode().slice(code.length);
}

/** The check an applicant types with the code: last 4 digits of the phone, else last 4 of the ID. */
export function trackingCheckOf(applicant: Applicant): string | null {
  const phone = (applicant.phone ?? "").replace(/\D/g, "");
  if (phone.length >= 4) return phone.slice(-4);
  const id = (applicant.idNumber ?? "").trim().toUpperCase();
  return id.length >= 4 ? id.slice(-4) : null;
}

/** What tracking_check stores: sha256 of "<CODE>:<check>" (code upper-cased, spaces and dashes removed). */
export function trackingCheckHash(code: string, check: string): string {
  const norm = code.toUpperCase().replace(/[\s-]/g, "");
  return createHash("sha256").update(`${norm}:${check.trim().toUpperCase()}`).digest("hex");
}

/** Checks the input; throws CASE-INVALID with every problem, each naming its field. */
function validate(input: NewApplication, today: string): void {
  const p: string[] = [];
  if (input.ref !== undefined && !/^[\p{L}\p{N}\-_/（）()〔〕[\]·.]{1,64}$/u.test(input.ref))
    p.push("申请编号（ref）：应为 1–64 个字、字母、数字或 - _ / ( ) 〔 〕");
  if (input.receivedOn !== undefined) {
    if (!isIsoDate(input.receivedOn)) p.push(`收到日期（receivedOn）：“${input.receivedOn}”不是有效日期`);
    else if (input.receivedOn > today)
      p.push(`收到日期（receivedOn）：${input.receivedOn} 晚于今天 ${today}`);
  }
  if (!CHANNEL_CODES.includes(input.channel))
    p.push(`申请方式（channel）：应为 ${CHANNEL_CODES.join("、")} 之一`);
  if (!Number.isInteger(input.applicantType) || input.applicantType < 0 || input.applicantType > 5)
    p.push(
      "申请人类型（applicantType）：应为 0–5（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）",
    );
  const a = input.applicant ?? ({} as Applicant);
  if (!a.name?.trim() || a.name.length > 100)
    p.push("申请人姓名或名称（applicant.name）：不能为空，且不超过 100 个字符");
  if (a.phone !== undefined && !/^[0-9+\-\s()]{5,20}$/.test(a.phone))
    p.push("联系电话（applicant.phone）：应为 5–20 位数字（可含 + - 空格 括号）");
  if (a.idNumber !== undefined && !/^[0-9A-Za-z]{4,30}$/.test(a.idNumber))
    p.push("证件号码（applicant.idNumber）：应为 4–30 位数字或字母");
  if (a.address !== undefined && a.address.length > 200)
    p.push("通信地址（applicant.address）：不超过 200 个字符");
  if (!input.subject?.trim() || input.subject.length > 5000)
    p.push("所需信息的内容描述（subject）：不能为空，且不超过 5000 个字符");
  if (p.length) throw new GongkaiError("CASE-INVALID", "申请信息有误", p);
}

/** Registers a received application; returns its id, ref and tracking code (shown to the applicant once). */
export async function registerApplication(
  db: Db,
  registrar: Registrar,
  input: NewApplication,
): Promise<Registered> {
  const portal = "portal" in registrar;
  if (!portal) authorize(registrar, "case.edit", input.agencyId);
  const today = caseClock().today();
  validate(input, today);
  const agency = await db
    .selectFrom("agency")
    .select("id")
    .where("id", "=", input.agencyId)
    .executeTakeFirst();
  if (!agency) throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
  const handlerId = portal ? null : (input.handlerId ?? null);
  if (handlerId !== null && !(await findHandler(db, input.agencyId, handlerId)))
    throw new GongkaiError(
      "CASE-HANDLER-INVALID",
      `经办人（handlerId）${handlerId} 不是本机关的在职办理人员`,
    );
  const receivedOn = input.receivedOn ?? today;
  const check = trackingCheckOf(input.applicant);
  const accountId = portal ? registrar.applicantAccountId : undefined;
  // An applicant's login is personal data: the audit names the account by its id only.
  const actorName = portal ? (accountId ? `applicant:${accountId}` : "portal") : registrar.login;
  for (let attempt = 0; ; attempt++) {
    const code = newTrackingCode();
    const ref = input.ref ?? `${receivedOn.slice(0, 4)}-${code}`;
    try {
      return await inTransaction(db, actorName, async (tx, record) => {
        const id = await insertApplication(tx, {
          agencyId: input.agencyId,
          ref,
          received: receivedOn,
          channel: input.channel,
          applicantType: input.applicantType,
          applicant: input.applicant,
          subject: input.subject.trim(),
          handlerId,
          source: portal ? "portal" : "staff",
          trackingCode: check ? code : null,
          trackingCheck: check ? trackingCheckHash(code, check) : null,
        });
        if (accountId) await linkApplicationToAccount(tx, id, accountId);
        await insertEvent(tx, id, { type: "received", date: receivedOn, channel: input.channel }, actorName);
        // The audit row names the case, never the applicant's personal data.
        await record({
          action: "application.register",
          entity: "application",
          entityId: id,
          after: {
            agencyId: input.agencyId,
            ref,
            receivedOn,
            channel: input.channel,
            source: portal ? "portal" : "staff",
            ...(accountId ? { applicantAccountId: accountId } : {}),
          },
        });
        return { id, ref, trackingCode: check ? code : null };
      });
    } catch (e) {
      // A tracking code drawn twice (unique index) is drawn again; anything else is the caller's.
      const err = e as { code?: string };
      if (err.code === "23505" && attempt < 3) continue;
      throw e;
    }
  }
}
