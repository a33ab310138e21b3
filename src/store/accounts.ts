/** Users, login sessions and the agency tree: the SQL behind accounts and authorization. */
import { sql } from "kysely";
import { GongkaiError } from "../domain/errors.js";
import type { Db } from "./db.js";
import type { Role } from "./schema.js";
import type { Tx } from "./transaction.js";

export interface UserRow {
  id: number;
  agencyId: number;
  login: string;
  name: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
}

export interface AgencyRow {
  id: number;
  name: string;
  parentId: number | null;
  kind: string | null;
  code: string | null;
}

const userColumns = [
  "id",
  "agency_id as agencyId",
  "login",
  "name",
  "role",
  "password_hash as passwordHash",
  "disabled",
] as const;

/** The user with this login name, if any. */
export async function findUserByLogin(db: Db, login: string): Promise<UserRow | undefined> {
  return db.selectFrom("app_user").select(userColumns).where("login", "=", login).executeTakeFirst();
}

/** Inserts a user; returns its id, or throws USER-EXISTS when the login is taken (even by a concurrent insert). */
export async function insertUser(
  tx: Tx,
  user: { agencyId: number; login: string; name: string; role: Role; passwordHash: string },
): Promise<number> {
  const row = await tx
    .insertInto("app_user")
    .values({
      agency_id: user.agencyId,
      login: user.login,
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
    })
    .returning("id")
    .executeTakeFirstOrThrow()
    .catch((e: unknown) => {
      // 23505 unique_violation (both drivers report the SQLSTATE as `code`).
      if ((e as { code?: string }).code === "23505")
        throw new GongkaiError("USER-EXISTS", `登录名“${user.login}”已被使用`);
      throw e;
    });
  return row.id;
}

/** Stores a session (by the hash of its token) that ends after `hours`. */
export async function insertSession(db: Db, tokenHash: string, userId: number, hours: number): Promise<void> {
  await db
    .insertInto("app_session")
    .values({
      id: tokenHash,
      user_id: userId,
      expires_at: sql<Date>`now() + make_interval(hours => ${hours})`,
    })
    .execute();
}

/**
 * The enabled user of an unexpired session with the ids of the agencies strictly below its own, in
 * one round trip (every signed-in request asks this first).
 */
export async function findSessionActor(
  db: Db,
  tokenHash: string,
): Promise<(Omit<UserRow, "passwordHash" | "disabled"> & { below: number[] }) | undefined> {
  const r = await sql<{
    id: number;
    agencyId: number;
    login: string;
    name: string;
    role: Role;
    below: number[] | null;
  }>`
    with recursive me as (
      select u.id, u.agency_id, u.login, u.name, u.role
      from app_session s join app_user u on u.id = s.user_id
      where s.id = ${tokenHash} and s.expires_at > now() and not u.disabled
    ), tree(id) as (
      select a.id from agency a join me on a.parent_id = me.agency_id
      union all
      select a.id from agency a join tree on a.parent_id = tree.id
    )
    select me.id, me.agency_id as "agencyId", me.login, me.name, me.role,
      (select array_agg(id order by id) from tree) as below
    from me`.execute(db);
  const row = r.rows[0];
  return row && { ...row, below: row.below ?? [] };
}

/** Removes one session. */
export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom("app_session").where("id", "=", tokenHash).execute();
}

