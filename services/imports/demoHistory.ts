import type pg from 'pg';
import type { Principal } from '../../domain/roles';
import { DEMO_HISTORY_PREFIX, DEMO_HISTORY_SPEC, demoHistoryRows, type HistoryCustomer } from '../../db/seed/demoHistory';
import { importHistory, rowsFeed } from './imports';

// A first start that tells the pilot's story (#16 item 10): the demo history goes in through the legacy import, as a
// utility's own file would, and its months are closed through the period close the back office uses, so the
// dashboard shows the pilot's figures and the rankings have closed months. Once: a database that holds the history
// gets nothing more (the import would report every case as a duplicate anyway), and a closed month stays as it was.

/** The importer of the demo history: an admin of the demo city. */
const SEED_PRINCIPAL: Principal = { sub: 'demo-seed', username: 'demo-seed', name: '演示数据', roles: ['admin'], orgUnit: 'HB.XN', clientId: 'seed' };

export interface DemoHistoryOutcome {
  /** Cases imported now (0 when the history was there already). */
  imported: number;
  rejected: number;
  /** The history's months, and those whose close was started now (not closed before). */
  months: string[];
  closing: string[];
}

export async function seedDemoHistory(
  pool: pg.Pool,
  opts: { closeMonth: (period: string) => Promise<unknown>; now?: Date; suspected?: number; scope?: string },
): Promise<DemoHistoryOutcome> {
  const scope = opts.scope ?? SEED_PRINCIPAL.orgUnit;
  const there = await pool.query('select 1 from legacy_cases where source_case_no like $1 limit 1', [`${DEMO_HISTORY_PREFIX}%`]);
  let imported = 0;
  let rejected = 0;
  if (!there.rowCount) {
    const [customers, people] = await Promise.all([
      pool.query<HistoryCustomer>(
        `select account_no as "accountNo", station_id as "stationId" from customers where station_id = $1 or station_id like $2 order by account_no`,
        [scope, `${scope}.%`],
      ),
      pool.query<{ username: string; org_unit_id: string }>(`select username, org_unit_id from personnel where role = 'inspector' and active order by username`),
    ]);
    const inspectors: Record<string, string[]> = {};
    for (const p of people.rows) (inspectors[p.org_unit_id] ??= []).push(p.username);
    const rows = demoHistoryRows({ ...DEMO_HISTORY_SPEC, now: opts.now ?? new Date(), suspected: opts.suspected ?? DEMO_HISTORY_SPEC.suspected, customers: customers.rows, inspectors });
    const body = JSON.stringify(rows);
    const report = await importHistory(pool, { ...SEED_PRINCIPAL, orgUnit: scope }, rowsFeed(rows.map((values, i) => ({ line: i + 1, values })), body), {
      contentType: 'application/json', lang: 'zh-CN', now: opts.now,
    });
    imported = report.imported.length;
    rejected = report.rejectedRows;
  }
  const months = (await pool.query<{ month: string }>(
    `select distinct to_char(f.closed_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month
       from legacy_cases l join case_scoring_facts f on f.case_id = l.case_id where l.source_case_no like $1 order by 1`,
    [`${DEMO_HISTORY_PREFIX}%`],
  )).rows.map((r) => r.month);
  const closed = new Set((await pool.query<{ period: string }>('select period from assessment_periods where period = any($1)', [months])).rows.map((r) => r.period));
  const closing = months.filter((m) => !closed.has(m));
  for (const m of closing) await opts.closeMonth(m);
  return { imported, rejected, months, closing };
}
