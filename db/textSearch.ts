import pg from 'pg';
import { containsPattern, prefixPattern } from './orgScope';
import type { Queryable } from './pool';

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

/** How long the walk in key order may look for a common term's page before the index plan takes over. */
export const KEY_WALK_MS = 40;

/**
 * A text search's page (`sql`: ordered, with its limit). The planner cannot tell how many rows a substring matches
 * (pg_trgm and the bigram index estimate a few thousand whatever the term), so it collects every match through the
 * GIN index and sorts them: fast for a rare term, seconds for a common one at province scale (五金店: 93,539 of 10 M
 * customers, 1.6 s with a cold cache). Walking the sort index and filtering finds a common term's page at once: that
 * plan is tried first, for at most KEY_WALK_MS; whatever it returns in time is the exact answer (the same query, another
 * plan), and a rare term, whose walk runs out of time, is answered by the index plan. Measured in bench:province.
 */
export async function textSearchPage<R extends object>(db: Queryable, sql: string, params: unknown[]): Promise<R[]> {
  if (!(db instanceof pg.Pool)) return (await db.query<R>(sql, params)).rows; // a caller's connection (a transaction): one plan
  const client = await db.connect();
  try {
    try {
      // one statement for the settings (a round trip each is most of a walk's time); no parallel workers: starting them
      // costs more than a walk that stops after a page
      return await withLocalSettings<R>(client, `set local jit = off; set local enable_bitmapscan = off; set local enable_seqscan = off; set local enable_sort = off; set local max_parallel_workers_per_gather = 0; set local statement_timeout = ${KEY_WALK_MS}`, sql, params);
    } catch (e) {
      if ((e as { code?: string }).code !== '57014') throw e; // 57014: the walk ran out of time (query_canceled)
    }
    // the planner's cost of a substring search is guessed high enough to trigger JIT compilation, which alone takes
    // longer than the query
    return await withLocalSettings<R>(client, 'set local jit = off', sql, params);
  } finally {
    client.release();
  }
}

/** `sql` in a transaction of its own under `settings` (`set local …`), which end with it. */
async function withLocalSettings<R extends object>(client: pg.PoolClient, settings: string, sql: string, params: unknown[]): Promise<R[]> {
  await client.query('begin');
  try {
    await client.query(settings);
    const r = await client.query<R>(sql, params);
    await client.query('commit');
    return r.rows;
  } catch (e) {
    await client.query('rollback');
    throw e;
  }
}
