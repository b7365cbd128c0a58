import fc from 'fast-check';
import type pg from 'pg';
import { appendCaseEvent } from '../../db/caseLog';
import { rebuildCaseStats } from '../../db/caseStatsProjection';
import { dashboardStats, type DashboardQuery, type DashboardStats } from '../../db/dashboardStats';
import { referencePeriod } from '../../db/dashboardStatsReference';
import { createPool } from '../../db/pool';
import { addMonths } from '../../domain/billingMonths';

// The dashboard's period figures from the aggregate the projection keeps (case_stats_monthly) equal the per-request
// SQL it replaced, over generated event streams written through the projection (appendCaseEvent), retries included;
// and again after the aggregate is rebuilt from the log. Temporary tables shadow the real ones for this one
// connection (a pool of one), so the shared test database is neither read nor written.

let pool: pg.Pool;

const UNITS = ['PS', 'PS.A', 'PS.A.X', 'PS.A.X.S1', 'PS.A.X.S2', 'PS.A.Y', 'PS.A.Y.S1', 'PS.B', 'PS.B.Z', 'PS.B.Z.S1', 'PSX', 'PSX.S1'];
const LEVELS = ['province', 'city', 'county', 'station'];
// Case units: mostly stations, some counties and cities (a case at a unit with children counts in no child)
const CASE_UNITS = ['PS.A.X.S1', 'PS.A.X.S2', 'PS.A.Y.S1', 'PS.B.Z.S1', 'PSX.S1', 'PS.A.X', 'PS.B'];
const MONTHS = ['2025-11', '2025-12', '2026-01', '2026-02'];
const PROBLEM_TYPES = ['wrong_tariff', 'theft', 'meter_fault'];

beforeAll(async () => {
  pool = createPool(process.env.DATABASE_URL!, 1);
  for (const t of ['org_units', 'customers', 'cases', 'case_events', 'case_stats_monthly']) {
    await pool.query(`create temp table ${t} (like public.${t} including all)`);
  }
  for (const id of UNITS) {
    const parent = id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : null;
    await pool.query('insert into org_units (id, parent_id, level, name_zh, name_en) values ($1, $2, $3, $4, $5)', [id, parent, LEVELS[id.split('.').length - 1], `单位${id}`, `Unit ${id}`]);
  }
});
afterAll(async () => {
  await pool?.end();
});

// An instant in a month: near its Beijing-time edges (the UTC day before it starts at 16:00) or inside it.
const instantArb = fc.tuple(fc.constantFrom(...MONTHS), fc.constantFrom(-1, 0, 1, 2), fc.integer({ min: 0, max: 3 })).map(([month, edge, d]) => {
  const start = Date.parse(`${month}-01T00:00:00+08:00`);
  const end = Date.parse(`${addMonths(month, 1)}-01T00:00:00+08:00`);
  const offsets = [start - 60_000, start, start + (d + 1) * 86_400_000 + 3_600_000, end - 1];
  return offsets[edge + 1];
});
const yuanArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 }).map((c) => c / 100));

const eventArb: fc.Arbitrary<{ type: string; payload: Record<string, unknown> }> = fc.oneof(
  fc.record({
    type: fc.constant('findings_submitted'),
    payload: fc.record({
      result: fc.constantFrom('confirmed', 'not_confirmed'),
      problemType: fc.constantFrom(...PROBLEM_TYPES),
      presence: fc.record({ weak: fc.boolean(), confidence: fc.double({ min: 0, max: 1, noNaN: true }) }),
    }, { requiredKeys: ['result'] }),
  }),
  fc.record({
    type: fc.constant('rectification_issued'),
    payload: fc.record({ computations: fc.array(fc.record({ backBillingYuan: yuanArb, penaltyYuan: yuanArb }), { maxLength: 3 }) }, { requiredKeys: [] }),
  }),
  fc.record({
    type: fc.constant('verified'),
    payload: fc.record({ round: fc.constant(1), outcome: fc.constantFrom('pass', 'reject'), reason: fc.constant(null), confirmedCollectedYuan: yuanArb }, { requiredKeys: ['outcome'] }),
  }),
  fc.record({ type: fc.constantFrom('accepted', 'note_added', 'recording_failed'), payload: fc.constant({ eventType: 'findings_submitted' }) }),
);

// A verification passed moves the case on to assessment, so a case has at most one (a later one here is a reject).
// The per-request SQL joined each order to every pass of the case in the period, so it would count a case's amounts
// once per pass per pass; the workflow never records a second pass.
const onePass = <T extends { event: { type: string; payload: Record<string, unknown> } }>(events: T[]): T[] => {
  let passed = false;
  return events.map((e) => {
    if (e.event.type !== 'verified' || e.event.payload.outcome !== 'pass') return e;
    if (!passed) {
      passed = true;
      return e;
    }
    return { ...e, event: { type: 'verified', payload: { round: 2, outcome: 'reject', reason: '未整改' } } };
  });
};

const caseArb = fc.record({
  unit: fc.constantFrom(...CASE_UNITS),
  origin: fc.constantFrom('routine', 'special', 'custom'),
  openedAt: instantArb,
  openedTwice: fc.boolean(),
  events: fc.array(fc.record({ event: eventArb, at: instantArb, retried: fc.boolean() }), { maxLength: 6 }).map(onePass),
});

const queryArb = fc.record({
  unit: fc.constantFrom(...UNITS),
  scope: fc.constantFrom('PS', 'PS.A', 'PS.A.X', 'PS.B', 'PSX', 'PS.A.X.S1'),
  from: fc.constantFrom(...MONTHS),
  span: fc.integer({ min: 0, max: 3 }),
}).map(({ unit, scope, from, span }): DashboardQuery => ({ unit, scope, from, to: addMonths(from, span) }));

