/** Public reading of the catalogue: published lists, the two-plan search, facets, agency pages. */
import { sql } from "kysely";
import { allTokensQuery, filterTokens, type SearchQuery } from "../domain/catalogue/search-text.js";
import { type Q, type RawVersion, toVersion, VERSION_COLUMNS, type VersionRow } from "./catalogue.js";

export interface PublicFilter {
  agencyId?: number | undefined;
  year?: number | undefined;
  category?: string | undefined;
  validity?: string | undefined;
  article20Item?: number | undefined;
}

/** Published versions (newest publication first) matching the filter and, if given, the search query. */
export async function publishedList(
  q: Q,
  filter: PublicFilter,
  search: SearchQuery | undefined,
  limit: number,
  offset: number,
): Promise<{ rows: VersionRow[]; more: boolean }> {
  // Conditions on catalogue_version alone (no join). `walked` are the ones an index serves in date
  // order (catalogue_version_published, or catalogue_version_agency_published of migration 0007).
  const walked = [sql`v.state = 'published'`];
  if (filter.agencyId !== undefined) walked.push(sql`v.agency_id = ${filter.agencyId}`);
  if (filter.year !== undefined)
    walked.push(
      sql`v.published_on between ${`${filter.year}-01-01`}::date and ${`${filter.year}-12-31`}::date`,
    );
  const others = (t: string) => {
    const out = [];
    if (filter.category) out.push(sql`${sql.ref(`${t}.category`)} = ${filter.category}`);
    if (filter.validity) out.push(sql`${sql.ref(`${t}.validity`)} = ${filter.validity}`);
    if (filter.article20Item !== undefined)
      out.push(sql`${sql.ref(`${t}.article20_item`)} = ${filter.article20Item}`);
    return out;
  };
  const conds = [...walked, ...others("v")];
  const want = offset + limit + 1;
  let ids: number[] | undefined;
  if (search) {
    // Plan A, for common words: walk the newest WALK documents in date order (of the agency and year
    // when filtered: an index range, so the walk costs the same under any filter) and stop at the
    // first page. Bigram estimates of a phrase are skewed (its bigrams occur together), so the
    // planner alone would often fetch and sort every match of a common phrase instead.
    const walk = WALK * Math.ceil(want / (limit + 1));
    const found = await sql<{ id: number }>`select m.id from (
        select v.id, v.search_text, v.category, v.validity, v.article20_item from catalogue_version v
        where ${sql.join(walked, sql` and `)} order by v.published_on desc, v.id desc limit ${walk}
      ) m where ${sql.join([sql`strpos(m.search_text, ${search.text}) > 0`, ...others("m")], sql` and `)}
      limit ${want}`.execute(q);
    if (found.rows.length === want) ids = found.rows.map((r) => r.id);
    else {
      // Plan B, for words rarer than that under the filters: every candidate from the GIN index —
      // non-overlapping bigrams AND the filters' tokens (migration 0007), so a common word in an
      // agency where it never occurs is an empty intersection of posting lists, not a read of every
      // document with the word — confirmed by the substring test, then sorted. Materialized, so the
      // planner cannot turn it back into a date-ordered walk through the whole table.
      const tsq = allTokensQuery([...search.tokens, ...filterTokens(filter)]);
      const matched = await sql<{ id: number }>`with m as materialized (
          select v.id, v.published_on from catalogue_version v
          where ${sql.join(conds, sql` and `)} and v.search_tokens @@ ${tsq}::tsquery
            and strpos(v.search_text, ${search.text}) > 0
        ) select id from m order by published_on desc, id desc limit ${want}`.execute(q);
      ids = matched.rows.map((r) => r.id);
    }
  }
  let query = q
    .selectFrom("catalogue_version as v")
    .innerJoin("catalogue_document as d", "d.id", "v.document_id")
    .innerJoin("agency as a", "a.id", "d.agency_id")
    .select(VERSION_COLUMNS);
  if (ids && ids.length <= offset) return { rows: [], more: false };
  query = ids
    ? query.where("v.id", "in", ids.slice(offset))
    : query.where(sql<boolean>`${sql.join(conds, sql` and `)}`).offset(offset);
  // One more row than asked tells whether a next page exists: no count, because counting every
  // match of a common word means reading all of them (bench/search.mjs).
  const rows = await query
    .orderBy("v.published_on", "desc")
    .orderBy("v.id", "desc")
    .limit(limit + 1)
    .execute();
  const more = rows.length > limit;
  return { rows: rows.slice(0, limit).map((r) => toVersion(r as RawVersion)), more };
}

/** Plan A of a search walks at most this many of the newest documents (under the agency and year) per page. */
const WALK = 1500;

/** Distinct categories and publication years of published documents (for the filters). */
export async function publicFacets(q: Q): Promise<{ categories: string[]; years: number[] }> {
  const [cats, years] = await Promise.all([
    q
      .selectFrom("catalogue_version")
      .select("category")
      .distinct()
      .where("state", "=", "published")
      .orderBy("category")
      .execute(),
    q
      .selectFrom("catalogue_version")
      .select(sql<number>`distinct extract(year from published_on)::int`.as("y"))
      .where("state", "=", "published")
      .orderBy("y", "desc")
      .execute(),
  ]);
  return { categories: cats.map((c) => c.category), years: years.map((y) => Number(y.y)) };
}

/** Every agency (the portal's entry lists them as a tree). */
export async function allAgencies(q: Q) {
  return q.selectFrom("agency").select(["id", "name", "parent_id", "kind"]).orderBy("id").execute();
}

/** The agency's 规章 and 行政规范性文件 register (the casework register table), newest first. */
export async function registerDocumentsOf(q: Q, agencyId: number) {
  return q
    .selectFrom("register_document")
    .select(["id", "kind", "title", "doc_number", "issued", "repealed"])
    .where("agency_id", "=", agencyId)
    .orderBy("issued", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** Published versions of an agency by 条例第二十条 item: up to `perItem` newest per item, with counts. */
export async function publishedByItem(q: Q, agencyId: number, perItem: number) {
  const rows = await sql<RawVersion & { n: string; rn: string }>`
    select * from (
      select v.id, v.document_id, d.agency_id, a.name as agency_name, d.index_no, v.version, v.title,
        v.doc_number, v.publisher, v.written_on, v.published_on, v.category, v.validity, v.doc_kind,
        v.article20_item, '' as body, v.correction_note, v.state, v.author_id,
        count(*) over (partition by v.article20_item) as n,
        row_number() over (partition by v.article20_item order by v.published_on desc, v.id desc) as rn
      from catalogue_version v join catalogue_document d on d.id = v.document_id join agency a on a.id = d.agency_id
      where v.state = 'published' and d.agency_id = ${agencyId}
    ) t where rn <= ${perItem} order by article20_item, rn`.execute(q);
  const byItem = new Map<number, { count: number; rows: VersionRow[] }>();
  for (const r of rows.rows) {
    const entry = byItem.get(r.article20_item) ?? { count: Number(r.n), rows: [] };
    entry.rows.push(toVersion(r));
    byItem.set(r.article20_item, entry);
  }
  return byItem;
}
