/** Queries of public applicants' portal accounts and sessions (0012), and the applications filed under one. */
import { sql } from "kysely";
import type { Db } from "./db.js";
import type { Tx } from "./transaction.js";

export interface ApplicantAccountRow {
  id: number;
  login: string;
  displayName: string;
  passwordHash: string;
  disabled: boolean;
}

const ACCOUNT_COLUMNS = [
  "a.id",
  "a.login",
  "a.display_name as displayName",
  "a.password_hash as passwordHash",
  "a.disabled",
] as const;

/** The account of a normalised login, if any. */
export async function findApplicantByLogin(db: Db, login: string): Promise<ApplicantAccountRow | undefined> {
  return db
    .selectFrom("applicant_account as a")
    .select(ACCOUNT_COLUMNS)
    .where("a.login", "=", login)
    .executeTakeFirst();
}

/** Inserts an account; returns its id, or undefined when the login is taken (unique index). */
export async function insertApplicant(
  tx: Tx,
  a: { login: string; displayName: string; passwordHash: string },
): Promise<number | undefined> {
  const row = await tx
    .insertInto("applicant_account")
    .values({ login: a.login, display_name: a.displayName, password_hash: a.passwordHash })
    .onConflict((oc) => oc.column("login").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

/** Opens a session; the account's expired sessions are removed at the same time (no table to sweep). */
export async function insertApplicantSession(
  db: Db,
  tokenHash: string,
  accountId: number,
  hours: number,
): Promise<void> {
  await db
    .deleteFrom("applicant_session")
    .where("account_id", "=", accountId)
    .where("expires_at", "<=", sql<Date>`now()`)
    .execute();
  await db
    .insertInto("applicant_session")
    .values({
      token_hash: tokenHash,
      account_id: accountId,
      expires_at: sql<Date>`now() + make_interval(hours => ${hours})`,
    })
    .execute();
}

/** The enabled account of an unexpired session, if any (the database's clock decides expiry). */
export async function findSessionApplicant(
  db: Db,
  tokenHash: string,
): Promise<ApplicantAccountRow | undefined> {
  return db
    .selectFrom("applicant_session as s")
    .innerJoin("applicant_account as a", "a.id", "s.account_id")
    .select(ACCOUNT_COLUMNS)
    .where("s.token_hash", "=", tokenHash)
    .where("s.expires_at", ">", sql<Date>`now()`)
    .where("a.disabled", "=", false)
    .executeTakeFirst();
}

export async function deleteApplicantSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom("applicant_session").where("token_hash", "=", tokenHash).execute();
}

/** Files an application under an account (inside the registering transaction). */
export async function linkApplicationToAccount(
  tx: Tx,
  applicationId: string,
  accountId: number,
): Promise<void> {
  await tx
    .updateTable("application")
    .set({ applicant_account_id: accountId })
    .where("id", "=", applicationId)
    .execute();
}

/** The applications filed under an account, newest first (the ids the account may open). */
export async function applicationsOfAccount(db: Db, accountId: number) {
  return db
    .selectFrom("application as a")
    .innerJoin("agency as g", "g.id", "a.agency_id")
    .select(["a.id", "a.ref", "a.received", "a.subject", "g.name as agency_name"])
    .where("a.applicant_account_id", "=", accountId)
    .orderBy("a.received", "desc")
    .orderBy("a.id", "desc")
    .execute();
}

/** One application of an account, or undefined when it is not this account's. */
export async function applicationOfAccount(db: Db, accountId: number, applicationId: string) {
  return db
    .selectFrom("application as a")
    .innerJoin("agency as g", "g.id", "a.agency_id")
    .select(["a.id", "a.ref", "a.received", "a.subject", "g.name as agency_name"])
    .where("a.applicant_account_id", "=", accountId)
    .where("a.id", "=", applicationId)
    .executeTakeFirst();
}
