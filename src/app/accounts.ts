/**
 * Use cases of accounts: create a user (the first administrator from the CLI), log in and out,
 * and turn a session cookie's token into the acting user.
 */
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { GongkaiError } from "../domain/errors.js";
import {
  agenciesByIds,
  agencySubtreeIds,
  deleteSession,
  ensureAgency,
  findSessionUser,
  findUserByLogin,
  insertSession,
  insertUser,
} from "../store/accounts.js";
import type { Db } from "../store/db.js";
import { inTransaction } from "../store/transaction.js";
import { type Actor, authorize, ROLES, type Role } from "./policy.js";

/** Shortest accepted password. */
export const MIN_PASSWORD_LENGTH = 12;

/** argon2id (the library's default algorithm) with its default OWASP-level cost: 19 MiB, 2 passes. */
export const hashPassword = (password: string): Promise<string> => hash(password);

/** A hash verified when the login name is unknown, so both failures take the same time. */
let dummyHash: Promise<string> | undefined;

/** SHA-256 of a session token: what the database stores. */
const tokenHash = (token: string): string => createHash("sha256").update(token).digest("hex");

export interface NewUser {
  agencyId: number;
  login: string;
  name: string;
  role: Role;
  password: string;
}

/** Checks a new user's fields; throws USER-INVALID with every problem. */
function validateUser(u: NewUser): void {
  const problems: string[] = [];
  if (!/^[A-Za-z0-9._@-]{2,64}$/.test(u.login)) problems.push("登录名应为 2–64 个字母、数字或 . _ @ -");
  if (!u.name.trim() || u.name.length > 100) problems.push("姓名不能为空，且不超过 100 个字符");
  if (!ROLES.includes(u.role)) problems.push(`角色应为 ${ROLES.join("、")} 之一`);
  if (u.password.length < MIN_PASSWORD_LENGTH) problems.push(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符`);
  if (problems.length) throw new GongkaiError("USER-INVALID", "用户信息有误", problems);
}

/** Creates a user (audited, without the password hash); throws USER-EXISTS for a taken login. */
export async function createUser(db: Db, actor: string, user: NewUser): Promise<number> {
  validateUser(user);
  if (await findUserByLogin(db, user.login))
    throw new GongkaiError("USER-EXISTS", `登录名“${user.login}”已被使用`);
  const passwordHash = await hashPassword(user.password);
  return inTransaction(db, actor, async (tx, record) => {
    const id = await insertUser(tx, { ...user, passwordHash });
    await record({
      action: "user.create",
      entity: "app_user",
      entityId: id,
      after: { agencyId: user.agencyId, login: user.login, role: user.role },
    });
    return id;
  });
}

/** Creates a system administrator in the named agency (created as a root agency when missing). */
export async function createAdministrator(
  db: Db,
  actor: string,
  input: { agency: string; login: string; name: string; password: string },
): Promise<{ userId: number; agencyId: number; agencyCreated: boolean }> {
  // Refuse bad input before anything is written (the agency would otherwise stay behind).
  validateUser({
    agencyId: 0,
    login: input.login,
    name: input.name,
    role: "admin",
    password: input.password,
  });
  const agency = await inTransaction(db, actor, async (tx, record) => {
    const a = await ensureAgency(tx, { name: input.agency });
    if (a.created)
      await record({ action: "agency.create", entity: "agency", entityId: a.id, after: input.agency });
    return a;
  });
  const userId = await createUser(db, actor, {
    agencyId: agency.id,
    login: input.login,
    name: input.name,
    role: "admin",
    password: input.password,
  });
  return { userId, agencyId: agency.id, agencyCreated: agency.created };
}

/** Checks a login; returns a new session token, or throws AUTH-FAILED (same answer for every cause). */
export async function login(
  db: Db,
  credentials: { login: string; password: string },
  sessionHours: number,
): Promise<{ token: string; userId: number }> {
  const user = await findUserByLogin(db, credentials.login);
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const ok = await verify(user?.passwordHash ?? (await dummyHash), credentials.password);
  if (!user || !ok || user.disabled) throw new GongkaiError("AUTH-FAILED", "登录名或密码不正确");
  const token = randomBytes(32).toString("base64url");
  await insertSession(db, tokenHash(token), user.id, sessionHours);
  await inTransaction(db, user.login, (_tx, record) =>
    record({ action: "session.create", entity: "app_user", entityId: user.id }),
  );
  return { token, userId: user.id };
}

/** Ends the session of this token (nothing happens for an unknown token). */
export async function logout(db: Db, token: string): Promise<void> {
  await deleteSession(db, tokenHash(token));
}

/** The acting user of a session token, or undefined for a missing, expired or disabled one. */
export async function actorForToken(db: Db, token: string | undefined): Promise<Actor | undefined> {
  if (!token) return undefined;
  const user = await findSessionUser(db, tokenHash(token));
  if (!user) return undefined;
  const tree = await agencySubtreeIds(db, user.agencyId);
  return {
    userId: user.id,
    login: user.login,
    name: user.name,
    role: user.role,
    agencyId: user.agencyId,
    below: new Set(tree.filter((id) => id !== user.agencyId)),
  };
}

/** Creates a user on behalf of a signed-in actor (`user.manage` on the user's agency). */
export async function createUserAs(db: Db, actor: Actor, user: NewUser): Promise<number> {
  authorize(actor, "user.manage", user.agencyId);
  const [agency] = await agenciesByIds(db, [user.agencyId]);
  if (!agency) throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
  return createUser(db, actor.login, user);
}
