import { z } from 'zod';
import { jsonParam } from '../../http/route';
import { raRange } from '../../http/raList';
import { codedProblem } from '../../http/problem';
import type { Lang } from '../../domain/text';
import type { TransitionOutcome } from '../../services/content/feedback';

// Shared pieces of the back-office content routes (announcements, regulations, feedback, consultations, terminals).

/** A react-admin list query: range, a sort over the given fields, and the given filter. */
export function raListQuery<F extends string, S extends z.ZodType>(sortFields: readonly [F, ...F[]], filter: S) {
  return z.strictObject({
    range: raRange.optional(),
    sort: jsonParam(z.tuple([z.enum(sortFields), z.enum(['ASC', 'DESC'])])).optional(),
    filter: jsonParam(filter).optional(),
  });
}

/** The page a `range` asks for (react-admin's default page when absent). */
export function pageOf(range: [number, number] | undefined): { start: number; limit: number; offset: number } {
  const [start, end] = range ?? [0, 24];
  return { start, limit: end - start + 1, offset: start };
}

/** Refuses an action whose row is missing (404) or not in a status the action starts from (409). */
export function assertTransition<S extends string>(
  o: TransitionOutcome<S>, contentKind: 'feedback' | 'consultation', contentAction: string, from: readonly S[], lang: Lang,
): void {
  if (o.kind === 'not_found') throw codedProblem(404, 'Not found', 'content.not-visible', { contentKind }, lang);
  if (o.kind === 'illegal') {
    throw codedProblem(409, 'Illegal status change', 'content.illegal-transition', { contentKind, contentStatus: o.status, contentAction, contentStatuses: from.join(',') }, lang);
  }
}

export const OrgUnitId = z.string().regex(/^[A-Z0-9]{1,8}(\.[A-Z0-9]{1,8}){0,4}$/, 'must be an org unit id such as HB.XN.XA');
export const UuidParams = z.strictObject({ id: z.uuid('must be a UUID') });
