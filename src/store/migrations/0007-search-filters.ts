/**
 * Search filters answered by the GIN index: a published version's tokens gain one token per filter
 * value (agency:12, year:2024, category:教育, validity:valid, item:3 — a colon, so never a bigram of
 * normalised text), so `search_tokens @@ '学校' & 'agency:12'` intersects the two posting lists in
 * the index instead of reading every document with 学校 and dropping the other agencies' afterwards.
 * catalogue_filter_tokens is the one definition (publication uses it too); filterTokens in
 * domain/catalogue/search-text.ts builds the same tokens for a query. Versions also carry their
 * document's agency_id, indexed with the publication order, for the date-ordered walk of one agency.
 */
import { type Kysely, sql } from "kysely";

/** One statement each: the PostgreSQL extended protocol takes a single command at a time. */
const STATEMENTS = [
  `create function catalogue_filter_tokens(integer, date, text, text, smallint) returns tsvector
    language sql immutable as $$
    select array_to_tsvector(array_remove(array[
      'agency:' || $1, 'year:' || extract(year from $2)::int, 'category:' || $3, 'validity:' || $4,
      'item:' || $5]::text[], null))
  $$`,
  // The document's agency on each version (a document never changes agency), so an agency's newest
  // documents are one index range instead of a join per row of the whole table's date order.
  "alter table catalogue_version add column agency_id integer references agency(id)",
  // Published versions are frozen by a trigger (0004); the backfill only adds the agency and index tokens.
  "alter table catalogue_version disable trigger catalogue_version_frozen",
  `update catalogue_version v
    set agency_id = d.agency_id,
      search_tokens = case when v.state = 'published' then v.search_tokens
        || catalogue_filter_tokens(d.agency_id, v.published_on, v.category, v.validity, v.article20_item)
        else v.search_tokens end
    from catalogue_document d where d.id = v.document_id`,
  "alter table catalogue_version enable trigger catalogue_version_frozen",
  "alter table catalogue_version alter column agency_id set not null",
  `create index catalogue_version_agency_published on catalogue_version (agency_id, published_on desc, id desc)
    where state = 'published'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
