import { TOTAL_CAP } from '../domain/listPaging';
import type { Queryable } from './pool';
import { textSearchPage } from './textSearch';

// Keyset ("cursor") paging and capped totals for the back office's lists (#19). A page after a cursor reads on from
// the last row with a row-value comparison, which the (sort column, key) indexes serve directly; offset pages stay
// for react-admin's numbered pagination.

/** The last row of the previous page: its sort key as Postgres prints it (`::text`) and its key. */
export interface KeysetAfter {
  key: string;
  id: string;
}

/** Either react-admin's inclusive row range, or `limit` rows after a cursor position (null: the first page). */
export type ListPage = { kind: 'offset'; range: [number, number] } | { kind: 'cursor'; after: KeysetAfter | null; limit: number };

/** `(sort, key)` strictly after the cursor in the order `order` (both columns sorted the same way). */
export function keysetClause(params: unknown[], sort: { expr: string; type: string }, key: { expr: string; type: string }, order: 'ASC' | 'DESC', after: KeysetAfter): string {
  params.push(after.key, after.id);
  return `(${sort.expr}, ${key.expr}) ${order === 'DESC' ? '<' : '>'} ($${params.length - 1}::${sort.type}, $${params.length}::${key.type})`;
}

/** `limit … offset …` of a page; a cursor page reads one row more to learn whether another page follows. */
export function pageLimit(page: ListPage): string {
  return page.kind === 'offset' ? `limit ${page.range[1] - page.range[0] + 1} offset ${page.range[0]}` : `limit ${page.limit + 1}`;
}

/**
 * The rows of `from … where …`, counted up to TOTAL_CAP: a province's full list costs a bounded index walk instead of
 * a count of millions. `capped`: there are more than `cap` ("10000+"; a text search counts to SEARCH_TOTAL_CAP).
 */
export async function cappedCount(
  db: Queryable, fromWhere: string, params: unknown[], cap = TOTAL_CAP, textSearch = false,
): Promise<{ total: number; capped: boolean }> {
  const sql = `select count(*)::int as n from (select 1 from ${fromWhere} limit ${cap + 1}) t`;
  // a text search's count has the same blind spot as its page (db/textSearch.ts): a common term's bitmap is huge
  const [{ n }] = textSearch ? await textSearchPage<{ n: number }>(db, sql, params) : (await db.query<{ n: number }>(sql, params)).rows;
  return n > cap ? { total: cap, capped: true } : { total: n, capped: false };
}

/** A cursor page's rows (without the look-ahead row) and the position after its last row when another page follows. */
export function cursorPage<R>(page: ListPage, rows: R[], position: (r: R) => KeysetAfter): { rows: R[]; next: KeysetAfter | null } {
  if (page.kind === 'offset' || rows.length <= page.limit) return { rows, next: null };
  const kept = rows.slice(0, page.limit);
  return { rows: kept, next: position(kept[kept.length - 1]) };
}
