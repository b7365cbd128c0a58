import type pg from 'pg';
import type { Client } from '@temporalio/client';
import { withTransaction } from '../../db/pool';
import { calendarYear, provisionalOpenCases, replaceCalendarYear, type CalendarYearDetail } from '../../db/calendar';
import { ADMIN_SOURCE, CALENDAR_CODES, calendarText, calendarYearIssues, type CalendarDay } from '../../domain/calendarYears';
import { calendarUpdatedSignal } from '../../domain/inspectionCaseContract';
import type { Lang } from '../../domain/text';
import type { Principal } from '../../domain/roles';
import { codedProblem, Problem } from '../../http/problem';
import { forgetCalendarInForce } from './workCalendar';

export interface CalendarDeps {
  pool: pg.Pool;
  temporal: Client;
}

/** Cases signalled at once; a publication touches every open case with a provisional deadline, page by page. */
export const SIGNAL_BATCH = 200;

/** One published year; 404 `calendar.year-unknown` when it is not. */
export async function publishedYear(pool: pg.Pool, year: number, lang: Lang): Promise<CalendarYearDetail> {
  const y = await calendarYear(pool, year);
  if (!y) throw codedProblem(404, 'Not found', CALENDAR_CODES.yearUnknown, { year }, lang, { type: `urn:jicha:${CALENDAR_CODES.yearUnknown}` });
  return y;
}

/**
 * Publishes (or replaces) a year's holidays and make-up working days in one transaction, then tells every open case
 * whose deadline was computed past the known calendar to compute it again. A case whose workflow is gone is skipped.
 * The HTTP layer's audit trail records the request.
 */
export async function publishCalendarYear(deps: CalendarDeps, principal: Principal, year: number, days: readonly CalendarDay[], lang: Lang) {
  const issues = calendarYearIssues(year, days);
  if (issues.length) {
    const errors = issues.map((i) => ({ path: i.path, code: i.code, message: calendarText(i.code, lang, i.params), params: i.params }));
    throw new Problem(422, 'Unprocessable content', errors.map((e) => e.message).join(' '), errors, `urn:jicha:${issues[0].code}`, issues[0].code);
  }
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  await withTransaction(deps.pool, (c) => replaceCalendarYear(c, year, sorted, ADMIN_SOURCE, principal.username));
  forgetCalendarInForce(deps.pool);
  const signalled = await signalProvisionalCases(deps);
  return { ...(await publishedYear(deps.pool, year, lang)), recomputedCases: signalled.signalled, skippedCases: signalled.skipped };
}

/** Signals the open cases with a provisional deadline, in batches; counts those reached and those skipped. */
export async function signalProvisionalCases({ pool, temporal }: CalendarDeps, batch = SIGNAL_BATCH): Promise<{ signalled: number; skipped: number }> {
  let signalled = 0;
  let skipped = 0;
  let after: string | null = null;
  for (;;) {
    const page = await provisionalOpenCases(pool, after, batch);
    if (!page.length) break;
    const results = await Promise.allSettled(page.map((c) => temporal.workflow.getHandle(c.workflowId).signal(calendarUpdatedSignal)));
    for (const r of results) if (r.status === 'fulfilled') signalled += 1; else skipped += 1;
    after = page[page.length - 1].id;
    if (page.length < batch) break;
  }
  return { signalled, skipped };
}
