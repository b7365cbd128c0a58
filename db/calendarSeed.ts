import type pg from 'pg';
import fs from 'node:fs';
import type { CalendarDay } from '../domain/calendarYears';
import { replaceCalendarYear } from './calendar';

// The working-day calendar's seed: every year the package chinese-days knows (its holidays and make-up working days,
// with their Chinese names), as published years with the package as their source. A year already published (by an
// earlier seed or by an administrator) is left as it is, so running this again changes nothing.

type Entry = string; // "English,中文,n"

/** The package's years, each with its days by date, and the source they are published under. */
export function packageCalendar(): { source: string; byYear: Map<number, CalendarDay[]> } {
  const pkgPath = require.resolve('chinese-days/package.json');
  const version = (JSON.parse(fs.readFileSync(pkgPath, 'utf8')) as { version: string }).version;
  const data = JSON.parse(fs.readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8')) as { holidays: Record<string, Entry>; workdays: Record<string, Entry> };
  const byYear = new Map<number, CalendarDay[]>();
  const add = (kind: CalendarDay['kind'], entries: Record<string, Entry>) => {
    for (const [date, entry] of Object.entries(entries)) {
      const name = (entry.split(',')[1] ?? entry).trim().slice(0, 40) || entry.slice(0, 40);
      const year = Number(date.slice(0, 4));
      if (!byYear.has(year)) byYear.set(year, []);
      byYear.get(year)!.push({ date, kind, name });
    }
  };
  add('holiday', data.holidays);
  add('workday', data.workdays);
  for (const days of byYear.values()) days.sort((a, b) => a.date.localeCompare(b.date));
  return { source: `chinese-days@${version}`, byYear };
}

/** Seeds the years not yet published, in one transaction on the migrator's connection; returns the years added. */
export async function seedCalendar(client: pg.ClientBase): Promise<number[]> {
  const { source, byYear } = packageCalendar();
  await client.query('begin');
  try {
    const known = new Set((await client.query<{ year: number }>('select year from calendar_years')).rows.map((r) => r.year));
    const added: number[] = [];
    for (const [year, days] of [...byYear].sort((a, b) => a[0] - b[0])) {
      if (known.has(year)) continue;
      await replaceCalendarYear(client, year, days, source, null);
      added.push(year);
    }
    await client.query('commit');
    return added;
  } catch (e) {
    await client.query('rollback');
    throw e;
  }
}
