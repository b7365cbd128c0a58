import type pg from 'pg';
import type { Queryable } from './pool';
import type { CalendarDay } from '../domain/calendarYears';

// The working-day calendar tables (migration 055): one row per published year, one per holiday or make-up working day.

export interface CalendarYearRow {
  year: number;
  source: string;
  publishedAt: string;
  publishedBy: string | null;
  holidays: number;
  workdays: number;
}

/** Every published year with its counts, newest first. */
export async function calendarYears(db: Queryable): Promise<CalendarYearRow[]> {
  const r = await db.query<{ year: number; source: string; published_at: Date; published_by: string | null; holidays: number; workdays: number }>(
    `select y.year, y.source, y.published_at, y.published_by,
            count(*) filter (where d.kind = 'holiday')::int as holidays, count(*) filter (where d.kind = 'workday')::int as workdays
       from calendar_years y left join calendar_days d on d.year = y.year
      group by y.year order by y.year desc`,
  );
  return r.rows.map((x) => ({ year: x.year, source: x.source, publishedAt: x.published_at.toISOString(), publishedBy: x.published_by, holidays: x.holidays, workdays: x.workdays }));
}

export interface CalendarYearDetail {
  year: number;
  source: string;
  publishedAt: string;
  publishedBy: string | null;
  days: CalendarDay[];
}

/** One published year with its days by date; null when the year is not published. */
export async function calendarYear(db: Queryable, year: number): Promise<CalendarYearDetail | null> {
  const y = await db.query<{ source: string; published_at: Date; published_by: string | null }>('select source, published_at, published_by from calendar_years where year = $1', [year]);
  if (!y.rows[0]) return null;
  const d = await db.query<{ date: string; kind: CalendarDay['kind']; name: string }>(
    `select to_char(day, 'YYYY-MM-DD') as date, kind, name from calendar_days where year = $1 order by day`, [year],
  );
  return { year, source: y.rows[0].source, publishedAt: y.rows[0].published_at.toISOString(), publishedBy: y.rows[0].published_by, days: d.rows };
}

/** The published years (ascending) and the days of those from `fromYear` on, for the arithmetic. */
export async function calendarDaysFrom(db: Queryable, fromYear: number): Promise<{ years: number[]; holidays: string[]; workdays: string[] }> {
  const [y, d] = await Promise.all([
    db.query<{ year: number }>('select year from calendar_years order by year'),
    db.query<{ date: string; kind: CalendarDay['kind'] }>(`select to_char(day, 'YYYY-MM-DD') as date, kind from calendar_days where year >= $1 order by day`, [fromYear]),
  ]);
  return {
    years: y.rows.map((r) => r.year),
    holidays: d.rows.filter((r) => r.kind === 'holiday').map((r) => r.date),
    workdays: d.rows.filter((r) => r.kind === 'workday').map((r) => r.date),
  };
}

/** Publishes (or replaces) a year as a whole. Must run in a transaction; the year's row lock serialises publishers. */
export async function replaceCalendarYear(c: pg.ClientBase, year: number, days: readonly CalendarDay[], source: string, by: string | null): Promise<void> {
  await c.query(
    `insert into calendar_years (year, source, published_at, published_by) values ($1, $2, now(), $3)
     on conflict (year) do update set source = excluded.source, published_at = excluded.published_at, published_by = excluded.published_by`,
    [year, source, by],
  );
  await c.query('delete from calendar_days where year = $1', [year]);
  if (!days.length) return;
  await c.query(
    `insert into calendar_days (day, year, kind, name, source)
     select d, $1, k, n, $2 from unnest($3::date[], $4::text[], $5::text[]) as t(d, k, n)`,
    [year, source, days.map((d) => d.date), days.map((d) => d.kind), days.map((d) => d.name)],
  );
}

const OPEN_PROVISIONAL = `deadline_provisional and stage not in ('closed', 'dismissed', 'cancelled')`;

export async function countProvisionalOpenCases(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>(`select count(*)::int as n from cases where ${OPEN_PROVISIONAL}`);
  return r.rows[0].n;
}

/** Open cases with a provisional deadline, a page at a time in id order (after `afterId`). */
export async function provisionalOpenCases(db: Queryable, afterId: string | null, limit: number): Promise<{ id: string; workflowId: string }[]> {
  const r = await db.query<{ id: string; workflow_id: string }>(
    `select id, workflow_id from cases where ${OPEN_PROVISIONAL} and ($1::uuid is null or id > $1::uuid) order by id limit $2`,
    [afterId, limit],
  );
  return r.rows.map((x) => ({ id: x.id, workflowId: x.workflow_id }));
}
