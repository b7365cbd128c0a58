// Opaque keyset cursors: base64url of the JSON ListCursor (domain/listPaging.ts). A cursor is refused (400
// list.bad-cursor) unless it decodes, was made for the sort the request asks for, and its key and id parse as the
// sort column's and the key column's types.
import { ListCursor } from '../../domain/listPaging';
import { listMessage, type ListMessageCode } from '../../domain/listTexts';
import type { Lang } from '../../domain/text';
import type { KeysetAfter, ListPage } from '../../db/keyset';
import { codedProblem, type Problem } from '../../http/problem';

export function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

export function listProblem(code: ListMessageCode, lang: Lang, path: string): Problem {
  const detail = listMessage(code, lang);
  return codedProblem(400, 'Invalid request', code, {}, lang, { errors: [{ path, message: detail, code }] });
}

/**
 * The position a cursor names, for the sort `field`/`order`; '' is the first page. `valid(key, id)` checks the
 * values against the columns' types so that Postgres never sees a value it would refuse.
 */
export function decodeCursor(cursor: string, field: string, order: 'ASC' | 'DESC', valid: (key: string, id: string) => boolean, lang: Lang): KeysetAfter | null {
  if (cursor === '') return null;
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw listProblem('list.bad-cursor', lang, 'query.cursor');
  }
  const c = ListCursor.safeParse(parsed);
  if (!c.success || c.data.f !== field || c.data.o !== order || !valid(c.data.k, c.data.id)) throw listProblem('list.bad-cursor', lang, 'query.cursor');
  return { key: c.data.k, id: c.data.id };
}

/** Postgres's text form of a timestamptz as `::text` prints it (the form cursors carry). */
export const TIMESTAMPTZ_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;
export const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The paging parameters of a list request: react-admin's range, or a cursor ('' for the first page) and a limit. */
export interface PagingQuery {
  range?: [number, number];
  cursor?: string;
  limit?: number;
}

/** The page a request asks for (a cursor and a range together are refused: list.cursor-with-range). */
export function pageOf(
  q: PagingQuery, sort: { field: string; order: 'ASC' | 'DESC' }, valid: (key: string, id: string) => boolean, lang: Lang, defaultLimit = 25,
): ListPage {
  if (q.cursor === undefined) return { kind: 'offset', range: q.range ?? [0, defaultLimit - 1] };
  if (q.range) throw listProblem('list.cursor-with-range', lang, 'query.cursor');
  return { kind: 'cursor', after: decodeCursor(q.cursor, sort.field, sort.order, valid, lang), limit: q.limit ?? defaultLimit };
}

/** The opaque cursor of the page after `next` under `sort` (undefined: the list ends here). */
export function nextCursor(next: KeysetAfter | null, sort: { field: string; order: 'ASC' | 'DESC' }): string | undefined {
  return next ? encodeCursor({ f: sort.field, o: sort.order, k: next.key, id: next.id }) : undefined;
}
