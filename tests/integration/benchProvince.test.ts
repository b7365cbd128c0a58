import type pg from 'pg';
import { ensureBenchDb } from '../../bench/benchDb';
import { generateProvince, generatedSize, provinceCounts, type ProvinceSize } from '../../bench/provinceData';
import { hubeiOrgUnits } from '../../bench/provinceOrg';
import { CASE_VIEWS, CUSTOMER_QUERIES, measureAll, pickContext } from '../../bench/provinceMeasure';
import { dashboardStats } from '../../db/dashboardStats';
import { migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';

// `npm run bench:province` at a tiny size, in a database of its own beside the test one (the bench empties its
// tables): the generator writes the counts it was asked for, in the shapes the dashboard reads, and every measured
// query returns rows. Timings are the bench's business, never a test's.
const SIZE: ProvinceSize = { cases: 3000, customers: 6000, eventsPerCase: 5 };
let pool: pg.Pool;

beforeAll(async () => {
  const url = await ensureBenchDb(process.env.DATABASE_URL!, 'jicha_province_smoke');
  await migrate(url);
  pool = createPool(url, 4);
  await generateProvince(pool, SIZE, () => undefined);
}, 300_000);

afterAll(async () => {
  await pool?.end();
});

test('generates the org tree of Hubei and the rows asked for, and recognises them as reusable', async () => {
  const units = hubeiOrgUnits();
  expect(units.filter((u) => u.level === 'city')).toHaveLength(17);
  expect(units.filter((u) => u.level === 'county')).toHaveLength(103);
  const n = await provinceCounts(pool);
  expect(n).toMatchObject({ orgUnits: units.length, customers: SIZE.customers, cases: SIZE.cases, events: SIZE.cases * SIZE.eventsPerCase });
  expect(n.escalations).toBeGreaterThan(0);
  expect(await generatedSize(pool)).toEqual(SIZE);
  // every case's events form a chain: each prev_hash is the previous event's hash
  const broken = await pool.query(
    `select count(*)::int as n from case_events e join case_events p on p.case_id = e.case_id and p.seq = e.seq - 1 where e.prev_hash <> p.hash`,
  );
  expect(broken.rows[0].n).toBe(0);
});

test('the generated province has every figure the dashboard shows', async () => {
  const ctx = await pickContext(pool);
  const d = await dashboardStats(pool, { unit: ctx.province, scope: ctx.province, ...ctx.period });
  const f = d!.figures;
  expect(d!.units).toHaveLength(17);
  expect(f.suspected).toBeGreaterThan(0);
  expect(f.checkedOnSite).toBeGreaterThan(f.confirmed);
  expect(f.confirmed).toBeGreaterThan(0);
  expect(f.recovered.backBillingYuan).toBeGreaterThan(0);
  expect(f.recovered.penaltyYuan).toBeGreaterThan(0);
  expect(f.overdueSteps).toBeGreaterThan(0);
  expect(f.openEscalations.tier1).toBeGreaterThan(0);
  expect(f.openEscalations.tier3).toBeGreaterThan(0);
  expect(f.presenceReview.pending + f.presenceReview.flagged).toBeGreaterThan(0);
});

test('each measurement returns rows', async () => {
  const ctx = await pickContext(pool);
  const r = await measureAll(pool, SIZE, ctx, { iterations: 1, warmup: 0, budgetMs: 0 }, () => undefined);
  expect(r.dashboard.items).toHaveLength(3);
  expect(r.caseList.items).toHaveLength(CASE_VIEWS.length);
  expect(r.customerSearch.items).toHaveLength(2);
  expect(Object.keys(r.rows)).toHaveLength(3 + 3 + CASE_VIEWS.length + 2);
  for (const [name, rows] of Object.entries(r.rows)) expect([name, rows > 0]).toEqual([name, true]);
  expect(CUSTOMER_QUERIES.two.every((q) => q.length === 2) && CUSTOMER_QUERIES.three.every((q) => q.length === 3)).toBe(true);
});
