/**
 * Public applicants' accounts on the portal (issue 5: "Public applicants may have an account"):
 * register with a mobile number or an e-mail address and a password (argon2id, as for staff), sign in
 * and out, and list the applications filed while signed in with the same public facts the tracking
 * page shows (publicFacts) — without the tracking code. Sessions live in applicant_session, never in
 * the staff app_session table, under their own cookie.
 *
 * No enumeration at sign-in: an unknown login and a wrong password get the same message and take the
 * same time (a dummy hash is verified). Registration has to say that a login is taken; it is
 * rate-limited like sign-in. Audit rows name the account by id, never by its login (personal data).
 */
import { createHash, randomBytes } from "node:crypto";
import { verify } from "@node-rs/argon2";
import { GongkaiError } from "../domain/errors.js";
import {
  type ApplicantAccountRow,
  applicationOfAccount,
  applicationsOfAccount,
  deleteApplicantSession,
  findApplicantByLogin,
  findSessionApplicant,
  insertApplicant,
  insertApplicantSession,
} from "../store/applicant-accounts.js";
import type { Db } from "../store/db.js";
import { findIssuedLetter } from "../store/letters.js";
import { audit, inTransaction } from "../store/transaction.js";
import { hashPassword } from "./accounts.js";
import { publicFacts, type Tracked } from "./portal-track.js";

/** Shortest accepted applicant password (issue 5 item 2 asks for at least 8). */
export const MIN_APPLICANT_PASSWORD = 8;
/** Longest accepted password (argon2 hashes anything, but a megabyte of password is an attack). */
export const MAX_APPLICANT_PASSWORD = 128;

/** The signed-in applicant. */
export interface Applicant {
  id: number;
  login: string;
  displayName: string;
  /** The login when it is a mobile number (prefills the application form's phone). */
  phone: string | undefined;
}

/** The registration form as posted. */
export type RegisterForm = Partial<Record<"login" | "displayName" | "password" | "password2", string>>;
export type RegisterErrors = Partial<Record<keyof RegisterForm, string>>;

/** The same answer for an unknown login, a wrong password and a disabled account. */
export const SIGN_IN_FAILED = "手机号码（或电子邮箱）或密码不正确，请核对后重新输入。";

/**
 * A login as typed → its normalised form: a mainland mobile number as 11 digits (spaces, dashes,
 * brackets and a +86 / 0086 prefix removed), or an e-mail address in lower case; undefined otherwise.
 */
export function normalizeLogin(raw: string): { login: string; kind: "phone" | "email" } | undefined {
  const t = raw.trim();
  if (t.includes("@")) {
    const email = t.toLowerCase();
    return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)
      ? { login: email, kind: "email" }
      : undefined;
  }
  if (!/^[0-9+\-\s()]{11,20}$/.test(t)) return undefined;
  const digits = t.replace(/\D/g, "").replace(/^(0086|86)(?=1\d{10}$)/, "");
  return /^1[3-9]\d{9}$/.test(digits) ? { login: digits, kind: "phone" } : undefined;
}

const s = (v: string | undefined) => (v ?? "").trim();

/** Checks the registration form; one Chinese message per bad field (empty when all is well). */
export function checkRegisterForm(f: RegisterForm): RegisterErrors {
  const e: RegisterErrors = {};
  if (!s(f.login)) e.login = "请填写手机号码或电子邮箱";
  else if (!normalizeLogin(s(f.login)))
    e.login = "应为 11 位手机号码或电子邮箱，例如 13800138000 或 name@example.com";
  const name = s(f.displayName);
  if (!name) e.displayName = "请填写姓名或称呼";
  else if (name.length > 50) e.displayName = "姓名或称呼不超过 50 个字";
  const password = f.password ?? "";
  if (!password) e.password = "请设置密码";
  else if ([...password].length < MIN_APPLICANT_PASSWORD)
    e.password = `密码至少 ${MIN_APPLICANT_PASSWORD} 个字符`;
  else if ([...password].length > MAX_APPLICANT_PASSWORD)
    e.password = `密码不超过 ${MAX_APPLICANT_PASSWORD} 个字符`;
  if (!e.password && (f.password2 ?? "") !== password) e.password2 = "两次输入的密码不一致";
  return e;
}

/** SHA-256 of a session token: what applicant_session stores. */
const tokenHash = (token: string): string => createHash("sha256").update(token).digest("hex");

async function openSession(db: Db, accountId: number, hours: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await insertApplicantSession(db, tokenHash(token), accountId, hours);
  return token;
}

/**
 * Registers an account from a checked form and signs it in. Returns the session token, or the field
 * errors (the form's own, or a taken login).
 */
