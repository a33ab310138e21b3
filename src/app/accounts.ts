/**
 * Use cases of accounts: create a user (the first administrator from the CLI), log in and out,
 * and turn a session cookie's token into the acting user.
 */
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { GongkaiError } from "../domain/errors.js";
import {
  agenciesByIds,
  deleteSession,
  deleteUserSessions,
  ensureAgency,
  findSessionActor,
  findUserById,
  findUserByLogin,
  insertSession,
  insertUser,
  listUsers,
  lockActiveAdminIds,
  lockUser,
  type UserListRow,
  updateUser,
} from "../store/accounts.js";
import type { Db } from "../store/db.js";
import { inTransaction } from "../store/transaction.js";
import { type Actor, authorize, decide, ROLE_NAMES, ROLES, type Role } from "./policy.js";

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
  const user = await findSessionActor(db, tokenHash(token));
  if (!user) return undefined;
  return {
    userId: user.id,
    login: user.login,
    name: user.name,
    role: user.role,
    agencyId: user.agencyId,
    below: new Set(user.below.map(Number)),
  };
}

/**
 * Creates a user on behalf of a signed-in actor (`user.manage` on the user's agency, and
 * `user.manage.admin` for a 系统管理员 account).
 */
export async function createUserAs(db: Db, actor: Actor, user: NewUser): Promise<number> {
  authorize(actor, "user.manage", user.agencyId);
  if (user.role === "admin") authorize(actor, "user.manage.admin", user.agencyId);
  const [agency] = await agenciesByIds(db, [user.agencyId]);
  if (!agency) throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
  return createUser(db, actor.login, user);
}

/** Largest page of the staff list. */
export const MAX_USERS_PAGE = 200;

export interface UserQuery {
  agencyId?: number;
  role?: Role;
  q?: string;
  page?: number;
  pageSize?: number;
}

/**
 * The staff list the actor may see (`user.read`): a named agency (NOT-FOUND outside the actor's
 * reach), or every agency the actor sees (its own for staff; own and subtree for administrators
 * and the supervising office).
 */
export async function listUsersAs(
  db: Db,
  actor: Actor,
  query: UserQuery,
): Promise<{ items: UserListRow[]; total: number; page: number; pageSize: number }> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const bad: string[] = [];
  if (!Number.isInteger(page) || page < 1 || page > 1_000_000)
    bad.push(`page：应为 1 至 1000000 的整数，实际为 ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_USERS_PAGE)
    bad.push(`pageSize：应为 1 至 ${MAX_USERS_PAGE} 的整数，实际为 ${pageSize}`);
  if (query.role !== undefined && !ROLES.includes(query.role))
    bad.push(`role：应为 ${ROLES.join("、")} 之一，实际为“${query.role}”`);
  if (bad.length) throw new GongkaiError("REQUEST-INVALID", "用户列表的查询参数有误", bad);
  let agencyIds: number[];
  if (query.agencyId !== undefined) {
    authorize(actor, "user.read", query.agencyId);
    agencyIds = [query.agencyId];
  } else {
    agencyIds = [actor.agencyId, ...actor.below].filter((id) => decide(actor, "user.read", id) === "allow");
  }
  const { rows, total } = await listUsers(
    db,
    { agencyIds, role: query.role, q: query.q },
    (page - 1) * pageSize,
    pageSize,
  );
  return { items: rows, total, page, pageSize };
}

export interface UserChange {
  name?: string;
  role?: Role;
  active?: boolean;
  /** A new password (reset by an administrator); stored as an argon2id hash. */
  password?: string;
}

/** The result of a change: the user as listed, and how many sessions were ended. */
export interface UserChanged {
  user: UserListRow;
  sessionsEnded: number;
}

/**
 * Changes a user's name, role or active flag, or resets its password, on behalf of an actor.
 * NOT-FOUND for a user the actor cannot see; FORBIDDEN without `user.manage` (and
 * `user.manage.admin` when the account is or becomes a 系统管理员). Deactivating ends the user's
 * sessions; a password reset ends them too (except when the actor resets its own password). Nobody
 * deactivates or changes the role of their own account, and the last enabled 系统管理员 stays one.
 */
export async function updateUserAs(
  db: Db,
  actor: Actor,
  id: number,
  change: UserChange,
): Promise<UserChanged> {
  const found = await findUserById(db, id);
  if (!found || decide(actor, "user.read", found.agencyId) === "not-found")
    throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
  authorize(actor, "user.manage", found.agencyId);
  if (found.role === "admin" || change.role === "admin")
    authorize(actor, "user.manage.admin", found.agencyId);
  const problems: string[] = [];
  const name = change.name?.trim();
  if (change.name !== undefined && (!name || name.length > 100))
    problems.push("姓名不能为空，且不超过 100 个字符");
  if (change.role !== undefined && !ROLES.includes(change.role))
    problems.push(`角色应为 ${ROLES.join("、")} 之一`);
  if (change.password !== undefined && change.password.length < MIN_PASSWORD_LENGTH)
    problems.push(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符`);
  if (problems.length) throw new GongkaiError("USER-INVALID", "用户信息有误", problems);
  const self = found.id === actor.userId;
  if (self && change.active === false)
    throw new GongkaiError("USER-LOCKOUT", "不能停用自己的账号（请由其他管理员操作）");
  if (self && change.role !== undefined && change.role !== found.role)
    throw new GongkaiError("USER-LOCKOUT", "不能更改自己的角色（请由其他管理员操作）");
  const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
  return inTransaction(db, actor.login, async (tx, record) => {
    const admins = await lockActiveAdminIds(tx);
    const before = await lockUser(tx, id);
    if (!before) throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
    // Decided again on the locked row: a concurrent change may have made the account a 系统管理员.
    if (before.role === "admin") authorize(actor, "user.manage.admin", before.agencyId);
    const disabled = change.active === undefined ? before.disabled : !change.active;
    const role = change.role ?? before.role;
    const wasAdmin = before.role === "admin" && !before.disabled;
    const staysAdmin = role === "admin" && !disabled;
    if (wasAdmin && !staysAdmin && admins.filter((a) => a !== id).length === 0)
      throw new GongkaiError(
        "USER-LOCKOUT",
        `“${before.name}”是最后一个启用的${ROLE_NAMES.admin}，不能停用或改为其他角色`,
      );
    await updateUser(tx, id, {
      name,
      role: change.role,
      disabled: change.active === undefined ? undefined : disabled,
      passwordHash,
    });
    const endSessions = (disabled && !before.disabled) || (passwordHash !== undefined && !self);
    const sessionsEnded = endSessions ? await deleteUserSessions(tx, id) : 0;
    const fields = (u: { name: string; role: Role; disabled: boolean }) => ({
      name: u.name,
      role: u.role,
      active: !u.disabled,
    });
    const after = { name: name ?? before.name, role, disabled };
    await record({
      action: "user.update",
      entity: "app_user",
      entityId: id,
      before: fields(before),
      after: { ...fields(after), ...(passwordHash ? { password: "reset" } : {}), sessionsEnded },
    });
    const [agency] = await agenciesByIds(tx, [before.agencyId]);
    return {
      user: {
        id,
        login: before.login,
        name: after.name,
        role,
        agencyId: before.agencyId,
        agencyName: agency?.name ?? "",
        active: !disabled,
      },
      sessionsEnded,
    };
  });
}
