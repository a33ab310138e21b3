/**
 * Where a 规章/规范性文件 or a 复议/诉讼 record came from: `console` (entered one by one through the
 * console or the API) or `import` (a register file). Re-importing a file replaces the rows of the
 * earlier imports only; records entered by hand are never deleted by an import. Existing rows are
 * `import` unless the audit trail shows they were created one by one (documents.add, review.create).
 */
import { type Kysely, sql } from "kysely";

const STATEMENTS = [
  ...["review_case", "register_document"].map(
    (t) =>
      `alter table ${t} add column source text not null default 'console' check (source in ('console', 'import'))`,
  ),
  `update review_case set source = 'import' where id::text not in (
    select entity_id from audit where action = 'review.create' and entity = 'review_case' and entity_id is not null)`,
  `update register_document set source = 'import' where id::text not in (
    select entity_id from audit where action = 'documents.add' and entity = 'register_document' and entity_id is not null)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
