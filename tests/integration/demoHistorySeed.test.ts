import crypto from 'node:crypto';
import pg from 'pg';
import { migrateAsOwner } from '../../db/migrate';
import { rebuildCaseStats } from '../../db/caseStatsProjection';
import { listPeriods, periodStandings } from '../../db/assessmentPeriods';
import { createPool } from '../../db/pool';
import { seedReferenceData } from '../../db/seed/seedReference';
import { DEMO_HISTORY_SPEC } from '../../db/seed/demoHistory';
import { startPeriodClose } from '../../services/assessment/periods';
import { dashboardStats } from '../../services/dashboard/dashboard';
import { seedDemoHistory } from '../../services/imports/demoHistory';
import { startHarness, type Harness } from '../support/harness';
import { ownerUrl } from '../support/ownerDb';

// A first start that tells the pilot's story (#16 item 10): the demo history, seeded through the legacy import into a
// database of its own (periods are company-wide: closing months in the shared test database would freeze other
// tests' rankings), gives the dashboard non-zero suspected / confirmed / recovered figures and the rankings closed
// months, closed by the period-close workflow on a worker; seeding again adds nothing.
const name = `jicha_history_${crypto.randomBytes(4).toString('hex')}`;
const baseUrl = new URL(process.env.DATABASE_URL!);
const scratchUrl = Object.assign(new URL(baseUrl.href), { pathname: `/${name}` }).href;
// made, migrated and dropped by the schema owner; the harness and the seeding connect as the app role
const adminUrl = Object.assign(new URL(ownerUrl(baseUrl.href)), { pathname: '/postgres' }).href;
let h: Harness;
let pool: pg.Pool;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  await admin(`create database ${name}`);
  await migrateAsOwner(scratchUrl, process.env.DATABASE_OWNER_URL);
  h = await startHarness({ env: { DATABASE_URL: scratchUrl } });
  pool = createPool(scratchUrl, 3);
  await seedReferenceData(pool);
}, 300_000);

afterAll(async () => {
  await pool?.end();
  await h?.stop();
  await admin(`drop database if exists ${name} with (force)`);
}, 60_000);

const closeMonth = async (period: string) => (await startPeriodClose(h.client, h.config.TEMPORAL_TASK_QUEUE, period, 'demo-seed')).result();

test('the seeded history shows on the dashboard and in closed ranking months; a second seed adds nothing', async () => {
  const now = new Date();
  const first = await seedDemoHistory(pool, { closeMonth, now });
  expect(first).toMatchObject({ imported: DEMO_HISTORY_SPEC.suspected, rejected: 0 });
  expect(first.months).toHaveLength(6);
  expect(first.closing).toEqual(first.months);

  const stats = await dashboardStats(pool, { unit: 'HB.XN', scope: 'HB.XN', from: first.months[0], to: first.months[5] });
  const f = stats!.figures;
  expect(f.suspected).toBe(DEMO_HISTORY_SPEC.suspected);
  expect(f.checkedOnSite).toBe(DEMO_HISTORY_SPEC.suspected);
  expect(f.confirmed).toBe(450);
  expect(f.confirmationRate).toBeCloseTo(0.286, 2);
  expect(f.recovered.totalYuan).toBeGreaterThan(900_000);
  expect(stats!.trend.every((t) => t.suspected > 0 && t.recoveredYuan > 0)).toBe(true);
  // the aggregate the import added to is what a rebuild from cases and their events computes
  const aggregate = async () => (await pool.query('select * from case_stats_monthly order by org_unit_id, month, origin, problem_type')).rows;
  const added = await aggregate();
  await rebuildCaseStats(pool);
  expect(await aggregate()).toEqual(added);

  const closed = (await listPeriods(pool)).map((p) => p.period).sort();
  expect(closed).toEqual(first.months);
  const last = await periodStandings(pool, first.months[5]);
  expect(last.closed).not.toBeNull();
  const inspectors = last.rows.filter((r) => r.partyKind === 'inspector');
  expect(inspectors.map((r) => r.partyId).sort()).toEqual(['inspector', 'inspector2']);
  expect(inspectors.map((r) => r.name).sort()).toEqual(['李稽查', '王用检'].sort());
  expect(last.rows.filter((r) => r.partyKind === 'station').length).toBeGreaterThanOrEqual(2);

  const count = async () => (await pool.query<{ n: number }>('select count(*)::int as n from cases')).rows[0].n;
  const before = await count();
  const again = await seedDemoHistory(pool, { closeMonth, now });
  expect(again).toEqual({ imported: 0, rejected: 0, months: first.months, closing: [] });
  expect(await count()).toBe(before);
}, 300_000);
