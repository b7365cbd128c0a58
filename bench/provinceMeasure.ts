// What `npm run bench:province` measures: the dashboard at three levels, the case list in its views, customer search
// by 2- and 3-character Chinese text; each beside a floor (a primary-key lookup on the table it reads most), timed
// in the same run. The views and queries are data: a new saved view is one more entry in CASE_VIEWS.
import type pg from 'pg';
import type { Queryable } from '../db/pool';
import { dashboardStats } from '../db/dashboardStats';
import { listCases, type CaseListQuery } from '../db/cases';
import type { ListPage } from '../db/keyset';
import type { CaseView as SavedView } from '../domain/listPaging';
import { listCustomers } from '../db/customers';
import { addMonths } from '../domain/billingMonths';

export interface Sample { name: string; p50: number; p95: number; n: number }

export interface MeasureOptions {
  iterations: number;
  warmup: number;
  /** Stop an item after this long once it has at least three samples (a slow item must not take the run hostage). */
  budgetMs: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Runs `fn` warm-up times untimed, then until `iterations` samples or the budget; `fn` returns its row count. */
export async function measure(name: string, o: MeasureOptions, fn: (i: number) => Promise<number>): Promise<Sample & { rows: number }> {
  let rows = 0;
  for (let i = 0; i < o.warmup; i += 1) rows = await fn(i);
  const ms: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < o.iterations; i += 1) {
    const s = performance.now();
    rows = await fn(o.warmup + i);
    ms.push(performance.now() - s);
    if (ms.length >= 3 && performance.now() - t0 > o.budgetMs) break;
  }
  ms.sort((a, b) => a - b);
  return { name, p50: percentile(ms, 50), p95: percentile(ms, 95), n: ms.length, rows };
}

export interface BenchContext {
  /** The province, a city and a county of the generated tree. */
  province: string;
  city: string;
  county: string;
  /** An inspector with cases (for the own-cases scope). */
  inspector: string;
  /** The dashboard's default period: the six months ending with the current one (api/routes/dashboard.ts). */
  period: { from: string; to: string };
}

export interface CaseView { name: string; query: (ctx: BenchContext) => CaseListQuery }

const PAGE: [number, number] = [0, 24];
const NEWEST = { field: 'createdAt', order: 'DESC' } as const;
const FIRST: ListPage = { kind: 'cursor', after: null, limit: 25 };
const SUPERVISOR = { username: 'bench-supervisor', roles: ['supervisor'] };
const view = (name: SavedView, viewer = SUPERVISOR): CaseListQuery['view'] => ({ name, viewer });
const OPEN_STAGES = ['judgement', 'field_evidence', 'rectification', 'verification', 'assessment'];

/**
 * The case list as the back office asks for it (GET /api/cases → db/cases.ts listCases): react-admin's offset pages,
 * and the saved views (filter.view) read page by page with a cursor, as a city's supervisor and an inspector see them.
 */
export const CASE_VIEWS: CaseView[] = [
  { name: 'province, newest first', query: (c) => ({ scope: { orgUnit: c.province }, sort: NEWEST, range: PAGE }) },
  { name: 'city, newest first', query: (c) => ({ scope: { orgUnit: c.city }, sort: NEWEST, range: PAGE }) },
  { name: 'county, open stages', query: (c) => ({ scope: { orgUnit: c.county }, stage: OPEN_STAGES, sort: NEWEST, range: PAGE }) },
  { name: 'province, origin special, page 21', query: (c) => ({ scope: { orgUnit: c.province }, origin: ['special'], sort: NEWEST, range: [500, 524] }) },
  { name: 'city, field evidence, least recently updated', query: (c) => ({ scope: { orgUnit: c.city }, stage: ['field_evidence'], sort: { field: 'updatedAt', order: 'ASC' }, range: PAGE }) },
  { name: "inspector's own cases", query: (c) => ({ scope: { orgUnit: c.county, ownCasesOf: c.inspector }, sort: NEWEST, range: PAGE }) },
  { name: 'province, search 餐馆', query: (c) => ({ scope: { orgUnit: c.province }, q: '餐馆', sort: NEWEST, range: PAGE }) },
  { name: 'province, newest first, cursor', query: (c) => ({ scope: { orgUnit: c.province }, sort: NEWEST, page: FIRST }) },
  { name: 'view 我的待办 (inspector)', query: (c) => ({ scope: { orgUnit: c.county }, view: view('mine', { username: c.inspector, roles: ['inspector'] }), sort: NEWEST, page: FIRST }) },
  { name: 'view 超期 (city)', query: (c) => ({ scope: { orgUnit: c.city }, view: view('overdue'), sort: NEWEST, page: FIRST }) },
  { name: 'view 超期 (province)', query: (c) => ({ scope: { orgUnit: c.province }, view: view('overdue'), sort: NEWEST, page: FIRST }) },
  { name: 'view 待我复核 (city)', query: (c) => ({ scope: { orgUnit: c.city }, view: view('awaiting_my_review'), sort: NEWEST, page: FIRST }) },
  { name: 'view 三级督办 (city)', query: (c) => ({ scope: { orgUnit: c.city }, view: view('escalation_tier3'), sort: NEWEST, page: FIRST }) },
  { name: 'view 疑似虚假工单 (city)', query: (c) => ({ scope: { orgUnit: c.city }, view: view('suspected_fake'), sort: NEWEST, page: FIRST }) },
];

