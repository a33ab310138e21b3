/** Migrations applied from code, in order, each in its own transaction (Kysely's Migrator). */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import { GongkaiError } from "../domain/errors.js";
import * as initial from "./migrations/0001-initial.js";
import * as accounts from "./migrations/0002-accounts.js";
import * as intake from "./migrations/0003-intake.js";
import * as catalogue from "./migrations/0004-catalogue.js";
import * as reportWorkflow from "./migrations/0005-report-workflow.js";
import * as letters from "./migrations/0006-letters.js";
import * as searchFilters from "./migrations/0007-search-filters.js";
import * as caseListVersion from "./migrations/0010-case-list-version.js";
import * as registerSource from "./migrations/0011-register-source.js";
import * as applicantAccounts from "./migrations/0012-applicant-accounts.js";

/** Every migration, by name; names sort in the order they apply. */
export const MIGRATIONS: Record<string, Migration> = {
  "0001-initial": initial,
  "0002-accounts": accounts,
  "0003-intake": intake,
  "0004-catalogue": catalogue,
  "0005-report-workflow": reportWorkflow,
  "0006-letters": letters,
  "0007-search-filters": searchFilters,
  "0010-case-list-version": caseListVersion,
  "0011-register-source": registerSource,
  "0012-applicant-accounts": applicantAccounts,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema up to date; throws GongkaiError STORE-MIGRATION when a migration fails. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: "gongkai_migration",
    migrationLockTableName: "gongkai_migration_lock",
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "?";
    throw new GongkaiError(
      "STORE-MIGRATION",
      `数据库结构升级失败（${failed}）：${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
