import { containsPattern, prefixPattern } from './orgScope';

// Chinese substring search (#19, docs/search.md). `ilike '%温泉%'` reads every row of a province; pg_trgm's index
// is no help for 1- and 2-character queries, the common case in Chinese. Migration 060's jicha_bigrams() indexes
// the 2-character substrings of a text: the query's bigrams must all be there (GIN `@>`), then ilike rechecks.

export interface SubstringTarget {
  /** The exact expression of the GIN index over jicha_bigrams() (it must match the index's expression to use it). */
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
  params.push(q, containsPattern(q));
  const [bigrams, like] = [params.length - 1, params.length];
  return `(jicha_bigrams(${t.bigramSource}) @> jicha_bigrams($${bigrams}::text) and (${t.columns.map((c) => `${c} ilike $${like}`).join(' or ')}))`;
}

/** Customers' name and address (index customers_bigram_idx, customers_name_prefix_idx), table alias `alias`. */
export const customerText = (alias: string): SubstringTarget => ({
  bigramSource: `${alias}.name || ' ' || ${alias}.address`,
  columns: [`${alias}.name`, `${alias}.address`],
  prefixColumn: `${alias}.name`,
});