export async function registerApplicant(
  db: Db,
  f: RegisterForm,
  sessionHours: number,
): Promise<{ token: string; accountId: number } | { errors: RegisterErrors }> {
  const errors = checkRegisterForm(f);
  if (Object.keys(errors).length) return { errors };
  const login = normalizeLogin(s(f.login))!;
  const taken = { errors: { login: "该手机号码或电子邮箱已经注册，请直接登录" } };
  if (await findApplicantByLogin(db, login.login)) return taken;
  const passwordHash = await hashPassword(f.password ?? "");
  const id = await db.transaction().execute(async (tx) => {
    const accountId = await insertApplicant(tx, {
      login: login.login,
      displayName: s(f.displayName),
      passwordHash,
    });
    if (accountId === undefined) return undefined;
    // The account's id is known only now: the audit row is appended in the same transaction.
    await audit(tx, `applicant:${accountId}`, {
      action: "applicant.register",
      entity: "applicant_account",
      entityId: accountId,
      after: { loginKind: login.kind },
    });
    return accountId;
  });
  if (id === undefined) return taken;
  return { token: await openSession(db, id, sessionHours), accountId: id };
}

/** A hash verified when the login is unknown, so both failures take the same time. */
let dummyHash: Promise<string> | undefined;

/** Checks a sign-in; returns a new session token, or throws AUTH-FAILED with SIGN_IN_FAILED for every cause. */
export async function signInApplicant(
  db: Db,
  credentials: { login: string; password: string },
  sessionHours: number,
): Promise<{ token: string; accountId: number }> {
  const login = normalizeLogin(credentials.login);
  const account = login ? await findApplicantByLogin(db, login.login) : undefined;
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const password = credentials.password.slice(0, MAX_APPLICANT_PASSWORD * 4);
  const ok = password !== "" && (await verify(account?.passwordHash ?? (await dummyHash), password));
  if (!account || !ok || account.disabled) throw new GongkaiError("AUTH-FAILED", SIGN_IN_FAILED);
  const token = await openSession(db, account.id, sessionHours);
  await inTransaction(db, `applicant:${account.id}`, (_tx, record) =>
    record({ action: "applicant.login", entity: "applicant_account", entityId: account.id }),
  );
  return { token, accountId: account.id };
}

/** Ends the session of this token (nothing happens for an unknown one). */
export async function signOutApplicant(db: Db, token: string): Promise<void> {
  await deleteApplicantSession(db, tokenHash(token));
}

const asApplicant = (a: ApplicantAccountRow): Applicant => ({
  id: a.id,
  login: a.login,
  displayName: a.displayName,
  phone: /^1\d{10}$/.test(a.login) ? a.login : undefined,
});

/** The applicant of a session token, or undefined for a missing, expired or disabled one. */
export async function applicantForToken(db: Db, token: string | undefined): Promise<Applicant | undefined> {
  if (!token || token.length > 100) return undefined;
  const a = await findSessionApplicant(db, tokenHash(token));
  return a ? asApplicant(a) : undefined;
}

/** One line of 我的申请: the case and its public status. */
export interface MyApplication {
  id: string;
  ref: string;
  agencyName: string;
  receivedOn: string;
  subject: string;
  status: string;
  dueDate: string | null;
  letterCount: number;
}

/** The account's applications with the status the tracking page shows. */
export async function myApplications(db: Db, accountId: number): Promise<MyApplication[]> {
  const rows = await applicationsOfAccount(db, accountId);
  const out: MyApplication[] = [];
  for (const r of rows) {
    const t = await publicFacts(db, r);
    out.push({
      id: r.id,
      ref: r.ref,
      agencyName: r.agency_name,
      receivedOn: r.received,
      subject: r.subject,
      status: t.status,
      dueDate: t.dueDate,
      letterCount: t.letters.length,
    });
  }
  return out;
}

/** An application id as it appears in an address: a positive bigint. */
const isId = (id: string) => /^[1-9]\d{0,17}$/.test(id);

const notYours = () => new GongkaiError("NOT-FOUND", "没有找到该申请（只能查看本账户提交的申请）");

/** One of the account's applications; NOT-FOUND for another account's (or no) application. */
export async function myApplication(
  db: Db,
  accountId: number,
  applicationId: string,
): Promise<Tracked & { subject: string }> {
  const app = isId(applicationId) ? await applicationOfAccount(db, accountId, applicationId) : undefined;
  if (!app) throw notYours();
  return { ...(await publicFacts(db, app)), subject: app.subject };
}

/** A served letter of one of the account's applications. */
export async function myLetter(db: Db, accountId: number, applicationId: string, letterId: string) {
  const app = isId(applicationId) ? await applicationOfAccount(db, accountId, applicationId) : undefined;
  const letter =
    app && /^\d{1,18}$/.test(letterId) ? await findIssuedLetter(db, app.id, letterId) : undefined;
  if (!letter) throw new GongkaiError("NOT-FOUND", "没有找到该文书");
  return { fileName: letter.file_name, docx: letter.docx };
}
