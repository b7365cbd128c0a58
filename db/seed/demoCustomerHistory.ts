import type pg from 'pg';
import { addDays, addMonths, calendarMonth, chinaMidnight, daysInMonth, firstDay, lastDay } from '../../domain/billingMonths';
import { SEASON, SEASON_MEAN, billYuan } from '../synthetic/generator';
import { normal, rngFor, round2 } from '../synthetic/random';
import type { DemoCustomer } from './demoOrg';

/**
 * 24 months of bills, 30 days of frozen readings and meter events for the named demo customers, ending at
 * `endMonth`. Scripted where the demo tells a story: the pilot's cooperative (4210000001) uses its whitelisted
 * residential supply like a restaurant, 4210000004 has billed zero for four months, 4212000020's meter box
 * reported being opened.
 */
const LEVEL = { residential: 190, commercial: 1500, general_industrial: 9000, large_industrial: 200000, agricultural: 700 } as const;

export async function seedDemoCustomerHistory(db: Pick<pg.Pool, 'query'>, customers: DemoCustomer[], endMonth: string): Promise<void> {
  const months = Array.from({ length: 24 }, (_, i) => addMonths(endMonth, i - 23));
  const days = Array.from({ length: 30 }, (_, i) => addDays(lastDay(endMonth), i - 29));
  const bills: [string, string, number, number, string][] = [];
  const readings: [string, string, number, number][] = [];
  const events: [string, string, string, string][] = [];
  for (const [n, c] of customers.entries()) {
    const r = rngFor(4210, n);
    const restaurant = c.accountNo === '4210000001';
    const zeroMonths = c.accountNo === '4210000004' ? 4 : 0;
    const level = restaurant ? 1800 : LEVEL[c.tariffCategory];
    const season = restaurant ? SEASON.commercial : SEASON[c.tariffCategory];
    const mean = restaurant ? SEASON_MEAN.commercial : SEASON_MEAN[c.tariffCategory];
    const kwh = months.map((m, i) => (23 - i < zeroMonths ? 0 : round2(level * (season[calendarMonth(m) - 1] / mean) * (1 + 0.06 * normal(r)))));
    months.forEach((m, i) => bills.push([c.accountNo, firstDay(m), kwh[i], billYuan(c.tariffCategory, kwh[i], 0), c.tariffCategory]));
    let register = round2(level * 40);
    for (const d of days) {
      const m = d.slice(0, 7);
      const day = round2(Math.max(0, (kwh[months.indexOf(m)] / daysInMonth(m)) * (1 + 0.2 * normal(r))));
      register = round2(register + day);
      readings.push([c.accountNo, d, day, register]);
    }
    if (c.accountNo === '4212000020') {
      const end = Date.parse(chinaMidnight(addDays(lastDay(endMonth), 1)));
      events.push([c.accountNo, new Date(end - 12 * 86400_000 - 9 * 3600_000).toISOString(), 'cover_open', c.meterNo]);
    }
  }
  const col = <T>(rows: T[][], i: number) => rows.map((x) => x[i]);
  const accounts = customers.map((c) => c.accountNo);
  for (const t of ['monthly_consumption', 'daily_readings', 'meter_events']) await db.query(`delete from ${t} where account_no = any($1)`, [accounts]);
  await db.query(
    `insert into monthly_consumption (account_no, month, kwh, amount_yuan, tariff_category)
     select * from unnest($1::text[], $2::date[], $3::numeric[], $4::numeric[], $5::text[])`,
    [col(bills, 0), col(bills, 1), col(bills, 2), col(bills, 3), col(bills, 4)],
  );
  await db.query(
    'insert into daily_readings (account_no, reading_date, day_kwh, register_kwh) select * from unnest($1::text[], $2::date[], $3::numeric[], $4::numeric[])',
    [col(readings, 0), col(readings, 1), col(readings, 2), col(readings, 3)],
  );
  await db.query('insert into meter_events (account_no, occurred_at, kind, meter_no) select * from unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[])', [col(events, 0), col(events, 1), col(events, 2), col(events, 3)]);
  await db.query('insert into billing_periods (month) select unnest($1::date[]) on conflict do nothing', [months.map(firstDay)]);
}
