import fc from 'fast-check';
import type pg from 'pg';
import { createPool } from '../../db/pool';
import { populationJudgementSql } from '../../db/judgementSql';
import { createBuiltinConnector } from '../../db/upstream/builtinConnector';
import { judgeCustomer } from '../../db/judgeCustomer';
import { addMonths, firstDay } from '../../domain/billingMonths';
import { buildFacts, centi, evaluateFacts, JudgementRuleSet, prepareRuleSet, type Evaluation } from '../../domain/judgementRules';
import { AREA_TYPES, type AreaFacts, type AreaType } from '../../domain/lineLossRules';
import type { CustomerStatus } from '../../domain/customerData';

// The line-loss family (台区线损) three ways on generated areas and bills, as judgementSemantics.property.test.ts does
// for the other families: the SQL pushdown over the population, one customer through the built-in connector, and in
// memory. Temporary tables shadow the real ones for this connection only.

const AS_OF = '2026-03';
let pool: pg.Pool;
let db: pg.PoolClient;

beforeAll(async () => {
  pool = createPool(process.env.DATABASE_URL!, 2);
  db = await pool.connect();
  for (const t of ['org_units', 'customers', 'monthly_consumption', 'daily_readings', 'meter_events', 'station_areas', 'area_supply']) {
    await db.query(`create temp table ${t} (like public.${t} including defaults)`);
  }
  await db.query("insert into org_units (id, parent_id, level, name_zh, name_en) values ('PT', null, 'county', '测', 'T'), ('PT.A', 'PT', 'station', 'A', 'A')");
});
afterAll(async () => {
  db?.release();
  await pool?.end();
});

interface Area { id: string; type: AreaType; supplied: number | null }
interface Gen { accountNo: string; status: CustomerStatus; areaId: string | null; bills: { month: string; kwh: number }[] }

// Few distinct amounts so that thresholds are met exactly (a drop of exactly 30 %, a loss exactly at the norm).
const kwh = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(0, 30, 60, 70, 100, 140, 200) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 100_000 }).map((x) => x / 100) });
const areaArb = (id: string) => fc.record({
  id: fc.constant(id),
  type: fc.constantFrom(...AREA_TYPES),
  supplied: fc.oneof(fc.constant(null), fc.constantFrom(0, 300, 400, 500, 1000, 2000, 5000, 5000), fc.integer({ min: 0, max: 500_000 }).map((x) => x / 100)),
});
const customerArb = (i: number) => fc.record({
  accountNo: fc.constant(`43000000${String(i).padStart(2, '0')}`),
  status: fc.constantFrom<CustomerStatus>('active', 'active', 'suspended'),
  areaId: fc.constantFrom('A1', 'A1', 'A2', null),
  bills: fc.array(fc.option(kwh, { nil: null, freq: 8 }), { minLength: 5, maxLength: 5 }),
  // half the customers' as-of month is a share of their month before (0.3 of it: a drop of exactly 70 %)
  dropTo: fc.option(fc.constantFrom(0, 0.3, 0.5, 0.7), { nil: null, freq: 2 }),
}).map(({ dropTo, ...c }): Gen => {
  const amounts = c.bills.map((k, j) => (j === 1 && dropTo !== null && k !== null && c.bills[2] != null ? Math.round(c.bills[2] * dropTo * 100) / 100 : k));
  return { ...c, bills: amounts.flatMap((k, j) => (k === null ? [] : [{ month: addMonths(AS_OF, 1 - j), kwh: k }])) };
});

const ruleArb = fc.record({
  normPercent: fc.record({ urban: fc.constantFrom(0, 5, 10), town: fc.double({ min: 0, max: 50, noNaN: true }), rural: fc.constantFrom(9, 20) }),
  marginPoints: fc.constantFrom(0, 3, 10),
  negativeAbnormal: fc.boolean(),
  baselineMonths: fc.integer({ min: 1, max: 3 }),
  minDrop: fc.oneof(fc.constantFrom(0.3, 0.5, 1), fc.double({ min: 0.01, max: 1, noNaN: true })),
  minTrailingAvgMonthlyKwh: fc.constantFrom(0, 30, 100),
  statuses: fc.subarray(['active', 'suspended', 'closed'] as CustomerStatus[], { minLength: 1 }),
  netOfPeers: fc.option(fc.boolean(), { nil: undefined }),
});

