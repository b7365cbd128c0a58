import { containsPattern, prefixPattern } from './orgScope';

// Chinese substring search (#19, docs/search.md), by the query's length as measured on a million customers:
// - 3 characters or more: `ilike '%…%'` served by pg_trgm GIN indexes (this database's ctype C.UTF-8 extracts
//   trigrams of CJK text; fastest of the three strategies at this length);
// - 2 characters: pg_trgm has no trigram to look up and scans its whole index; migration 060's jicha_bigrams()
//   indexes the 2-character substrings of a text, so the query's bigram is looked up (GIN `@>`), then ilike rechecks;
// - 1 character: no bigram either; a prefix of the name (a surname: 张) through a text_pattern_ops index.

export interface SubstringTarget {
  /** The exact expression of the GIN index over jicha_bigrams() (it must match the index's expression to use it); each column has a pg_trgm GIN index. */
  bigramSource: string;
  /** The columns the text is searched in. */
  columns: string[];
  /** The column a 1-character query matches as a prefix (a surname: 张), through a text_pattern_ops index. */
  prefixColumn: string;
}

/** Characters as a person counts them (code points, not UTF-16 units). */
export function queryLength(q: string): number {
  return [...q].length;
}

/** The SQL condition "one of the columns contains q" (or, for a 1-character q, "the prefix column starts with q"). */
export function substringClause(params: unknown[], q: string, t: SubstringTarget): string {
  if (queryLength(q) < 2) {
    params.push(prefixPattern(q));
    return `${t.prefixColumn} like $${params.length}`;
  }
  params.push(containsPattern(q));
  const contains = `(${t.columns.map((c) => `${c} ilike $${params.length}`).join(' or ')})`;
  if (queryLength(q) > 2) return contains;
  params.push(q);
  return `(jicha_bigrams(${t.bigramSource}) @> jicha_bigrams($${params.length}::text) and ${contains})`;
}

/** Customers' name and address (indexes customers_bigram_idx, customers_*_trgm_idx, customers_name_prefix_idx), table alias `alias`. */
export const customerText = (alias: string): SubstringTarget => ({
  bigramSource: `${alias}.name || ' ' || ${alias}.address`,
  columns: [`${alias}.name`, `${alias}.address`],
  prefixColumn: `${alias}.name`,
});