let run = 0;
type GeneratedCase = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;
async function write(cases: GeneratedCase[]): Promise<void> {
  await pool.query('truncate customers, cases, case_events, case_stats_monthly');
  run += 1;
  for (const [i, c] of cases.entries()) {
    const accountNo = `7${String(run % 100_000).padStart(5, '0')}${String(i).padStart(4, '0')}`;
    await pool.query(`insert into customers (account_no, name, address, tariff_category, station_id) values ($1, '测试', '测试', 'residential', $2)`, [accountNo, c.unit]);
    const caseId = `00000000-0000-4000-8000-${String(run).padStart(6, '0')}${String(i).padStart(6, '0')}`;
    const openedAt = new Date(c.openedAt).toISOString();
    const opened = { id: caseId, workflowId: `prop-${caseId}`, customerAccountNo: accountNo, origin: c.origin, priority: 'normal', note: null, createdBy: 'prop', createdAt: openedAt, campaignId: null };
    const first = { caseId, seq: 1, type: 'opened', stage: 'judgement' as const, actor: 'prop', payload: {}, occurredAt: openedAt };
    await appendCaseEvent(pool, first, undefined, opened);
    if (c.openedTwice) await appendCaseEvent(pool, first, undefined, opened); // the activity retried
    for (const [k, { event, at, retried }] of c.events.entries()) {
      const e = { caseId, seq: k + 2, type: event.type, stage: 'field_evidence' as const, actor: 'prop', payload: event.payload, occurredAt: new Date(at).toISOString() };
      expect((await appendCaseEvent(pool, e)).inserted).toBe(true);
      if (retried) expect((await appendCaseEvent(pool, e)).inserted).toBe(false);
    }
  }
}

const withoutClock = (s: DashboardStats | null) => (s ? { ...s, asOf: '' } : s);
const aggregateRows = async () =>
  (await pool.query(`select org_unit_id, month::text, origin, problem_type, suspected, checked, confirmed, flagged, back_billing::text, penalty::text
                       from case_stats_monthly order by 1, 2, 3, 4`)).rows;

test('aggregate figures equal the per-request SQL over random event streams, incrementally and after a rebuild; the import\'s per-case addition equals the rebuild', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(caseArb, { minLength: 1, maxLength: 14 }), fc.array(queryArb, { minLength: 3, maxLength: 6 }), async (cases, queries) => {
      await write(cases);
      // one query that sees everything, so each generated fact is compared at least once
      const all: DashboardQuery[] = [{ unit: 'PS', scope: 'PS', from: MONTHS[0], to: MONTHS.at(-1)! }, { unit: 'PSX', scope: 'PSX', from: MONTHS[0], to: MONTHS.at(-1)! }, ...queries];
      for (const q of all) expect(withoutClock(await dashboardStats(pool, q))).toEqual(withoutClock(await dashboardStats(pool, q, referencePeriod)));
      await rebuildCaseStats(pool);
      for (const q of all) expect(withoutClock(await dashboardStats(pool, q))).toEqual(withoutClock(await dashboardStats(pool, q, referencePeriod)));
      // the legacy import's addition (case_stats_add_cases, the same facts query for given cases) onto an empty
      // aggregate, a few cases at a time, gives the rebuild's rows
      const rebuilt = await aggregateRows();
      await pool.query('delete from case_stats_monthly');
      const ids = (await pool.query<{ id: string }>('select id from cases order by id')).rows.map((r) => r.id);
      for (let i = 0; i < ids.length; i += 3) await pool.query('select case_stats_add_cases($1::uuid[])', [ids.slice(i, i + 3)]);
      expect(await aggregateRows()).toEqual(rebuilt);
    }),
    { numRuns: 40 },
  );
}, 300_000);

test('the aggregate holds each fact under the case unit and every ancestor, and nothing else', async () => {
  await write([{ unit: 'PS.A.X.S1', origin: 'routine', openedAt: Date.parse('2026-01-01T00:30:00+08:00'), openedTwice: true, events: [
    { event: { type: 'findings_submitted', payload: { result: 'confirmed', problemType: 'theft', presence: { weak: true } } }, at: Date.parse('2026-01-31T23:59:00+08:00'), retried: true },
    { event: { type: 'rectification_issued', payload: { computations: [{ backBillingYuan: 321, penaltyYuan: 481.5 }] } }, at: Date.parse('2026-02-01T00:00:00+08:00'), retried: false },
    { event: { type: 'verified', payload: { outcome: 'pass', confirmedCollectedYuan: 500 } }, at: Date.parse('2026-02-03T00:00:00+08:00'), retried: true },
  ] }]);
  const rows = (await pool.query(`select org_unit_id, to_char(month, 'YYYY-MM') as month, origin, problem_type, suspected, checked, confirmed, flagged, back_billing::text, penalty::text
                                    from case_stats_monthly order by 1, 2, 4`)).rows;
  const expected = (u: string) => [
    { org_unit_id: u, month: '2026-01', origin: 'routine', problem_type: '', suspected: 1, checked: 0, confirmed: 0, flagged: 0, back_billing: '0', penalty: '0' },
    { org_unit_id: u, month: '2026-01', origin: 'routine', problem_type: 'theft', suspected: 0, checked: 1, confirmed: 1, flagged: 1, back_billing: '0', penalty: '0' },
    { org_unit_id: u, month: '2026-02', origin: 'routine', problem_type: 'theft', suspected: 0, checked: 0, confirmed: 0, flagged: 0, back_billing: '200.00', penalty: '300.00' },
  ];
  expect(rows).toEqual(['PS', 'PS.A', 'PS.A.X', 'PS.A.X.S1'].flatMap(expected));
});
