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

/** The enabled user of an unexpired session, if any (the database's clock decides expiry). */
export async function findSessionUser(db: Db, tokenHash: string): Promise<UserRow | undefined> {
  return db
    .selectFrom("app_session as s")
    .innerJoin("app_user as u", "u.id", "s.user_id")
    .select([
      "u.id",
      "u.agency_id as agencyId",
      "u.login",
      "u.name",
      "u.role",
      "u.password_hash as passwordHash",
      "u.disabled",
    ])
    .where("s.id", "=", tokenHash)
    .where("s.expires_at", ">", sql<Date>`now()`)
    .where("u.disabled", "=", false)
    .executeTakeFirst();
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
