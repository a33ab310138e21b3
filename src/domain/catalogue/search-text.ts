/**
 * Chinese full-text search without a word segmenter: text is normalised (NFKC, lower case, only
 * letters and digits kept) and indexed as character bigrams; a query of two or more characters
 * matches a document whose normalised text contains the normalised query (bigrams find candidates
 * through the GIN index, a substring test confirms them).
 */
import { GongkaiError } from "../errors.js";

const WORD = /[\p{L}\p{N}]/u;

/** One character normalised for search: full-width → half-width, lower case; "" for punctuation and spaces. */
export function normalizeChar(ch: string): string {
  const n = ch.normalize("NFKC").toLowerCase();
  let out = "";
  for (const c of n) if (WORD.test(c)) out += c;
  return out;
}

/** A text normalised for search (letters and digits only). */
export function normalizeForSearch(text: string): string {
  let out = "";
  for (const ch of text) out += normalizeChar(ch);
  return out;
}

/** The distinct bigrams of a normalised text; a one-character text is its own token. */
export function bigrams(normalized: string): string[] {
  const chars = [...normalized];
  if (chars.length === 1) return chars;
  const set = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) set.add(chars[i]! + chars[i + 1]!);
  return [...set];
}

/** Index tokens of a document's searchable fields; fields are indexed apart (no bigram spans two fields). */
export function documentTokens(fields: readonly (string | null | undefined)[]): string[] {
  const set = new Set<string>();
  for (const f of fields) if (f) for (const b of bigrams(normalizeForSearch(f))) set.add(b);
  return [...set];
}

/** The searchable text stored beside the tokens: normalised fields joined by a separator no query contains. */
export function documentSearchText(fields: readonly (string | null | undefined)[]): string {
  return fields.map((f) => normalizeForSearch(f ?? "")).join("|");
}

/** The filters a search can combine with its words (each one, when given, must match). */
export interface SearchFilterValues {
  agencyId?: number | undefined;
  year?: number | undefined;
  category?: string | undefined;
  validity?: string | undefined;
  article20Item?: number | undefined;
}

/**
 * Index tokens of filter values (agency:12, year:2024, category:教育, validity:valid, item:3): a
 * published version carries its own (SQL function catalogue_filter_tokens, migration 0007), so the GIN
 * index answers words and filters together. They hold a colon, so no bigram of normalised text is one.
 */
export function filterTokens(f: SearchFilterValues): string[] {
  const out: string[] = [];
  if (f.agencyId !== undefined) out.push(`agency:${f.agencyId}`);
  if (f.year !== undefined) out.push(`year:${f.year}`);
  if (f.category) out.push(`category:${f.category}`);
  if (f.validity) out.push(`validity:${f.validity}`);
  if (f.article20Item !== undefined) out.push(`item:${f.article20Item}`);
  return out;
}

/** A tsquery (text form) requiring every token, each quoted so no character is an operator. */
export function allTokensQuery(tokens: readonly string[]): string {
  return tokens.map((t) => `'${t.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`).join(" & ");
}

export interface SearchQuery {
  /** The normalised query (the substring a match must contain). */
  text: string;
  /** Bigrams that cover the query without overlap (every one must be in the document's tokens). */
  tokens: string[];
}

/**
 * Bigrams covering a text without overlap (政策解读和宣 → 政策, 解读, 和宣): enough to find every
 * candidate through the index, with fewer index lists to intersect and a less skewed row estimate
 * than all overlapping bigrams; the substring test makes the match exact.
 */
export function coveringBigrams(normalized: string): string[] {
  const chars = [...normalized];
  if (chars.length < 2) return chars;
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 2) out.add(chars[i]! + chars[i + 1]!);
  if (chars.length % 2 === 1) out.add(chars.at(-2)! + chars.at(-1)!);
  return [...out];
}

/** Parses a user's query; throws SEARCH-TOO-SHORT (请输入至少两个字) below two letters or digits. */
export function parseSearchQuery(q: string): SearchQuery {
  const text = normalizeForSearch(q);
  if ([...text].length < 2)
    throw new GongkaiError(
      "SEARCH-TOO-SHORT",
      "请输入至少两个字（标点和空格不计）",
      q.trim() ? [`检索词“${q.trim()}”只有 ${[...text].length} 个有效字符`] : [],
    );
  if ([...text].length > 100) throw new GongkaiError("SEARCH-TOO-LONG", "检索词过长，请不超过 100 个字");
  return { text, tokens: coveringBigrams(text) };
}

/** Ranges [start, end) in the ORIGINAL text (UTF-16 offsets) whose normalised form contains `query`. */
export function matchRanges(original: string, query: string): [number, number][] {
  if (!query) return [];
  // Normalised characters with the original offset each came from.
  let norm = "";
  const from: number[] = [];
  const to: number[] = [];
  let offset = 0;
  for (const ch of original) {
    const n = normalizeChar(ch);
    for (let i = 0; i < n.length; i++) {
      from.push(offset);
      to.push(offset + ch.length);
    }
    norm += n;
    offset += ch.length;
  }
  const ranges: [number, number][] = [];
  let at = norm.indexOf(query);
  while (at >= 0) {
    ranges.push([from[at]!, to[at + query.length - 1]!]);
    at = norm.indexOf(query, at + query.length);
  }
  return ranges;
}