async function load(areas: Area[], customers: Gen[]): Promise<void> {
  await db.query('truncate customers, monthly_consumption, station_areas, area_supply');
  for (const a of areas) {
    await db.query("insert into station_areas (id, name, station_id, area_type) values ($1, $1, 'PT.A', $2)", [a.id, a.type]);
    if (a.supplied !== null) await db.query('insert into area_supply (area_id, month, supplied_kwh) values ($1, $2, $3)', [a.id, firstDay(AS_OF), a.supplied]);
  }
  for (const c of customers) {
    await db.query("insert into customers (account_no, name, address, tariff_category, station_id, status, area_id) values ($1, 'n', 'a', 'residential', 'PT.A', $2, $3)", [c.accountNo, c.status, c.areaId]);
    await db.query(
      `insert into monthly_consumption (account_no, month, kwh, amount_yuan, tariff_category) select $1, m, k, 0, 'residential' from unnest($2::date[], $3::numeric[]) as u(m, k)`,
      [c.accountNo, c.bills.map((b) => firstDay(b.month)), c.bills.map((b) => b.kwh)],
    );
  }
}

function inMemory(rs: JudgementRuleSet, areas: Area[], customers: Gen[]): Evaluation[] {
  const p = prepareRuleSet(rs, AS_OF);
  const facts = (id: string | null): AreaFacts | null => {
    const a = areas.find((x) => x.id === id);
    if (!a) return null;
    const billed = customers.filter((c) => c.areaId === a.id).flatMap((c) => c.bills.filter((b) => b.month === AS_OF)).reduce((s, b) => s + centi(b.kwh), 0);
    return { areaId: a.id, areaType: a.type, suppliedCenti: a.supplied === null ? null : centi(a.supplied), billedCenti: billed };
  };
  const archive = (c: Gen) => ({ accountNo: c.accountNo, tariffCategory: 'residential' as const, whitelist: false, status: c.status, stationId: 'PT.A', contractCapacityKva: null });
  // every customer is a residential one of station PT.A: one peer group (netOfPeers reads its totals)
  const peerTotals = [...new Set(customers.flatMap((c) => c.bills.map((b) => b.month)))].map((month) => {
    const billed = customers.flatMap((c) => c.bills.filter((b) => b.month === month));
    return { month, kwhCenti: billed.reduce((s, b) => s + centi(b.kwh), 0), customers: billed.length };
  });
  return customers.map((c) => evaluateFacts(p, buildFacts(p, archive(c), c.bills, peerTotals, [], [], facts(c.areaId))));
}

const byAccount = (es: Evaluation[]) => Object.fromEntries(es.map((e) => [e.accountNo, e.fired]));

test('the line-loss rule: SQL pushdown, the connector and in memory agree on every customer', async () => {
  const connector = createBuiltinConnector(db);
  let fired = 0;
  let firedNetOfPeers = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.tuple(areaArb('A1'), areaArb('A2')),
      fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => customerArb(i)))),
      ruleArb,
      async (areas, customers, params) => {
        await load(areas, customers);
        const rs = JudgementRuleSet.parse({
          version: 'prop-ll', source: 'property test', priorityThresholds: { urgent: 90, high: 60, normal: 30 }, campaignMinScore: 40,
          rules: [{ code: 'LL', kind: 'area_line_loss', anomalyType: 'theft', weight: 50, textZh: '线损', textEn: 'loss', checkItems: [], params }],
        });
        const p = prepareRuleSet(rs, AS_OF);
        const sql = populationJudgementSql(p, { scope: null, minScore: 0 });
        const rows = (await db.query<{ account_no: string; reasons: string[] }>(sql.text, sql.values)).rows;
        const expected = inMemory(rs, areas, customers);
        const viaConnector: Evaluation[] = [];
        for (const e of expected) viaConnector.push((await judgeCustomer(connector, p, e.accountNo))!.evaluation);
        fired += expected.filter((e) => e.fired.length).length;
        if (params.netOfPeers) firedNetOfPeers += expected.filter((e) => e.fired.length).length;
        expect(byAccount(viaConnector)).toEqual(byAccount(expected));
        expect(Object.fromEntries(rows.map((r) => [r.account_no, r.reasons]))).toEqual(byAccount(expected));
      },
    ),
    { numRuns: 150, seed: Number(process.env.FC_SEED ?? 20261204) },
  );
  // the generators must make the rule fire often, or agreement would be trivial
  expect(fired).toBeGreaterThan(30);
  expect(firedNetOfPeers).toBeGreaterThan(5);
}, 180_000);
