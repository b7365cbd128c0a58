import type { Response } from 'express';
import { z } from 'zod';
import { jsonParam } from './route';

/** The most rows one list request may ask for. */
export const MAX_PAGE = 500;

/** react-admin's `range=[start,end]` (inclusive). */
export const raRange = jsonParam(
  z.tuple([z.number().int().min(0), z.number().int().min(0)]).refine(([a, b]) => b >= a && b - a < MAX_PAGE, `end must be ≥ start and at most ${MAX_PAGE} rows`),
);

/** A filter value react-admin sends either alone or as a list. */
export const oneOrMany = <T extends z.ZodType>(s: T) => z.union([s, z.array(s)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);

/** A list page in simple-rest form: the rows and `Content-Range: <resource> start-end/total`. */
export function sendList(res: Response, resource: string, start: number, rows: unknown[], total: number): void {
  res.set('Content-Range', `${resource} ${start}-${rows.length ? start + rows.length - 1 : start}/${total}`).json(rows);
}

/**
 * A list page, offset or keyset (db/keyset.ts): Content-Range as sendList, plus `X-Next-Cursor` (keyset pages that
 * have a successor) and `X-Total-Capped: true` when the total is the count cap ("10000+").
 */
export function sendPage(
  res: Response, resource: string, page: { kind: 'offset'; range: [number, number] } | { kind: 'cursor' }, r: { rows: unknown[]; total: number; totalCapped: boolean }, next?: string,
): void {
  if (next) res.set('X-Next-Cursor', next);
  if (r.totalCapped) res.set('X-Total-Capped', 'true');
  sendList(res, resource, page.kind === 'offset' ? page.range[0] : 0, r.rows, r.total);
}
