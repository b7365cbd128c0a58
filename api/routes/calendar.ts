import { z } from 'zod';
import type pg from 'pg';
import type { Client } from '@temporalio/client';
import { CalendarYear, CalendarYearList, PublishYearBody, PublishedYear } from '../../domain/calendarYears';
import { calendarOverview } from '../../services/calendar/coverage';
import { publishCalendarYear, publishedYear } from '../../services/calendar/publishYear';
import { defineRoute, type RouteDef } from '../../http/route';
import { detailLanguage } from '../../http/problem';

const YearParams = z.strictObject({ year: z.string().regex(/^(199\d|2[01]\d\d|2200)$/, 'a year from 1990 to 2200') });
const READERS = ['admin', 'manager', 'supervisor', 'station_lead'] as const;

/**
 * The working-day calendar (法定节假日 and 调休) as published data: a year at a time, seeded from a package and
 * published by an administrator as the State Council announces it. Deadlines past the last published day are
 * provisional; publishing a year recomputes them.
 */
export function calendarRoutes({ pool, temporal }: { pool: pg.Pool; temporal: Client }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/calendar/years',
      summary: 'Published calendar years, newest first, and how far the calendar is known (coverage)',
      tag: 'calendar',
      policy: { roles: READERS, scope: 'none' },
      response: { status: 200, schema: CalendarYearList, description: 'Years and coverage' },
      async handler({ res }) {
        res.json(await calendarOverview(pool));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/calendar/years/:year',
      summary: 'One published year with its holidays and make-up working days by date (404 calendar.year-unknown)',
      tag: 'calendar',
      policy: { roles: READERS, scope: 'none' },
      params: YearParams,
      response: { status: 200, schema: CalendarYear, description: 'The year' },
      async handler({ req, res, params }) {
        res.json(await publishedYear(pool, Number(params.year), detailLanguage(req)));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/calendar/years/:year',
      summary: 'Publish (or replace) a year\'s holidays and make-up working days; open cases with a provisional deadline recompute it',
      tag: 'calendar',
      policy: { roles: ['admin'], scope: 'none' },
      params: YearParams,
      body: PublishYearBody,
      response: { status: 200, schema: PublishedYear, description: 'The published year and the cases signalled' },
      async handler({ req, res, principal, params, body }) {
        res.json(await publishCalendarYear({ pool, temporal }, principal, Number(params.year), body.days, detailLanguage(req)));
      },
    }),
  ];
}