/** Removes expired sessions; returns how many. */
export async function deleteExpiredSessions(db: Db): Promise<number> {
  const r = await db.deleteFrom("app_session").where("expires_at", "<=", sql<Date>`now()`).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The ids of an agency and of every agency below it (recursive over parent_id). */
export async function agencySubtreeIds(db: Db, rootId: number): Promise<number[]> {
  const rows = await db
    .withRecursive("tree(id)", (qb) =>
      qb
        .selectFrom("agency")
        .select("id")
        .where("id", "=", rootId)
        .unionAll((q) =>
          q.selectFrom("agency as a").innerJoin("tree", "tree.id", "a.parent_id").select("a.id"),
        ),
    )
    .selectFrom("tree")
    .select("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Agencies by id, ordered by id. */
export async function agenciesByIds(db: Db, ids: readonly number[]): Promise<AgencyRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("agency")
    .select(["id", "name", "parent_id as parentId", "kind", "code"])
    .where("id", "in", [...ids])
    .orderBy("id")
    .execute();
}

/** The agency with this name, created (under `parentId`) when missing; returns its id. */
export async function ensureAgency(
  tx: Tx,
  agency: { name: string; parentId?: number | null; kind?: string | null },
): Promise<{ id: number; created: boolean }> {
  const found = await tx.selectFrom("agency").select("id").where("name", "=", agency.name).executeTakeFirst();
  if (found) return { id: found.id, created: false };
  const row = await tx
    .insertInto("agency")
    .values({ name: agency.name, parent_id: agency.parentId ?? null, kind: agency.kind ?? null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}

/** One row of the staff list (never the password hash). */
export interface UserListRow {
  id: number;
  login: string;
  name: string;
  role: Role;
  agencyId: number;
  agencyName: string;
  active: boolean;
}

/** Users of the given agencies, filtered by role and by a part of the login or name; paged, ordered by agency and id. */
export async function listUsers(
  db: Db,
  filter: { agencyIds: readonly number[]; role?: Role; q?: string },
  offset: number,
  limit: number,
): Promise<{ rows: UserListRow[]; total: number }> {
  if (filter.agencyIds.length === 0) return { rows: [], total: 0 };
  let base = db
    .selectFrom("app_user as u")
    .innerJoin("agency as a", "a.id", "u.agency_id")
    .where("u.agency_id", "in", [...filter.agencyIds]);
  if (filter.role) base = base.where("u.role", "=", filter.role);
  const q = filter.q?.trim().toLowerCase();
  // strpos, not LIKE: the text is matched literally (no wildcard escaping to get wrong).
  if (q)
    base = base.where(sql<boolean>`(strpos(lower(u.login), ${q}) > 0 or strpos(lower(u.name), ${q}) > 0)`);
  const [rows, count] = await Promise.all([
    base
      .select([
        "u.id",
        "u.login",
        "u.name",
        "u.role",
        "u.agency_id as agencyId",
        "a.name as agencyName",
        "u.disabled",
      ])
      .orderBy("u.agency_id")
      .orderBy("u.id")
      .offset(offset)
      .limit(limit)
      .execute(),
    base.select(sql<string>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map(({ disabled, ...r }) => ({ ...r, active: !disabled })),
    total: Number(count.n),
  };
}

/** The user with this id, if any. */
export async function findUserById(db: Db | Tx, id: number): Promise<UserRow | undefined> {
  return db.selectFrom("app_user").select(userColumns).where("id", "=", id).executeTakeFirst();
}

/** The user row locked for update inside a transaction. */
export async function lockUser(tx: Tx, id: number): Promise<UserRow | undefined> {
  return tx.selectFrom("app_user").select(userColumns).where("id", "=", id).forUpdate().executeTakeFirst();
}

/** Changes a user's name, role, enabled flag or password hash. */
export async function updateUser(
  tx: Tx,
  id: number,
  change: { name?: string; role?: Role; disabled?: boolean; passwordHash?: string },
): Promise<void> {
  const set: { name?: string; role?: Role; disabled?: boolean; password_hash?: string } = {};
  if (change.name !== undefined) set.name = change.name;
  if (change.role !== undefined) set.role = change.role;
  if (change.disabled !== undefined) set.disabled = change.disabled;
  if (change.passwordHash !== undefined) set.password_hash = change.passwordHash;
  if (Object.keys(set).length === 0) return;
  await tx.updateTable("app_user").set(set).where("id", "=", id).execute();
}

/** Ends every session of a user; returns how many. */
export async function deleteUserSessions(tx: Tx, userId: number): Promise<number> {
  const r = await tx.deleteFrom("app_session").where("user_id", "=", userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The ids of the enabled 系统管理员 accounts, locked so that two concurrent changes see each other. */
export async function lockActiveAdminIds(tx: Tx): Promise<number[]> {
  const rows = await tx
    .selectFrom("app_user")
    .select("id")
    .where("role", "=", "admin")
    .where("disabled", "=", false)
    .orderBy("id")
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

/** The agency row locked for update (serialises changes among its children). */
export async function lockAgency(tx: Tx, id: number): Promise<AgencyRow | undefined> {
  return tx
    .selectFrom("agency")
    .select(["id", "name", "parent_id as parentId", "kind", "code"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/** The agency with this exact name (names are unique in the whole tree), other than `exceptId`. */
export async function agencyNamed(
  tx: Tx,
  name: string,
  exceptId?: number,
): Promise<{ id: number; parentId: number | null } | undefined> {
  let q = tx.selectFrom("agency").select(["id", "parent_id as parentId"]).where("name", "=", name);
  if (exceptId !== undefined) q = q.where("id", "<>", exceptId);
  return q.executeTakeFirst();
}

/** Turns a unique violation of agency.name (a concurrent insert or rename) into AGENCY-EXISTS. */
const agencyExists = (name: string) => (e: unknown) => {
  if ((e as { code?: string }).code === "23505")
    throw new GongkaiError("AGENCY-EXISTS", `已有名为“${name}”的机关`);
  throw e;
};

/** Inserts an agency; returns its id. */
export async function insertAgency(
  tx: Tx,
  agency: { name: string; parentId: number; kind: string | null },
): Promise<number> {
  const row = await tx
    .insertInto("agency")
    .values({ name: agency.name, parent_id: agency.parentId, kind: agency.kind })
    .returning("id")
    .executeTakeFirstOrThrow()
    .catch(agencyExists(agency.name));
  return row.id;
}

/** Changes an agency's name, kind or parent. */
export async function updateAgency(
  tx: Tx,
  id: number,
  change: { name?: string; kind?: string | null; parentId?: number },
): Promise<void> {
  const set: { name?: string; kind?: string | null; parent_id?: number } = {};
  if (change.name !== undefined) set.name = change.name;
  if (change.kind !== undefined) set.kind = change.kind;
  if (change.parentId !== undefined) set.parent_id = change.parentId;
  if (Object.keys(set).length === 0) return;
  await tx
    .updateTable("agency")
    .set(set)
    .where("id", "=", id)
    .execute()
    .catch(agencyExists(change.name ?? ""));
}