/** Substrings of generated names and addresses (bench/provinceData.ts vocabularies). */
export const CUSTOMER_QUERIES = {
  two: ['餐馆', '建国', '江岸', '海燕'],
  three: ['人民路', '王建国', '五金店', '张海燕'],
};

/** Wuhan (the largest city), its busiest county and that county's busiest inspector; the default dashboard period. */
export async function pickContext(db: Queryable, now = new Date()): Promise<BenchContext> {
  const to = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const city = 'HB.WH';
  const county = await db.query<{ id: string }>(
    `select o.id from org_units o where o.parent_id = $1
      order by (select count(*) from cases c where c.org_unit_id like o.id || '.%') desc, o.id limit 1`,
    [city],
  );
  const countyId = county.rows[0]?.id ?? `${city}.Q01`;
  const inspector = await db.query<{ assignee: string }>(
    `select assignee from cases where org_unit_id like $1 and assignee is not null group by assignee order by count(*) desc, assignee limit 1`,
    [`${countyId}.%`],
  );
  return { province: 'HB', city, county: countyId, inspector: inspector.rows[0]?.assignee ?? 'insp-1-1', period: { from: addMonths(to, -5), to } };
}

export interface Results {
  dashboard: { items: Sample[]; floor: Sample };
  caseList: { items: Sample[]; floor: Sample };
  customerSearch: { items: Sample[]; floor: Sample };
  /** Rows each item returned on its last run (the smoke test checks that none is empty). */
  rows: Record<string, number>;
}

/** A case, event or customer number spread over the generated range (a different row each iteration). */
const spread = (i: number, n: number) => 1 + ((i * 2_654_435_761) % n);
const caseId = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

export async function measureAll(pool: pg.Pool, size: { cases: number; customers: number }, ctx: BenchContext, o: MeasureOptions, log: (m: string) => void): Promise<Results> {
  const rows: Record<string, number> = {};
  const item = async (name: string, fn: (i: number) => Promise<number>): Promise<Sample> => {
    const s = await measure(name, o, fn);
    rows[name] = s.rows;
    log(`  ${name}: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms (${s.n} runs, ${s.rows} rows)`);
    return s;
  };

  log(`units: province ${ctx.province}, city ${ctx.city}, county ${ctx.county}; inspector ${ctx.inspector}`);
  log('floors (primary-key lookups)…');
  const eventsFloor = await item('floor: case event by (case_id, seq)', async (i) =>
    (await pool.query('select * from case_events where case_id = $1 and seq = $2', [caseId(spread(i, size.cases)), 1 + (i % 5)])).rowCount ?? 0);
  const casesFloor = await item('floor: case by id', async (i) =>
    (await pool.query('select * from cases where id = $1', [caseId(spread(i, size.cases))])).rowCount ?? 0);
  const customersFloor = await item('floor: customer by account', async (i) =>
    (await pool.query('select * from customers where account_no = $1', [`42${String(spread(i, size.customers)).padStart(8, '0')}`])).rowCount ?? 0);

  log(`dashboard (${ctx.period.from}…${ctx.period.to})…`);
  const dashboard: Sample[] = [];
  for (const [level, unit] of [['province', ctx.province], ['city', ctx.city], ['county', ctx.county]] as const) {
    dashboard.push(await item(`dashboard ${level} ${unit}`, async () => {
      const d = await dashboardStats(pool, { unit, scope: ctx.province, ...ctx.period });
      return d ? d.units.length + d.trend.length : 0;
    }));
  }

  log('case list…');
  const caseList: Sample[] = [];
  for (const v of CASE_VIEWS) caseList.push(await item(`case list: ${v.name}`, async () => (await listCases(pool, v.query(ctx))).rows.length));

  log('customer search (province scope)…');
  const customerSearch: Sample[] = [];
  for (const [kind, qs] of [['2 characters', CUSTOMER_QUERIES.two], ['3 characters', CUSTOMER_QUERIES.three]] as const) {
    customerSearch.push(await item(`customer search, ${kind} (${qs.join(' ')})`, async (i) =>
      (await listCustomers(pool, ctx.province, { q: qs[i % qs.length] }, { field: 'accountNo', order: 'ASC' }, PAGE)).rows.length));
  }

  return {
    dashboard: { items: dashboard, floor: eventsFloor },
    caseList: { items: caseList, floor: casesFloor },
    customerSearch: { items: customerSearch, floor: customersFloor },
    rows,
  };
}

export const GOALS_MS = { dashboard: 300, caseList: 100, customerSearch: 100 } as const;

/** The worst item's figures: a goal holds only when every item meets it. */
export function worst(items: Sample[]): Sample {
  return items.reduce((a, b) => (b.p95 > a.p95 ? b : a));
}
